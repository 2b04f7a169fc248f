"""The registry in the Wagtail admin: list, search, filters, export, form checks and the import."""

import csv
import datetime
import html
import io
import json
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from members.forms import a_year_after
from members.models import Kind, Member
from tests.conftest import run_seed_site
from tests.factories import MemberFactory, reference_file

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


def summary_rows(content):
    """The review's summary table as {row heading: number of lines}."""
    table = content[content.index('id="import-summary-heading"') :]
    table = table[: table.index("</table>")]
    return {
        html.unescape(heading): int(count)
        for heading, count in re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table)
    }


def test_import_review_starts_with_a_summary_and_keeps_the_lines_behind_a_disclosure(
    admin_client, registry
):
    text = HEADER + (
        "08019,Barcelona,municipi,13,2001-05-03,,\n"
        "43148,Tarragona,municipi,36,,,\n"
        "170792,Girona,municipi,20,2002-02-02,,\n"
        "080155,Badalona,municipi,13,2001-01-01,2021-01-01,\n"
        "CC11,Consell Comarcal del Baix Llobregat,consell_comarcal,11,2000-01-01,,\n"
    )
    content = upload(admin_client, text).content.decode()
    assert summary_rows(content) == {
        gettext("New members"): 1,
        gettext("New reference entities"): 1,
        gettext("Changed"): 1,
        gettext("Leaving"): 1,
        gettext("Unchanged"): 1,
    }
    note = gettext(
        "Lines with a joining date (column data_adhesio) become members from that date. Lines "
        "without one come in as reference entities, not as members: they do not change the "
        "public number of members."
    )
    text = html.unescape(content)
    assert note in text
    # Hospitalet, Girona and the consell today; Barcelona joins; Badalona stays a former member.
    assert (
        gettext("The public number of members: %(before)s before the import, %(after)s after it.")
        % {
            "before": 3,
            "after": 4,
        }
        in text
    )
    summary, details = content.index("import-summary-heading"), content.index("<details")
    lines = content[details : content.index("</details>")]
    assert summary < details < content.index('name="confirm"')
    for name in ["Barcelona", "Tarragona", "Girona", "Badalona"]:
        assert name in lines
    assert html.unescape(str(gettext("new reference entity"))) in html.unescape(lines)


