"""The public listing at /qui-som/municipis-adherits/, a member's page and the open-data files."""

import csv
import datetime
import html
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from localret_site import urls as site_urls
from members.listing import PAGE_SIZE
from members.models import Kind, Member, MembersIndexPage
from tests.factories import MemberFactory, build_members

# members.urls redirects the listing's former export.csv and export.json, ahead of Wagtail's.
urlpatterns = [path("", include("members.urls")), *site_urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

URL = "/qui-som/municipis-adherits/"
TODAY = datetime.date.today()
LONG_AGO = datetime.date(2001, 5, 3)


@pytest.fixture
def members_page(seeded_site):
    """The seeded members page, over an empty registry."""
    Member.objects.all().delete()
    return MembersIndexPage.objects.get()


@pytest.fixture
def members(members_page):
    """Current, former, future and non-members of several kinds, comarques and provinces."""
    return {
        "barcelona": MemberFactory(name="Barcelona", code="08019", comarca_id="13"),
        "hospitalet": MemberFactory(
            name="Hospitalet de Llobregat, l'", code="081017", comarca_id="13"
        ),
        "prats": MemberFactory(name="Prats de Lluçanès", code="08171", comarca_id="43"),
        "girona": MemberFactory(name="Girona", code="17079", comarca_id="20"),
        "consell": MemberFactory(
            name="Consell Comarcal del Baix Llobregat",
            kind=Kind.COUNTY_COUNCIL,
            code="CC11",
            comarca_id="11",
        ),
        "fmc": MemberFactory(
            name="Federació de Municipis de Catalunya",
            kind=Kind.MUNICIPALIST_ASSOCIATION,
            code="FMC",
            comarca_id=None,
        ),
        "cerdanyola": MemberFactory(
            name="Cerdanyola del Vallès", code="08266", comarca_id="40", member_since=None
        ),
        "badalona": MemberFactory(
            name="Badalona", code="08015", member_since=LONG_AGO, left_on=TODAY
        ),
        "sant_cugat": MemberFactory(
            name="Sant Cugat del Vallès",
            code="08205",
            comarca_id="40",
            member_since=TODAY + datetime.timedelta(days=30),
        ),
    }


def listed_slugs(response):
    """The entities the listing links to, in order."""
    return listed_slugs_of(response.content.decode())


def listed_slugs_of(content):
    results = content.split('id="member-results"', 1)[1]
    return re.findall(r'<li><a href="([\w-]+)/">', results)


def text_of(response):
    return html.unescape(response.content.decode())


def test_listing_shows_current_members_in_alphabetical_order(client, members):
    response = client.get(URL)
    assert response.status_code == 200
    assert listed_slugs(response) == [
        "barcelona",
        "consell-comarcal-del-baix-llobregat",
        "federacio-de-municipis-de-catalunya",
        "girona",
        "lhospitalet-de-llobregat",  # sorted under H, as "Hospitalet de Llobregat, l'"
        "prats-de-llucanes",
    ]


def test_totals_and_share_of_catalan_municipalities(client, members):
    text = text_of(client.get(URL))
    assert (
        ngettext("%(count)s member entity", "%(count)s member entities", 6) % {"count": 6} in text
    )
    assert ngettext("%(count)s municipality", "%(count)s municipalities", 4) % {"count": 4} in text
    assert (
        ngettext("%(count)s county council", "%(count)s county councils", 1) % {"count": 1} in text
    )
    # 4 of Catalonia's 947 municipalities: 0.4 %, written the Catalan way.
    assert "(0,4 %)" in text


@pytest.mark.parametrize("query", ["hospitalet", "l'hospitalet", "L'Hospitalet", "lhospitalet"])
def test_search_ignores_case_and_apostrophes(client, members, query):
    assert listed_slugs(client.get(URL, {"q": query})) == ["lhospitalet-de-llobregat"]


def test_search_ignores_accents_and_cedillas(client, members):
    assert listed_slugs(client.get(URL, {"q": "llucanes"})) == ["prats-de-llucanes"]
    assert listed_slugs(client.get(URL, {"q": "FEDERACIO"})) == [
        "federacio-de-municipis-de-catalunya"
    ]


@pytest.mark.parametrize("query", ["080193", "08019"])
def test_search_by_ine_or_idescat_code(client, members, query):
    assert listed_slugs(client.get(URL, {"q": query})) == ["barcelona"]


def test_filters_by_comarca_province_and_kind_combine_with_search(client, members):
    assert listed_slugs(client.get(URL, {"comarca": "13"})) == [
        "barcelona",
        "lhospitalet-de-llobregat",
    ]
    assert listed_slugs(client.get(URL, {"provincia": "17"})) == ["girona"]
    assert listed_slugs(client.get(URL, {"tipus": "consell_comarcal"})) == [
        "consell-comarcal-del-baix-llobregat"
    ]
    assert listed_slugs(client.get(URL, {"q": "llobregat", "comarca": "13"})) == [
        "lhospitalet-de-llobregat"
    ]
    assert listed_slugs(client.get(URL, {"q": "llobregat", "tipus": "municipi"})) == [
        "lhospitalet-de-llobregat"
    ]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("cerdanyola", "Cerdanyola del Vallès"),
        ("badalona", "Badalona"),
        ("sant cugat", "Sant Cugat del Vallès"),
    ],
)
def test_an_entity_that_is_not_a_member_gets_a_clear_answer(client, members, query, name):
    response = client.get(URL, {"q": query})
    assert listed_slugs(response) == []
    text = text_of(response)
    assert gettext("%(name)s is not a member of Localret.") % {"name": name} in text
    assert gettext("Any Catalan local entity can ask to join the consortium.")[:30] in text


