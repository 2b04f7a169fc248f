"""The request's Wagtail site, the sites' root paths and the site settings, read through the
shared cache.

Wagtail finds the site and the settings with a query each on every request, and the root paths
(which every page URL is built from) with a round trip to the cache, and keeps them on the
request for the rest of it (`request._wagtail_site`, `request._wagtail_cached_site_root_paths`,
the attribute `BaseSiteSetting.for_request` names). Here they come from the values derived from
the content (see `derived`), which a process holds for the current generation: sites, pages and
settings are content tables, whose writes replace the generation.
"""

from django.http.request import split_domain_port
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site

from localret_site.caching.derived import cached_until_content_changes
from localret_site.resilience import DATABASE_UNAVAILABLE, database_unavailable


class CachedSiteMiddleware:
    """Find the request's site and the sites' root paths through the cache, where Wagtail will
    look for them.

    Place it after CommonMiddleware, which has refused any host that ALLOWED_HOSTS does not
    name: only the site's own host names become cache keys.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        try:
            request._wagtail_site = cached_until_content_changes(
                f"site:{hostname}:{port}", lambda: find_site(request)
            )
            request._wagtail_cached_site_root_paths = cached_until_content_changes(
                "site-root-paths", Site.get_site_root_paths
            )
        except DATABASE_UNAVAILABLE as error:
            # Raised outside any view, where DatabaseUnavailableMiddleware would not see it.
            return database_unavailable(request, error)
        return self.get_response(request)


def find_site(request):
    """The request's site, with its root page's specific page, where every route starts."""
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 (a cached property: fetched now, kept with the site)
    return site


class CachedSiteSetting(BaseSiteSetting):
    """Site settings that pages read from the cache: the footer shows them on every page."""

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        attribute = cls.get_cache_attr_name()
        if not hasattr(request, attribute):
            site = Site.find_for_request(request)
            if site is None:
                raise cls.DoesNotExist(f"{cls.__name__} does not exist for site None.")
            site_setting = cached_until_content_changes(
                f"site-setting:{cls._meta.label_lower}:{site.pk}", lambda: cls.for_site(site)
            )
            # As Wagtail does: page URLs in the settings are then built for this request.
            site_setting._request = request
            setattr(request, attribute, site_setting)
        return getattr(request, attribute)
