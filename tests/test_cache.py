"""Whole-page cache: anonymous visitors get cached pages until anything they show changes.

Changes are made as the site makes them, inside a transaction that commits (`committed()`):
the cache hears of a change when its transaction commits.
A page served from the cache runs no SQL query at all, which is how these tests tell a cached
answer from a fresh one.
"""

import datetime
import re
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site

from governance.models import GoverningBody
from localret_site.caching.generation import GENERATION_KEY
from localret_site.caching.invalidation import content_changed
from localret_site.caching.middleware import CACHE_STATUS_HEADER
from members.importer import import_members
from members.models import Member
from pages.models import OrganisationSettings
from tests.factories import (
    AccessRequestFactory,
    MemberFactory,
    PositionFactory,
    StandardPageFactory,
    TransparencyItemDocumentFactory,
    TransparencyItemFactory,
    build_members,
)
from transparency.models import AccessRequestReminder, TransparencySectionPage

pytestmark = pytest.mark.django_db

HOME = "/"
ABOUT = "/qui-som/"
BODIES = "/qui-som/organs-de-govern/"
MEMBERS = "/qui-som/municipis-adherits/"
ACCESS_REQUEST = "/qui-som/transparencia/dret-d-acces/"
LEGAL_NOTICE = "/avis-legal/"
PRIVACY = "/privacitat/"


@contextmanager
def committing():
    """Run the block as a transaction that commits: what it asked to do on commit is done, and
    forgotten (each test runs inside a transaction of its own that never commits)."""
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic(savepoint=False):
        yield


@pytest.fixture
def page_cache(settings, seeded_site):
    settings.PAGE_CACHE_ENABLED = True
    # A site's settings rows are created by the first visit that reads them, which is a change
    # of content; the seeded test site has never been visited.
    with committing():
        for model in apps.get_models():
            if issubclass(model, BaseSiteSetting):
                model.for_site(seeded_site)
    cache.clear()
    yield seeded_site
    cache.clear()


@pytest.fixture
def committed():
    """`with committed(): ...` makes a change and commits it, as a request of the admin would."""
    return committing


class Visitor:
    """An anonymous visitor. Each request commits, as it does on a real server (the first
    visit of a site creates its settings rows, for instance)."""

    def __init__(self, client, committed, assert_num_queries):
        self.client = client
        self.committed = committed
        self.assert_num_queries = assert_num_queries

    def get(self, url, data=None):
        with self.committed():
            return self.client.get(url, data)

    def fresh(self, url):
        """The page as the application renders it now, not a copy from the page cache."""
        response = self.get(url)
        assert response.status_code == 200
        assert response.get(CACHE_STATUS_HEADER) != "hit", f"{url} came from the cache"
        return response.content.decode()

    def cached(self, url):
        """The page as the cache serves it: not one query."""
        with self.assert_num_queries(0):
            response = self.get(url)
        assert response.status_code == 200
        assert response[CACHE_STATUS_HEADER] == "hit"
        return response.content.decode()


@pytest.fixture
def visitor(page_cache, client, committed, django_assert_num_queries):
    return Visitor(client, committed, django_assert_num_queries)


def about_page():
    return Page.objects.get(url_path="/inici/qui-som/").specific


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.parametrize(
    "url",
    [HOME, ABOUT, BODIES, MEMBERS, "/qui-som/estatuts/", "/qui-som/transparencia/", LEGAL_NOTICE],
)
def test_an_anonymous_page_is_served_again_from_the_cache(visitor, url):
    first = visitor.fresh(url)
    assert visitor.cached(url) == first


def test_a_head_request_is_answered_from_the_cached_page(visitor):
    visitor.fresh(ABOUT)
    with visitor.assert_num_queries(0):
        response = visitor.client.head(ABOUT)
    assert response.status_code == 200


def test_public_pages_tell_browsers_and_a_cdn_how_long_to_keep_them(visitor):
    cache_control = visitor.get(ABOUT)["Cache-Control"]
    for directive in (
        "public",
        "max-age=60",
        "s-maxage=300",
        "stale-while-revalidate=60",
        "stale-if-error=86400",
    ):
        assert directive in cache_control


