"""Placeholders ("afegir petit text…") are for editors, not citizens.

A text that still holds one is left out of the public page, its meta description, JSON-LD and
the search; a section with nothing real yet says in one sentence that it is being prepared; the
admin preview shows each placeholder highlighted as text still to write.
"""

import re
from html import unescape
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from governance.models import GoverningBody
from localret_site.caching.middleware import CACHE_STATUS_HEADER
from pages.models import OrganisationSettings, StandardPage
from pages.placeholders import real_text
from pages.readiness import pages_with_placeholders
from tests.conftest import run_seed_site
from tests.factories import TransparencyItemFactory

MARKER = settings.CONTENT_PLACEHOLDER_MARKER
IN_PREPARATION = "Estem preparant aquest contingut."
HIGHLIGHT_LABEL = "Text pendent d’escriure"
STATUTES = "/qui-som/estatuts/"
HISTORY = "/qui-som/historia/"
CONTRACTS = "/qui-som/transparencia/contractacio-publica/"
PRESIDENT = "/qui-som/presentacio-del-president/"
BODIES = "/qui-som/organs-de-govern/"
MEMBERS = "/qui-som/municipis-adherits/"
TRANSPARENCY = "/qui-som/transparencia/"
PRIVACY = "/privacitat/"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
MAX_QUERIES_PER_PAGE = 15


def holds_marker(html):
    return MARKER in unescape(html).lower()


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def main_of(html):
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def meta_description(html):
    return unescape(re.search(r'<meta name="description" content="([^"]*)"', html).group(1))


def json_ld(html):
    return "".join(re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S))


def highlights(html):
    """The text of each highlighted placeholder."""
    return [
        text_of(mark)
        for mark in re.findall(r'<p class="placeholder-text">.*?<mark>(.*?)</mark>', html, re.S)
    ]


def sitemap_paths(client):
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own)
    return [urlsplit(loc.text).path for loc in tree.findall("sm:url/sm:loc", SITEMAP_NS)]


def body_section(html, name):
    """The section of the governing bodies page given to one body."""
    sections = re.findall(r'<section class="governing-body".*?</section>', html, re.S)
    return next(section for section in sections if f">{name}</h2>" in section)


@pytest.fixture
def editor(db):
    """A client logged in as a member of the Editors group."""
    user = get_user_model().objects.create_user("redactora", "redactora@example.cat", "x" * 16)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def page_at(url):
    return Page.objects.get(url_path__endswith=url).specific


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


# The rule for a text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "public"),
    [
        ("<p>Afegir petit text sobre els Estatus</p>", ""),
        ("Funcions: afegir petit text", ""),
        ("<p>Real.</p><p>Funcions: AFEGIR petit text</p>", "<p>Real.</p>"),
        (
            "<p>Línia\u2028i salt</p>\r\n<p>x: afegir petit text</p>\n<ul><li>u\n</li></ul>",
            "<p>Línia\u2028i salt</p><ul><li>u\n</li></ul>",
        ),
        ('<p>A &amp; B<br>C</p><embed embedtype="image" id="1"/>', None),
        ("Text sense etiquetes", None),
        ("", ""),
    ],
)
def test_a_text_loses_exactly_its_top_level_parts_that_hold_a_placeholder(stored, public):
    assert real_text(stored) == (stored if public is None else public)


# The seeded site --------------------------------------------------------------------------------


def test_the_seed_gives_placeholders_to_the_pages_these_tests_visit(seeded_site):
    """The premise of the tests below: the seed really writes placeholders there."""
    urls = {page.url for page in pages_with_placeholders()}
    assert {STATUTES, PRESIDENT, BODIES, MEMBERS, TRANSPARENCY} <= urls
    assert all(MARKER in body.functions for body in GoverningBody.objects.all())


def test_no_public_page_of_the_seeded_site_shows_a_placeholder(client, seeded_site):
    paths = sitemap_paths(client)
    assert {page.url for page in pages_with_placeholders()} <= set(paths)

    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not holds_marker(response.content.decode()), path


