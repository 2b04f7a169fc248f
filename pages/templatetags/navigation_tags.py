from django import template

from pages.navigation import breadcrumb_trail, menu_tree, site_chrome

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The header menu, marking the current page and the section it belongs to."""
    request = context["request"]
    current = context.get("page")

    def state(page):
        return {
            "page": page,
            "current": current is not None and current.pk == page.pk,
            "in_section": current is not None and current.path.startswith(page.path),
        }

    items = [
        {**state(entry.page), "children": [state(child.page) for child in entry.children]}
        for entry in menu_tree(request)
    ]
    return {"items": items, "request": request}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """Links to the legal pages (the standard pages under the home page)."""
    request = context["request"]
    return {"pages": site_chrome(request).legal_pages, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the home page to the current page (none on the home page itself)."""
    page = context.get("page")
    request = context["request"]
    trail = breadcrumb_trail(request, page) if page is not None else []
    if len(trail) < 2:
        return {"ancestors": [], "page": None}
    return {"ancestors": trail[:-1], "page": page, "request": request}


@register.simple_tag(takes_context=True)
def page_breadcrumb_trail(context, page):
    """The trail as a list, for templates that render it themselves (structured data)."""
    return breadcrumb_trail(context["request"], page)