def test_an_unknown_name_gets_no_results(client, members):
    text = text_of(client.get(URL, {"q": "Springfield"}))
    assert gettext("No entity matches “%(query)s”.") % {"query": "Springfield"} in text


def test_letter_links_point_at_the_letter_headings(client, members):
    content = client.get(URL).content.decode()
    assert '<a href="#lletra-h">H</a>' in content
    assert 'id="lletra-h"' in content
    assert "<span>Z</span>" in content  # no entity starts with Z: no link


def test_member_page_shows_kind_comarca_province_codes_and_date(client, members):
    response = client.get(f"{URL}barcelona/")
    assert response.status_code == 200
    text = text_of(response)
    assert "<h1" in text and "Barcelona</h1>" in text
    for expected in [
        "Barcelonès",
        "08019",
        "080193",
        date_format(datetime.date(2000, 1, 1), "DATE_FORMAT"),
    ]:
        assert expected in text


@pytest.mark.parametrize(
    "slug", ["badalona", "cerdanyola-del-valles", "sant-cugat-del-valles", "springfield"]
)
def test_entities_that_are_not_members_today_have_no_page(client, members, slug):
    assert client.get(f"{URL}{slug}/").status_code == 404


def test_csv_export_has_a_bom_the_columns_and_exactly_the_listed_rows(client, members):
    response = client.get(URL, {"comarca": "13", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))
    assert list(rows[0]) == [
        "codi",
        "nom",
        "tipus",
        "comarca",
        "data_adhesio",
        "data_baixa",
        "web",
        "provincia",
    ]
    assert [row["codi"] for row in rows] == ["080193", "081017"]
    assert rows[1] == {
        "codi": "081017",
        "nom": "l'Hospitalet de Llobregat",
        "tipus": "municipi",
        "comarca": "13",
        "data_adhesio": "2000-01-01",
        "data_baixa": "",
        "web": "",
        "provincia": "08",
    }


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "llobregat"},
        {"provincia": "08"},
        {"tipus": "municipi", "q": "a"},
        {"q": "08"},
        {"q": "0 80"},
        {"q": "cc1"},
        {"q": "fm"},
        {"q": "de"},
        {"q": "1_"},
        {"q": "Vallès"},
        {"q": "llobregat", "comarca": "11"},
    ],
)
def test_json_export_holds_exactly_the_listing(client, members, params):
    listing = listed_slugs(client.get(URL, params))
    response = client.get(URL, {**params, "format": "json"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["count"] == len(listing)
    assert [row["url"].rstrip("/").rsplit("/", 1)[1] for row in data["results"]] == listing


@pytest.mark.parametrize("query", ["ens de prova 0012", "prova 001", "E002", "e001", "0"])
def test_a_long_listing_and_its_file_find_the_same_entities(client, members_page, query):
    Member.objects.bulk_create(build_members(PAGE_SIZE + 50))
    heading = re.search(r'id="member-results-heading">(\d+)', client.get(URL, {"q": query}).text)
    data = json.loads(client.get(URL, {"q": query, "format": "json"}).content)
    assert data["count"] > 0
    assert int(heading.group(1)) == data["count"]


def test_exports_refuse_filters_that_name_nothing(client, members):
    response = client.get(URL, {"comarca": "99", "format": "csv"})
    assert response.status_code == 400
    assert "99" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"comarca": "99"},
        {"provincia": "Barcelona"},
        {"tipus": "ajuntament"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "99999999999999999999"},
        {"q": "x" * 5000},
        {"q": "\x00'\u202e\U0001f600\ufeff"},
        {"q": "'''·"},
        {"q": ["a", "b"], "comarca": ["13", "99"]},
    ],
)
def test_bad_query_strings_get_the_normal_page_with_a_message(client, members, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert 'class="member-notices"' in response.content.decode() or listed_slugs(response)


def test_odd_bytes_in_the_query_string_do_not_break_the_page(client, members):
    response = client.get(f"{URL}?q=%ED%A0%80%FF&comarca=%00")
    assert response.status_code == 200


def query_count(client, url):
    client.get(url)  # warm caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


MAX_QUERIES = 15
# The whole list, a search, a filter, a second page, and a search that finds only a non-member.
LISTING_URLS = [URL, f"{URL}?q=ens", f"{URL}?comarca=13", f"{URL}?q=ens&page=2", f"{URL}?q=xrara"]


def listing_query_counts(client, django_assert_max_num_queries):
    counts = {}
    for url in LISTING_URLS:
        client.get(url)  # warm caches (content types, site root paths)
        with django_assert_max_num_queries(MAX_QUERIES) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_listing_query_count_stays_within_budget_and_does_not_grow_with_the_registry(
    client, members_page, django_assert_max_num_queries
):
    MemberFactory(name="Vilaxrara", code="08999", member_since=None)
    Member.objects.bulk_create(build_members(5, comarca_id="13"))
    Member.objects.bulk_create(build_members(5, start=5))
    small = listing_query_counts(client, django_assert_max_num_queries)

    Member.objects.bulk_create(build_members(4995, start=10, comarca_id="13"), batch_size=1000)
    Member.objects.bulk_create(build_members(4995, start=5005), batch_size=1000)
    large = listing_query_counts(client, django_assert_max_num_queries)

    assert large == small


def test_listing_adds_at_most_four_queries_to_a_plain_page(client, members_page):
    """The filters' choices, the count by letter, the totals by kind and the page's rows."""
    Member.objects.bulk_create(build_members(10))
    plain_page = query_count(client, "/qui-som/historia/")
    assert query_count(client, URL) <= plain_page + 4


def test_about_page_shows_the_live_member_count(client, members):
    response = client.get("/qui-som/")
    content = response.content.decode()
    figure = re.search(r'member-count">\s*<span class="key-figure__value">(\d+)</span>', content)
    assert figure and figure.group(1) == "6"
    assert f'<a href="{URL}">' in content


def test_a_long_listing_is_split_into_pages_that_the_letter_links_lead_to(client, members_page):
    Member.objects.bulk_create(build_members(PAGE_SIZE + 5))
    MemberFactory(name="Zona de prova", code="Z0001", kind=Kind.OTHER)

    first = client.get(URL).content.decode()
    assert len(listed_slugs_of(first)) == PAGE_SIZE
    assert '<a href="?page=2#lletra-z">Z</a>' in first
    assert '<a href="?" aria-current="page">1</a>' in first
    assert '<a href="?page=2">2</a>' in first

    second = client.get(URL, {"page": "2"}).content.decode()
    assert listed_slugs_of(second) == [
        *(f"ens-de-prova-{number:05d}" for number in range(PAGE_SIZE, PAGE_SIZE + 5)),
        "zona-de-prova",
    ]
    # The letter E goes on from the first page.
    assert re.search(r'id="lletra-e">E <small>\(continuació\)</small>', second)
    assert '<a href="#lletra-z">Z</a>' in second
    assert '<a href="?page=2" aria-current="page">2</a>' in second


def test_the_pager_of_a_very_long_listing_shows_the_pages_around_the_current_one(
    client, members_page
):
    Member.objects.bulk_create(build_members(PAGE_SIZE * 20), batch_size=1000)

    pager = client.get(URL, {"page": "10"}).content.decode().split('class="member-pages"')[1]
    numbers = re.findall(r'<a href="\?page=(\d+)"', pager.split("</nav>")[0])
    assert numbers == ["8", "9", "10", "11", "12", "20"]
    assert '<a href="?">1</a>' in pager
    assert pager.count('aria-hidden="true">…</li>') == 2


def test_the_filters_stay_on_every_page_of_the_listing(client, members_page):
    Member.objects.bulk_create(build_members(PAGE_SIZE + 1, comarca_id="13"))
    Member.objects.bulk_create(build_members(3, start=PAGE_SIZE + 1, comarca_id="20"))

    first = client.get(URL, {"comarca": "13"}).content.decode()
    assert '<a href="?comarca=13&amp;page=2">2</a>' in first
    second = client.get(URL, {"comarca": "13", "page": "2"})
    assert listed_slugs(second) == [f"ens-de-prova-{PAGE_SIZE:05d}"]


def member_figures(content):
    """The live member counts a page states."""
    return re.findall(r'member-count"><span class="key-figure__value">(\d+)</span>', content)


def plain_text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(response)).split())


