from http import HTTPMethod

from django.core import signing
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
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


class PublicFormPageMixin:
    """A page that shows a public form and takes it on its own address (Post/Redirect/Get).

    A valid submission redirects to the page with a signed value in `confirmation_parameter`:
    no personal data in the URL and no cookie other than the form's CSRF one. Subclasses set
    `form_class`, `confirmation_parameter`, `confirmation_salt` and `confirmation_max_age`, and
    write `serve_submission` and `serve_confirmation`.
    """

    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self.serve_submission(request)
        elif self.confirmation_parameter in request.GET:
            response = self.serve_confirmation(request)
        else:
            response = self.render_form(request, self.form_class())
        # The form carries a CSRF token and a confirmation is one visitor's: neither is cached.
        add_never_cache_headers(response)
        return response

    def render_form(self, request, form, status=200, **extra):
        context = self.get_context(request)
        context.update(form=form, **extra)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def redirect_to_confirmation(self, request, value):
        token = signing.dumps(value, salt=self.confirmation_salt)
        return HttpResponseRedirect(
            f"{self.get_url(request)}?{self.confirmation_parameter}={token}"
        )

    def confirmed_value(self, request):
        """The value signed into the confirmation address; None when forged or expired."""
        try:
            return signing.loads(
                request.GET[self.confirmation_parameter],
                salt=self.confirmation_salt,
                max_age=self.confirmation_max_age,
            )
        except signing.BadSignature:
            return None
