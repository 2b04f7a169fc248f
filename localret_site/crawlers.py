"""What robots and browsers ask for at fixed addresses: /robots.txt and /favicon.ico."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from localret_site.public_urls import absolute_url

# The admin is nobody's business, and search result pages are endless variations of the pages
# that the sitemap already lists.
DISALLOWED_PATHS = ("/admin/", "/cerca/")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in DISALLOWED_PATHS),
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon_ico(request):
    """Browsers and robots that ignore the page's icon links ask for this address.

    The redirect is permanent, so it leads to the file's stable address, not to its hashed name
    of this release, which the next release's image no longer holds.
    """
    return redirect(f"{settings.STATIC_URL}img/favicon.ico", permanent=True)
