"""The members listing's open-data addresses from before `?format=`: `…/export.csv`,
`…/export.json` and the CSV's Table Schema, `…/export.schema.json`, answer a permanent redirect.

Wagtail serves page paths made of letters, digits and hyphens only, so these are routed here.
Include these patterns ahead of Wagtail's.
"""

from django.urls import re_path

from members.views import redirect_former_export

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)export\.(?P<extension>csv|json|schema\.json)$",
        redirect_former_export,
        name="members_former_export",
    ),
]
