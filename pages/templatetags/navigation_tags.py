from django import template
from wagtail.models import Page, Site

from pages.models import StandardPage

register = template.Library()


def site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The menu: the home page's "show in menus" children, each with its own such children.

    Both levels come from one query, whatever the number of pages.
    """
    request = context["request"]
    root = site_root(request)
    current = context.get("page")
    if root is None:
        return {"items": []}
    menu_pages = list(
        Page.objects.live()
        .public()
        .in_menu()
        .descendant_of(root)
        .filter(depth__lte=root.depth + 2)
        .order_by("path")
    )
    items = []
    for menu_page in menu_pages:
        entry = {
            "page": menu_page,
            "current": current is not None and current.pk == menu_page.pk,
            "in_section": current is not None and current.path.startswith(menu_page.path),
            "children": [],
        }
        if menu_page.depth == root.depth + 1:
            items.append(entry)
        elif items and menu_page.path.startswith(items[-1]["page"].path):
            items[-1]["children"].append(entry)
    return {"items": items, "request": request}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """Links to the legal pages (the standard pages under the home page)."""
    request = context["request"]
    root = site_root(request)
    pages = StandardPage.objects.live().public().child_of(root) if root else []
    return {"pages": pages, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the home page to the current page (none on the home page itself)."""
    page = context.get("page")
    request = context["request"]
    root = site_root(request)
    if page is None or root is None or page.depth <= root.depth:
        return {"ancestors": [], "page": None}
    ancestors = Page.objects.ancestor_of(page).filter(depth__gte=root.depth).order_by("depth")
    return {"ancestors": ancestors, "page": page, "request": request}
