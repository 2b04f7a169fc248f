import argparse
import datetime
import smtplib

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from pages.models import OrganisationSettings
from transparency.emails import TRANSPARENCY_GROUP, staff_addresses
from transparency.models import TransparencySettings
from transparency.reminders import (
    REMIND_DAYS_AHEAD,
    already_reminded,
    requests_to_remind,
    send_reminder,
)


def day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("Write the day as YYYY-MM-DD, e.g. 2026-12-07.")
        ) from error


class Command(BaseCommand):
    help = (
        "Email whoever handles access requests the list of open ones past their deadline or due "
        f"within {REMIND_DAYS_AHEAD} days. Meant for a daily cron job: each address gets one "
        "reminder a day at most, so running it again the same day sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show who would be reminded of which requests, without sending or recording.",
        )
        parser.add_argument(
            "--today",
            type=day,
            help="Act as on this day (YYYY-MM-DD) instead of today, e.g. to check a date.",
        )

    def handle(self, *args, dry_run, today, **options):
        today = today or timezone.localdate()
        pending = requests_to_remind(today)
        if not pending:
            self.stdout.write(
                _("No open access request is past its deadline or due within %(days)d days.")
                % {"days": REMIND_DAYS_AHEAD}
            )
            return
        overdue = sum(item.overdue for item in pending)
        self.stdout.write(
            ngettext(
                "%(count)d open access request to remind: %(overdue)d past its deadline.",
                "%(count)d open access requests to remind: %(overdue)d past their deadline.",
                len(pending),
            )
            % {"count": len(pending), "overdue": overdue}
        )
        for item in pending:
            self.stdout.write(f"  {item.access_request.reference}: {item.time_left}")

        addresses = self.handler_addresses()
        reminded = already_reminded(addresses, today)
        failed = []
        for address in addresses:
            if address in reminded:
                self.stdout.write(_("%(address)s: already reminded today.") % {"address": address})
            elif dry_run:
                self.stdout.write(_("%(address)s: would be reminded.") % {"address": address})
            else:
                try:
                    sent = send_reminder(address, pending, today)
                except (smtplib.SMTPException, OSError) as error:
                    failed.append(address)
                    self.stderr.write(
                        _("%(address)s: the reminder could not be sent (%(error)s).")
                        % {"address": address, "error": error}
                    )
                    continue
                message = (
                    _("%(address)s: reminded.")
                    if sent
                    else _("%(address)s: already reminded today.")
                )
                self.stdout.write(message % {"address": address})
        if dry_run:
            self.stdout.write(_("Dry run: nothing was sent."))
        if failed:
            raise CommandError(
                _("Some reminders were not sent; run the command again to send them.")
            )

    def handler_addresses(self):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError(_("There is no default site: run seed_site first."))
        addresses = staff_addresses(
            TransparencySettings.for_site(site), OrganisationSettings.for_site(site)
        )
        if not addresses:
            raise CommandError(
                _(
                    "Nobody to remind: set the staff notification address in the settings, or "
                    'give an email to the users of the "%(group)s" group.'
                )
                % {"group": TRANSPARENCY_GROUP}
            )
        return addresses
