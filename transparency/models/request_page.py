"""The public form for requests for access to public information."""

from django.core.paginator import Paginator
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from pages.mixins import IntroductionBodyMixin, PublicFormPageMixin
from pages.models.base import SitePage
from transparency import rate_limit
from transparency.deadlines import GAIP_URL, PROCEDURE
from transparency.emails import send_request_emails
from transparency.forms import AccessRequestForm
from transparency.models.requests import AccessRequest
from transparency.models.settings import TransparencySettings

RECEIPT_PARAMETER = "sollicitud"
RECEIPT_SALT = "transparency.access-request-receipt"
# Long enough to come back to the confirmation the same week; the email keeps it for good.
RECEIPT_MAX_AGE = 7 * 24 * 60 * 60


class AccessRequestPage(PublicFormPageMixin, IntroductionBodyMixin, SitePage):
    """The access request form, its confirmation and the resolutions published so far.

    After a valid submission the visitor is redirected (Post/Redirect/Get) to this page with the
    reference signed into the address: no personal data in the URL and no session cookie.
    """

    form_class = AccessRequestForm
    confirmation_parameter = RECEIPT_PARAMETER
    confirmation_salt = RECEIPT_SALT
    confirmation_max_age = RECEIPT_MAX_AGE

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["transparency.TransparencyIndexPage"]
    subpage_types = []
    max_count = 1
    page_description = _(
        "The form to request access to public information, with the resolutions published."
    )

    PUBLISHED_PER_PAGE = 20

    class Meta:
        verbose_name = _("access request page")
        verbose_name_plural = _("access request pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(AccessRequest.objects.published(), self.PUBLISHED_PER_PAGE)
        context["published_requests"] = paginator.get_page(request.GET.get("pagina"))
        context.update(
            procedure=PROCEDURE,
            gaip_url=GAIP_URL,
            resolving_body=TransparencySettings.for_request(request).resolving_body,
        )
        return context

    def serve_submission(self, request):
        form = AccessRequestForm(request.POST)
        if not rate_limit.allow(request):
            return self.render_form(
                request, form, status=429, rate_limited=True, retry_minutes=rate_limit.minutes()
            )
        if not form.is_valid():
            return self.render_form(request, form)
        with transaction.atomic():
            access_request = form.save()
        send_request_emails(access_request, request)
        return self.redirect_to_confirmation(request, access_request.reference)

    def serve_confirmation(self, request):
        reference = self.confirmed_value(request)
        receipt = AccessRequest.objects.filter(reference=reference).first() if reference else None
        if receipt is None:
            return self.render_form(request, AccessRequestForm(), status=400, receipt_invalid=True)
        context = self.get_context(request)
        context["receipt"] = receipt
        return TemplateResponse(request, self.get_template(request), context)