def test_an_empty_registry_is_not_yet_published_and_counts_nothing(client, members_page):
    listing = plain_text(client.get(URL))
    searched = plain_text(client.get(URL, {"q": "Terrassa"}))
    about = client.get("/qui-som/").content.decode()

    for text in (listing, searched):
        assert "La llista d’ens adherits encara no s’ha publicat." in text
        assert "dels 947 municipis" not in text
        assert "Cap ens" not in text
        assert "no és membre" not in text
    assert 'id="member-q"' not in client.get(URL).content.decode()
    assert member_figures(about) == []
    assert "són membres de Localret" not in about


def test_the_home_page_shows_the_editors_figure_until_the_registry_holds_members(
    client, members_page
):
    before = plain_text(client.get("/"))
    MemberFactory(name="Girona", code="17079", comarca_id="20")
    after = client.get("/").content.decode()

    assert "+800 ens locals adherits" in before
    assert "+800" not in after
    assert member_figures(after) == ["1"]
    assert f'<a href="{URL}">ens local és membre de Localret</a>' in after


def test_home_qui_som_and_the_listing_state_the_same_count(client, members):
    home = client.get("/").content.decode()
    about = client.get("/qui-som/").content.decode()
    listing = plain_text(client.get(URL))

    assert member_figures(home) == member_figures(about) == ["6"]
    assert "6 ens adherits" in listing
    assert "+800" not in home


