"""The portal's pages: its index and one section per article of Llei 19/2014 (arts. 9 to 15)."""

from http import HTTPMethod
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Max, OuterRef, Prefetch, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from localret_site.open_data import requested_format
from pages.mixins import IntroductionBodyMixin
from pages.models import AboutSectionPage, PageContentChange
from pages.models.base import SitePage
from transparency.forms import YearFilterForm
from transparency.models.items import TransparencyItem, TransparencyItemDocument
from transparency.models.request_page import AccessRequestPage
from transparency.open_data import export_response

READ_METHODS = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]


def section_updated_at(page_changed_at, latest_item_update):
    """A section's "Last updated": the latest change to its page or to one of its items; none
    for a section without items, which has published nothing yet."""
    if latest_item_update is None:
        return None
    return max(filter(None, [page_changed_at, latest_item_update]))


class TransparencyIndexPage(AboutSectionPage):
    """ "Transparència": the index of the transparency portal (Llei 19/2014)."""

    allowed_http_methods = READ_METHODS
    subpage_types = ["transparency.TransparencySectionPage", "transparency.AccessRequestPage"]
    page_description = _("The transparency portal required by Llei 19/2014.")

    class Meta:
        verbose_name = _("transparency portal page")
        verbose_name_plural = _("transparency portal pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Sections and the request page come from one query: the section fields the cards need
        # are annotated onto the plain pages, with each section's latest item update.
        latest_item_update = (
            TransparencyItem.objects.filter(section=OuterRef("pk"))
            .order_by()
            .values("section")
            .annotate(latest=Max("updated_at"))
            .values("latest")
        )
        children = list(
            self.get_children()
            .live()
            .public()
            .annotate(
                legal_reference=Subquery(
                    TransparencySectionPage.objects.filter(pk=OuterRef("pk")).values(
                        "legal_reference"
                    )
                ),
                latest_item_update=Subquery(latest_item_update),
                page_changed_at=Subquery(
                    PageContentChange.objects.filter(page=OuterRef("pk")).values("changed_at")
                ),
            )
        )
        sections = [page for page in children if page.specific_class is TransparencySectionPage]
        for section in sections:
            section.updated_at = section_updated_at(
                section.page_changed_at, section.latest_item_update
            )
        context["sections"] = sections
        context["access_request_page"] = next(
            (page for page in children if page.specific_class is AccessRequestPage), None
        )
        return context


class TransparencySectionPage(IntroductionBodyMixin, SitePage):
    """One section of the portal: the items that one article of Llei 19/2014 asks for."""

    legal_reference = models.CharField(
        _("legal reference"),
        max_length=100,
        help_text=_('The article of the law this section fulfils, e.g. "Llei 19/2014, art. 13".'),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("legal_reference"),
        *IntroductionBodyMixin.intro_body_panels,
    ]
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    allowed_http_methods = READ_METHODS
    parent_page_types = ["transparency.TransparencyIndexPage"]
    subpage_types = []
    page_description = _(
        "A section of the transparency portal. Its items are edited under "
        '"Transparency: Published information".'
    )

    # Each item is a short article with its facts and files: 20 make a long page on a phone.
    ITEMS_PER_PAGE = 20

    class Meta:
        verbose_name = _("transparency section page")
        verbose_name_plural = _("transparency section pages")

    def item_summary(self):
        """(year, number of items, latest update) for each year the items cover; undated items
        come under the year None."""
        return list(
            self.items.order_by()
            .values_list("year")
            .annotate(count=Count("pk"), latest=Max("updated_at"))
        )

    @staticmethod
    def years_in(summary):
        """The years of an item summary, newest first."""
        return sorted((year for year, _, _ in summary if year is not None), reverse=True)

    def listed_items(self, year=None):
        """The section's items as the page and its open data list them, optionally for a year."""
        items = self.items.all()
        if year is not None:
            items = items.filter(year=year)
        return items.prefetch_related(
            Prefetch(
                "documents",
                queryset=TransparencyItemDocument.objects.select_related("document"),
            )
        )

    def get_cached_paths(self):
        """The section and its open-data files: what a CDN is told to purge."""
        return ["/", *(f"?format={export_format}" for export_format in ("csv", "json", "schema"))]

    def serve(self, request, *args, **kwargs):
        export_format = requested_format(request)
        if export_format is None:
            return super().serve(request, *args, **kwargs)
        return export_response(self, request, export_format)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        summary = self.item_summary()
        years = self.years_in(summary)
        year_form = YearFilterForm(years, request.GET)
        year = year_form.cleaned_year()
        # The summary has counted the items: the paginator needs no query of its own.
        count = sum(count for item_year, count, _ in summary if year in (None, item_year))
        paginator = Paginator(range(count), self.ITEMS_PER_PAGE)
        items_page = paginator.get_page(request.GET.get("pagina"))
        positions = items_page.object_list
        latest_item = max((latest for _, _, latest in summary), default=None)
        filters = {"any": year} if year else {}
        context.update(
            year_form=year_form,
            year=year,
            show_year_filter=len(years) > 1 or year_form.errors,
            items=self.listed_items(year)[positions.start : positions.stop],
            items_page=items_page,
            page_links=[
                {
                    "number": number,
                    "url": "?" + urlencode({**filters, "pagina": number}),
                    "current": number == items_page.number,
                }
                for number in paginator.page_range
            ],
            open_data_urls={
                **{
                    export_format: "?" + urlencode({**filters, "format": export_format})
                    for export_format in ("csv", "json")
                },
                "schema": "?format=schema",
            },
            section_updated_at=section_updated_at(self.content_changed_at, latest_item),
        )
        return context
