"""`seed_site` builds the URL map's tree once, and never overwrites an editor's work.

`seed_site` alone is what a production site gets: the tree, the consortium's texts and the
reference lists, but no member, person or date that an editor did not enter. `seed_site --demo`
adds the demo members and marks every page as a demo site's; production settings refuse it.
The session's test database is a demo site.
"""

import importlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.documents.models import Document
from wagtail.models import Page, Site

from governance.models import GoverningBody, Person, Position
from members.models import Comarca, Member, Province
from news.models import EventPage, NewsPage
from pages.models import HomePage, OrganisationSettings
from tests.conftest import run_seed_site
from transparency.models import TransparencyItem

DEMO_BANNER = "Lloc de demostració: les dades no són reals"
PUBLIC_URLS = [
    "/",
    "/qui-som/",
    "/qui-som/historia/",
    "/qui-som/estatuts/",
    "/qui-som/presentacio-del-president/",
    "/qui-som/organs-de-govern/",
    "/qui-som/municipis-adherits/",
    "/qui-som/municipis-adherits/com-adherir-se/",
    "/qui-som/transparencia/",
    "/qui-som/transparencia/contractacio-publica/",
    "/qui-som/transparencia/dret-d-acces/",
    "/contacte/",
    "/avis-legal/",
    "/accessibilitat/",
    "/actualitat/",
    "/agenda/",
    "/cerca/?q=consorci",
]

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
    assert top == ["qui-som", "serveis", "actualitat", "agenda", "contacte", *LEGAL_PAGES]
    assert [page.slug for page in about.get_children()] == QUI_SOM_SECTIONS
    members = about.get_children().get(slug="municipis-adherits")
    assert [page.slug for page in members.get_children()] == ["com-adherir-se"]
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


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_production_settings_do_not_allow_demo_content(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    production = importlib.import_module("localret_site.settings.production")

    assert production.DEMO_CONTENT_ALLOWED is False


def test_demo_seed_is_refused_when_demo_content_is_not_allowed(seeded_site, settings):
    settings.DEMO_CONTENT_ALLOWED = False
    Member.objects.all().delete()

    with pytest.raises(CommandError, match="DEMO_CONTENT_ALLOWED"):
        call_command("seed_site", "--demo", stdout=io.StringIO())

    assert not Member.objects.exists()


def test_the_demo_seed_loads_members_and_marks_every_page(client, seeded_site):
    assert Member.objects.current().count() == 9
    for url in [*PUBLIC_URLS, "/qui-som/municipis-adherits/barcelona/"]:
        assert page_text(client, url).count(DEMO_BANNER) == 1, url
    assert DEMO_BANNER in client.get("/no-existeix/").content.decode()


def test_the_production_seed_adds_no_member_and_no_demo_banner(client, seeded_site):
    OrganisationSettings.objects.update(is_demo_site=False)
    Member.objects.all().delete()

    run_seed_site()

    assert not Member.objects.exists()
    for url in PUBLIC_URLS:
        assert DEMO_BANNER not in page_text(client, url), url


def test_clearing_the_demo_flag_removes_the_banner(client, seeded_site):
    assert DEMO_BANNER in page_text(client, "/")
    organisation = OrganisationSettings.for_site(seeded_site)
    organisation.is_demo_site = False
    organisation.save()

    assert DEMO_BANNER not in page_text(client, "/")


def test_the_demo_seed_twice_changes_nothing(seeded_site):
    members = list(Member.objects.values_list("code", "member_since"))
    before = tree_snapshot()

    run_seed_site("--demo")

    assert list(Member.objects.values_list("code", "member_since")) == members
    assert tree_snapshot() == before


def test_the_demo_seed_leaves_a_registry_that_staff_filled(seeded_site):
    Member.objects.exclude(code="080193").delete()

    run_seed_site("--demo")

    assert list(Member.objects.values_list("code", flat=True)) == ["080193"]


@pytest.mark.django_db(transaction=True)
def test_a_fresh_production_seed_creates_no_member_person_position_or_document(client):
    call_command("flush", interactive=False, verbosity=0)

    run_seed_site()

    assert HomePage.objects.count() == 1
    assert (Province.objects.count(), Comarca.objects.count()) == (4, 43)
    assert GoverningBody.objects.count() == 5
    for model in [Member, Person, Position, Document, TransparencyItem, NewsPage, EventPage]:
        assert not model.objects.exists(), model
    assert not OrganisationSettings.objects.filter(is_demo_site=True).exists()
    for url in PUBLIC_URLS:
        text = page_text(client, url)
        assert DEMO_BANNER not in text, url
        assert "Darrera actualització" not in text, url
    assert "La llista d’ens adherits encara no s’ha publicat." in page_text(
        client, "/qui-som/municipis-adherits/"
    )
    assert "dels 947 municipis" not in page_text(client, "/qui-som/municipis-adherits/")
    assert "+800" in page_text(client, "/")
    assert "són membres de Localret" not in page_text(client, "/qui-som/")


@pytest.mark.django_db(transaction=True)
def test_a_fresh_demo_seed_marks_every_page_and_a_second_run_changes_nothing(client):
    call_command("flush", interactive=False, verbosity=0)

    run_seed_site("--demo")
    members = list(Member.objects.values_list("code", "member_since"))
    run_seed_site("--demo")

    assert len(members) == 9
    assert list(Member.objects.values_list("code", "member_since")) == members
    for url in PUBLIC_URLS:
        assert page_text(client, url).count(DEMO_BANNER) == 1, url
