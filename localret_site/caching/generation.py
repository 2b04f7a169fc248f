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
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import DatabaseError

from localret_site.caching.purge import purge_site

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"

# The database cache fails with the database; pages are then rendered (or answered 503) as if
# nothing were cached. (Redis failures never get here: django-redis ignores them, see the
# CACHES setting.)
CACHE_ERRORS = (DatabaseError,)


def new_generation():
    return uuid.uuid4().hex


# The generation read when the current request began (see `generation_for_request`).
request_generation = ContextVar("request_generation", default=None)


def current_generation(stored=None):
    """The current generation; `stored` is its value when the caller has already read it.

    During a request it is the one read when the request began, unless this process has
    replaced it since.
    """
    if stored is not None:
        return stored
    if (generation := request_generation.get()) is not None:
        return generation
    if (generation := cache.get(GENERATION_KEY)) is not None:
        return generation
    # The first process to find no generation creates it; the others read the one it made.
    cache.add(GENERATION_KEY, new_generation(), timeout=None)
    return cache.get(GENERATION_KEY)


@contextmanager
def generation_for_request(stored=None):
    """Read the generation once for the length of a request: whatever the request shows then
    comes from one state of the content, and the cache is asked once, not for every value.
    `stored` is its value when the caller has already read it."""
    token = request_generation.set(None)
    try:
        try:
            request_generation.set(current_generation(stored))
        except CACHE_ERRORS:
            logger.warning("The content generation cannot be read", exc_info=True)
        yield
    finally:
        request_generation.reset(token)


def pages_changed():
    """Make every cached page stale, here and in a CDN: the content it shows may have changed."""
    generation = new_generation()
    try:
        cache.set(GENERATION_KEY, generation, timeout=None)
    except CACHE_ERRORS:
        # Entries stored under the old generation expire after PAGE_CACHE_TIMEOUT at the latest.
        logger.exception("The page cache could not be invalidated")
    else:
        if request_generation.get() is not None:
            # The rest of the request that made the change shows it too.
            request_generation.set(generation)
    purge_site()
