"""Open access requests against their deadline: the dashboard's list and the daily reminder.

An unanswered request is deemed accepted once its deadline passes (Llei 19/2014, art. 35), so
whoever handles requests sees the open ones on the dashboard, the overdue ones first, and gets
one email a day listing those past their deadline or due within `REMIND_DAYS_AHEAD` days.
"""

import datetime
from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext, ngettext

from transparency.deadlines import days_left
from transparency.emails import admin_url, render_email
from transparency.models import AccessRequest, AccessRequestReminder

REMIND_DAYS_AHEAD = 5


@dataclass(frozen=True)
class OpenRequest:
    """An open request and the calendar days left until its deadline (negative: overdue)."""

    access_request: AccessRequest
    days_left: int

    @property
    def overdue(self):
        return self.days_left < 0

    @property
    def time_left(self):
        if self.days_left < 0:
            days = -self.days_left
            return ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days}
        if self.days_left == 0:
            return gettext("due today")
        return ngettext("%(days)d day left", "%(days)d days left", self.days_left) % {
            "days": self.days_left
        }

    @property
    def admin_url(self):
        return admin_url(self.access_request)


def open_requests(today, due_by=None, limit=None):
    """Open requests, soonest deadline first (so the overdue ones lead), as `OpenRequest`s."""
    queryset = AccessRequest.objects.open().order_by("due_on", "received_at", "pk")
    if due_by is not None:
        queryset = queryset.filter(due_on__lte=due_by)
    if limit is not None:
        queryset = queryset[:limit]
    return [OpenRequest(request, days_left(request.due_on, today)) for request in queryset]


def requests_to_remind(today):
    """Open requests past their deadline or due within `REMIND_DAYS_AHEAD` days of `today`."""
    return open_requests(today, due_by=today + datetime.timedelta(days=REMIND_DAYS_AHEAD))


def already_reminded(addresses, today):
    return set(
        AccessRequestReminder.objects.filter(recipient__in=addresses, sent_on=today).values_list(
            "recipient", flat=True
        )
    )


def send_reminder(address, pending, today):
    """Email `address` the list of `pending` requests, once on `today`.

    The day's record and the message go together: if sending fails, the record is rolled back
    and the next run tries again; if another run reminded the address meanwhile, nothing is sent.
    Returns whether a message was sent.
    """
    with transaction.atomic():
        _, created = AccessRequestReminder.objects.get_or_create(recipient=address, sent_on=today)
        if not created:
            return False
        subject, body = render_email(
            "transparency/emails/reminder",
            {
                "overdue": [item for item in pending if item.overdue],
                "due_soon": [item for item in pending if not item.overdue],
                "days_ahead": REMIND_DAYS_AHEAD,
                "today": today,
                "count": len(pending),
            },
        )
        EmailMessage(subject, body, to=[address]).send()
    return True
