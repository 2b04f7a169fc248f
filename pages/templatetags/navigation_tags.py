from django import template

from pages.navigation import breadcrumb_trail, menu_tree, site_chrome

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The header menu, marking the current page and the section it belongs to."""
    current = context.get("page")

    def state(link):
        return {
            "link": link,
            "current": current is not None and current.pk == link.pk,
            "in_section": current is not None and current.path.startswith(link.path),
        }

    items = [
        {**state(entry), "children": [state(child) for child in entry.children]}
        for entry in menu_tree(context["request"])
    ]
    return {"items": items}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """Links to the legal pages (the standard pages under the home page)."""
    return {"links": site_chrome(context["request"]).legal_pages}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the home page to the current page (none on the home page itself)."""
    page = context.get("page")
    trail = breadcrumb_trail(context["request"], page) if page is not None else []
    return {"trail": trail if len(trail) > 1 else []}