@pytest.mark.parametrize(
    "url",
    [
        STATUTES,
        PRESIDENT,
        BODIES,
        MEMBERS,
        TRANSPARENCY,
        CONTRACTS,
        PRIVACY,
    ],
)
def test_a_page_seeded_with_a_placeholder_keeps_it_out_of_its_html_meta_and_json_ld(
    client, seeded_site, django_assert_max_num_queries, url
):
    client.get(url)  # fill the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(MAX_QUERIES_PER_PAGE):
        response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert not holds_marker(html)
    assert meta_description(html).strip()
    assert json_ld(html)
    assert highlights(html) == []
    assert HIGHLIGHT_LABEL not in html


@pytest.mark.parametrize("url", [STATUTES, PRESIDENT])
def test_a_section_with_nothing_real_yet_says_its_content_is_being_prepared(
    client, seeded_site, url
):
    main = main_of(client.get(url).content.decode())

    assert main.count(IN_PREPARATION) == 1


@pytest.mark.parametrize("url", [MEMBERS, TRANSPARENCY, f"{TRANSPARENCY}convenis/"])
def test_a_page_with_content_of_its_own_leaves_out_its_placeholder_introduction_silently(
    client, seeded_site, url
):
    main = main_of(client.get(url).content.decode())

    assert IN_PREPARATION not in main
    assert 'class="page-header__intro"' not in main


def test_each_governing_body_with_placeholder_functions_says_they_are_being_prepared(
    client, seeded_site
):
    html = client.get(BODIES).content.decode()

    for body in GoverningBody.objects.all():
        section = body_section(html, body.name)
        assert section.count(IN_PREPARATION) == 1, body.name


def test_a_governing_body_with_real_functions_shows_them_and_no_sentence(client, seeded_site):
    body = GoverningBody.objects.get(name="Assemblea General")
    body.functions = "<p>L’Assemblea General és l’òrgan superior del consorci.</p>"
    body.save()

    section = body_section(client.get(BODIES).content.decode(), "Assemblea General")

    assert "L’Assemblea General és l’òrgan superior del consorci." in text_of(section)
    assert IN_PREPARATION not in section


def test_a_placeholder_paragraph_under_a_heading_gives_way_to_the_sentence(client, seeded_site):
    """As the privacy notice's data protection officer was seeded: the heading stays, with the
    sentence under it, and the rest of the text is untouched."""
    publish(
        page_at(PRIVACY),
        body="<h2>Drets</h2><p>Podeu exercir els vostres drets.</p>"
        "<h2>Delegat de protecció de dades</h2><p>Delegat: afegir petit text amb el contacte</p>"
        "<h2>Reclamacions</h2><p>Podeu reclamar davant l’APDCAT.</p>",
    )

    text = text_of(main_of(client.get(PRIVACY).content.decode()))

    assert "Delegat de protecció de dades " + IN_PREPARATION + " Reclamacions" in text
    assert "Podeu exercir els vostres drets." in text
    assert "Podeu reclamar davant l’APDCAT." in text
    assert text.count(IN_PREPARATION) == 1
    assert MARKER not in text.lower()


def test_real_text_replacing_the_placeholder_is_shown_without_the_sentence(client, seeded_site):
    publish(page_at(STATUTES), introduction="<p>Els Estatuts vigents del consorci.</p>")

    main = main_of(client.get(STATUTES).content.decode())

    assert "Els Estatuts vigents del consorci." in main
    assert IN_PREPARATION not in main


def test_real_text_beside_a_placeholder_is_shown_and_the_placeholder_is_not(client, seeded_site):
    publish(
        page_at(PRESIDENT),
        message="<p>Benvinguts al web de Localret.</p><p>Final: afegir petit text de cloenda</p>",
    )

    main = main_of(client.get(PRESIDENT).content.decode())

    assert "Benvinguts al web de Localret." in main
    assert not holds_marker(main)
    assert IN_PREPARATION not in main


def test_statutes_with_their_articles_but_a_placeholder_introduction_are_not_in_preparation(
    client, seeded_site
):
    publish(page_at(STATUTES), publication_reference="DOGC núm. 2736, de 12 d’octubre de 1998")

    main = main_of(client.get(STATUTES).content.decode())

    assert "DOGC núm. 2736" in main
    assert IN_PREPARATION not in main
    assert not holds_marker(main)