def test_import_review_of_the_idescat_export_says_why_no_member_is_added(admin_client, db):
    path = reference_file("idescat_comarques_i_municipis.csv")
    response = admin_client.post(
        IMPORT_URL, {"file": SimpleUploadedFile(path.name, path.read_bytes()), "format": ""}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert summary_rows(content) == {
        gettext("New members"): 0,
        gettext("New reference entities"): 947,
        gettext("Changed"): 0,
        gettext("Leaving"): 0,
        gettext("Unchanged"): 0,
    }
    text = html.unescape(content)
    assert (
        gettext(
            "IDESCAT's export has no joining dates, so its lines come in as reference entities, "
            "not as members: they do not change the public number of members, and entities that "
            "are already members keep their dates. To make entities members, select them in the "
            "list of local entities and choose “Mark as members”."
        )
        in text
    )
    assert gettext("The public number of members stays at %(count)s.") % {"count": 0} in text
    lines = content[content.index("<details") : content.index("</details>")]
    assert lines.count("<tr>") == 1 + 500  # the heading row and the first 500 lines
    assert content.index("</details>") < content.index('name="confirm"')


def test_import_preview_lists_rejected_lines_and_offers_no_confirmation(admin_client, registry):
    preview = upload(
        admin_client, HEADER + "08019,Barcelona,municipi,13,2001-05-03,,\n080190,X,municipi,13,,,\n"
    )
    assert preview.status_code == 400
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
    assert response.status_code == 400
    assert gettext("Upload a .csv or .xlsx file.") in response.content.decode()
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


# Marking reference entities as members -------------------------------------------------------

MEMBERS_PAGE_URL = "/qui-som/municipis-adherits/"
JOINED = datetime.date(2026, 3, 1)


@pytest.fixture
def reference_entities(db):
    """Two entities the registry knows that are not members (no joining date)."""
    return [
        MemberFactory(name="Tarragona", code="431482", comarca_id="36", member_since=None),
        MemberFactory(name="Lleida", code="251207", comarca_id="33", member_since=None),
    ]


def mark_url(*entities, **params):
    ids = [("id", entity.pk) for entity in entities]
    query = urlencode([*ids, *params.items(), ("next", LIST_URL)])
    return reverse("wagtail_bulk_action", args=["members", "member", "mark_as_members"]) + (
        f"?{query}"
    )


def mark_as_members(client, entities, day):
    return client.post(mark_url(*entities), {"member_since": day})


def public_member_count(client):
    """The number of members the public listing's open-data file holds."""
    response = client.get(MEMBERS_PAGE_URL, {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)["count"]


def success_messages(response):
    return [str(message).strip() for message in response.context["messages"]]


def test_the_listing_offers_the_bulk_action(admin_client, registry):
    content = admin_client.get(LIST_URL).content.decode()
    assert reverse("wagtail_bulk_action", args=["members", "member", "mark_as_members"]) in content
    assert gettext("Mark as members") in content


def test_confirmation_lists_the_entities_to_mark_and_those_left_as_they_are(
    admin_client, registry, reference_entities
):
    response = admin_client.get(mark_url(registry["girona"], *reference_entities))
    assert response.status_code == 200
    content = response.content.decode()
    to_mark = content[content.index("<details") : content.index("</details>")]
    assert "Tarragona" in to_mark and "Lleida" in to_mark and "Girona" not in to_mark
    left = content[content.index("</details>") :]
    assert "Girona (" in left
    # The browser's own date field, bounded as the form is.
    latest = a_year_after(timezone.localdate()).isoformat()
    assert re.search(r'<input type="date" name="member_since"[^>]*min="1997-01-01"', content)
    assert f'max="{latest}"' in content


def test_marking_sets_the_date_and_the_public_count_grows(
    admin_client, client, seeded_site, registry, reference_entities
):
    before = public_member_count(client)
    response = mark_as_members(admin_client, reference_entities, "2026-03-01")
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    for entity in reference_entities:
        entity.refresh_from_db()
        assert entity.member_since == JOINED
    assert public_member_count(client) == before + 2
    listing = admin_client.get(response["Location"])
    expected = ngettext(
        "%(count)s entity marked as a member. Joining date: %(date)s.",
        "%(count)s entities marked as members. Joining date: %(date)s.",
        2,
    ) % {"count": 2, "date": "1 de març de 2026"}
    assert expected in success_messages(listing)


def test_a_date_in_the_day_month_year_form_is_accepted(admin_client, reference_entities):
    assert mark_as_members(admin_client, reference_entities[:1], "01/03/2026").status_code == 302
    assert Member.objects.get(code="431482").member_since == JOINED


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("", "Write the date the entities joined the consortium."),
        ("31/02/2026", "Write a valid date, e.g. 2027-01-01 or 01/01/2027."),
        ("demà", "Write a valid date, e.g. 2027-01-01 or 01/01/2027."),
        ("1996-12-31", "The consortium was founded in 1997: the date cannot be earlier."),
        ("2099-01-01", "The date can be at most a year from today: %(latest)s."),
    ],
)
def test_a_bad_date_is_refused_in_catalan_and_changes_nothing(
    admin_client, reference_entities, day, message
):
    response = mark_as_members(admin_client, reference_entities, day)
    assert response.status_code == 400
    expected = gettext(message).split("%(")[0]
    assert expected and expected in html.unescape(response.content.decode())
    assert not Member.objects.filter(member_since__isnull=False, code__in=["431482", "251207"])
    assert not ModelLogEntry.objects.filter(action="members.mark_as_member").exists()


