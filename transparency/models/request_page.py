"""The public form for requests for access to public information."""

from http import HTTPMethod

from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from pages.mixins import IntroductionBodyMixin
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


class AccessRequestPage(IntroductionBodyMixin, SitePage):
    """The access request form, its confirmation and the resolutions published so far.

    After a valid submission the visitor is redirected (Post/Redirect/Get) to this page with the
    reference signed into the address: no personal data in the URL and no session cookie.
    """

    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]
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

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self.serve_submission(request)
        elif RECEIPT_PARAMETER in request.GET:
            response = self.serve_receipt(request)
        else:
            response = self.render_form(request, AccessRequestForm())
        # The form carries a CSRF token and the receipt is one visitor's: neither may be cached.
        add_never_cache_headers(response)
        return response

    def render_form(self, request, form, status=200, **extra):
        context = self.get_context(request)
        context.update(form=form, **extra)
        return TemplateResponse(request, self.get_template(request), context, status=status)

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
        token = signing.dumps(access_request.reference, salt=RECEIPT_SALT)
        return HttpResponseRedirect(f"{self.get_url(request)}?{RECEIPT_PARAMETER}={token}")

    def serve_receipt(self, request):
        try:
            reference = signing.loads(
                request.GET[RECEIPT_PARAMETER], salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
            )
        except signing.BadSignature:
            reference = None
        receipt = AccessRequest.objects.filter(reference=reference).first() if reference else None
        if receipt is None:
            return self.render_form(request, AccessRequestForm(), status=400, receipt_invalid=True)
        context = self.get_context(request)
        context["receipt"] = receipt
        return TemplateResponse(request, self.get_template(request), context)
