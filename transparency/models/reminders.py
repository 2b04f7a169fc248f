"""The record of the daily reminders of access requests near or past their deadline."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessRequestReminder(models.Model):
    """One reminder sent to one address on one day.

    The row is stored in the same transaction that sends the message, so a second run on the
    same day skips the addresses already reminded and a run that stopped half-way reminds the
    rest when it runs again.
    """

    recipient = models.EmailField(
        _("recipient"), help_text=_("The address the reminder was sent to.")
    )
    sent_on = models.DateField(
        _("day"), help_text=_("The day the reminder was for: one a day at most per address.")
    )
    sent_at = models.DateTimeField(
        _("sent at"), auto_now_add=True, help_text=_("When the message was handed to the server.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "sent_on"], name="one_access_request_reminder_a_day"
            )
        ]
        verbose_name = _("access request reminder")
        verbose_name_plural = _("access request reminders")

    def __str__(self):
        return f"{self.sent_on} · {self.recipient}"
