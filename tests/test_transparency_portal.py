"""The transparency portal as a visitor reads it: sections, items, dates, year filter, open data."""

import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext
from wagtail.models import Page

from pages.models import PageContentChange
from tests.factories import (
    TransparencyItemDocumentFactory,
    TransparencyItemFactory,
    UploadedDocumentFactory,
)
from transparency.models import TransparencyItem, TransparencySectionPage, TransparencySettings
from transparency.seed import SECTIONS

INDEX_URL = "/qui-som/transparencia/"
CONTRACTS_URL = "/qui-som/transparencia/contractacio-publica/"
MAX_QUERIES_PER_PAGE = 15
MADRID = ZoneInfo("Europe/Madrid")


def at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=MADRID)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def item_titles(html):
    return re.findall(r'<h3 id="item-\d+">(.*?)</h3>', html)


@pytest.fixture
def contracts(seeded_site):
    return TransparencySectionPage.objects.get(slug="contractacio-publica")


def set_item_updated_at(item, when):
    TransparencyItem.objects.filter(pk=item.pk).update(updated_at=when)


def test_index_shows_the_sections_in_the_order_of_the_law_with_their_articles(client, seeded_site):
    html = client.get(INDEX_URL).content.decode()

    titles = re.findall(r'<h3 class="card__title"><a href="[^"]+">(.*?)</a></h3>', html)
    assert [t.replace("&#x27;", "'") for t in titles] == [title for _, title, _, _ in SECTIONS]
    for article in range(9, 16):
        assert f"Llei 19/2014, art. {article}" in html


def test_index_shows_each_sections_most_recent_update(client, contracts):
    sections = Page.objects.type(TransparencySectionPage)
    PageContentChange.objects.filter(page__in=sections).update(changed_at=at(2026, 1, 10))
    older = TransparencyItemFactory(section=contracts)
    newer = TransparencyItemFactory(section=contracts)
    set_item_updated_at(older, at(2026, 2, 1))
    set_item_updated_at(newer, at(2026, 3, 5))

    text = text_of(client.get(INDEX_URL).content.decode())

    assert "Contractació pública Llei 19/2014, art. 13" in text
    contracts_card = text.split("Contractació pública", 1)[1].split("Convenis de col·laboració")[0]
    assert "5 de març de 2026" in contracts_card
    assert "1 de febrer de 2026" not in contracts_card
    # A section without items has published nothing yet: it shows no date.
    planning_card = text.split("Planificació i programació", 1)[1].split("Contractació")[0]
    assert "10 de gener de 2026" not in planning_card
    assert "Darrera actualització" not in planning_card


def test_index_points_to_the_access_request_form(client, seeded_site):
    html = client.get(INDEX_URL).content.decode()

    assert 'href="/qui-som/transparencia/dret-d-acces/"' in html


