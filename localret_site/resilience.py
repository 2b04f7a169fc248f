"""Keep answering, briefly and in Catalan, while the database is unreachable.

When PostgreSQL restarts or the network to it drops, queries fail with OperationalError or
InterfaceError. Such a failure is temporary, so the visitor gets a 503 with Retry-After and the
site's error page instead of a 500; the next request reconnects (CONN_HEALTH_CHECKS) as soon as
the database is back. Pages that the shared cache holds keep being served all along.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(request, exception):
    """The answer to a request that lost the database: logged, a 503 with the error page."""
    logger.error("Database unavailable: %s %s: %s", request.method, request.path, exception)
    return database_unavailable_response()


def database_unavailable_response():
    # Rendered without the request: the error page must not query anything.
    response = HttpResponse(render_to_string("500.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection, raised by a view or its template, into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable(request, exception)
        return None
