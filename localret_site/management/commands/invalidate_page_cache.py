from django.core.management.base import BaseCommand

from localret_site.caching.generation import pages_changed


class Command(BaseCommand):
    help = (
        "Make every cached page stale. Needed only after the database was changed from outside "
        "the site: a restore with pg_restore, or SQL typed by hand."
    )

    def handle(self, *args, **options):
        pages_changed()
        self.stdout.write("The page cache is invalidated.")
