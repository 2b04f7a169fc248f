"""The site's chrome (menu, legal links, breadcrumbs), built with as few queries as possible.

One query fetches the two menu levels and the legal pages together, and its result is kept in
the shared cache until the content changes; the breadcrumb trail of any page inside the menu is
then known without another query.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, Site

from localret_site.caching.derived import cached_until_content_changes


@dataclass
class MenuEntry:
    page: Page
    children: list["MenuEntry"] = field(default_factory=list)


@dataclass
class SiteChrome:
    root: Page | None
    menu: list[MenuEntry]
    legal_pages: list[Page]

    def pages_by_path(self):
        pages = [entry.page for entry in self.menu]
        pages += [child.page for entry in self.menu for child in entry.children]
        return {page.path: page for page in [self.root, *pages, *self.legal_pages] if page}


def site_root(request):
    """The root page of the site serving this request (Wagtail caches the Site on the request)."""
    site = Site.find_for_request(request)
    return site.root_page if site else None


def site_chrome(request):
    """Menu and legal pages of the request's site, read once per request."""
    if not hasattr(request, "_site_chrome"):
        root = site_root(request)
        request._site_chrome = cached_until_content_changes(
            f"site-chrome:{root.pk if root else None}", lambda: build_site_chrome(root)
        )
    return request._site_chrome


def build_site_chrome(root):
    if root is None:
        return SiteChrome(root=None, menu=[], legal_pages=[])
    from pages.models import StandardPage  # models import this module for their context

    standard_page_type = ContentType.objects.get_for_model(StandardPage)
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(root)
        .filter(
            Q(show_in_menus=True, depth__lte=root.depth + 2)
            | Q(content_type=standard_page_type, depth=root.depth + 1)
        )
        .order_by("path")
    )
    menu, legal_pages = [], []
    for page in pages:
        if page.content_type_id == standard_page_type.pk and not page.show_in_menus:
            legal_pages.append(page)
        elif page.depth == root.depth + 1:
            menu.append(MenuEntry(page))
        elif menu and page.path.startswith(menu[-1].page.path):
            menu[-1].children.append(MenuEntry(page))
    return SiteChrome(root=root, menu=menu, legal_pages=legal_pages)


def menu_tree(request):
    """The home page's "show in menus" children, each with its own such children."""
    return site_chrome(request).menu


def menu_children_of(request, page):
    """The menu pages under `page`, or an empty list when it is not a top menu entry."""
    for entry in menu_tree(request):
        if entry.page.pk == page.pk:
            return [child.page for child in entry.children]
    return []


def breadcrumb_trail(request, page):
    """The pages from the site's home page down to `page`, both included.

    Ancestors that the menu already holds need no query; deeper pages cost one.
    """
    chrome = site_chrome(request)
    root = chrome.root
    if root is None or not page.path.startswith(root.path):
        return [page]
    known = chrome.pages_by_path()
    ancestor_paths = [
        page.path[:length] for length in range(len(root.path), len(page.path), Page.steplen)
    ]
    if all(path in known for path in ancestor_paths):
        ancestors = [known[path] for path in ancestor_paths]
    else:
        ancestors = list(
            Page.objects.ancestor_of(page).filter(depth__gte=root.depth).order_by("depth")
        )
    return [*ancestors, page]
