"""What the contact form writes to: the topics a visitor chooses from and the messages kept for
staff to follow up."""

import calendar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable


class ContactTopic(Orderable):
    """A subject a visitor may write about, and the staff address that receives it; the form
    offers them in the order editors drag them into."""

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("What the form offers, e.g. «Adhesió al consorci»."),
    )
    email = models.EmailField(
        _("staff email"),
        blank=True,
        help_text=_(
            "Messages on this topic are sent here. When empty, they go to the organisation's "
            "contact email (Settings, Organisation details)."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("contact topic")
        verbose_name_plural = _("contact topics")

    def __str__(self):
        return self.name


class ContactMessageQuerySet(models.QuerySet):
    def received_before(self, moment):
        return self.filter(received_at__lt=moment)


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (the month's last day when it is
    shorter: 31 March less one month is 28 or 29 February)."""
    year, month_index = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month_index + 1)[1])
    return moment.replace(year=year, month=month_index + 1, day=day)


class ContactMessage(models.Model):
    """A message sent with the contact form, kept for follow-up until its retention ends."""

    topic = models.ForeignKey(
        ContactTopic,
        verbose_name=_("topic"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        help_text=_("The topic the sender chose."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("The sender's name."))
    email = models.EmailField(_("email"), help_text=_("Where to answer the sender."))
    message = models.TextField(_("message"), help_text=_("What the sender wrote."))
    received_at = models.DateTimeField(
        _("received at"), default=timezone.now, editable=False, db_index=True
    )
    handled = models.BooleanField(
        _("handled"),
        default=False,
        help_text=_("Tick it once the message has been answered or needs nothing more."),
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self):
        return f"{self.name} ({self.received_at:%Y-%m-%d})"