def test_every_query_string_is_a_page_of_its_own(visitor, committed):
    with committed():
        MemberFactory(name="Vilanova de Prova")
        MemberFactory(name="Castellet de Prova")
    first = visitor.fresh(f"{MEMBERS}?q=vilanova")
    second = visitor.fresh(f"{MEMBERS}?q=castellet")
    assert "Vilanova de Prova" in first and "Castellet de Prova" not in first
    assert "Castellet de Prova" in second and "Vilanova de Prova" not in second


def test_the_order_of_the_query_parameters_makes_no_page_of_its_own(visitor):
    first = visitor.fresh(f"{MEMBERS}?tipus=municipi&q=bar")
    assert visitor.cached(f"{MEMBERS}?q=bar&tipus=municipi") == first


@pytest.mark.parametrize(
    "query", ["utm_source=butlleti", "q=bar&fbclid=x", "sollicitud=abc", "Q=bar", "q=bar&q%00=1"]
)
def test_a_query_parameter_no_page_reads_is_answered_but_not_stored(visitor, query):
    for _ in range(2):
        response = visitor.get(f"{MEMBERS}?{query}")
        assert response.status_code == 200
        # "miss" marks a page stored in the cache, "hit" one served from it.
        assert CACHE_STATUS_HEADER not in response


def test_a_published_title_shows_at_once_on_the_page_and_in_every_menu(visitor, committed):
    visitor.fresh(ABOUT)
    visitor.fresh(HOME)
    with committed():
        publish(about_page(), title="Qui som i què fem")
    assert "Qui som i què fem" in visitor.fresh(ABOUT)
    assert "Qui som i què fem" in visitor.fresh(HOME)


def test_a_saved_draft_changes_nothing_that_visitors_see(visitor, committed):
    live = visitor.fresh(ABOUT)
    page = about_page()
    with committed():
        page.title = "Esborrany sense publicar"
        page.save_revision()
    # Still the cached page: saving a draft does not empty the cache, and shows nothing new.
    assert visitor.cached(ABOUT) == live
    assert "Esborrany sense publicar" not in live


def test_a_locked_page_changes_nothing_that_visitors_see(visitor, committed, admin_user):
    live = visitor.fresh(ABOUT)
    page = about_page()
    with committed():
        page.locked, page.locked_by, page.locked_at = True, admin_user, timezone.now()
        page.save(update_fields=["locked", "locked_by", "locked_at"])
    assert visitor.cached(ABOUT) == live


def test_an_unpublished_page_disappears_at_once(visitor, committed):
    visitor.fresh(LEGAL_NOTICE)
    with committed():
        Page.objects.get(url_path="/inici/avis-legal/").unpublish()
    assert visitor.get(LEGAL_NOTICE).status_code == 404


def test_a_moved_page_answers_at_its_new_address_at_once(visitor, committed):
    visitor.fresh(PRIVACY)
    with committed():
        Page.objects.get(url_path="/inici/privacitat/").move(about_page(), pos="last-child")
    # Wagtail leaves a redirect at the old address.
    assert visitor.get(PRIVACY)["Location"] == "/qui-som/privacitat/"
    assert visitor.get("/qui-som/privacitat/").status_code == 200


def test_a_deleted_page_disappears_at_once(visitor, committed):
    visitor.fresh(PRIVACY)
    with committed():
        Page.objects.get(url_path="/inici/privacitat/").delete()
    assert visitor.get(PRIVACY).status_code == 404


def test_an_edited_member_shows_at_once_in_the_listing_and_on_its_page(visitor, committed):
    with committed():
        member = MemberFactory(name="Sant Joan de Prova")
    member_url = f"{MEMBERS}{member.slug}/"
    assert "Sant Joan de Prova" in visitor.fresh(MEMBERS)
    assert "Sant Joan de Prova" in visitor.fresh(member_url)
    with committed():
        member.name = "Sant Joan Nou de Prova"
        member.save()
    assert "Sant Joan Nou de Prova" in visitor.fresh(MEMBERS)
    assert "Sant Joan Nou de Prova" in visitor.fresh(member_url)


