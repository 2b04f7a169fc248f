"""Counters of events per key over a window of time, the one helper behind every limit of the site
(admin log-ins, password resets, access request submissions and their acknowledgements).

Counts live in the default cache, which every server process must share (Redis or the database
cache) for the limits to hold across replicas.
"""

import contextlib
import hashlib

from django.core.cache import cache
from redis.exceptions import RedisError

CACHE_PREFIX = "rate"


def counter_key(scope, value):
    """The cache key counting `value` (an address, a user name…) in `scope`.

    Values are compared case-insensitively and hashed, so any text makes a valid key and no
    personal data is kept in the cache in clear.
    """
    digest = hashlib.sha256(value.strip().casefold().encode()).hexdigest()
    return f"{CACHE_PREFIX}:{scope}:{digest}"


def count(key, window, extend=False):
    """Count one event for `key` and return how many its window holds.

    The first event opens the window; with `extend`, each event keeps it open for another
    `window` seconds from now.
    """
    cache.add(key, 0, timeout=window)
    try:
        total = cache.incr(key)
    except ValueError:  # the window closed between add() and incr()
        cache.set(key, 1, timeout=window)
        total = 1
    if total is None:  # Redis cannot be reached (IGNORE_EXCEPTIONS): count from zero
        total = 1
    if extend:
        # Some cache backends reset the expiry on incr(); make it the same everywhere. While
        # Redis is away django-redis lets touch() fail, where its other calls do nothing.
        with contextlib.suppress(RedisError):
            cache.touch(key, timeout=window)
    return total


def reached(limits):
    """Whether any of the `(key, limit)` pairs already holds its limit of events."""
    counts = cache.get_many([key for key, _limit in limits])
    return any(counts.get(key, 0) >= limit for key, limit in limits)


def take(limits, window):
    """Count one event against every `(key, limit)` pair; True while none passes its limit.

    An event refused by one limit is taken back from all of them, so that what is refused does
    not use up the others (one flooded address does not spend the site-wide allowance).
    """
    totals = [(key, count(key, window), limit) for key, limit in limits]
    if all(total <= limit for _key, total, limit in totals):
        return True
    for key, _total, _limit in totals:
        # A window that closed meanwhile has nothing left to take back.
        with contextlib.suppress(ValueError):
            cache.decr(key)
    return False
