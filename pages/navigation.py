"""The site's main menu and breadcrumb trails, read with plain Wagtail querysets.

The header and the footer that show them are cached as template fragments keyed on the content
generation (templates/base.html), so these queries run once per content change and page.
"""

from wagtail.models import Page, Site


def menu_tree(request):
    """The live, public children of the site's home page that are shown in menus, each with
    the same of its own children as `children`, in the tree's order: one query for both levels."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    pages = (
        Page.objects.live()
        .public()
        .in_menu()
        .descendant_of(root)
        .filter(depth__lte=root.depth + 2)
        .order_by("path")
    )
    menu = []
    for page in pages:
        if page.depth == root.depth + 1:
            page.children = []
            menu.append(page)
        elif menu and page.path.startswith(menu[-1].path):
            menu[-1].children.append(page)
    return menu


def breadcrumb_trail(request, page):
    """The pages from the site's home page down to `page`, both included.

    Each page knows its parent: a page that Wagtail has routed to was found from it, so the
    trail of a page being served costs no query (one per level for a page found otherwise).
    """
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    if root is None or not page.path.startswith(root.path):
        return [page]
    trail = [page]
    while trail[0].depth > root.depth:
        trail.insert(0, trail[0].get_parent())
    return trail
