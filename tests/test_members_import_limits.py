"""Files too large for the members import are refused before they are read, in Catalan: a
workbook that unpacks to far more than its size (a decompression bomb), and sheets or CSV files
with more lines than a list of local entities can have."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from members.importer import import_members, readers
from members.models import Member

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/snippets/members/member/import/"
HEADER = "codi,nom,tipus,comarca,data_adhesio,data_baixa,web\n"
SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEADER_ROW = (
    b"<row>"
    + b"".join(
        b'<c t="inlineStr"><is><t>' + name.encode() + b"</t></is></c>"
        for name in HEADER.strip().split(",")
    )
    + b"</row>"
)
ENTITY_ROW = (
    b'<row><c t="inlineStr"><is><t>E1</t></is></c><c t="inlineStr"><is><t>Ens</t></is></c>'
    b'<c t="inlineStr"><is><t>altres</t></is></c></row>'
)
BOMB_REFUSAL = "Aquest llibre de càlcul ocupa"
TOO_MANY_LINES = "El fitxer té més de 20.000 línies"


@pytest.fixture(autouse=True)
def empty_registry(db):
    Member.objects.all().delete()


def workbook(sheet_rows, dimension=None):
    """An .xlsx file whose first sheet holds the header row and then `sheet_rows` (XML).

    Written by hand rather than by openpyxl, so that a sheet of a million rows costs a
    repeated string, not a million cells."""
    template = io.BytesIO()
    book = Workbook()
    book.active.append(["codi"])
    book.save(template)
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>'.encode() if dimension else b"")
        + b"<sheetData>"
        + SHEET_HEADER_ROW
        + sheet_rows
        + b"</sheetData></worksheet>"
    )
    output = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for part in source.infolist():
            target.writestr(part.filename, sheet if part.filename == SHEET else source.read(part))
    return output.getvalue()


@pytest.fixture(scope="module")
def bomb():
    """A workbook of some 130 KB that unpacks to 35 MB: 250,000 rows that openpyxl would take
    minutes to read, as the 301 KB file of the issue did to a worker."""
    data = workbook(ENTITY_ROW * 250_000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo(SHEET).file_size > 30 * 1024 * 1024
    assert len(data) < 200 * 1024
    return data


def csv_file(lines):
    return (HEADER + "".join(f"E{n},Ens {n},altres,,,,\n" for n in range(lines))).encode()


def only_rejection(result):
    assert not result.applied
    assert len(result.rejections) == 1
    return result.rejections[0].message


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_opened(bomb):
    message = only_rejection(import_members(bomb, "ens.xlsx"))
    assert message.startswith(BOMB_REFUSAL)
    assert "més que els 20 MB" in message
    assert not Member.objects.exists()


def test_a_sheet_that_declares_more_lines_than_the_limit_is_refused_unread():
    # Two lines of entities, but a dimension of 400,000 rows: only the declaration can refuse it.
    data = workbook(ENTITY_ROW * 2, dimension="A1:G400000")
    assert only_rejection(import_members(data, "ens.xlsx")).startswith(TOO_MANY_LINES)


def test_a_sheet_that_does_not_declare_its_size_is_cut_at_the_limit():
    data = workbook(ENTITY_ROW * 20_000)
    assert only_rejection(import_members(data, "ens.xlsx")).startswith(TOO_MANY_LINES)


def test_a_csv_file_over_the_limit_is_refused():
    assert only_rejection(import_members(csv_file(20_000), "ens.csv")).startswith(TOO_MANY_LINES)


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_file_at_the_limit_is_imported_and_one_line_more_is_refused(monkeypatch, extension):
    monkeypatch.setattr(readers, "MAX_LINES", 4)

    def data(lines):
        if extension == "csv":
            return csv_file(lines)
        rows = b"".join(ENTITY_ROW.replace(b"E1", f"E{n}".encode()) for n in range(lines))
        return workbook(rows)

    assert import_members(data(3), f"ens.{extension}").applied
    assert Member.objects.count() == 3
    message = only_rejection(import_members(data(4), f"ens.{extension}"))
    assert message.startswith("El fitxer té més de 4 línies")


def test_the_admin_refuses_a_bomb_with_a_400_in_catalan(admin_client, bomb):
    response = admin_client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("ens.xlsx", bomb), "format": ""}
    )
    assert response.status_code == 400
    assert BOMB_REFUSAL in response.content.decode()
    assert response.context["confirm_form"] is None


def test_the_admin_refuses_a_csv_file_over_the_limit_with_a_400_in_catalan(admin_client):
    response = admin_client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("ens.csv", csv_file(20_000)), "format": ""}
    )
    assert response.status_code == 400
    assert TOO_MANY_LINES in response.content.decode()
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"), [("ens.xlsx", BOMB_REFUSAL), ("ens.csv", TOO_MANY_LINES)]
)
def test_the_command_prints_the_refusal_and_fails(tmp_path, bomb, name, message):
    path = tmp_path / name
    path.write_bytes(bomb if name.endswith(".xlsx") else csv_file(20_000))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_members", str(path), stdout=io.StringIO(), stderr=err)
    assert message in err.getvalue()
    assert not Member.objects.exists()
