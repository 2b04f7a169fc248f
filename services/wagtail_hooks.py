from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from services.models import ServiceCategory


class ServiceCategoryViewSet(SnippetViewSet):
    """The categories of services, in the order the services page lists them (drag to
    reorder)."""

    model = ServiceCategory
    icon = "tag"
    add_to_admin_menu = True
    menu_label = _("Service categories")
    menu_order = 220
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


register_snippet(ServiceCategoryViewSet)
