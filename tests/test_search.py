"""The site-wide search at /cerca/: pages and member entities, robust to any query."""

import datetime
import re
from html import unescape

import pytest
from django.core.cache import cache

from members.models import Member
from pages.models import OrganisationSettings, StatutesPage
from tests.factories import MemberFactory, StandardPageFactory, build_members

MAX_QUERIES = 15


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def results(response):
    """(title, link, section, excerpt) of each result shown."""
    html = response.content.decode()
    found = []
    for item in re.findall(r'<li class="search-result">(.*?)</li>', html, re.S):
        link = re.search(r'<a href="([^"]+)">(.*?)</a>', item, re.S)
        section = re.search(r'class="search-result__section">(.*?)</p>', item, re.S)
        excerpt = re.search(r'class="search-result__excerpt">(.*?)</p>', item, re.S)
        found.append(
            (
                text_of(link.group(2)),
                link.group(1),
                text_of(section.group(1)) if section else "",
                text_of(excerpt.group(1)) if excerpt else "",
            )
        )
    return found


def search(client, query, **params):
    return client.get("/cerca/", {"q": query, **params})


def test_estatuts_finds_the_statutes_page_with_its_section_and_excerpt(client, seeded_site):
    response = search(client, "estatuts")
    assert response.status_code == 200
    statutes = [r for r in results(response) if r[1] == "/qui-som/estatuts/"]
    excerpt = "Els estatuts que regeixen el Consorci Localret."
    assert statutes == [("Estatuts", "/qui-som/estatuts/", "Qui som", excerpt)]


def test_pages_without_a_search_description_show_their_introduction(client, seeded_site):
    StandardPageFactory(
        parent=seeded_site.root_page,
        slug="pagina-vilaxrara",
        title="Pàgina Vilaxrara",
        search_description="",
        introduction="<p>La <b>introducció</b> de Vilaxrara &amp; prou.</p>",
    )
    statutes = StatutesPage.objects.get()
    statutes.search_description = ""
    statutes.introduction = "<p>Els estatuts de Vilaxrara.</p>"
    statutes.save_revision().publish()

    found = {
        title: (section, excerpt)
        for title, _url, section, excerpt in results(search(client, "vilaxrara"))
    }
    assert found == {
        "Pàgina Vilaxrara": ("Inici", "La introducció de Vilaxrara & prou."),
        "Estatuts": ("Qui som", "Els estatuts de Vilaxrara."),
    }


@pytest.mark.parametrize("query", ["hospitalet", "Hospitalet", "l'hospitalet", "L’Hospitalet"])
def test_hospitalet_finds_the_member(client, seeded_site, query):
    member = Member.objects.get(name="l'Hospitalet de Llobregat")
    found = results(search(client, query))
    assert (
        "l'Hospitalet de Llobregat",
        f"/qui-som/municipis-adherits/{member.slug}/",
        "Municipis adherits",
        "Municipi, Barcelonès",
    ) in found


def test_a_former_member_and_an_unpublished_page_are_not_found(client, seeded_site):
    MemberFactory(
        name="Vilaxrara", member_since=datetime.date(2000, 1, 1), left_on=datetime.date(2005, 1, 1)
    )
    StandardPageFactory(
        parent=seeded_site.root_page, slug="esborrany", title="Vilaxrara esborrany", live=False
    )
    response = search(client, "vilaxrara")
    assert results(response) == []
    assert "Cap pàgina del web no coincideix amb aquesta cerca." in text_of(
        response.content.decode()
    )


