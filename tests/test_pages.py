"""What a visitor reads on the seeded site: every page of the URL map, its menu and footer."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.models import Page, Site

from pages.models import PageContentChange
from tests.conftest import run_seed_site

SECTIONS_IN_MENU_ORDER = [
    ("/qui-som/historia/", "Història i antecedents"),
    ("/qui-som/estatuts/", "Estatuts"),
    ("/qui-som/presentacio-del-president/", "Presentació del president"),
    ("/qui-som/organs-de-govern/", "Òrgans de govern"),
    ("/qui-som/municipis-adherits/", "Municipis adherits"),
    ("/qui-som/transparencia/", "Transparència"),
]

# URL, the one h1, and a text from ../shared/content/qui-som.md the page must show.
SEEDED_PAGES = [
    ("/", "Localret", "Localret és el Consorci local format per les administracions locals"),
    ("/qui-som/", "Qui som", "evitant l’anomenada “escletxa digital”"),
    (
        "/qui-som/historia/",
        "Història i antecedents",
        "Els precedents: la revolució tecnològica i el procés de liberalització",
    ),
    # Where the consortium's text is still a placeholder, what a visitor reads instead.
    ("/qui-som/estatuts/", "Estatuts", "Estem preparant aquest contingut."),
    (
        "/qui-som/presentacio-del-president/",
        "Presentació del president",
        "Estem preparant aquest contingut.",
    ),
    ("/qui-som/organs-de-govern/", "Òrgans de govern", "Assemblea General"),
    ("/qui-som/municipis-adherits/", "Municipis adherits", "Cerqueu un ens"),
    ("/qui-som/transparencia/", "Transparència", "Contractació pública"),
    ("/avis-legal/", "Avís legal", "Consorci Localret"),
    ("/privacitat/", "Política de privadesa", "dades personals"),
    ("/galetes/", "Política de galetes", "galetes"),
    ("/accessibilitat/", "Declaració d’accessibilitat", "accessib"),
    ("/actualitat/", "Actualitat", "Totes les notícies"),
    ("/agenda/", "Agenda", "Propers actes"),
]

MAX_QUERIES_PER_PAGE = 15


def h1_texts(html):
    return [
        re.sub(r"<[^>]+>|\s+", " ", h1).strip() for h1 in re.findall(r"<h1\b.*?</h1>", html, re.S)
    ]


def menu_links(html):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav)


@pytest.mark.parametrize(("url", "title", "text"), SEEDED_PAGES)
def test_seeded_page_shows_its_title_and_text_in_catalan(client, seeded_site, url, title, text):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ca">' in html
    assert h1_texts(html) == [title]
    assert text in html


@pytest.mark.parametrize("url", [url for url, _, _ in SEEDED_PAGES])
def test_seeded_page_renders_within_the_query_budget(
    client, seeded_site, django_assert_max_num_queries, url
):
    client.get(url)  # fill the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(MAX_QUERIES_PER_PAGE):
        response = client.get(url)
    assert response.status_code == 200


def test_menu_lists_qui_som_and_its_six_sections_then_serveis_in_order(client, seeded_site):
    html = client.get("/").content.decode()

    assert menu_links(html) == [
        "/qui-som/",
        *(url for url, _ in SECTIONS_IN_MENU_ORDER),
        "/serveis/",
        "/actualitat/",
        "/agenda/",
        "/contacte/",
    ]


def test_menu_marks_the_current_page(client, seeded_site):
    html = client.get("/qui-som/estatuts/").content.decode()

    assert re.search(r'href="/qui-som/estatuts/"[^>]*aria-current="page"', html)
    assert re.search(r'href="/qui-som/"[^>]*aria-current="true"', html)


def test_about_page_links_to_each_section(client, seeded_site):
    html = client.get("/qui-som/").content.decode()

    for url, title in SECTIONS_IN_MENU_ORDER:
        assert f'<a href="{url}">{title}</a>' in html


def test_home_page_shows_key_figures_and_links_into_qui_som(client, seeded_site):
    html = client.get("/").content.decode()

    assert "1997" in html
    # The demo site's nine members replace the editors' "+800" (see test_members_public.py).
    assert '<span class="key-figure__value">9</span>' in html
    assert "+800" not in html
    for url, _ in SECTIONS_IN_MENU_ORDER:
        assert f'href="{url}"' in html


def test_breadcrumbs_lead_from_home_to_the_page(client, seeded_site):
    html = client.get("/qui-som/historia/").content.decode()
    trail = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)

    assert re.findall(r'href="([^"]+)"', trail) == ["/", "/qui-som/", "/qui-som/historia/"]


def test_footer_shows_the_organisation_and_links_to_the_legal_pages(client, seeded_site):
    html = client.get("/qui-som/").content.decode()
    footer = re.search(r'<footer class="site-footer".*?</footer>', html, re.S).group(0)

    assert "Consorci Localret" in footer
    for url in ["/avis-legal/", "/privacitat/", "/galetes/", "/accessibilitat/"]:
        assert f'href="{url}"' in footer


def test_a_page_shows_its_last_update_the_catalan_way(client, seeded_site):
    published = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Europe/Madrid"))
    PageContentChange.objects.filter(page__url_path__endswith="/qui-som/estatuts/").update(
        changed_at=published
    )

    html = client.get("/qui-som/estatuts/").content.decode()

    assert "27 de novembre de 2026" in html


def test_an_edit_published_by_an_editor_shows_on_the_public_page(client, seeded_site):
    statutes = Page.objects.get(url_path__endswith="/qui-som/estatuts/").specific
    statutes.introduction = "<p>Els Estatuts del consorci, aprovats per l’Assemblea General.</p>"
    statutes.save_revision().publish()

    html = client.get("/qui-som/estatuts/").content.decode()

    assert "aprovats per l’Assemblea General" in html
    assert "afegir petit text" not in html


def test_a_draft_is_not_shown_until_published(client, seeded_site):
    statutes = Page.objects.get(url_path__endswith="/qui-som/estatuts/").specific
    statutes.introduction = "<p>Text en esborrany.</p>"
    statutes.save_revision()

    assert "Text en esborrany." not in client.get("/qui-som/estatuts/").content.decode()


def test_unknown_url_answers_a_catalan_404_with_the_menu(client, seeded_site):
    response = client.get("/no-existeix/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ca">' in html
    assert h1_texts(html) == ["Pàgina no trobada"]
    assert menu_links(html)[0] == "/qui-som/"


@pytest.mark.parametrize(
    "url",
    [
        "/qui-som/historia/no-existeix/",
        "/qui-som/no-existeix/",
        "/qui-som/transparencia/contractacio-publica/no-existeix/",
        "/qui-som/historia/qui-som/",
        "/inici/qui-som/",
    ],
)
def test_an_address_below_a_page_that_has_nothing_there_answers_404(client, seeded_site, url):
    assert client.get(url).status_code == 404


def test_every_page_answers_at_its_address_however_deep(client, seeded_site):
    home = Page.objects.get(url_path="/inici/")
    for page in home.get_descendants().live():
        assert client.get(page.url).status_code == 200, page.url


def test_an_unpublished_page_answers_404_and_its_renamed_address_its_new_content(
    client, seeded_site
):
    history = Page.objects.get(url_path="/inici/qui-som/historia/").specific
    history.unpublish()
    assert client.get("/qui-som/historia/").status_code == 404

    statutes = Page.objects.get(url_path="/inici/qui-som/estatuts/").specific
    statutes.slug = "estatuts-vigents"
    statutes.save_revision().publish()
    assert client.get("/qui-som/estatuts-vigents/").status_code == 200
    assert client.get("/qui-som/estatuts/").status_code in (301, 302, 404)


def test_a_host_that_no_site_serves_gets_pages_not_errors(client, seeded_site):
    Site.objects.all().delete()
    assert client.get("/").status_code == 404
    search = client.get("/cerca/", {"q": "estatuts"})
    assert search.status_code == 200
    assert '<html lang="ca">' in search.content.decode()


def test_server_error_page_is_in_catalan_and_needs_no_database(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert '<html lang="ca">' in html
    assert h1_texts(html) == ["Error temporal"]


# "Darrera actualització": the date an editor last changed what the page shows -----------------

LAST_UPDATED = "Darrera actualització"
STATUTES = "/qui-som/estatuts/"


def last_updated_of(client, url):
    """The page's "last updated" date as written, or None when it shows none."""
    html = client.get(url).content.decode()
    found = re.search(rf'{LAST_UPDATED}: <time datetime="[^"]+">([^<]+)</time>', html)
    return found and found.group(1)


