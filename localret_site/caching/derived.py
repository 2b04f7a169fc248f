"""Values derived from the content that many pages show, kept in the shared cache until the
content changes: the site's menu and legal links, the member totals.

The page cache serves whole pages; these serve the pages it does not hold (a page just after an
edit, a search or filter first asked for), so that rendering one does not recompute, for every
request, what every page shows alike.

Each value is stored with the content generation it was computed under and used only while that
generation is current (see `generation`). A request whose own transaction has written content
not yet committed computes everything afresh: it must see its own changes, which the generation
does not reflect until the commit.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from localret_site.caching.generation import CACHE_ERRORS, GENERATION_KEY, current_generation
from localret_site.caching.invalidation import has_uncommitted_content_changes

logger = logging.getLogger(__name__)


def cached_until_content_changes(name, compute):
    """compute()'s value, computed once per content generation and shared by every process.

    The value must be picklable; `name` must say everything it depends on besides the content
    (the site, the day…).
    """
    if has_uncommitted_content_changes(connection):
        return compute()
    key = f"derived:{name}"
    try:
        found = cache.get_many([GENERATION_KEY, key])
        generation = current_generation(found.get(GENERATION_KEY))
    except CACHE_ERRORS:
        logger.warning("The cache cannot be read; computing %s", name, exc_info=True)
        return compute()
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    # The generation was read before computing: a change committed meanwhile makes a new one,
    # and the value stored here is never used.
    value = compute()
    try:
        cache.set(key, (generation, value), timeout=settings.PAGE_CACHE_TIMEOUT)
    except CACHE_ERRORS:
        logger.warning("The cache cannot be written; %s not kept", name, exc_info=True)
    return value
