from django.http import HttpRequest
from django.utils.functional import cached_property
from wagtail.models import Page

from localret_site.public_urls import absolute_url
from pages.models.content_changes import PageContentChange


class SitePage(Page):
    """What every page type of the site shares."""

    class Meta:
        abstract = True

    @cached_property
    def content_changed_at(self):
        """When a publication last changed what this page shows ("Last updated"), or None:
        for the seed's texts, and for a page published before these dates were recorded."""
        return (
            PageContentChange.objects.filter(page_id=self.pk)
            .values_list("changed_at", flat=True)
            .first()
        )

    def get_full_url(self, request=None):
        """The page's public address, on SITE_BASE_URL rather than the Site record's host; the
        sitemap and the frontend cache purge take it from here. (Wagtail may pass any object
        as `request`, to keep the sites' root paths on: only a request has an origin.)"""
        url_parts = self.get_url_parts(request=request)
        if url_parts is None or url_parts[2] is None:
            return None
        return absolute_url(url_parts[2], request if isinstance(request, HttpRequest) else None)

    full_url = property(get_full_url)
