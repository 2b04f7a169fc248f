"""The CSRF failure page in Catalan with the site's layout (settings.CSRF_FAILURE_VIEW).

Django's own handlers already render the other error templates as they must be: 403.html and
404.html with the request, so the header menu and footer can be drawn; 400.html and 500.html
without it, because a forged Host header (400) or a database failure (500) would break anything
that reads the host or queries. Its CSRF view, though, renders without the request.
"""

from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form came back without a valid CSRF token: most often a page kept open for hours, or
    cookies turned off."""
    context = {"cookies_missing": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
