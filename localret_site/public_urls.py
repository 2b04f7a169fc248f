"""The public site's absolute addresses.

Canonical links, JSON-LD, the sitemap, robots.txt and open data name the production origin,
SITE_BASE_URL, and never the host of the Wagtail Site record: seeding sets that record to
whatever the machine that seeded it was called (localhost, port 80), and a crawler that follows
it indexes an address nobody can reach.
"""

from django.conf import settings

# Where SITE_BASE_URL is unset and there is no request to take an origin from (development).
DEVELOPMENT_BASE_URL = "http://localhost:8000"


def site_base_url(request=None):
    """The origin absolute addresses start with, without a trailing slash: SITE_BASE_URL, or
    where it is unset (development, tests) the request's own origin, else the development
    server's."""
    if settings.SITE_BASE_URL:
        return settings.SITE_BASE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_BASE_URL


def absolute_url(path, request=None):
    """`path`, an address on this site such as "/qui-som/", as an absolute address; an address
    that already is absolute (a file in object storage) is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return site_base_url(request) + path