def test_members_imported_in_bulk_show_at_once(visitor, committed):
    """The importer writes with bulk_create and bulk_update, which send no model signals."""
    header = "codi,nom,tipus,comarca,data_adhesio,data_baixa,web\n"
    visitor.fresh(f"{MEMBERS}?q=ens de prova")
    with committed():
        assert import_members(
            f"{header}FMC,Ens de prova primer,altres,,2001-05-03,,\n"
            "ACM,Ens de prova segon,altres,,2001-05-03,,\n".encode(),
            "ens.csv",
        ).applied
    listing = visitor.fresh(f"{MEMBERS}?q=ens de prova")
    assert "Ens de prova primer" in listing and "Ens de prova segon" in listing
    with committed():
        assert import_members(
            f"{header}ACM,Ens de prova reanomenat,altres,,2001-05-03,,\n".encode(), "ens.csv"
        ).applied
    assert "Ens de prova reanomenat" in visitor.fresh(f"{MEMBERS}?q=ens de prova")


def test_rows_written_without_a_signal_show_once_content_changed_is_called(visitor, committed):
    visitor.fresh(f"{MEMBERS}?q=ens de prova")
    with committed():
        Member.objects.bulk_create(build_members(1))
        content_changed()
    assert "Ens de prova 00000" in visitor.fresh(f"{MEMBERS}?q=ens de prova")


def test_a_person_and_their_seat_show_at_once(visitor, committed):
    visitor.fresh(BODIES)
    with committed():
        position = PositionFactory(
            person__name="Persona de Prova", body=GoverningBody.objects.first()
        )
    assert "Persona de Prova" in visitor.fresh(BODIES)
    with committed():
        position.person.name = "Persona Reanomenada de Prova"
        position.person.save()
    assert "Persona Reanomenada de Prova" in visitor.fresh(BODIES)


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache", "pages rendered anew"])
def test_an_edited_site_setting_shows_at_once_in_the_footer(
    visitor, committed, seeded_site, settings, page_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache
    visitor.fresh(HOME)
    with committed():
        organisation = OrganisationSettings.for_site(seeded_site)
        organisation.phone = "933 000 111"
        organisation.save()
    assert "933 000 111" in visitor.fresh(HOME)


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache", "pages rendered anew"])
def test_clearing_the_demo_site_box_removes_the_banner_at_once(
    visitor, committed, seeded_site, settings, page_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache
    banner = "Lloc de demostració: les dades no són reals"
    assert banner in visitor.fresh(MEMBERS)
    with committed():
        organisation = OrganisationSettings.for_site(seeded_site)
        organisation.is_demo_site = False
        organisation.save()
    assert banner not in visitor.fresh(MEMBERS)
    assert banner not in visitor.fresh(HOME)


def test_a_new_transparency_item_shows_at_once(visitor, committed):
    section = TransparencySectionPage.objects.live().first()
    visitor.fresh(section.url)
    with committed():
        TransparencyItemFactory(section=section, title="Conveni de prova publicat")
    assert "Conveni de prova publicat" in visitor.fresh(section.url)


def test_content_changed_while_a_page_renders_is_not_hidden_by_that_render(
    visitor, committed, monkeypatch
):
    """The render began before the change and shows the old title; it must not be kept."""
    page_class = type(about_page())
    render_context = page_class.get_context

    def change_while_rendering(page, request, *args, **kwargs):
        monkeypatch.setattr(page_class, "get_context", render_context)
        with committed():
            changed = Page.objects.get(pk=page.pk)
            changed.title = "Canviat durant la resposta"
            changed.save()
        return render_context(page, request, *args, **kwargs)

    monkeypatch.setattr(page_class, "get_context", change_while_rendering)
    assert '<h1 class="page-header__title">Qui som</h1>' in visitor.fresh(ABOUT)
    assert '<h1 class="page-header__title">Canviat durant la resposta</h1>' in visitor.fresh(ABOUT)


def test_an_access_request_does_not_empty_the_cache(visitor, committed):
    """Submitted requests are shown on no public page."""
    visitor.fresh(ABOUT)
    with committed():
        AccessRequestFactory()
    visitor.cached(ABOUT)


def test_a_reminder_to_staff_does_not_empty_the_cache(visitor, committed):
    """The daily reminders of access requests are recorded, and shown on no public page."""
    visitor.fresh(ABOUT)
    with committed():
        AccessRequestReminder.objects.create(
            recipient="sai@localret.cat", sent_on=timezone.localdate()
        )
    visitor.cached(ABOUT)


def test_the_invalidation_command_empties_the_cache(visitor):
    """For changes made from outside the site, such as a restore with pg_restore."""
    visitor.fresh(ABOUT)
    call_command("invalidate_page_cache", stdout=None)
    visitor.fresh(ABOUT)


def test_editors_get_fresh_pages_that_nobody_keeps(visitor, admin_user):
    visitor.fresh(ABOUT)
    visitor.client.force_login(admin_user)
    for _ in range(2):
        response = visitor.get(ABOUT)
        assert CACHE_STATUS_HEADER not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_access_request_form_is_never_cached(visitor):
    for _ in range(2):
        visitor.fresh(ACCESS_REQUEST)
    response = visitor.get(ACCESS_REQUEST)
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_search_with_a_query_is_private(visitor):
    for _ in range(2):
        response = visitor.get("/cerca/", {"q": "Barcelona"})
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_the_admin_is_never_kept(visitor):
    response = visitor.get("/admin/login/")
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_post_is_neither_served_from_nor_stored_in_the_cache(visitor):
    visitor.fresh(MEMBERS)
    for _ in range(2):
        response = visitor.client.post(MEMBERS)
        # The header says "hit" on a page served from the cache, "miss" on one stored in it.
        assert CACHE_STATUS_HEADER not in response
        assert "no-store" in response["Cache-Control"]


def test_the_database_cache_serves_pages_too(visitor, committed, settings):
    """Without REDIS_URL the shared cache is a table in the database."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_page_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    first = visitor.fresh(ABOUT)
    # One query: the cache's own lookup, instead of rendering the page.
    with visitor.assert_num_queries(1):
        assert visitor.get(ABOUT).content.decode() == first
    with committed():
        publish(about_page(), title="Qui som, amb la memòria cau a la base de dades")
    assert "Qui som, amb la memòria cau a la base de dades" in visitor.fresh(ABOUT)


class FakeCdn(BaseBackend):
    """A frontend cache backend that notes what it is asked to purge (WAGTAILFRONTENDCACHE)."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.test_cache.FakeCdn"}}
    FakeCdn.purged.clear()
    yield FakeCdn.purged
    FakeCdn.purged.clear()