def test_timeline_blocks_holding_a_placeholder_are_left_out(client, editor, seeded_site):
    history = page_at(HISTORY)
    milestones = [
        {"title": "Naixement de Localret", "year": 1997, "text": "<p>Fites: afegir petit text</p>"},
        {"title": "Fita: afegir petit text", "year": 1998, "text": ""},
    ]
    publish(
        history,
        timeline=[
            ("period", {"heading": "Els inicis", "introduction": "", "milestones": milestones}),
            ("period", {"heading": "Període: afegir petit text", "milestones": []}),
        ],
    )

    main = main_of(client.get(HISTORY).content.decode())
    preview = editor.get(f"/admin/pages/{history.pk}/view_draft/").content.decode()

    assert "Naixement de Localret" in main
    assert "Els inicis" in main
    assert not holds_marker(main)
    assert highlights(preview) == ["Fites: afegir petit text"]
    assert "Període: afegir petit text" in preview


def test_an_article_still_to_write_keeps_its_heading_and_says_it_is_being_prepared(
    client, seeded_site
):
    article = {"number": "1", "heading": "Naturalesa", "body": "<p>Afegir petit text</p>"}
    publish(page_at(STATUTES), statutes=[("article", article)])

    main = main_of(client.get(STATUTES).content.decode())

    assert "Article 1. Naturalesa" in text_of(main)
    assert text_of(main).count(IN_PREPARATION) == 1
    assert not holds_marker(main)


def test_a_transparency_items_description_keeps_its_placeholder_out_of_the_page_and_data(
    client, seeded_site
):
    section = page_at(CONTRACTS)
    TransparencyItemFactory(
        section=section,
        title="Contracte de manteniment",
        description="<p>Import: 12.000 euros.</p><p>Adjudicatari: afegir petit text</p>",
    )

    main = main_of(client.get(CONTRACTS).content.decode())
    data = client.get(CONTRACTS, {"format": "json"}).content.decode()

    assert "Import: 12.000 euros." in main
    assert "Import: 12.000 euros." in data
    assert not holds_marker(main)
    assert not holds_marker(data)


# Meta description and JSON-LD --------------------------------------------------------------------


def test_a_placeholder_search_description_gives_way_to_the_real_introduction(client, seeded_site):
    publish(
        page_at(STATUTES),
        search_description="Estatuts: afegir petit text per als cercadors",
        introduction="<p>Els Estatuts aprovats per l’Assemblea General.</p>",
    )

    html = client.get(STATUTES).content.decode()

    assert meta_description(html) == "Els Estatuts aprovats per l’Assemblea General."
    assert not holds_marker(html)


def test_with_nothing_real_to_describe_the_page_the_site_description_is_used(client, seeded_site):
    publish(page_at(STATUTES), search_description="Afegir petit text per als cercadors")

    html = client.get(STATUTES).content.decode()

    assert meta_description(html) == (
        "Consorci de les administracions locals de Catalunya per a les telecomunicacions i les TIC"
    )
    assert not holds_marker(html)


def test_organisation_details_still_to_write_stay_out_of_the_json_ld(client, seeded_site):
    organisation = OrganisationSettings.for_site(seeded_site)
    organisation.address = "Afegir petit text amb l’adreça"
    organisation.phone = "933 000 111"
    organisation.save()

    data = json_ld(client.get("/").content.decode())

    assert "933 000 111" in data
    assert not holds_marker(data)


# Search -----------------------------------------------------------------------------------------


def search_results(client, query):
    html = client.get("/cerca/", {"q": query}).content.decode()
    return re.findall(r'<li class="search-result">(.*?)</li>', html, re.S)


def result_links(results):
    return {re.search(r'<a href="([^"]+)"', result).group(1) for result in results}


