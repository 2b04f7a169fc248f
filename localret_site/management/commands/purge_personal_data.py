import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from transparency.models import AccessRequest


class Command(BaseCommand):
    help = (
        "Anonymise the access requests resolved more than ACCESS_REQUEST_RETENTION_DAYS days ago: "
        "blank the requester's personal data and what they wrote, keeping the reference, dates, "
        "status and subject for statistics. Shows what it would do unless --apply is given. "
        "Meant for a daily cron job; running it again changes nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Anonymise the expired requests (without it, only count them).",
        )

    def handle(self, *args, apply, **options):
        days = settings.ACCESS_REQUEST_RETENTION_DAYS
        if days < 0:
            raise CommandError(_("ACCESS_REQUEST_RETENTION_DAYS cannot be negative."))
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        self.stdout.write(
            _(
                "Access requests are kept %(days)d days after their resolution: those resolved "
                "before %(cutoff)s have expired."
            )
            % {"days": days, "cutoff": date_format(cutoff, "DATE_FORMAT")}
        )
        with transaction.atomic():
            expired = AccessRequest.objects.past_retention(cutoff)
            if not apply:
                count = expired.count()
                self.stdout.write(
                    ngettext(
                        "%(count)d access request would be anonymised.",
                        "%(count)d access requests would be anonymised.",
                        count,
                    )
                    % {"count": count}
                )
                self.stdout.write(_("Dry run: nothing was changed. Add --apply to anonymise."))
                return
            count = expired.anonymise()
        self.stdout.write(
            ngettext(
                "%(count)d access request anonymised.",
                "%(count)d access requests anonymised.",
                count,
            )
            % {"count": count}
        )
