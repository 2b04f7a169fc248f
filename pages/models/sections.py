from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages.blocks import (
    HISTORY_IMAGE_FILTER,
    STATUTES_TEXT_FEATURES,
    PeriodBlock,
    StatutesAmendmentBlock,
    StatutesBlock,
    StatutesProvisionsBlock,
)
from pages.images import prefetch_renditions
from pages.mixins import IntroductionBodyMixin
from pages.models.base import SitePage
from pages.placeholders import PublishedTextSearchField
from pages.readiness import has_text
from pages.statutes import statutes_outline


class AboutSectionPage(IntroductionBodyMixin, SitePage):
    """A page that lives once, directly under "Qui som"."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.AboutPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        abstract = True


class HistoryPage(AboutSectionPage):
    """ "Història i antecedents": how the consortium came to be, period by period."""

    timeline = StreamField(
        [("period", PeriodBlock())],
        blank=True,
        verbose_name=_("timeline"),
        help_text=_(
            "The history in periods, each with its heading and its milestones. Milestones are "
            "shown from oldest to newest within each period."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("timeline"),
        FieldPanel("body"),
    ]
    search_fields = [*AboutSectionPage.search_fields, PublishedTextSearchField("timeline")]
    main_text_fields = ("introduction", "timeline")
    page_description = _("The history of the consortium: an introduction and a timeline.")

    class Meta:
        verbose_name = _("history page")
        verbose_name_plural = _("history pages")

    def has_main_text(self):
        # A period's heading alone tells no history: it needs milestones.
        return has_text(self.introduction) or any(
            period.value["milestones"] for period in self.timeline
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        images = [
            milestone.get("image")
            for period in self.timeline
            for milestone in period.value["milestones"]
        ]
        prefetch_renditions(images, HISTORY_IMAGE_FILTER)
        return context


class StatutesPage(AboutSectionPage):
    """The consortium's statutes, article by article, with their official references."""

    official_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("official PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The statutes as officially published, for download."),
    )
    approval_date = models.DateField(
        _("approval date"),
        null=True,
        blank=True,
        help_text=_("The date the statutes in force were approved."),
    )
    publication_reference = models.CharField(
        _("official publication"),
        max_length=255,
        blank=True,
        help_text=_('Where they were published, e.g. "DOGC núm. 1234, de 5 de juny de 1998".'),
    )
    publication_url = models.URLField(
        _("official publication link"),
        blank=True,
        help_text=_("The address of the publication in the official gazette (DOGC)."),
    )
    preamble = RichTextField(
        _("preamble"),
        blank=True,
        features=STATUTES_TEXT_FEATURES,
        help_text=_("The text before the first article, if the statutes have one."),
    )
    statutes = StreamField(
        StatutesBlock(),
        blank=True,
        verbose_name=_("titles, chapters and articles"),
        help_text=_(
            "The statutes in reading order. A title or chapter groups the articles that follow "
            "it. The table of contents is built from these headings."
        ),
    )
    final_provisions = StreamField(
        StatutesProvisionsBlock(),
        blank=True,
        verbose_name=_("final provisions"),
        help_text=_("Additional, transitional, derogating and final provisions, in order."),
    )
    amendments = StreamField(
        [("amendment", StatutesAmendmentBlock())],
        blank=True,
        verbose_name=_("amendments"),
        help_text=_("Earlier changes to the statutes. They are shown by date."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("official_document"),
                FieldPanel("approval_date"),
                FieldPanel("publication_reference"),
                FieldPanel("publication_url"),
            ],
            heading=_("Official data"),
        ),
        FieldPanel("preamble"),
        FieldPanel("statutes"),
        FieldPanel("final_provisions"),
        FieldPanel("amendments"),
        FieldPanel("body"),
    ]
    search_fields = [
        *AboutSectionPage.search_fields,
        PublishedTextSearchField("preamble"),
        PublishedTextSearchField("statutes"),
        PublishedTextSearchField("final_provisions"),
    ]
    main_text_fields = ("statutes",)
    page_description = _(
        "The statutes of the consortium, structured in titles, chapters and articles, with "
        "the official PDF and its publication data."
    )

    class Meta:
        verbose_name = _("statutes page")
        verbose_name_plural = _("statutes pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = statutes_outline(self.statutes)
        context["amendments"] = sorted(
            (child.value for child in self.amendments), key=lambda amendment: amendment["date"]
        )
        context["in_preparation"] = not self.has_statutes() and self.texts_in_preparation()
        return context

    def has_statutes(self):
        """Whether any of the statutes' own content or official data is filled in."""
        return any(
            [
                self.official_document_id,
                self.approval_date,
                self.publication_reference,
                self.preamble,
                self.statutes,
                self.final_provisions,
                self.amendments,
            ]
        )
