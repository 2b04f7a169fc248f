from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from pages.blocks import KeyFigureBlock
from pages.mixins import IntroductionBodyMixin


class HomePage(IntroductionBodyMixin, Page):
    """The front page: the consortium in one paragraph, key figures, the way into "Qui som"."""

    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        verbose_name=_("key figures"),
        help_text=_("Up to four figures shown in a row under the introduction."),
        max_num=4,
    )

    content_panels = [
        *Page.content_panels,
        *IntroductionBodyMixin.intro_body_panels,
        FieldPanel("key_figures"),
    ]
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.AboutPage", "pages.StandardPage"]
    max_count = 1
    page_description = _("The front page of the site. There is only one.")

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        about_page = AboutPage.objects.live().public().child_of(self).first()
        context["about_page"] = about_page
        context["about_sections"] = about_page.get_children().live().public() if about_page else []
        return context


class AboutPage(IntroductionBodyMixin, Page):
    """ "Qui som": the consortium's presentation and the way into its six sections."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.HomePage"]
    max_count = 1
    page_description = _(
        'The "Qui som" section: who the consortium is, with links to its six sections.'
    )

    class Meta:
        verbose_name = _("about page")
        verbose_name_plural = _("about pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public()
        return context


class AboutSectionPage(IntroductionBodyMixin, Page):
    """A page that lives once, directly under "Qui som"."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.AboutPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        abstract = True


class HistoryPage(AboutSectionPage):
    """ "Història i antecedents": how the consortium came to be."""

    page_description = _("The history of the consortium and its background.")

    class Meta:
        verbose_name = _("history page")
        verbose_name_plural = _("history pages")


class StatutesPage(AboutSectionPage):
    """The consortium's statutes."""

    page_description = _("The statutes of the consortium.")

    class Meta:
        verbose_name = _("statutes page")
        verbose_name_plural = _("statutes pages")


class PresidentMessagePage(AboutSectionPage):
    """The president's message to visitors."""

    page_description = _("The message of the president of the consortium.")

    class Meta:
        verbose_name = _("president's message page")
        verbose_name_plural = _("president's message pages")


class StandardPage(IntroductionBodyMixin, Page):
    """A plain text page under the home page: legal notice, privacy, cookies, accessibility."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    page_description = _(
        "A plain text page, such as the legal notice, the privacy policy, the cookie policy "
        "or the accessibility statement."
    )

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who publishes the site: shown in the footer and the legal notice."""

    name = models.CharField(
        _("organisation name"),
        max_length=255,
        default="Consorci Localret",
        help_text=_("The legal name of the organisation that owns the site."),
    )
    tax_id = models.CharField(
        _("NIF"),
        max_length=20,
        blank=True,
        help_text=_("The organisation's tax identification number (NIF)."),
    )
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Street, number, postcode and town, one per line."),
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("The main contact phone number.")
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("The public contact email address.")
    )
    linkedin_url = models.URLField(
        _("LinkedIn"), blank=True, help_text=_("Full address of the organisation's LinkedIn page.")
    )
    x_url = models.URLField(
        _("X (Twitter)"), blank=True, help_text=_("Full address of the organisation's X profile.")
    )
    youtube_url = models.URLField(
        _("YouTube"), blank=True, help_text=_("Full address of the organisation's YouTube channel.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("tax_id"), FieldPanel("address")],
            heading=_("Identity"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("linkedin_url"), FieldPanel("x_url"), FieldPanel("youtube_url")],
            heading=_("Social networks"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation details")

    @property
    def social_links(self):
        """The social profiles that are filled in, as (label, url) pairs."""
        candidates = [
            ("LinkedIn", self.linkedin_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in candidates if url]