def set_content_changed_at(url, when):
    PageContentChange.objects.filter(page__url_path__endswith=url).update(changed_at=when)


@pytest.mark.parametrize(
    "url", [STATUTES, "/qui-som/transparencia/dret-d-acces/", "/avis-legal/", "/galetes/"]
)
def test_a_seeded_page_shows_no_date_that_no_editor_entered(client, seeded_site, url):
    html = client.get(url).content.decode()

    assert LAST_UPDATED not in html


def test_a_published_change_shows_its_date(client, seeded_site):
    statutes = Page.objects.get(url_path__endswith=STATUTES).specific
    statutes.introduction = "<p>Els Estatuts vigents del consorci.</p>"
    statutes.save_revision().publish()
    statutes.refresh_from_db()

    assert last_updated_of(client, STATUTES) == date_format(
        localtime(statutes.last_published_at), "DATE_FORMAT"
    )


def test_publishing_unchanged_content_keeps_the_date_of_the_last_change(client, seeded_site):
    statutes = Page.objects.get(url_path__endswith=STATUTES).specific
    statutes.introduction = "<p>Els Estatuts vigents del consorci.</p>"
    statutes.save_revision().publish()
    set_content_changed_at(STATUTES, datetime.datetime(2026, 1, 10, 12, tzinfo=ZoneInfo("UTC")))

    statutes = Page.objects.get(url_path__endswith=STATUTES).specific
    statutes.save_revision().publish()

    assert last_updated_of(client, STATUTES) == "10 de gener de 2026"


def test_publishing_a_seeded_page_unchanged_gives_it_no_date(client, seeded_site):
    statutes = Page.objects.get(url_path__endswith=STATUTES).specific
    statutes.save_revision().publish()

    assert last_updated_of(client, STATUTES) is None


@pytest.mark.django_db(transaction=True)
def test_a_change_published_outside_a_test_transaction_shows_its_date(client):
    run_seed_site()
    statutes = Page.objects.get(url_path__endswith=STATUTES).specific
    assert last_updated_of(client, STATUTES) is None

    statutes.introduction = "<p>Els Estatuts vigents del consorci.</p>"
    statutes.save_revision().publish()
    statutes.refresh_from_db()
    changed_at = statutes.last_published_at
    shown = last_updated_of(client, STATUTES)
    statutes.save_revision().publish()
    statutes.refresh_from_db()

    assert shown == date_format(localtime(changed_at), "DATE_FORMAT")
    assert last_updated_of(client, STATUTES) == shown
    assert statutes.last_published_at > changed_at
    assert PageContentChange.objects.get(page=statutes).changed_at == changed_at
