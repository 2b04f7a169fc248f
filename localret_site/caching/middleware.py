"""Serve anonymous visitors whole pages from the shared cache, and tell other caches what they
may keep (Cache-Control).

A cached page is what any visitor without a session gets, so only such requests are served from
the cache or stored in it. Editors (who have a session), form pages (which set the CSRF cookie),
and anything a view has marked private go to the application every time.
"""

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from localret_site.caching.generation import (
    CACHE_ERRORS,
    GENERATION_KEY,
    current_generation,
    generation_for_request,
)

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")
ADMIN_PREFIX = "/admin/"
# Cookies that make a response personal: a session (editors, or a password given for a page)
# and the one-time messages shown after a form was sent.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
# Query strings longer than this are answered but not stored: what a search stores stays small.
MAX_STORED_QUERY_STRING = 200
# A listing exported as CSV for the whole registry stays well below this.
MAX_STORED_BYTES = 5 * 1024 * 1024
CACHE_STATUS_HEADER = "X-Page-Cache"


def is_personal(request):
    """Whether the response may depend on who asks (a session, a message, credentials)."""
    return "HTTP_AUTHORIZATION" in request.META or any(
        name in request.COOKIES for name in PERSONAL_COOKIES
    )


def is_private_search(request):
    """A search with a query says what one visitor looks for: nobody else's cache keeps it."""
    return bool(request.META.get("QUERY_STRING")) and request.path.startswith(
        tuple(settings.PAGE_CACHE_PRIVATE_QUERY_PATHS)
    )


def may_share(request):
    """Whether the answer to this request is the same for every anonymous visitor."""
    return (
        request.method in SAFE_METHODS
        and not request.path.startswith(ADMIN_PREFIX)
        and not is_personal(request)
        and not is_private_search(request)
    )


def set_cache_control(request, response):
    """Public pages may be kept by browsers and a CDN; anything personal by nobody. A view that
    chose its own Cache-Control (the health check, the access request form) keeps it."""
    if response.has_header("Cache-Control"):
        return
    if response.cookies or not may_share(request) or response.status_code >= 500:
        patch_cache_control(response, private=True, no_store=True)
    elif response.status_code == 200:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_MAX_AGE,
            s_maxage=settings.PAGE_CACHE_S_MAXAGE,
            stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
            stale_if_error=settings.PAGE_CACHE_STALE_IF_ERROR,
        )


def is_storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and len(response.content) <= MAX_STORED_BYTES
    )


def page_key(request):
    """The key of the request's entry, or None when the request must not have one.

    One entry per page variant: scheme, host (the Wagtail site), path and the query parameters
    in one order. A parameter that no page reads (PAGE_CACHE_QUERY_PARAMETERS) or a very long
    query string is answered but nothing is stored, so made-up query strings cannot fill the
    cache. Hashed, as keys must be short and free of spaces and control characters.
    """
    if len(request.META.get("QUERY_STRING", "")) > MAX_STORED_QUERY_STRING or any(
        name not in settings.PAGE_CACHE_QUERY_PARAMETERS for name in request.GET
    ):
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:page:{digest}"


def response_from_entry(entry):
    _generation, status, headers, content = entry
    response = HttpResponse(content, status=status, headers=headers)
    response[CACHE_STATUS_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Whole-page cache in the default cache (Redis or the database), shared by every process.

    Place it after WhiteNoise (static files never get here) and before the session middleware:
    a cached page is served without loading a session, a user or anything from the database.
    Every other request is answered under the content generation read here, once (see
    `generation.generation_for_request`), cacheable or not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if settings.PAGE_CACHE_ENABLED and may_share(request) else None
        if key is None:
            with generation_for_request():
                response = self.get_response(request)
            set_cache_control(request, response)
            return response

        generation = None
        try:
            # One round trip: the generation and the entry together.
            found = cache.get_many([GENERATION_KEY, key])
            entry = found.get(key)
            # The generation is read before rendering: content that changes while the page
            # renders makes a new generation, and the entry stored below is never served.
            generation = current_generation(found.get(GENERATION_KEY))
            if entry is not None and entry[0] == generation:
                return response_from_entry(entry)
        except CACHE_ERRORS:
            logger.warning("The page cache cannot be read; serving without it", exc_info=True)

        # The page renders under the generation just read, which keys its cached fragments.
        with generation_for_request(generation):
            response = self.get_response(request)
        set_cache_control(request, response)
        if generation is not None and request.method == "GET" and is_storable(response):
            entry = (generation, response.status_code, dict(response.items()), response.content)
            try:
                cache.set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)
            except CACHE_ERRORS:
                logger.warning("The page cache cannot be written", exc_info=True)
            response[CACHE_STATUS_HEADER] = "miss"
        return response