def count_queries(client, url):
    """Queries of a request once per-process caches (content types, site root paths) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_queries_do_not_grow_with_the_number_of_items(client, contracts):
    TransparencyItemFactory(section=contracts)
    few = count_queries(client, INDEX_URL)
    for section in TransparencySectionPage.objects.all():
        TransparencyItemFactory.create_batch(5, section=section)
    many = count_queries(client, INDEX_URL)

    assert many == few
    assert many <= MAX_QUERIES_PER_PAGE


def test_section_lists_items_with_documents_type_size_links_and_dates(client, contracts):
    item = TransparencyItemFactory(
        section=contracts,
        title="Contracte de manteniment",
        legal_reference="art. 13.1.b",
        with_link=True,
    )
    document = UploadedDocumentFactory(title="Plec de clàusules")
    TransparencyItemDocumentFactory(item=item, document=document)
    item.save()
    set_item_updated_at(item, at(2026, 6, 15))

    html = client.get(CONTRACTS_URL).content.decode()
    text = text_of(html)

    assert item_titles(html) == ["Contracte de manteniment"]
    assert f"{gettext('Period')} 2025" in text
    assert f"{gettext('Legal basis')} art. 13.1.b" in text
    assert "15 de juny de 2026" in text
    assert f'href="{document.url}"' in html
    assert "Plec de clàusules (PDF, 2,0 KB)" in text
    assert 'href="https://contractaciopublica.cat/ca/detall-publicacio/123"' in html


def test_an_items_description_keeps_its_formatting_and_links_to_pages(client, contracts):
    statutes = Page.objects.get(slug="estatuts")
    TransparencyItemFactory(
        section=contracts,
        description=(
            f'<p>Vegeu els <a linktype="page" id="{statutes.pk}">Estatuts</a>, '
            "<b>article 3</b>.</p>"
        ),
    )

    html = client.get(CONTRACTS_URL).content.decode()

    assert (
        '<div class="rich-text"><p>Vegeu els <a href="/qui-som/estatuts/">Estatuts</a>, '
        "<b>article 3</b>.</p></div>"
    ) in html


def test_section_without_items_says_so(client, contracts):
    response = client.get(CONTRACTS_URL)

    assert response.status_code == 200
    assert item_titles(response.content.decode()) == []
    assert "format=csv" not in response.content.decode()


def test_section_queries_do_not_grow_with_items_documents_or_pages(client, contracts):
    TransparencyItemDocumentFactory(item__section=contracts)
    few = count_queries(client, CONTRACTS_URL)
    for item in TransparencyItemFactory.create_batch(40, section=contracts, with_link=True):
        TransparencyItemDocumentFactory.create_batch(2, item=item)
    many = count_queries(client, CONTRACTS_URL)

    assert many == few


def test_section_page_stays_within_the_query_budget(
    client, contracts, django_assert_max_num_queries
):
    TransparencyItemDocumentFactory(item__section=contracts, item__with_link=True)
    client.get(CONTRACTS_URL)

    with django_assert_max_num_queries(MAX_QUERIES_PER_PAGE):
        assert client.get(CONTRACTS_URL).status_code == 200


def test_long_sections_are_split_into_pages(client, contracts):
    TransparencyItemFactory.create_batch(
        TransparencySectionPage.ITEMS_PER_PAGE + 1, section=contracts
    )

    first = client.get(CONTRACTS_URL).content.decode()
    second = client.get(CONTRACTS_URL + "?pagina=2").content.decode()
    nonsense = client.get(CONTRACTS_URL + "?pagina=tres")

    assert len(item_titles(first)) == TransparencySectionPage.ITEMS_PER_PAGE
    assert len(item_titles(second)) == 1
    assert 'href="?pagina=2#items"' in first
    assert nonsense.status_code == 200
    assert item_titles(nonsense.content.decode()) == item_titles(first)


class TestYearFilter:
    @pytest.fixture
    def items(self, contracts):
        return {
            "2024a": TransparencyItemFactory(section=contracts, year=2024, title="Obres 2024"),
            "2024b": TransparencyItemFactory(section=contracts, year=2024, title="Serveis 2024"),
            "2025": TransparencyItemFactory(section=contracts, year=2025, title="Obres 2025"),
        }

    def test_a_section_with_several_years_offers_the_filter(self, client, items):
        html = client.get(CONTRACTS_URL).content.decode()

        assert '<select id="year-filter" name="any">' in html
        assert item_titles(html) == ["Obres 2025", "Obres 2024", "Serveis 2024"]

    def test_choosing_a_year_shows_only_its_items(self, client, items):
        html = client.get(CONTRACTS_URL + "?any=2024").content.decode()

        assert item_titles(html) == ["Obres 2024", "Serveis 2024"]
        assert '<option value="2024" selected>' in html
        assert 'href="?any=2024&amp;format=csv"' in html

    def test_an_unknown_year_shows_a_message_and_every_item(self, client, items):
        response = client.get(CONTRACTS_URL + "?any=1999")
        html = response.content.decode()

        assert response.status_code == 200
        assert 'aria-invalid="true"' in html
        assert "1999 no és una de les opcions vàlides" in html
        assert len(item_titles(html)) == 3

    def test_a_section_with_one_year_has_no_filter(self, client, contracts):
        TransparencyItemFactory(section=contracts, year=2025)

        assert 'id="year-filter"' not in client.get(CONTRACTS_URL).content.decode()


class TestOpenData:
    @pytest.fixture
    def items(self, contracts):
        first = TransparencyItemFactory(section=contracts, year=2024, title="Obres 2024")
        TransparencyItemDocumentFactory(item=first)
        first.save()
        TransparencyItemFactory(
            section=contracts, year=2025, title="Obres 2025", period="1r trimestre"
        )
        return first

    @pytest.mark.parametrize("query", ["", "any=2024", "any=2025"])
    def test_json_and_csv_hold_exactly_the_pages_items(self, client, items, query):
        page_html = client.get(f"{CONTRACTS_URL}?{query}").content.decode()
        data = client.get(f"{CONTRACTS_URL}?{query}&format=json").json()
        csv_response = client.get(f"{CONTRACTS_URL}?{query}&format=csv")
        rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8-sig"))))

        titles = item_titles(page_html)
        assert titles
        assert [item["title"] for item in data["items"]] == titles
        assert [row["title"] for row in rows] == titles

    def test_json_gives_period_last_update_and_absolute_document_urls(self, client, items):
        response = client.get(CONTRACTS_URL + "?any=2024&format=json")
        data = response.json()

        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert data["year"] == 2024
        assert data["legal_reference"] == "Llei 19/2014, art. 13"
        [item] = data["items"]
        assert item["period"] == "2024"
        assert item["last_updated"] == items.updated_at.astimezone(MADRID).date().isoformat()
        assert item["document_urls"] == ["http://testserver" + items.documents.get().document.url]

    def test_csv_is_a_download_with_one_row_per_item(self, client, items):
        response = client.get(CONTRACTS_URL + "?format=csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

        assert response["Content-Disposition"] == 'attachment; filename="contractacio-publica.csv"'
        assert [row["period"] for row in rows] == ["1r trimestre", "2024"]
        assert rows[1]["document_urls"].startswith("http://testserver/documents/")

    @pytest.mark.parametrize(
        "query", ["format=xml", "format=json&any=1999", "format=csv&any=dos-mil"]
    )
    def test_bad_open_data_queries_get_a_400_with_a_message(self, client, items, query):
        response = client.get(f"{CONTRACTS_URL}?{query}")

        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.strip()

    def test_open_data_queries_do_not_grow_with_the_number_of_items(self, client, contracts):
        TransparencyItemDocumentFactory(item__section=contracts)
        few = count_queries(client, CONTRACTS_URL + "?format=json")
        for item in TransparencyItemFactory.create_batch(30, section=contracts):
            TransparencyItemDocumentFactory(item=item)
        many = count_queries(client, CONTRACTS_URL + "?format=json")

        assert many == few


class TestLastUpdate:
    """An item's "last update" moves when what visitors see of it changes, and only then."""

    OLD = at(2025, 1, 1)

    @pytest.fixture
    def item(self, contracts):
        item = TransparencyItemFactory(section=contracts)
        set_item_updated_at(item, self.OLD)
        return TransparencyItem.objects.get(pk=item.pk)

    def reloaded(self, item):
        return TransparencyItem.objects.get(pk=item.pk)

    def test_a_new_item_gets_a_last_update(self, contracts):
        assert TransparencyItemFactory(section=contracts).updated_at is not None

    def test_saving_without_changes_keeps_the_date(self, item):
        item.save()

        assert self.reloaded(item).updated_at == self.OLD

    def test_editing_the_content_moves_the_date(self, item):
        item.title = "Contracte modificat"
        item.save()

        assert self.reloaded(item).updated_at > self.OLD

    def test_adding_a_document_moves_the_date(self, item):
        TransparencyItemDocumentFactory(item=item)
        self.reloaded(item).save()

        assert self.reloaded(item).updated_at > self.OLD

    def test_replacing_a_documents_title_in_the_library_moves_the_date(self, item):
        row = TransparencyItemDocumentFactory(item=item)
        item.save()
        set_item_updated_at(item, self.OLD)

        row.document.title = "Plec de clàusules (versió corregida)"
        row.document.save()

        assert self.reloaded(item).updated_at > self.OLD

    def test_deleting_a_document_from_the_library_moves_the_date(self, item):
        row = TransparencyItemDocumentFactory(item=item)
        item.save()
        set_item_updated_at(item, self.OLD)

        row.document.delete()

        assert self.reloaded(item).updated_at > self.OLD
        assert not self.reloaded(item).documents.exists()

    def test_the_section_page_shows_the_new_date(self, client, item):
        item.title = "Contracte modificat"
        item.save()
        today = self.reloaded(item).updated_at.astimezone(MADRID).date()

        html = client.get(CONTRACTS_URL).content.decode()

        assert f'<time datetime="{today.isoformat()}">' in html


