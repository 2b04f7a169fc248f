from wagtail import hooks
from wagtail.admin.ui.components import Component

from pages.placeholders import pages_with_placeholders


class PlaceholderPagesPanel(Component):
    """Dashboard panel listing the live pages that still show a placeholder text."""

    name = "placeholder_pages"
    order = 50
    template_name = "pages/admin/placeholder_pages_panel.html"

    def get_context_data(self, parent_context):
        return {"pages": pages_with_placeholders()}


@hooks.register("construct_homepage_panels")
def add_placeholder_pages_panel(request, panels):
    panels.append(PlaceholderPagesPanel())
