"""The registry in the Wagtail admin: list, search, filters, export, form checks and the import."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext
from openpyxl import load_workbook

from members.models import Kind, Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/members/member/"
ADD_URL = "/admin/snippets/members/member/add/"
IMPORT_URL = "/admin/snippets/members/member/import/"
HEADER = "codi,nom,tipus,comarca,data_adhesio,data_baixa,web\n"


@pytest.fixture(autouse=True)
def empty_registry(db):
    """Start from an empty registry instead of the seeded demo members."""
    Member.objects.all().delete()


@pytest.fixture
def registry(db):
    return {
        "hospitalet": MemberFactory(name="l'Hospitalet de Llobregat", code="081017"),
        "girona": MemberFactory(name="Girona", code="170792", comarca_id="20"),
        "consell": MemberFactory(
            name="Consell Comarcal del Baix Llobregat",
            kind=Kind.COUNTY_COUNCIL,
            code="CC11",
            comarca_id="11",
        ),
        "badalona": MemberFactory(
            name="Badalona",
            code="080155",
            member_since=datetime.date(2001, 1, 1),
            left_on=datetime.date(2020, 1, 1),
        ),
    }


@pytest.fixture
def editor_client(client):
    """A member of the "Editors" group, who may edit entities but not import files."""
    user = get_user_model().objects.create_user("editora", password="a-long-password-1")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    client.user = user
    return client


def upload(client, text, name="ens.csv", **extra):
    data = {"file": SimpleUploadedFile(name, text.encode("utf-8")), "format": "", **extra}
    return client.post(IMPORT_URL, data)


def listed_names(response):
    return [str(member) for member in response.context["object_list"]]


def test_list_shows_name_kind_comarca_province_and_date(admin_client, registry):
    response = admin_client.get(LIST_URL)
    assert response.status_code == 200
    content = response.content.decode()
    for text in ["Girona", "Gironès", "Consell Comarcal del Baix Llobregat", "Baix Llobregat"]:
        assert text in content
    assert str(Kind.COUNTY_COUNCIL.label) in content


@pytest.mark.parametrize(
    "query", ["lhospitalet", "L'HOSPITALET", "hospitalet de", "081017", "08101"]
)
def test_search_ignores_accents_case_apostrophes_and_finds_codes(admin_client, registry, query):
    response = admin_client.get(LIST_URL, {"q": query})
    assert listed_names(response) == ["l'Hospitalet de Llobregat"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "consell_comarcal"}, ["Consell Comarcal del Baix Llobregat"]),
        ({"comarca": "20"}, ["Girona"]),
        ({"province": "17"}, ["Girona"]),
        ({"membership": "former"}, ["Badalona"]),
        (
            {"membership": "current"},
            ["Consell Comarcal del Baix Llobregat", "Girona", "l'Hospitalet de Llobregat"],
        ),
    ],
)
def test_filters(admin_client, registry, params, expected):
    assert listed_names(admin_client.get(LIST_URL, params)) == expected


def test_csv_export_uses_the_import_columns(admin_client, registry):
    response = admin_client.get(LIST_URL, {"export": "csv", "comarca": "20"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "codi",
        "nom",
        "tipus",
        "comarca",
        "data_adhesio",
        "data_baixa",
        "web",
        "provincia",
    ]
    assert rows[1][:4] == ["170792", "Girona", "municipi", "20"]


def test_xlsx_export(admin_client, registry):
    response = admin_client.get(LIST_URL, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "codi"
    assert len(rows) == 1 + Member.objects.count()


def test_form_refuses_a_wrong_control_digit_and_a_municipality_without_comarca(admin_client, db):
    response = admin_client.post(
        ADD_URL, {"name": "Barcelona", "kind": "municipi", "code": "080190", "comarca": ""}
    )
    assert response.status_code == 200
    assert not Member.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) >= {"code", "comarca"}
    assert gettext("A municipality belongs to a comarca: choose it.") in errors["comarca"]


def test_form_completes_an_ine_code(admin_client, db):
    response = admin_client.post(
        ADD_URL,
        {"name": "Barcelona", "kind": "municipi", "code": "08019", "comarca": "13"},
    )
    assert response.status_code == 302
    assert Member.objects.get().code == "080193"


def test_import_preview_then_confirm(admin_client, registry):
    list_page = admin_client.get(LIST_URL).content.decode()
    assert IMPORT_URL in list_page  # the listing links to the import

    text = (
        HEADER
        + "08019,Barcelona,municipi,13,2001-05-03,,\n170792,Girona,municipi,20,2002-02-02,,\n"
    )
    preview = upload(admin_client, text)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert ([c.code for c in result.created], [c.code for c in result.updated]) == (
        ["080193"],
        ["170792"],
    )
    assert not Member.objects.filter(code="080193").exists()  # nothing written yet
    assert "Barcelona" in preview.content.decode()

    confirm = preview.context["confirm_form"].initial
    response = admin_client.post(IMPORT_URL, {"confirm": "1", **confirm})
    assert response.status_code == 302
    assert Member.objects.get(code="080193").member_since == datetime.date(2001, 5, 3)
    assert Member.objects.get(code="170792").member_since == datetime.date(2002, 2, 2)


def test_import_preview_lists_rejected_lines_and_offers_no_confirmation(admin_client, registry):
    preview = upload(
        admin_client, HEADER + "08019,Barcelona,municipi,13,2001-05-03,,\n080190,X,municipi,13,,,\n"
    )
    assert preview.status_code == 200
    assert preview.context["confirm_form"] is None
    assert [r.line for r in preview.context["result"].rejections] == [3]
    assert not Member.objects.filter(code="080193").exists()


def test_confirming_after_the_registry_changed_asks_for_a_new_review(admin_client, registry):
    preview = upload(admin_client, HEADER + "170792,Girona,municipi,20,2002-02-02,,\n")
    Member.objects.filter(code="170792").update(member_since=datetime.date(2002, 2, 2))
    response = admin_client.post(
        IMPORT_URL, {"confirm": "1", **preview.context["confirm_form"].initial}
    )
    assert response.status_code == 200
    assert response.context["result"].stale
    assert not response.context["result"].applied


def test_a_forged_confirmation_imports_nothing(admin_client, registry):
    upload(admin_client, HEADER + "08019,Barcelona,municipi,13,2001-05-03,,\n")
    response = admin_client.post(
        IMPORT_URL, {"confirm": "1", "token": "0" * 32, "fingerprint": "0" * 64}
    )
    assert response.status_code == 302
    assert not Member.objects.filter(code="080193").exists()


def test_upload_form_refuses_other_files(admin_client, db):
    response = admin_client.post(IMPORT_URL, {"file": SimpleUploadedFile("ens.pdf", b"%PDF-1.4")})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_import_is_refused_without_the_permission(editor_client, registry):
    assert editor_client.get(LIST_URL).status_code == 200
    assert IMPORT_URL not in editor_client.get(LIST_URL).content.decode()
    # Wagtail answers a refused admin page by sending the user back to the dashboard.
    assert editor_client.get(IMPORT_URL)["Location"] == "/admin/"
    response = upload(editor_client, HEADER + "08019,Barcelona,municipi,13,2001-05-03,,\n")
    assert response["Location"] == "/admin/"
    assert not Member.objects.filter(code="080193").exists()


def test_import_is_allowed_with_the_permission(editor_client, registry):
    editor_client.user.user_permissions.add(Permission.objects.get(codename="import_member"))
    assert editor_client.get(IMPORT_URL).status_code == 200
    assert IMPORT_URL in editor_client.get(LIST_URL).content.decode()


def test_editors_can_see_comarques_and_provinces(editor_client, db):
    comarques = editor_client.get("/admin/snippets/members/comarca/", {"q": "Lluçan"})
    assert "Lluçanès" in comarques.content.decode()
    assert "Tarragona" in editor_client.get("/admin/snippets/members/province/").content.decode()