def test_any_content_change_purges_every_page_from_the_cdn_once_committed(committed, cdn):
    with committed():
        PositionFactory(person__name="Persona de Prova", body=GoverningBody.objects.first())
        assert cdn == []
    live_pages = Page.objects.live().filter(depth__gt=1).count()
    section = TransparencySectionPage.objects.live().first()
    assert {"http://localhost:8000/", "http://localhost:8000/qui-som/"} <= set(cdn)
    assert f"{section.full_url}?format=csv" in cdn
    assert len(cdn) == len(set(cdn)) >= live_pages


def test_a_saved_draft_purges_nothing_from_the_cdn(committed, cdn):
    page = about_page()
    with committed():
        page.title = "Esborrany sense publicar"
        page.save_revision()
    assert cdn == []


@pytest.fixture
def uncached_visitor(visitor, settings):
    """A visitor of a site without the page cache: every page is rendered for every request."""
    settings.PAGE_CACHE_ENABLED = False
    return visitor


def query_count(visitor, url):
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(url).status_code == 200
    return len(queries)


def member_count(content):
    figure = re.search(r'member-count">\s*<span class="key-figure__value">(\d+)</span>', content)
    return int(figure.group(1))


def test_pages_the_cache_does_not_hold_reuse_the_menu_and_the_member_totals(uncached_visitor):
    first = query_count(uncached_visitor, ABOUT)
    # The menu, the legal links and the member totals come from the cache from now on.
    assert query_count(uncached_visitor, ABOUT) <= first - 2
    assert query_count(uncached_visitor, MEMBERS) <= query_count(uncached_visitor, HOME) + 4


def test_a_published_title_shows_at_once_in_the_menu_of_pages_rendered_anew(
    uncached_visitor, committed
):
    uncached_visitor.fresh(HOME)
    with committed():
        publish(about_page(), title="Qui som i què fem")
    assert "Qui som i què fem" in uncached_visitor.fresh(HOME)
    assert "Qui som i què fem" in uncached_visitor.fresh(MEMBERS)


