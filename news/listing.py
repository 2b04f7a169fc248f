"""The news list as a reader asks for it: `?any=2026` (a year), `?etiqueta=<slug>` (a tag) and
`?page=2`, all optional.

A year or tag that names nothing is left out and explained in `notices` (the list is then
shown as if it had not been asked for); a page number out of range is a 404, as a page that
does not exist.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.images import get_image_model

from pages.pagination import pagination_links

PAGE_SIZE = 10
# The thumbnails templates/news/includes/news_item.html asks for.
LIST_IMAGE_FILTER = "fill-480x270"
# Rendered into the notice as given: keep it short.
MAX_SHOWN_VALUE = 40
YEAR = re.compile(r"\d{4}")


def shown(value):
    return value[:MAX_SHOWN_VALUE]


def with_list_images(news, filter_spec):
    """The news with their pictures and these pictures' renditions, in two queries in all."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=filter_spec)
    return news.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


@dataclass
class NewsListing:
    page_obj: object
    years: list
    tags: list
    year: int | None = None
    tag: object = None
    notices: list = field(default_factory=list)

    @classmethod
    def from_request(cls, index, request):
        news = index.news()
        years = [day.year for day in news.dates("date", "year", order="DESC")]
        tags = list(
            Tag.objects.filter(news_newspagetag_items__content_object__in=news.values("pk"))
            .distinct()
            .order_by("name")
        )
        listing = cls(page_obj=None, years=years, tags=tags)
        news = listing.filtered(news, request.GET.get("any", ""), request.GET.get("etiqueta", ""))
        paginator = Paginator(with_list_images(news, LIST_IMAGE_FILTER), PAGE_SIZE)
        try:
            listing.page_obj = paginator.page(request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404("no such page of the news list") from None
        return listing

    def filtered(self, news, year, tag_slug):
        year, tag_slug = year.strip(), tag_slug.strip()
        if YEAR.fullmatch(year):
            self.year = int(year)
            news = news.filter(date__year=self.year)
        elif year:
            self.notices.append(
                _("«%(value)s» is not a year, so the list is not filtered by year.")
                % {"value": shown(year)}
            )
        if tag_slug:
            self.tag = next((tag for tag in self.tags if tag.slug == tag_slug), None)
            if self.tag is None:
                self.notices.append(
                    _("No news item has the tag «%(value)s», so the list is not filtered by tag.")
                    % {"value": shown(tag_slug)}
                )
            else:
                news = news.filter(tags__slug=tag_slug)
        return news

    @property
    def is_filtered(self):
        return self.year is not None or self.tag is not None

    def query(self, **changes):
        """The query string of this list with `changes`, e.g. another page number."""
        params = {"any": self.year or "", "etiqueta": self.tag.slug if self.tag else "", **changes}
        return "?" + urlencode({name: value for name, value in params.items() if value})

    def pagination(self):
        """The pager's links; the first page's address has no page number."""
        return pagination_links(
            self.page_obj, lambda number: self.query(page=number if number > 1 else "")
        )
