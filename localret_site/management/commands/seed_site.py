import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.contrib.settings.registry import registry as site_settings
from wagtail.models import Site

from governance import seed as governance_seed
from members import seed as members_seed
from news import seed as news_seed
from pages import seed as pages_seed
from services import seed as services_seed
from transparency import seed as transparency_seed

DEV_ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Create the site's page tree with its initial content. Only what is missing is created, "
        "so running it again never overwrites what editors changed. With --demo, also the demo "
        "members, services, news and events, and every page says the site is a demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help=(
                "Also load demo members (real names, invented dates) into an empty registry and "
                "mark the site as a demo. Refused unless DEMO_CONTENT_ALLOWED is on (it is off "
                "with production settings)."
            ),
        )

    def handle(self, *args, demo=False, **options):
        if demo and not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "seed_site --demo is refused with these settings (DEMO_CONTENT_ALLOWED is off): "
                "demo members and dates would be published as if they were real. Run seed_site "
                "without --demo."
            )
        with transaction.atomic():
            home = pages_seed.seed_home()
            home_children_before = pages_seed.home_child_slugs(home)
            # "Qui som" sections are created in menu order: history, statutes (pages),
            # president, governing bodies (governance), members, transparency.
            about = pages_seed.seed(home)
            governance_seed.seed(about)
            members_page = members_seed.seed(about)
            members_seed.seed_join_page(members_page)
            transparency_seed.seed(about)
            services = services_seed.seed(home)
            news_index, event_index = news_seed.seed(home)
            pages_seed.seed_contact(home)
            transparency_seed.seed_legal_pages(home)
            if demo:
                members_seed.seed_demo()
                services_seed.seed_demo(services)
                news_seed.seed_demo(news_index, event_index)
                pages_seed.mark_demo_site(home)
            pages_seed.order_main_menu(home, home_children_before)
            # Every site setting exists from the start: a page that first reads one would
            # otherwise create it, and with it a new content generation, while it renders.
            for site in Site.objects.filter(root_page=home):
                for model in site_settings:
                    model.for_site(site)
        self.stdout.write(self.style.SUCCESS("Site content is in place."))
        if demo:
            self.stdout.write(
                self.style.WARNING("Demo content is in place: every page says it is not real.")
            )
        if settings.DEBUG:
            self.create_dev_admin()

    def create_dev_admin(self):
        """Give a fresh development database an administrator, and say its password once."""
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(DEV_ADMIN_USERNAME, "admin@localhost", password)
        self.stdout.write(
            self.style.WARNING(
                f"Development administrator created. User: {DEV_ADMIN_USERNAME}  "
                f"Password: {password}  (shown only this once)"
            )
        )