@pytest.mark.parametrize("query", ["afegir", "afegir petit text", "petit"])
def test_the_site_search_finds_no_page_by_its_placeholder(client, seeded_site, query):
    """PostgreSQL's Catalan stemming may still find a page by a real word of the same stem
    ("afegís" on the cookie policy); never one of the pages holding a placeholder."""
    results = search_results(client, query)

    assert not result_links(results) & {page.url for page in pages_with_placeholders()}
    assert not any(holds_marker(result) for result in results)


def test_wagtail_search_finds_no_page_by_its_placeholder(seeded_site):
    holding_placeholders = {page.pk for page in pages_with_placeholders()}
    found = {page.pk for page in Page.objects.live().search("afegir")}

    assert holding_placeholders
    assert not found & holding_placeholders


def test_a_page_is_found_by_its_real_text_and_its_excerpt_holds_no_placeholder(client, seeded_site):
    publish(
        page_at(STATUTES),
        search_description="",
        introduction="<p>Afegir petit text sobre Xarxaborra</p><p>Aprovats a Vilaxrara.</p>",
    )

    (result,) = search_results(client, "vilaxrara")
    assert "Aprovats a Vilaxrara." in text_of(result)
    assert not holds_marker(result)
    assert search_results(client, "xarxaborra") == []


def test_no_page_is_found_by_a_placeholder_in_its_streamfields(client, seeded_site):
    milestone = {"title": "Fundació a Vilaxrara", "year": 1997, "text": "<p>Afegir petit text</p>"}
    publish(
        page_at(HISTORY),
        timeline=[
            ("period", {"heading": "Període: afegir petit text Xarxaborra", "milestones": []}),
            ("period", {"heading": "Els inicis", "milestones": [milestone]}),
        ],
    )

    assert len(search_results(client, "vilaxrara")) == 1
    assert search_results(client, "xarxaborra") == []


# Admin preview ---------------------------------------------------------------------------------


def test_the_draft_preview_shows_each_placeholder_highlighted(editor, seeded_site):
    statutes = page_at(STATUTES)

    html = editor.get(f"/admin/pages/{statutes.pk}/view_draft/").content.decode()

    assert highlights(html) == [text_of(statutes.introduction)]
    assert HIGHLIGHT_LABEL in html
    assert IN_PREPARATION not in main_of(html)


def test_the_preview_of_an_edit_highlights_the_placeholder_beside_the_real_text(
    editor, seeded_site
):
    president = page_at(PRESIDENT)
    preview_url = f"/admin/pages/{president.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": president.title,
            "slug": president.slug,
            "introduction": rich_text("<p>Unes paraules del president.</p>"),
            "message": rich_text("<p>Missatge: afegir petit text sobre el mandat</p>"),
            "body": rich_text(""),
        }
    )

    assert editor.post(preview_url, data).json()["is_valid"]
    html = editor.get(preview_url).content.decode()

    assert highlights(html) == ["Missatge: afegir petit text sobre el mandat"]
    assert "Unes paraules del president." in html


def test_a_preview_never_reaches_the_cached_public_page(client, editor, seeded_site, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    statutes = page_at(STATUTES)

    preview = editor.get(f"/admin/pages/{statutes.pk}/view_draft/").content.decode()
    first = client.get(STATUTES)
    second = client.get(STATUTES)
    preview_again = editor.get(f"/admin/pages/{statutes.pk}/view_draft/").content.decode()

    assert highlights(preview) and highlights(preview_again)
    assert first[CACHE_STATUS_HEADER] == "miss"
    assert second[CACHE_STATUS_HEADER] == "hit"
    for response in (first, second):
        html = response.content.decode()
        assert highlights(html) == []
        assert not holds_marker(html)


# Outside the test transaction -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_edit_published_outside_a_test_transaction_is_shown_and_indexed_without_placeholders(
    client,
):
    run_seed_site()
    publish(
        StandardPage.objects.get(slug="privacitat"),
        body="<h2>Vilaxrara</h2><p>Delegat: afegir petit text a Xarxaborra</p>",
    )

    html = client.get(PRIVACY).content.decode()

    assert "Vilaxrara " + IN_PREPARATION in text_of(main_of(html))
    assert not holds_marker(html)
    assert len(search_results(client, "vilaxrara")) == 1
    assert search_results(client, "xarxaborra") == []
