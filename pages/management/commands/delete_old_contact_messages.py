from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from pages.models import ContactMessage, OrganisationSettings
from pages.models.contact import months_before


class Command(BaseCommand):
    help = (
        "Delete the contact messages received longer ago than their retention period, in months, "
        "from the organisation details of the default site. Meant for a daily cron job; "
        "--dry-run only counts them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the messages that would be deleted, and delete nothing.",
        )

    def handle(self, *args, dry_run, **options):
        site = Site.objects.filter(is_default_site=True).first()
        organisation = OrganisationSettings.for_site(site) if site else OrganisationSettings()
        months = organisation.contact_message_retention_months
        cutoff = months_before(timezone.localtime(), months)
        self.stdout.write(
            ngettext(
                "Contact messages are kept %(months)d month: those received before %(cutoff)s "
                "have expired.",
                "Contact messages are kept %(months)d months: those received before %(cutoff)s "
                "have expired.",
                months,
            )
            % {"months": months, "cutoff": date_format(cutoff, "DATE_FORMAT")}
        )
        expired = ContactMessage.objects.received_before(cutoff)
        if dry_run:
            count = expired.count()
            self.stdout.write(
                ngettext(
                    "%(count)d contact message would be deleted.",
                    "%(count)d contact messages would be deleted.",
                    count,
                )
                % {"count": count}
            )
            self.stdout.write(_("Dry run: nothing was deleted."))
            return
        count, _by_model = expired.delete()
        self.stdout.write(
            ngettext(
                "%(count)d contact message deleted.",
                "%(count)d contact messages deleted.",
                count,
            )
            % {"count": count}
        )
