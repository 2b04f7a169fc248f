from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from governance.models.pages import link_represented_members, positions_with_people
from governance.models.people import PORTRAIT_FILTER, Position
from pages.images import prefetch_renditions
from pages.mixins import BODY_FEATURES
from pages.models import AboutSectionPage
from pages.placeholders import PublishedTextSearchField

# The rendition templates/governance/president_message_page.html asks for.
SIGNATURE_FILTER = "max-400x160"


class PresidentMessagePage(AboutSectionPage):
    """The president's message. Name, portrait and office come from the current president's
    position, so a new president needs only a new position."""

    message = RichTextField(
        _("message"),
        blank=True,
        features=BODY_FEATURES,
        help_text=_("The president's words to visitors."),
    )
    message_date = models.DateField(
        _("date of the message"),
        null=True,
        blank=True,
        help_text=_("Shown under the message. Leave it empty to show no date."),
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional: an image of the signature, on a white or transparent background. The "
            "name is written beside it, so it needs no description."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("message"),
        FieldPanel("message_date"),
        FieldPanel("signature"),
        FieldPanel("body"),
    ]
    search_fields = [*AboutSectionPage.search_fields, PublishedTextSearchField("message")]
    placeholder_fields = ("introduction", "message", "body")
    main_text_fields = ("message",)
    page_description = _(
        "The president's message. The president's name, photo and office are taken from the "
        "positions of the presidency body."
    )

    class Meta:
        verbose_name = _("president's message page")
        verbose_name_plural = _("president's message pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        president = (
            positions_with_people(Position.objects.presidents().current())
            .order_by("-start_date")
            .first()
        )
        if president:
            link_represented_members([president], request)
        # Portrait and signature renditions in a single query.
        prefetch_renditions(
            [president and president.person.photo, self.signature],
            PORTRAIT_FILTER,
            SIGNATURE_FILTER,
        )
        context["president"] = president
        context["in_preparation"] = self.texts_in_preparation()
        return context
