"""The contact page: how to reach the consortium, and a form that writes to its staff."""

from django.conf import settings
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from localret_site import rate_limits
from pages.contact_emails import send_to_staff
from pages.forms import ContactForm
from pages.mixins import IntroductionBodyMixin, PublicFormPageMixin
from pages.models.base import SitePage
from pages.models.site_settings import OrganisationSettings

SENT_PARAMETER = "enviat"
SENT_SALT = "pages.contact-message-sent"
# Long enough to read the confirmation, reload it or come back to it in a moment.
SENT_MAX_AGE = 60 * 60

DEFAULT_SUBMISSIONS_PER_ADDRESS = 5
DEFAULT_SUBMISSION_WINDOW_SECONDS = 60 * 60


def submission_window():
    return getattr(settings, "CONTACT_FORM_WINDOW", DEFAULT_SUBMISSION_WINDOW_SECONDS)


def allow_submission(request):
    """Count one submission from the request's address; False once its hourly limit is passed.

    Behind proxies, REMOTE_ADDR is the visitor's address (localret_site.proxy).
    """
    key = rate_limits.counter_key("contact-submissions", request.META.get("REMOTE_ADDR", ""))
    limit = getattr(settings, "CONTACT_FORM_LIMIT", DEFAULT_SUBMISSIONS_PER_ADDRESS)
    return rate_limits.take([(key, limit)], submission_window())


class ContactPage(PublicFormPageMixin, IntroductionBodyMixin, SitePage):
    """ "Contacte": the organisation's address, phone, email and hours, and the contact form.

    A valid message is stored for staff (Contact messages in the admin) and emailed to the
    address of its topic; the visitor is then redirected (Post/Redirect/Get) to this page with
    a signed mark in the address that shows the confirmation: no personal data in the URL and
    no cookie other than the form's CSRF one.
    """

    form_class = ContactForm
    confirmation_parameter = SENT_PARAMETER
    confirmation_salt = SENT_SALT
    confirmation_max_age = SENT_MAX_AGE

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    # The form and the organisation's details are the page: an empty introduction leaves
    # nothing missing (a placeholder in it is still listed for editors).
    main_text_fields = ()

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1
    page_description = _(
        "The contact page: the organisation's details (from Settings, Organisation details) "
        "and a form whose messages go to the staff address of each topic."
    )

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def serve_submission(self, request):
        form = ContactForm(request.POST)
        if not allow_submission(request):
            retry_minutes = max(1, -(-submission_window() // 60))
            return self.render_form(
                request, form, status=429, rate_limited=True, retry_minutes=retry_minutes
            )
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        if not form.is_from_a_robot():
            with transaction.atomic():
                contact_message = form.save()
            send_to_staff(contact_message, OrganisationSettings.for_request(request))
        return self.redirect_to_confirmation(request, True)

    def serve_confirmation(self, request):
        if self.confirmed_value(request) is None:
            return self.render_form(request, ContactForm(), status=400, confirmation_invalid=True)
        return TemplateResponse(
            request, self.get_template(request), {**self.get_context(request), "sent": True}
        )