@pytest.mark.parametrize(
    "query",
    [
        "x" * 2000,
        "%",
        "%%_\\",
        '"',
        "'",
        "\"estatuts' OR 1=1 --",
        "estatuts AND NOT OR",
        "-estatuts",
        "estatuts*",
        "(estatuts",
        "NEAR(a b)",
        "a:b",
        "l·l",
        "Ŀ",
        "😀 estatuts",
        "\u202eestatuts",
        "e\u0301statuts",
        "\x00estatuts",
        "\t\n  ",
        "\N{MATHEMATICAL BOLD SCRIPT SMALL E}statuts",
        "قانون",
        "中文",
    ],
)
def test_any_query_gets_a_normal_page(client, seeded_site, query):
    response = search(client, query)
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_long_query_is_shortened_not_refused(client, seeded_site):
    response = search(client, "estatuts " + "x" * 2000)
    assert response.status_code == 200
    html = response.content.decode()
    (value,) = re.findall(r'id="search-q" name="q" value="([^"]*)"', html)
    assert value.startswith("estatuts xxx")
    assert len(value) == 200


def test_without_a_query_it_invites_to_search(client, seeded_site):
    response = client.get("/cerca/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Escriviu una o més paraules" in text_of(html)
    assert results(response) == []


def members_named(word, count):
    """`count` current members called "<word> 00000", "<word> 00001"…; a word no page holds."""
    members = build_members(count)
    for number, member in enumerate(members):
        member.name = f"{word} {number:05d}"
        member.refresh_derived_fields()
    Member.objects.bulk_create(members)


def test_results_are_paginated_with_links_that_keep_the_query(client, seeded_site):
    members_named("Vilaxrara", 25)
    first = search(client, "vilaxrara")
    assert len(results(first)) == 10
    html = first.content.decode()
    assert "25 resultats per a «vilaxrara»" in text_of(html)
    assert 'href="?q=vilaxrara&amp;page=2"' in html
    assert 'href="?q=vilaxrara&amp;page=3"' in html

    third = search(client, "vilaxrara", page=3)
    assert [r[0] for r in results(third)] == [f"Vilaxrara {n:05d}" for n in range(20, 25)]
    assert 'aria-current="page">3<' in third.content.decode()
    for odd_page in ["0", "-1", "abc", "999999999999999999999", "3.5"]:
        assert search(client, "vilaxrara", page=odd_page).status_code == 200


def test_queries_do_not_grow_with_the_number_of_matches(
    client, seeded_site, django_assert_max_num_queries
):
    client.get("/")  # the site settings row is created on the first visit
    Member.objects.bulk_create(build_members(300))
    for query in ["ens de prova", "estatuts", "a", "zzzz"]:
        with django_assert_max_num_queries(MAX_QUERIES, info=query):
            search(client, query)


def test_every_page_has_a_labelled_search_box_that_goes_to_the_search_page(client, seeded_site):
    html = client.get("/qui-som/").content.decode()
    (form,) = re.findall(r'<form class="site-search"[^>]*>.*?</form>', html, re.S)
    assert 'action="/cerca/"' in form
    assert 'method="get"' in form
    assert 'role="search"' in form
    assert 'id="site-search-q" name="q"' in form
    assert '<label class="visually-hidden" for="site-search-q">Cerca al web</label>' in form


def test_search_page_is_not_indexed_nor_cached_publicly(client, seeded_site):
    response = search(client, "estatuts")
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")


def test_only_get_and_head_are_answered(client, seeded_site):
    assert client.post("/cerca/", {"q": "estatuts"}).status_code == 405


def test_an_entity_that_is_not_a_member_is_answered_as_such(client, seeded_site):
    OrganisationSettings.objects.update_or_create(
        site=seeded_site, defaults={"email": "info@localret.cat"}
    )
    MemberFactory(name="Vilaxrara", member_since=None)
    MemberFactory(name="Torrexrara", member_since=datetime.date(2000, 1, 1))

    only_non_member = text_of(search(client, "vilaxrara").content.decode())
    with_member = text_of(search(client, "xrara").content.decode())

    assert "Vilaxrara no és membre de Localret." in only_non_member
    assert "info@localret.cat" in only_non_member
    assert "no és membre" not in with_member


def test_without_any_contact_the_non_member_answer_points_nowhere(client, seeded_site):
    MemberFactory(name="Vilaxrara", member_since=None)

    text = text_of(search(client, "vilaxrara").content.decode())

    assert "Vilaxrara no és membre de Localret." in text
    assert "peu de pàgina" not in text