def test_each_page_rendered_anew_marks_its_own_place_in_the_menu(uncached_visitor):
    """The header is kept once per set of marked menu entries, not once for every page."""
    statutes = uncached_visitor.fresh("/qui-som/estatuts/").split("</header>")[0]
    history = uncached_visitor.fresh("/qui-som/historia/").split("</header>")[0]
    home = uncached_visitor.fresh(HOME).split("</header>")[0]
    assert re.search(r'href="/qui-som/estatuts/"[^>]*aria-current="page"', statutes)
    assert re.search(r'href="/qui-som/historia/"[^>]*aria-current="page"', history)
    assert not re.search(r'href="/qui-som/estatuts/"[^>]*aria-current', history)
    for header in (statutes, history):
        assert re.search(r'href="/qui-som/"[^>]*aria-current="true"', header)
    assert "aria-current" not in home


def test_a_new_member_counts_at_once_in_the_totals_of_pages_rendered_anew(
    uncached_visitor, committed
):
    before = member_count(uncached_visitor.fresh(ABOUT))
    with committed():
        MemberFactory(name="Vilanova de Prova")
    assert member_count(uncached_visitor.fresh(ABOUT)) == before + 1
    listing = uncached_visitor.fresh(MEMBERS)
    assert f"{before + 1} ens adherits" in listing
    assert "Vilanova de Prova" in listing


def test_a_member_joining_tomorrow_counts_from_tomorrow(uncached_visitor, committed, monkeypatch):
    today = timezone.localdate()
    with committed():
        MemberFactory(name="Vilanova de Prova", member_since=today + datetime.timedelta(days=1))
    before = member_count(uncached_visitor.fresh(ABOUT))
    assert "Vilanova de Prova" not in uncached_visitor.fresh(MEMBERS)
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + datetime.timedelta(days=1))
    assert member_count(uncached_visitor.fresh(ABOUT)) == before + 1
    assert "Vilanova de Prova" in uncached_visitor.fresh(MEMBERS)


def test_a_change_not_yet_committed_shows_to_the_transaction_that_made_it(uncached_visitor):
    """An admin view that saves and then renders sees what it saved, before its commit."""
    uncached_visitor.fresh(HOME)
    with transaction.atomic():
        publish(about_page(), title="Qui som i què fem")
        assert "Qui som i què fem" in uncached_visitor.client.get(HOME).content.decode()


def test_a_change_rolled_back_with_its_savepoint_asks_for_no_new_generation(
    django_capture_on_commit_callbacks,
):
    """A change rolled back with its savepoint is forgotten; the writes of the rest of the
    transaction still make the cached pages stale once it commits."""
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        MemberFactory(name="Vilanova de Prova")
        raise RuntimeError("the editor's change fails")
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:
        MemberFactory(name="Castellet de Prova")
    assert callbacks


def test_a_renamed_home_page_leaves_every_address_working_at_once(uncached_visitor, committed):
    """Routing starts from the site's root page, which is kept in the cache with the site."""
    uncached_visitor.fresh(ABOUT)
    with committed():
        publish(Page.objects.get(url_path="/inici/").specific, slug="portada")
    assert "Qui som" in uncached_visitor.fresh(ABOUT)
    assert uncached_visitor.get("/qui-som/historia/").status_code == 200


def test_a_page_rendered_anew_shows_what_was_published_on_it_at_once(uncached_visitor, committed):
    """Pages are found without a query: the site's addresses and each page come from the
    cache until the content changes."""
    statutes_url = "/qui-som/estatuts/"
    uncached_visitor.fresh(statutes_url)
    with committed():
        publish(
            Page.objects.get(url_path="/inici/qui-som/estatuts/").specific,
            introduction="<p>Text aprovat per la darrera Assemblea General.</p>",
        )
    assert "Text aprovat per la darrera Assemblea General." in uncached_visitor.fresh(statutes_url)


