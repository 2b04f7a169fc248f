"""`seed_site` builds the URL map's tree once, and never overwrites an editor's work."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from pages.models import HomePage
from tests.conftest import run_seed_site

QUI_SOM_SECTIONS = [
    "historia",
    "estatuts",
    "presentacio-del-president",
    "organs-de-govern",
    "municipis-adherits",
    "transparencia",
]
LEGAL_PAGES = ["avis-legal", "privacitat", "galetes", "accessibilitat"]


def tree_snapshot():
    return list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "title", "live", "latest_revision_id", "last_published_at"
        )
    )


def test_seed_builds_the_tree_of_the_url_map(seeded_site):
    home = seeded_site.root_page
    top = [page.slug for page in home.get_children()]
    about = home.get_children().get(slug="qui-som")

    assert isinstance(home.specific, HomePage)
    assert top == ["qui-som", *LEGAL_PAGES]
    assert [page.slug for page in about.get_children()] == QUI_SOM_SECTIONS
    assert all(page.live for page in Page.objects.filter(depth__gt=1))


def test_seed_replaces_wagtails_welcome_page(seeded_site):
    assert Page.objects.filter(depth=2).count() == 1
    assert Site.objects.get().root_page.specific_class is HomePage


def test_seed_twice_changes_nothing(seeded_site):
    before = tree_snapshot()
    sites = list(Site.objects.values_list("pk", "root_page_id", "hostname"))

    run_seed_site()

    assert tree_snapshot() == before
    assert list(Site.objects.values_list("pk", "root_page_id", "hostname")) == sites


def test_an_editors_change_survives_a_new_seed(seeded_site, client):
    statutes = Page.objects.get(slug="estatuts").specific
    statutes.title = "Els Estatuts de Localret"
    statutes.introduction = "<p>Text definitiu aprovat per la direcció.</p>"
    statutes.save_revision().publish()

    run_seed_site()

    html = client.get("/qui-som/estatuts/").content.decode()
    assert "Els Estatuts de Localret" in html
    assert "Text definitiu aprovat per la direcció." in html
    assert Page.objects.filter(slug="estatuts").count() == 1


def test_seed_recreates_a_section_only_when_it_is_missing(seeded_site):
    Page.objects.get(slug="galetes").delete()

    run_seed_site()

    assert Page.objects.filter(slug="galetes", live=True).count() == 1
    assert Page.objects.filter(slug="avis-legal").count() == 1


def test_seed_creates_a_development_administrator_once(seeded_site, settings):
    settings.DEBUG = True

    first = run_seed_site()
    second = run_seed_site()

    admin = get_user_model().objects.get(is_superuser=True)
    password = first.split("Password: ")[1].split()[0]
    assert admin.username in first
    assert admin.check_password(password)
    assert "Password" not in second


def test_seed_creates_no_administrator_when_debug_is_off(seeded_site, settings):
    settings.DEBUG = False

    output = run_seed_site()

    assert "Password" not in output
    assert not get_user_model().objects.exists()


@pytest.mark.django_db(transaction=True)
def test_seed_rebuilds_the_root_on_an_empty_database():
    """A flushed database (as browser tests get) has no locale, root page or Site."""
    Site.objects.all().delete()
    Page.objects.all().delete()

    run_seed_site()

    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
