"""`import_members`: every format, the dry run, all or nothing, idempotence, line-by-line errors."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import gettext
from openpyxl import Workbook

from members.importer import import_members
from members.importer.report import member_count_line, membership_note, summary_line
from members.models import Kind, Member
from tests.factories import MemberFactory, reference_file

pytestmark = pytest.mark.django_db

HEADER = "codi,nom,tipus,comarca,data_adhesio,data_baixa,web\n"


@pytest.fixture(autouse=True)
def empty_registry(db):
    """Start from an empty registry instead of the seeded demo members."""
    Member.objects.all().delete()


def csv_bytes(*lines, header=HEADER, bom=False):
    text = header + "".join(f"{line}\n" for line in lines)
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def run_command(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_members", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    return sorted(Member.objects.values_list("code", "name", "member_since", "left_on", "website"))


def test_idescat_export_loads_all_947_municipalities_and_a_second_run_changes_nothing():
    path = reference_file("idescat_comarques_i_municipis.csv")
    result = import_members(path.read_bytes(), path.name)
    assert result.applied
    assert (len(result.created), len(result.rejections)) == (947, 0)
    assert Member.objects.filter(kind=Kind.MUNICIPALITY).count() == 947
    hospitalet = Member.objects.get(code="081017")
    assert (hospitalet.name, hospitalet.sort_name) == (
        "l'Hospitalet de Llobregat",
        "Hospitalet de Llobregat, l'",
    )
    assert (hospitalet.comarca.name, hospitalet.province.name) == ("Barcelonès", "Barcelona")
    assert Member.objects.get(code="082251").comarca.name == "Lluçanès"  # Sant Martí d'Albars
    # IDESCAT's export says nothing about membership: nobody becomes a member.
    assert not Member.objects.current().exists()

    again = import_members(path.read_bytes(), path.name)
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 947)


def summary_text(new_members=0, new_reference=0, updated=0, leaving=0, unchanged=0, rejected=0):
    return gettext(
        "New members: %(new_members)s. New reference entities: %(new_reference)s. Changed: "
        "%(updated)s. Leaving: %(leaving)s. Unchanged: %(unchanged)s. Rejected lines: "
        "%(rejected)s."
    ) % {
        "new_members": new_members,
        "new_reference": new_reference,
        "updated": updated,
        "leaving": leaving,
        "unchanged": unchanged,
        "rejected": rejected,
    }


def test_idescat_export_comes_in_as_reference_entities_and_says_so(tmp_path):
    MemberFactory(name="Barcelona", code="080193", member_since=datetime.date(2001, 2, 3))
    path = reference_file("idescat_comarques_i_municipis.csv")
    result = import_members(path.read_bytes(), path.name, dry_run=True)
    assert result.counts == {
        "new_member": 0,
        "new_reference": 946,
        "updated": 0,
        "leaving": 0,
        "unchanged": 1,
    }
    assert (result.members_before, result.members_after) == (1, 1)
    assert "IDESCAT" in membership_note(result)
    assert member_count_line(result) == gettext(
        "The public number of members stays at %(count)s."
    ) % {"count": 1}

    out, _err = run_command(path, "--dry-run")
    assert summary_text(new_reference=946, unchanged=1) in out
    assert membership_note(result) in out
    assert member_count_line(result) in out


def test_the_summary_counts_each_kind_of_line():
    MemberFactory(name="Girona", code="170792", comarca_id="20", member_since=None)
    MemberFactory(name="Badalona", code="080155", member_since=datetime.date(2001, 1, 1))
    MemberFactory(name="Lleida", code="251207", comarca_id="33")
    MemberFactory(
        name="Reus", code="431233", comarca_id="08", member_since=datetime.date(2003, 1, 1)
    )
    data = csv_bytes(
        "08019,Barcelona,municipi,13,2001-05-03,,",  # new member
        "43148,Tarragona,municipi,36,,,",  # new reference entity
        "170792,Girona,municipi,20,2002-02-02,,",  # becomes a member: changed
        "080155,Badalona,municipi,13,2001-01-01,2020-01-01,",  # leaves
        "431233,Reus,municipi,08,,,",  # loses its joining date: leaves
        "251207,Lleida,municipi,33,2000-01-01,,",  # unchanged
    )
    result = import_members(data, "ens.csv", dry_run=True)
    assert not result.rejections
    assert result.counts == {
        "new_member": 1,
        "new_reference": 1,
        "updated": 1,
        "leaving": 2,
        "unchanged": 1,
    }
    assert [change.category for change in result.changes] == [
        "new_member",
        "new_reference",
        "updated",
        "leaving",
        "leaving",
        "unchanged",
    ]
    # Badalona, Lleida and Reus today; Barcelona and Girona join, Badalona and Reus leave.
    assert (result.members_before, result.members_after) == (3, 3)
    assert summary_line(result) == summary_text(
        new_members=1, new_reference=1, updated=1, leaving=2, unchanged=1
    )


def test_idescat_import_keeps_membership_dates():
    path = reference_file("idescat_comarques_i_municipis.csv")
    MemberFactory(name="Barcelona", code="080193", member_since=datetime.date(2001, 2, 3))
    import_members(path.read_bytes(), path.name)
    assert Member.objects.get(code="080193").member_since == datetime.date(2001, 2, 3)


def test_localret_csv_creates_and_updates_by_code():
    MemberFactory(name="Girona", code="170792", comarca_id="20", member_since=None)
    data = csv_bytes(
        "08019,Barcelona,municipi,13,2001-05-03,,www.barcelona.cat",
        "170792,Girona,municipi,Gironès,2002-01-31,,",
        "FMC,Federació de Municipis de Catalunya,entitat_municipalista,,1997-06-01,,",
        bom=True,
    )
    result = import_members(data, "ens.csv")
    assert result.applied
    assert [c.code for c in result.created] == ["080193", "FMC"]
    assert [c.code for c in result.updated] == ["170792"]
    barcelona = Member.objects.get(code="080193")
    assert barcelona.website == "https://www.barcelona.cat"
    assert barcelona.member_since == datetime.date(2001, 5, 3)
    assert Member.objects.get(code="170792").member_since == datetime.date(2002, 1, 31)
    assert Member.objects.get(code="FMC").province is None


def test_semicolon_csv_with_day_first_dates_and_sort_form_names():
    data = csv_bytes(
        "081017;Hospitalet de Llobregat, l';municipi;13;03/05/2001",
        header="codi;nom;tipus;comarca;data_adhesio\n",
    )
    result = import_members(data, "excel.csv")
    assert result.applied
    member = Member.objects.get(code="081017")
    assert (member.name, member.member_since) == (
        "l'Hospitalet de Llobregat",
        datetime.date(2001, 5, 3),
    )


def test_xlsx_with_numeric_codes_and_date_cells():
    data = xlsx_bytes(
        [
            ["codi", "nom", "tipus", "comarca", "data_adhesio", "data_baixa", "web"],
            # Excel turns 08019 into the number 8019 and dates into date cells.
            [8019, "Barcelona", "municipi", 13, datetime.datetime(2001, 5, 3), None, None],
            [
                "CC11",
                "Consell Comarcal del Baix Llobregat",
                "consell_comarcal",
                "Baix Llobregat",
                datetime.date(2003, 1, 1),
                None,
                "https://www.elbaixllobregat.cat",
            ],
        ]
    )
    result = import_members(data, "ens.xlsx")
    assert result.applied
    assert Member.objects.get(code="080193").member_since == datetime.date(2001, 5, 3)
    assert Member.objects.get(code="CC11").comarca_id == "11"


def test_dry_run_reports_the_changes_and_writes_nothing():
    result = import_members(
        csv_bytes("08019,Barcelona,municipi,13,2001-05-03,,"), "a.csv", dry_run=True
    )
    assert not result.applied
    assert [c.code for c in result.created] == ["080193"]
    assert not Member.objects.exists()


def test_one_bad_line_leaves_the_database_unchanged_and_every_bad_line_is_named():
    MemberFactory(name="Girona", code="170792", comarca_id="20")
    before = snapshot()
    data = csv_bytes(
        "08019,Barcelona,municipi,13,2001-05-03,,",  # line 2: fine
        "080190,Barcelonx,municipi,13,2001-05-03,,",  # 3: bad control digit
        "17079,Girona,municipi,99,2002-01-01,,",  # 4: unknown comarca
        "25001,Abella de la Conca,municipi,25,31-31-2001,,",  # 5: unreadable date
        "251207,Lleida,municipi,33,2001-01-01,,",  # 6: fine
        "25120,Lleida bis,municipi,33,2001-01-01,,",  # 7: same code as line 6
        "43148,Tarragona,ajuntament,36,2001-01-01,,",  # 8: unknown kind
        "43148,Tarragona,municipi,36,2001-01-01,2000-01-01,",  # 9: left before joining
    )
    result = import_members(data, "bad.csv")
    assert not result.applied
    assert Member.objects.count() == 1
    assert snapshot() == before
    rejected = {r.line: r.message for r in result.rejections}
    assert sorted(rejected) == [3, 4, 5, 7, 8, 9]
    assert "080190" in rejected[3]
    assert "99" in rejected[4]
    assert "31-31-2001" in rejected[5]
    assert rejected[7] == gettext("The code %(code)s is repeated: it is also on line %(line)s.") % {
        "code": "251207",
        "line": 6,
    }
    assert "ajuntament" in rejected[8]


def test_a_file_not_in_utf8_is_rejected_line_by_line():
    data = HEADER.encode() + "08019,Barcelonès,municipi,13,2001-05-03,,\n".encode("cp1252")
    result = import_members(data, "latin1.csv")
    assert not result.applied
    assert [r.line for r in result.rejections] == [2]
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"no header here\n1,2,3\n", "x.csv"),
        (csv_bytes("08019,Barcelona,municipi", header="codi,nom,tipus\n"), "x.csv"),
        (b"PK\x03\x04 not really a workbook", "x.xlsx"),
        ("codi,nom\n".encode("utf-16"), "x.csv"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, name):
    result = import_members(data, name)
    assert not result.applied
    assert result.rejections and all(r.message for r in result.rejections)


def test_forced_format_refuses_the_other_one():
    result = import_members(
        csv_bytes("08019,Barcelona,municipi,13,2001-05-03,,"), "a.csv", format="idescat"
    )
    assert not result.applied
    assert result.rejections[0].line == 1


def test_an_exported_file_can_be_imported_again_without_changes():
    data = csv_bytes(
        "080193,l'Hospitalet de Llobregat,municipi,13,2001-05-03,,,08",
        header="codi,nom,tipus,comarca,data_adhesio,data_baixa,web,provincia\n",
    )
    assert import_members(data, "export.csv").applied
    again = import_members(data, "export.csv")
    assert (len(again.changed), len(again.rejections)) == (0, 0)


def test_command_reports_counts_and_lists_changes_on_a_dry_run(tmp_path):
    path = tmp_path / "ens.csv"
    path.write_bytes(csv_bytes("08019,Barcelona,municipi,13,2001-05-03,,"))
    out, _err = run_command(path, "--dry-run")
    assert "080193 Barcelona" in out
    assert not Member.objects.exists()

    run_command(path)
    assert Member.objects.filter(code="080193").exists()
    out, _err = run_command(path)
    assert summary_text(unchanged=1) in out


def test_command_fails_naming_the_rejected_lines(tmp_path):
    path = tmp_path / "ens.csv"
    path.write_bytes(
        csv_bytes("08019,Barcelona,municipi,13,2001-05-03,,", "080190,X,municipi,13,,,")
    )
    with pytest.raises(CommandError):
        run_command(path)
    assert not Member.objects.exists()


def test_command_shows_a_progress_bar_on_a_terminal(tmp_path):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    lines = [f"E{n:04d},Ens {n},altres,,2001-01-01,," for n in range(600)]
    path = tmp_path / "ens.csv"
    path.write_bytes(csv_bytes(*lines))
    terminal = Terminal()
    call_command("import_members", str(path), stdout=io.StringIO(), stderr=terminal)
    assert "\r" in terminal.getvalue()
    assert "600/600" in terminal.getvalue()
    assert Member.objects.count() == 600


def test_command_prints_no_progress_bar_into_a_file(tmp_path):
    lines = [f"E{n:04d},Ens {n},altres,,2001-01-01,," for n in range(600)]
    path = tmp_path / "ens.csv"
    path.write_bytes(csv_bytes(*lines))
    _out, err = run_command(path)
    assert "\r" not in err
