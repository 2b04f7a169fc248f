from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from pages.placeholders import PublishedTextSearchField, texts_in_preparation
from pages.readiness import has_text

INTRODUCTION_FEATURES = ["bold", "italic", "link"]
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class IntroductionBodyMixin(models.Model):
    """An introduction shown under the title and a free rich-text body.

    Every page type of the site has both; later content (timelines, listings…) goes
    between them and the footer.
    """

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=INTRODUCTION_FEATURES,
        help_text=_(
            "One or two short paragraphs shown under the title. Search engines also use it "
            "when the page has no search description."
        ),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        features=BODY_FEATURES,
        help_text=_("The main text of the page. Use headings to split long texts into sections."),
    )

    intro_body_panels = [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [PublishedTextSearchField("introduction"), PublishedTextSearchField("body")]
    # Fields the admin dashboard scans for texts that editors still have to write.
    placeholder_fields = ("introduction", "body")
    # The page's own text: the dashboard lists the pages where all of it is empty.
    main_text_fields = ("introduction", "body")

    class Meta:
        abstract = True

    def texts_in_preparation(self):
        """Whether the page's texts hold placeholders and nothing real yet."""
        return texts_in_preparation(*(getattr(self, name) for name in self.placeholder_fields))

    def has_main_text(self):
        """Whether any of the page's main text fields has something to read."""
        return any(has_text(getattr(self, name)) for name in self.main_text_fields)


class ChildPagesBeforeRoutesMixin:
    """For a page with both child pages and `RoutablePageMixin` routes: an address that is a
    child page's leads to that page.

    `RoutablePageMixin` tries its routes first, so a route such as `<slug:slug>/` would
    otherwise answer for every child page too (and a member's page would 404 for it). Costs one
    query for an address below the page.
    """

    def route(self, request, path_components):
        if path_components and self.get_children().filter(slug=path_components[0]).exists():
            return Page.route(self, request, path_components)
        return super().route(request, path_components)
