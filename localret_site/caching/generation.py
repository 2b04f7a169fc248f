"""The content generation: a token that names the current state of everything the site shows.

Each cached page is stored with the generation it was rendered under and is served only while
that generation is still the current one. Everything the public pages show belongs to one small
site whose pages share menus, footers and figures (a page title appears in every menu, the member
count on the home page), so one generation for the whole site is both the simplest and the only
obviously correct grain: any change of content makes every cached page stale at once.

The token is random rather than a counter: a counter that the cache lost (eviction, a Redis
restart) would start again and could meet old entries stored under the same number.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"

# The database cache fails with the database; pages are then rendered (or answered 503) as if
# nothing were cached. (Redis failures never get here: see backends.ResilientRedisCache.)
CACHE_ERRORS = (DatabaseError,)


def new_generation():
    return uuid.uuid4().hex


def current_generation(stored=None):
    """The current generation; `stored` is its value when the caller has already read it."""
    if stored is not None:
        return stored
    # The first process to find no generation creates it; the others read the one it made.
    cache.add(GENERATION_KEY, new_generation(), timeout=None)
    return cache.get(GENERATION_KEY)


def pages_changed():
    """Make every cached page stale: the content it shows may have changed."""
    try:
        cache.set(GENERATION_KEY, new_generation(), timeout=None)
    except CACHE_ERRORS:
        # Entries stored under the old generation expire after PAGE_CACHE_TIMEOUT at the latest.
        logger.exception("The page cache could not be invalidated")
