"""The services catalogue: its categories, the index page at /serveis/ and one page per service."""

from itertools import groupby
from operator import attrgetter

from django.db import models
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from pages.mixins import IntroductionBodyMixin
from pages.models.base import SitePage
from pages.placeholders import PublishedTextSearchField, real_text
from services.audiences import AUDIENCE_FIELDS, Audience
from services.blocks import OfferBlock
from services.forms import ServiceFilterForm

SECTION_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class ServiceCategory(Orderable):
    """A family of services, such as telecommunications networks; the services page lists
    services under their category, in the order of the categories."""

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The category's name as a heading of the services page."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Its part of the address of the services page filtered by it, as in "
            "/serveis/?categoria=xarxes. Lower case letters, digits and hyphens; made from the "
            "name when left empty."
        ),
    )
    description = models.TextField(
        _("description"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences shown under the category's heading."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    placeholder_fields = ("description",)

    class Meta(Orderable.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self):
        return self.name

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.name)


def audience_field(audience):
    return models.BooleanField(audience.label, default=False)


class ServiceIndexPage(IntroductionBodyMixin, SitePage):
    """ "Serveis": every service, by category, filtered by category and audience."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["services.ServicePage"]
    max_count = 1
    page_description = _(
        "The catalogue of services. Each service is a page under this one; their categories "
        "are edited under “Service categories” in the menu."
    )

    class Meta:
        verbose_name = _("services page")
        verbose_name_plural = _("services pages")

    def services(self, category=None, audience=None):
        """The live services under this page, by category (in the categories' order, those
        without a category last), then in the order of the page tree."""
        services = (
            ServicePage.objects.child_of(self)
            .live()
            .public()
            .select_related("category")
            .order_by(
                F("category__sort_order").asc(nulls_last=True),
                F("category__pk").asc(nulls_last=True),
                "path",
            )
        )
        if category is not None:
            services = services.filter(category=category)
        if audience is not None:
            services = services.filter(**{AUDIENCE_FIELDS[audience]: True})
        return services

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ServiceFilterForm(request.GET, categories=ServiceCategory.objects.all())
        filters = form.filters()
        services = list(self.services(filters.get("categoria"), filters.get("public")))
        context.update(
            filter_form=form,
            filters=filters,
            service_count=len(services),
            service_groups=[
                (category, list(in_category))
                for category, in_category in groupby(services, key=attrgetter("category"))
            ],
        )
        return context


class ServicePage(IntroductionBodyMixin, SitePage):
    """One service: what it offers, to whom, how to ask for it, its cost and its contact."""

    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("category"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="services",
        help_text=_("The services page lists the service under this category."),
    )
    for_town_councils = audience_field(Audience.TOWN_COUNCILS)
    for_county_councils = audience_field(Audience.COUNTY_COUNCILS)
    for_other_local_bodies = audience_field(Audience.OTHER_LOCAL_BODIES)
    for_citizens = audience_field(Audience.CITIZENS)
    offer = StreamField(
        OfferBlock(),
        blank=True,
        verbose_name=_("what it offers"),
        help_text=_("What the service does, shown first under “What it offers”."),
    )
    eligibility = RichTextField(
        _("who may ask"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_(
            "Who may ask for the service and on what conditions, e.g. being a member of the "
            "consortium."
        ),
    )
    how_to_ask = RichTextField(
        _("how to ask"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("The steps to ask for the service: form, documents, time limits."),
    )
    cost = RichTextField(
        _("cost"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("What the service costs and who pays it. Say so plainly when it is free."),
    )
    contact_name = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("The team or person who answers, e.g. “Àrea de Telecomunicacions”."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=30,
        blank=True,
        help_text=_("As it should be dialled from Catalonia, e.g. “93 000 00 00”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("category"), *(FieldPanel(name) for name in AUDIENCE_FIELDS.values())],
            heading=_("Category and audiences"),
            help_text=_("Tick everyone who may ask for the service."),
        ),
        FieldPanel("offer"),
        FieldPanel("eligibility"),
        FieldPanel("how_to_ask"),
        FieldPanel("cost"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        InlinePanel("documents", heading=_("Related documents"), label=_("document")),
        FieldPanel("body", heading=_("More information")),
    ]
    search_fields = [
        *Page.search_fields,
        *IntroductionBodyMixin.search_fields,
        PublishedTextSearchField("offer"),
        PublishedTextSearchField("eligibility"),
        PublishedTextSearchField("how_to_ask"),
        PublishedTextSearchField("cost"),
    ]
    placeholder_fields = ("introduction", "body", "eligibility", "how_to_ask", "cost")
    main_text_fields = ("introduction", "offer")

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []
    page_description = _(
        "One service of the catalogue: what it offers, who may ask for it and how, its cost, "
        "its contact and its documents."
    )

    class Meta:
        verbose_name = _("service page")
        verbose_name_plural = _("service pages")

    @property
    def audiences(self):
        """The audiences ticked for the service, in the order of `Audience`."""
        return [audience for audience, field in AUDIENCE_FIELDS.items() if getattr(self, field)]

    @property
    def audience_labels(self):
        return [audience.label for audience in self.audiences]

    def text_sections(self, is_preview=False):
        """(anchor, heading, text) of the sections after "What it offers" that have something
        to read; the admin preview also shows those that hold only placeholders."""
        sections = [
            ("who-may-ask", _("Who may ask"), self.eligibility),
            ("how-to-ask", _("How to ask"), self.how_to_ask),
            ("cost", _("Cost"), self.cost),
        ]
        return [
            section for section in sections if real_text(section[2]) or (is_preview and section[2])
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            catalogue_url=self.get_parent().get_url(request),
            text_sections=self.text_sections(getattr(request, "is_preview", False)),
            documents=[row.document for row in self.documents.select_related("document")],
        )
        return context


class ServicePageDocument(Orderable):
    """A document related to a service: a form, a regulation, a price list…"""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("A PDF, a form to fill in, a price list… Its type and size are shown."),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("service document")
        verbose_name_plural = _("service documents")
