"""The two emails a new access request sends: the requester's acknowledgement, the staff's notice.

The request is already stored when they go out, so a mail server that fails is logged and
staff still find the request in the admin; the visitor still gets the confirmation page.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from pages.models import OrganisationSettings
from transparency import rate_limit
from transparency.deadlines import GAIP_URL, PROCEDURE
from transparency.models.settings import TransparencySettings

logger = logging.getLogger(__name__)

# Created by migration 0003; its users are the ones who handle access requests.
TRANSPARENCY_GROUP = "Transparència"


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


def staff_addresses(transparency_settings, organisation):
    """Who handles access requests: the staff address, else the organisation's email, else the
    email of every active user of the Transparència group, so that no request waits unseen.
    """
    address = transparency_settings.notification_email or organisation.email
    if address:
        return [address]
    users = get_user_model().objects.filter(is_active=True, groups__name=TRANSPARENCY_GROUP)
    addresses = list(
        users.exclude(email="").order_by("email").values_list("email", flat=True).distinct()
    )
    logger.info(
        "No staff notification address is set: writing to the %s active users of the %s group "
        "who have an email",
        len(addresses),
        TRANSPARENCY_GROUP,
    )
    return addresses


def admin_url(access_request):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "access_requests:edit", args=[access_request.pk]
    )


def send_request_emails(access_request, request):
    """Acknowledge the request to its author, when they gave an email address and the hourly caps
    allow it, and announce it to whoever handles requests."""
    organisation = OrganisationSettings.for_request(request)
    transparency_settings = TransparencySettings.for_request(request)
    context = {
        "access_request": access_request,
        "organisation": organisation,
        "admin_url": admin_url(access_request),
        "procedure": PROCEDURE,
        "gaip_url": GAIP_URL,
        "resolving_body": transparency_settings.resolving_body,
    }
    reply_to = [organisation.email] if organisation.email else None
    if access_request.email and not rate_limit.allow_acknowledgement(access_request.email):
        logger.warning(
            "Access request %s: acknowledgement not sent, the hourly limit of acknowledgements "
            "for its address or for the whole site is reached",
            access_request.reference,
        )
    elif access_request.email:
        send_email(
            "transparency/emails/acknowledgement",
            context,
            to=[access_request.email],
            reply_to=reply_to,
        )
    recipients = staff_addresses(transparency_settings, organisation)
    if not recipients:
        logger.error(
            "Access request %s: no staff notification address is set and no active user of "
            "the %s group has an email: nobody was notified",
            access_request.reference,
            TRANSPARENCY_GROUP,
        )
        return
    send_email("transparency/emails/staff_notification", context, to=recipients)
