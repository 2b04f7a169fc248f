"""A per-address limit on access request submissions, kept in Django's cache.

A fixed window: the first submission from an address opens it, and once the limit is reached
further ones are refused until it closes. With several replicas the cache must be shared (Redis)
for the limit to hold across them. Behind proxies, REMOTE_ADDR is the visitor's address once
TRUSTED_PROXY_COUNT says how many there are (localret_site.proxy).
"""

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 60 * 60
CACHE_KEY_PREFIX = "transparency:access-request-submissions:"


def limit():
    return getattr(settings, "TRANSPARENCY_ACCESS_REQUEST_LIMIT", DEFAULT_LIMIT)


def window_seconds():
    return getattr(settings, "TRANSPARENCY_ACCESS_REQUEST_WINDOW", DEFAULT_WINDOW_SECONDS)


def minutes():
    """The window in whole minutes, as the refusal message states it."""
    return max(1, -(-window_seconds() // 60))


def allow(request):
    """Count one submission from the request's address; False once the limit is passed."""
    key = CACHE_KEY_PREFIX + request.META.get("REMOTE_ADDR", "")
    cache.add(key, 0, timeout=window_seconds())
    try:
        count = cache.incr(key)
    except ValueError:
        # The window closed between add() and incr(): this submission opens a new one.
        cache.set(key, 1, timeout=window_seconds())
        count = 1
    return count <= limit()
