from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from news.agenda import Agenda
from news.blocks import ArticleBodyBlock
from news.calendars import calendar_response, event_calendar
from news.mixins import ListedChildrenSitemapMixin
from pages.mixins import IntroductionBodyMixin
from pages.models.base import SitePage
from pages.placeholders import PublishedTextSearchField


class EventIndexPage(ListedChildrenSitemapMixin, IntroductionBodyMixin, SitePage):
    """ "Agenda": the consortium's events, upcoming ones first, then past ones by year; the
    whole agenda as a calendar to subscribe to at `agenda.ics` (routed by news/urls.py, as
    Wagtail's page addresses cannot hold a dot)."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["news.EventPage"]
    max_count = 1
    page_description = gettext_lazy(
        "The agenda: upcoming events, then past ones by year, and a calendar to subscribe to. "
        "There is only one; add the events under it."
    )

    class Meta:
        verbose_name = gettext_lazy("agenda page")
        verbose_name_plural = gettext_lazy("agenda pages")

    def events(self):
        """The live, public events of this page, soonest first."""
        return EventPage.objects.child_of(self).live().public().order_by("start", "pk")

    def calendar_url(self, request=None):
        return self.get_url(request) + "agenda.ics"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agenda"] = Agenda(self.events(), timezone.now())
        return context

    def calendar(self, request):
        """Every event of the agenda as one iCalendar file, for calendar apps to subscribe to."""
        return calendar_response(
            event_calendar(self.title, self.events(), request), filename=self.slug, download=False
        )


class EventPage(SitePage):
    """An event: when and where (a place, an online link or both), who organises it, how to
    register, and what it is about. `?format=ics` gives it as an iCalendar file."""

    start = models.DateTimeField(
        gettext_lazy("start"),
        help_text=gettext_lazy("Day and time the event begins (Catalan time)."),
    )
    end = models.DateTimeField(
        gettext_lazy("end"),
        help_text=gettext_lazy("Day and time the event ends (Catalan time)."),
    )
    place = models.CharField(
        gettext_lazy("place"),
        max_length=255,
        blank=True,
        help_text=gettext_lazy(
            "Where it takes place, with the address, e.g. «Sala d’actes, Via Laietana 26, "
            "Barcelona». Leave it empty for an event that is only online."
        ),
    )
    online_url = models.URLField(
        gettext_lazy("online link"),
        blank=True,
        help_text=gettext_lazy(
            "The address to follow the event online, if it can be followed online."
        ),
    )
    organiser = models.CharField(
        gettext_lazy("organiser"),
        max_length=255,
        blank=True,
        help_text=gettext_lazy("Who organises it. Leave it empty when it is the consortium."),
    )
    registration_url = models.URLField(
        gettext_lazy("registration link"),
        blank=True,
        help_text=gettext_lazy("Where to sign up, if signing up is needed."),
    )
    summary = models.TextField(
        gettext_lazy("summary"),
        max_length=400,
        help_text=gettext_lazy(
            "One or two sentences shown in the agenda, in calendar apps and to search engines."
        ),
    )
    description = StreamField(
        ArticleBodyBlock(),
        blank=True,
        verbose_name=gettext_lazy("description"),
        help_text=gettext_lazy("The programme, the speakers, what to bring…"),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=gettext_lazy("When")),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("online_url")],
            heading=gettext_lazy("Where"),
            help_text=gettext_lazy("Give the place, the online link or both."),
        ),
        FieldPanel("organiser"),
        FieldPanel("registration_url"),
        FieldPanel("summary"),
        FieldPanel("description"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("place"),
        index.SearchField("organiser"),
        PublishedTextSearchField("summary"),
        PublishedTextSearchField("description"),
        index.FilterField("start"),
    ]

    parent_page_types = ["news.EventIndexPage"]
    subpage_types = []
    page_description = gettext_lazy("An event of the consortium, listed in the agenda.")

    class Meta:
        verbose_name = gettext_lazy("event")
        verbose_name_plural = gettext_lazy("events")

    def clean(self):
        super().clean()
        errors = {}
        if not self.place.strip() and not self.online_url:
            errors["place"] = _("Give the place of the event, its online link or both.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot come before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_past(self):
        return self.end < timezone.now()

    def serve(self, request, *args, **kwargs):
        requested = request.GET.get("format")
        if requested is None:
            return super().serve(request, *args, **kwargs)
        if requested == "ics":
            return calendar_response(
                event_calendar(self.title, [self], request), filename=self.slug, download=True
            )
        return HttpResponseBadRequest(
            _("This event is available as a web page or, with ?format=ics, as a calendar file.")
            + "\n",
            content_type="text/plain; charset=utf-8",
        )