def test_the_latest_date_allowed_is_a_year_from_today(admin_client, reference_entities):
    today = timezone.localdate()
    latest = a_year_after(today)
    too_late = latest + datetime.timedelta(days=1)
    assert mark_as_members(admin_client, reference_entities[:1], too_late).status_code == 400
    assert mark_as_members(admin_client, reference_entities[:1], latest).status_code == 302
    assert Member.objects.get(code="431482").member_since == latest


def test_members_and_former_members_keep_their_dates(admin_client, registry, reference_entities):
    girona, badalona = registry["girona"], registry["badalona"]
    response = mark_as_members(
        admin_client, [girona, badalona, reference_entities[0]], "2026-03-01"
    )
    assert response.status_code == 302
    girona.refresh_from_db()
    badalona.refresh_from_db()
    assert girona.member_since == datetime.date(2000, 1, 1)
    assert (badalona.member_since, badalona.left_on) == (
        datetime.date(2001, 1, 1),
        datetime.date(2020, 1, 1),
    )
    assert Member.objects.get(code="431482").member_since == JOINED
    messages = success_messages(admin_client.get(LIST_URL))
    not_changed = ngettext(
        "%(count)s entity already had a joining date and was not changed.",
        "%(count)s entities already had a joining date and were not changed.",
        2,
    ) % {"count": 2}
    assert any(not_changed in message for message in messages)
    assert not ModelLogEntry.objects.filter(object_id__in=[str(girona.pk), str(badalona.pk)])


def test_the_change_is_in_each_entity_history(admin_client, reference_entities):
    mark_as_members(admin_client, reference_entities, "2026-03-01")
    message = gettext("Marked as a member. Joining date: %(date)s.") % {"date": "1 de març de 2026"}
    for entity in reference_entities:
        history_url = reverse("wagtailsnippets_members_member:history", args=[entity.pk])
        content = html.unescape(admin_client.get(history_url).content.decode())
        assert message in content, entity.name


def test_select_all_covers_the_filtered_listing_only(admin_client, registry, reference_entities):
    url = reverse("wagtail_bulk_action", args=["members", "member", "mark_as_members"])
    response = admin_client.get(url, {"id": "all", "comarca": "36", "membership": "never"})
    assert [entity["item"].name for entity in response.context["items"]] == ["Tarragona"]
    response = admin_client.post(
        url + "?" + urlencode({"id": "all", "comarca": "36", "membership": "never"}),
        {"member_since": "2026-03-01"},
    )
    assert response.status_code == 302
    assert list(Member.objects.filter(member_since=JOINED).values_list("name", flat=True)) == [
        "Tarragona"
    ]


@pytest.mark.parametrize("ids", [["x"], ["1 OR 1=1"], ["²"], ["9" * 30], []])
def test_ids_that_name_nothing_get_a_404(admin_client, ids):
    url = reverse("wagtail_bulk_action", args=["members", "member", "mark_as_members"])
    assert admin_client.get(url, {"id": ids}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_marking_persists_outside_a_test_transaction(client, django_user_model):
    run_seed_site()
    admin = django_user_model.objects.create_superuser("admin-marca", password="a-long-pass-1")
    client.force_login(admin)
    entity = MemberFactory(name="Ens de referència", member_since=None)
    before = public_member_count(client)

    response = mark_as_members(client, [entity], "2026-03-01")

    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.member_since == JOINED
    assert ModelLogEntry.objects.filter(
        action="members.mark_as_member", object_id=str(entity.pk), user=admin
    ).exists()
    client.logout()
    assert public_member_count(client) == before + 1


def test_a_user_who_may_not_edit_entities_marks_none(client, reference_entities):
    user = get_user_model().objects.create_user("lectora", password="a-long-password-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    page = client.get(mark_url(*reference_entities))
    assert page.status_code == 200
    content = html.unescape(page.content.decode())
    assert gettext("You may not edit these entities, so they are left as they are:") in content
    assert 'name="member_since"' not in content
    client.post(mark_url(*reference_entities), {"member_since": "2026-03-01"})
    assert not Member.objects.filter(code__in=["431482", "251207"], member_since__isnull=False)
