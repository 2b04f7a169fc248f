"""The site's chrome (menu, legal links, breadcrumbs), built with as few queries as possible.

One query fetches the two menu levels and the legal pages together. They are kept in the shared
cache, with their addresses, until the content changes; the breadcrumb trail of any page inside
the menu is then known without a query, and no menu link is worked out again on each request.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, Site

from localret_site.caching.derived import cached_until_content_changes


@dataclass
class PageLink:
    """What the chrome shows of a page: its title and description, and its address from the
    request's site (`url`, as `pageurl` gives it).

    Plain values rather than the page itself: the chrome is read on every request.
    """

    pk: int
    path: str
    content_type_id: int
    title: str
    search_description: str
    url: str
    children: list["PageLink"] = field(default_factory=list)

    @classmethod
    def to(cls, page, request, url=None):
        return cls(
            pk=page.pk,
            path=page.path,
            content_type_id=page.content_type_id,
            title=page.title,
            search_description=page.search_description,
            url=url if url is not None else page.get_url(request),
        )

    @property
    def specific_class(self):
        return page_class(self.content_type_id)


def page_class(content_type_id):
    """The page model of a content type; a page type since removed from the code leaves its
    pages as plain pages."""
    return ContentType.objects.get_for_id(content_type_id).model_class() or Page


@dataclass
class SiteChrome:
    root: PageLink | None
    menu: list[PageLink]
    legal_pages: list[PageLink]

    def links_by_path(self):
        links = [*self.menu, *(child for entry in self.menu for child in entry.children)]
        return {link.path: link for link in [self.root, *links, *self.legal_pages] if link}


def site_chrome(request):
    """Menu and legal pages of the request's site, read once per request."""
    if not hasattr(request, "_site_chrome"):
        site = Site.find_for_request(request)
        request._site_chrome = cached_until_content_changes(
            f"site-chrome:{site.pk if site else None}", lambda: build_site_chrome(site, request)
        )
    return request._site_chrome


def build_site_chrome(site, request):
    """The chrome of `site`; its links are worked out for `request`, which is on that site."""
    if site is None:
        return SiteChrome(root=None, menu=[], legal_pages=[])
    from pages.models import StandardPage  # models import this module for their context

    root = site.root_page
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
        link = PageLink.to(page, request)
        if page.content_type_id == standard_page_type.pk and not page.show_in_menus:
            legal_pages.append(link)
        elif page.depth == root.depth + 1:
            menu.append(link)
        elif menu and page.path.startswith(menu[-1].path):
            menu[-1].children.append(link)
    return SiteChrome(root=PageLink.to(root, request), menu=menu, legal_pages=legal_pages)


def menu_tree(request):
    """The home page's "show in menus" children, each with its own such children."""
    return site_chrome(request).menu


def menu_children_of(request, page):
    """The menu links under `page`, or an empty list when it is not a top menu entry."""
    for entry in menu_tree(request):
        if entry.pk == page.pk:
            return entry.children
    return []


def breadcrumb_trail(request, page):
    """Links to the pages from the site's home page down to `page`, both included.

    Ancestors that the menu already holds need no query; deeper pages cost one.
    """
    chrome = site_chrome(request)
    known = chrome.links_by_path()
    # The page given, which may be a preview, at the addresses the menu knows it by.
    known_link = known.get(page.path)
    if known_link:
        link = PageLink.to(page, request, url=known_link.url)
    else:
        link = PageLink.to(page, request)
    if chrome.root is None or not page.path.startswith(chrome.root.path):
        return [link]
    ancestor_paths = [
        page.path[:length] for length in range(len(chrome.root.path), len(page.path), Page.steplen)
    ]
    if all(path in known for path in ancestor_paths):
        ancestors = [known[path] for path in ancestor_paths]
    else:
        ancestors = [
            PageLink.to(ancestor, request)
            for ancestor in Page.objects.ancestor_of(page)
            .filter(depth__gte=len(chrome.root.path) // Page.steplen)
            .order_by("depth")
        ]
    return [*ancestors, link]
