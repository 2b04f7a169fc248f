from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction

from localret_site.caching.derived import cached_until_content_changes
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

    def get_view_restrictions(self):
        """The view restrictions that apply to this page, as Wagtail finds them (two queries
        for every page served), or none at all without a query while no page of the site is
        restricted, which is the usual case: that answer is kept until the content changes."""
        if not cached_until_content_changes(
            "page-view-restrictions", PageViewRestriction.objects.exists
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
