"""The email that takes a contact message to the staff who handle its topic.

The message is already stored when it goes out, so a mail server that fails is logged and staff
still find the message in the admin; the visitor still gets the confirmation.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)


def recipient(contact_message, organisation):
    """The topic's staff address, else the organisation's contact email (None without either)."""
    topic = contact_message.topic
    return (topic.email if topic else "") or organisation.email or None


def send_to_staff(contact_message, organisation):
    """Send the message to its recipient, answerable straight to the sender."""
    address = recipient(contact_message, organisation)
    if address is None:
        logger.error(
            "Contact message %s: its topic has no staff email and the organisation has no "
            "contact email; it waits in the admin",
            contact_message.pk,
        )
        return
    context = {
        "contact_message": contact_message,
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("contact_messages:inspect", args=[contact_message.pk]),
    }
    subject = " ".join(render_to_string("pages/emails/contact_subject.txt", context).split())
    body = render_to_string("pages/emails/contact_body.txt", context)
    email = EmailMessage(subject, body, to=[address], reply_to=[contact_message.email])
    try:
        email.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send contact message %s to staff", contact_message.pk)