@pytest.mark.parametrize(
    ("value", "shown"),
    [("abc", 1), ("0", 1), ("-3", 1), ("2.5", 1), ("3", 2), ("99999999999999999999", 2)],
)
def test_a_page_that_does_not_exist_shows_the_nearest_with_a_notice(
    client, members_page, value, shown
):
    Member.objects.bulk_create(build_members(PAGE_SIZE + 5))

    response = client.get(URL, {"page": value})

    assert response.status_code == 200
    notice = gettext(
        "There is no page “%(value)s” in this list; page %(page)s is shown instead."
    ) % {"value": value, "page": shown}
    assert notice in text_of(response)
    assert f'aria-current="page">{shown}</a>' in response.content.decode()


@pytest.mark.parametrize(
    ("former", "current"),
    [
        ("export.csv?comarca=13", "?comarca=13&format=csv"),
        ("export.json?q=llobregat&tipus=municipi", "?q=llobregat&tipus=municipi&format=json"),
        ("export.schema.json", "?format=schema"),
    ],
)
def test_the_former_open_data_addresses_redirect_permanently_keeping_the_filters(
    client, members, former, current
):
    response = client.get(URL + former)

    assert response.status_code == 301
    assert response["Location"] == URL + current
    assert client.get(response["Location"]).status_code == 200


def test_former_open_data_addresses_exist_only_under_the_members_page(client, members):
    assert client.get("/qui-som/historia/export.csv").status_code == 404
    assert client.get("/qui-som/no-such-page/export.json").status_code == 404


@pytest.mark.parametrize(
    ("export_format", "content_type"),
    [("csv", "text/csv"), ("json", "application/json"), ("schema", "application/json")],
)
def test_format_gives_the_filtered_listing_as_open_data(
    client, members, export_format, content_type, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, {"comarca": "13", "format": export_format})

    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    if export_format == "json":
        assert [row["codi"] for row in response.json()["results"]] == ["080193", "081017"]


def test_the_listing_links_to_its_open_data_with_its_filters(client, members):
    content = client.get(URL, {"comarca": "13"}).content.decode()

    assert 'href="?comarca=13&amp;format=csv"' in content
    assert 'href="?comarca=13&amp;format=json"' in content
    assert 'href="?format=schema"' in content


def test_an_unknown_format_gets_a_clear_answer(client, members):
    response = client.get(URL, {"format": "xml"})

    assert response.status_code == 400
    assert gettext("Unknown format. Use format=json or format=csv.") in response.content.decode()
