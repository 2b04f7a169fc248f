"""Addresses under the members page that Wagtail's page URLs cannot express.

Wagtail serves page paths made of letters, digits and hyphens only, so the listing's open-data
files, `…/export.csv` and `…/export.json`, and the CSV's Table Schema, `…/export.schema.json`,
are routed here and handed to the page. Include these patterns ahead of Wagtail's.
"""

from django.urls import re_path

from members.views import serve_export

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)export\.(?P<extension>csv|json|schema\.json)$",
        serve_export,
        name="members_export",
    ),
]
