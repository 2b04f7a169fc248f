"""The two emails a new access request sends: the requester's acknowledgement, the staff's notice.

The request is already stored when they go out, so a mail server that fails is logged and
staff still find the request in the admin; the visitor still gets the confirmation page.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from pages.models import OrganisationSettings
from transparency.deadlines import GAIP_URL, PROCEDURE
from transparency.models.settings import TransparencySettings

logger = logging.getLogger(__name__)


def render_email(template_prefix, context):
    """Subject (one line) and body rendered from `<prefix>_subject.txt` and `<prefix>_body.txt`."""
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body


def send_email(template_prefix, context, to, reply_to=None):
    subject, body = render_email(template_prefix, context)
    message = EmailMessage(subject, body, to=to, reply_to=reply_to)
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception(
            "Could not send %s for access request %s",
            template_prefix,
            context["access_request"].reference,
        )


def send_request_emails(access_request, request):
    """Acknowledge the request to its author, when they gave an email address, and announce it
    to the staff address."""
    organisation = OrganisationSettings.for_request(request)
    transparency = TransparencySettings.for_request(request)
    staff_address = transparency.notification_email or organisation.email
    context = {
        "access_request": access_request,
        "organisation": organisation,
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("access_requests:edit", args=[access_request.pk]),
        "procedure": PROCEDURE,
        "gaip_url": GAIP_URL,
        "resolving_body": transparency.resolving_body,
    }
    reply_to = [organisation.email] if organisation.email else None
    if access_request.email:
        send_email(
            "transparency/emails/acknowledgement",
            context,
            to=[access_request.email],
            reply_to=reply_to,
        )
    if staff_address:
        send_email("transparency/emails/staff_notification", context, to=[staff_address])
    else:
        logger.warning(
            "Access request %s: no staff notification address is set", access_request.reference
        )