def test_section_and_index_pages_answer_only_reads(client, contracts):
    assert client.post(CONTRACTS_URL).status_code == 405
    assert client.post(INDEX_URL).status_code == 405


def test_the_portal_links_to_catalonias_portal_and_to_the_contractor_profile(client, seeded_site):
    profile = "https://contractaciopublica.cat/ca/perfils-contractant/detall/localret"
    before = client.get(INDEX_URL).content.decode()
    transparency = TransparencySettings.for_site(seeded_site)
    transparency.contractor_profile_url = profile
    transparency.save()
    after = client.get(INDEX_URL).content.decode()

    assert 'href="https://governobert.gencat.cat/ca/transparencia/"' in before
    assert "Plataforma de Serveis de Contractació Pública" not in before
    assert f'href="{profile}"' in after


def test_the_sections_describe_staff_information_and_minor_contracts(client, seeded_site):
    text = client.get(INDEX_URL).content.decode()

    assert "relació de llocs de treball o plantilla, processos de selecció i convenis" in text
    assert "inclosos els contractes menors" in text
    assert "perfil del contractant" in text


def test_an_empty_section_shows_no_last_update(client, contracts):
    PageContentChange.objects.filter(page=contracts).update(changed_at=at(2026, 1, 10))

    html = client.get(CONTRACTS_URL).content.decode()

    assert "Darrera actualització" not in html
    assert "10 de gener de 2026" not in html


def test_a_section_with_items_shows_its_latest_change(client, contracts):
    PageContentChange.objects.filter(page=contracts).update(changed_at=at(2026, 1, 10))
    set_item_updated_at(TransparencyItemFactory(section=contracts), at(2026, 3, 5))

    text = text_of(client.get(CONTRACTS_URL).content.decode())

    assert "Darrera actualització: 5 de març de 2026" in text
