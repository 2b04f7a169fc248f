"""Values derived from the content that many pages show, kept in the shared cache until the
content changes: the request's site and its settings, the menu, the member totals.

The page cache serves whole pages; these serve the pages it does not hold (a page just after an
edit, a search or filter first asked for), so that rendering one does not recompute, for every
request, what every page shows alike.

Each value is stored with the content generation it was computed under and used only while that
generation is current (see `generation`). Each process also keeps a pickled copy of the values
of the current generation: during a request, whose generation is read once when it begins, a
value then costs no round trip to the cache, and every use still gets its own copy of it. A value
that nothing can change (tuples of strings) is kept as it is instead, and shared by every use.

A request whose own transaction has written content not yet committed computes everything
afresh: it must see its own changes, which the generation does not reflect until the commit.
"""

import logging
import pickle

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from localret_site.caching.generation import CACHE_ERRORS, current_generation
from localret_site.caching.invalidation import has_uncommitted_content_changes

logger = logging.getLogger(__name__)

MISSING = object()

# What unpickling raises for a value whose classes have changed since it was pickled.
UNREADABLE = (
    pickle.UnpicklingError,
    AttributeError,
    EOFError,
    ImportError,
    IndexError,
    TypeError,
    ValueError,
)


class ProcessCopies:
    """Values of one generation, held by this process; a new generation drops them.

    The generation and its values are replaced together, in one assignment, so that a thread
    never finds the values of one generation under another.
    """

    def __init__(self):
        self.current = (None, {})

    def get(self, name, generation):
        """The value kept under `name` for `generation`, or MISSING."""
        kept_generation, values = self.current
        if generation != kept_generation or name not in values:
            return MISSING
        shared, kept = values[name]
        return kept if shared else pickle.loads(kept)  # noqa: S301 (pickled by this process)

    def keep(self, name, generation, value, shared):
        kept_generation, values = self.current
        if generation != kept_generation:
            values = {}
            self.current = (generation, values)
        values[name] = (shared, value if shared else pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


process_copies = ProcessCopies()


def cached_until_content_changes(name, compute, *, shared=False):
    """compute()'s value, computed once per content generation and shared by every process.

    The value must be picklable; `name` must say everything it depends on besides the content
    (the site, the day…). `shared=True` is for a value that cannot be changed in place (a tuple
    of named tuples of strings, say): every use in a process then gets the same object, without
    the cost of a copy.
    """
    if has_uncommitted_content_changes(connection):
        return compute()
    key = f"derived:{name}"
    try:
        generation = current_generation()
        if (value := process_copies.get(name, generation)) is not MISSING:
            return value
        entry = readable_entry(key)
    except CACHE_ERRORS:
        logger.warning("The cache cannot be read; computing %s", name, exc_info=True)
        return compute()
    if entry is not None and entry[0] == generation:
        value = entry[1]
    else:
        # The generation was read before computing: a change committed meanwhile makes a new
        # one, and the value stored here is never used.
        value = compute()
        try:
            cache.set(key, (generation, value), timeout=settings.PAGE_CACHE_TIMEOUT)
        except CACHE_ERRORS:
            logger.warning("The cache cannot be written; %s not kept", name, exc_info=True)
    process_copies.keep(name, generation, value, shared)
    return value


def readable_entry(key):
    """The entry the cache holds under `key`, or None when it holds none that this code can read.

    An entry pickled by another release, with classes of another shape, is not readable here:
    replicas of two releases share the cache while one replaces the other. The value is then
    computed and stored anew.
    """
    try:
        return cache.get(key)
    except UNREADABLE:
        logger.warning("The cached %s is unreadable; computing it anew", key, exc_info=True)
        return None