def test_addresses_of_pages_rendered_anew_follow_the_tree_at_once(uncached_visitor, committed):
    for url in (LEGAL_NOTICE, PRIVACY, "/galetes/"):
        uncached_visitor.fresh(url)
    assert uncached_visitor.get("/qui-som/contacte/").status_code == 404
    with committed():
        Page.objects.get(url_path="/inici/avis-legal/").unpublish()
        Page.objects.get(url_path="/inici/privacitat/").move(about_page(), pos="last-child")
        Page.objects.get(url_path="/inici/galetes/").delete()
        contact = StandardPageFactory.build(title="Contacte", slug="contacte")
        about_page().add_child(instance=contact)
    assert uncached_visitor.get(LEGAL_NOTICE).status_code == 404
    assert uncached_visitor.get(PRIVACY)["Location"] == "/qui-som/privacitat/"
    privacy_title = Page.objects.get(slug="privacitat").title
    assert privacy_title in uncached_visitor.fresh("/qui-som/privacitat/")
    assert uncached_visitor.get("/galetes/").status_code == 404
    assert "Contacte" in uncached_visitor.fresh("/qui-som/contacte/")


def test_a_section_rendered_anew_shows_changes_to_its_items_at_once(uncached_visitor, committed):
    """Each page of a section's list is kept until the content changes, files and links too."""
    section = TransparencySectionPage.objects.live().first()
    with committed():
        item = TransparencyItemFactory(section=section, title="Conveni de prova", year=2025)
    filtered = f"{section.url}?any=2025"
    assert "Conveni de prova" in uncached_visitor.fresh(section.url)
    assert "Conveni de prova" in uncached_visitor.fresh(filtered)
    with committed():
        item.title = "Conveni de prova revisat"
        item.save()
        row = TransparencyItemDocumentFactory(item=item, document__title="Annex signat")
    for url in (section.url, filtered):
        assert "Conveni de prova revisat" in (page := uncached_visitor.fresh(url))
        assert "Annex signat" in page
    with committed():
        row.document.title = "Annex signat i registrat"
        row.document.save()
    assert "Annex signat i registrat" in uncached_visitor.fresh(section.url)
    with committed():
        item.delete()
    assert "Conveni de prova" not in uncached_visitor.fresh(section.url)


def test_a_change_made_by_another_process_shows_at_its_next_request(uncached_visitor):
    """The header is kept until the content generation in the shared cache changes: another
    process's change replaces it there, and the next request renders the header anew."""

    def header():
        return uncached_visitor.fresh(HOME).split("</header>")[0]

    assert "Qui som" in header()
    # update() sends no signal: this process hears of nothing.
    Page.objects.filter(url_path="/inici/qui-som/").update(title="Qui som, de nou")
    assert "Qui som, de nou" not in header()
    cache.set(GENERATION_KEY, "set-by-another-process", timeout=None)
    assert "Qui som, de nou" in header()


def test_a_page_made_private_asks_for_its_password_at_once(uncached_visitor, committed):
    statutes_url = "/qui-som/estatuts/"
    assert "Estatuts" in uncached_visitor.fresh(statutes_url)
    with committed():
        PageViewRestriction.objects.create(
            page=Page.objects.get(url_path="/inici/qui-som/estatuts/"),
            restriction_type=PageViewRestriction.PASSWORD,
            password="contrasenya-de-prova",
        )
    private = uncached_visitor.get(statutes_url).content.decode()
    assert 'name="password"' in private
    assert statutes_url not in uncached_visitor.fresh(ABOUT).split('id="main-content"')[0]


def test_each_host_name_is_served_by_its_own_site(uncached_visitor, committed, settings):
    """The request's site comes from the cache, looked up by the host name it was asked for."""
    settings.ALLOWED_HOSTS = ["*"]
    about = Page.objects.get(url_path="/inici/qui-som/")
    with committed():
        Site.objects.create(hostname="qui-som.example.cat", port=80, root_page=about)
    # The pages under "Qui som" belong to both sites: each links to them by its own addresses.
    assert 'href="/qui-som/historia/"' in uncached_visitor.fresh(HOME)
    other_host = uncached_visitor.client.get("/historia/", headers={"host": "qui-som.example.cat"})
    assert other_host.status_code == 200
    assert "Història i antecedents" in other_host.content.decode()
    assert 'href="/estatuts/"' in other_host.content.decode()
    assert 'href="/qui-som/historia/"' in uncached_visitor.fresh("/qui-som/estatuts/")
    assert uncached_visitor.get("/historia/").status_code == 404
