"""Tell a CDN or caching proxy in front of the site (Wagtail's frontend cache,
WAGTAILFRONTENDCACHE) that the content changed.

A change may show on every page (a title in the menu, the footer's details, a figure), so each
new content generation purges every live page, at each path its page type declares
(`get_cached_paths`: its routes and open-data formats). The backends purge addresses one by one:
an HTTP PURGE cannot name "the whole host", nor the variants of a listing with a query string
(a search, a filter, a page of results). A CDN keeps those until their `s-maxage` ends, which is
why PAGE_CACHE_S_MAXAGE stays short.
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page


def purge_site():
    """Purge every live page of every site from the configured frontend caches, if any."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    # Specific pages, for their own addresses (SitePage.get_full_url) and cached paths; their
    # fields are not needed.
    batch.add_pages(Page.objects.live().specific(defer=True))
    batch.purge()
