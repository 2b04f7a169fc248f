"""The member registry: codes, names, search keys, provinces and what makes an entity a member."""

import csv
import datetime

import pytest
from django.core.exceptions import ValidationError

from members.codes import ine_control_digit, normalise_municipality_code
from members.models import Comarca, Kind, Member, Province
from members.names import display_name, normalise_search_key, sort_name
from members.reference_data import COMARQUES, PROVINCES
from tests.factories import MemberFactory, reference_file

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def empty_registry(db):
    """Start from an empty registry instead of the seeded demo members."""
    Member.objects.all().delete()


def reference_municipalities():
    with reference_file("municipis_catalunya.csv").open(encoding="utf-8") as source:
        return list(csv.DictReader(source))


def test_control_digit_matches_all_947_official_codes():
    municipalities = reference_municipalities()
    assert len(municipalities) == 947
    wrong = [
        row["codi_idescat"]
        for row in municipalities
        if row["codi_ine"] + ine_control_digit(row["codi_ine"]) != row["codi_idescat"]
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("08019", "080193"),  # INE code: the control digit is added
        ("080193", "080193"),
        ("8019", "080193"),  # a spreadsheet dropped the leading zero
        ("80193", "080193"),
        (" 17079 ", "170792"),
    ],
)
def test_municipality_codes_are_stored_with_their_control_digit(typed, stored):
    assert normalise_municipality_code(typed) == stored


@pytest.mark.parametrize("typed", ["080190", "99001", "abc", "0801", "0801931"])
def test_wrong_municipality_codes_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_municipality_code(typed)


def test_sort_and_display_names_of_all_947_municipalities_round_trip():
    municipalities = reference_municipalities()
    for row in municipalities:
        assert sort_name(display_name(row["nom_ordenacio"])) == row["nom_ordenacio"]
    shown = {row["nom_ordenacio"]: display_name(row["nom_ordenacio"]) for row in municipalities}
    assert shown["Hospitalet de Llobregat, l'"] == "l'Hospitalet de Llobregat"
    assert shown["Bòrdes, Es"] == "Es Bòrdes"
    assert shown["Garidells, els"] == "els Garidells"
    # A comma that is not followed by an article belongs to the name.
    assert shown["Castell d'Aro, Platja d'Aro i s'Agaró"] == "Castell d'Aro, Platja d'Aro i s'Agaró"


@pytest.mark.parametrize(
    "query",
    ["hospitalet", "l'hospitalet", "L'Hospitalet", "l’Hospitalet", "lhospitalet", "HOSPITALET DE"],
)
def test_search_key_forms_all_find_lhospitalet(query):
    member = MemberFactory(name="Hospitalet de Llobregat, l'", code="08101")
    assert normalise_search_key(query) in member.search_key


def test_search_key_ignores_accents_cedillas_and_middle_dots():
    assert normalise_search_key("Lluçanès") == "llucanes"
    assert normalise_search_key("Col·legi") == normalise_search_key("col.legi") == "collegi"
    assert normalise_search_key("Sant Martí d'Albars") == normalise_search_key(
        "sant marti d albars"
    )


def test_reference_tables_are_loaded_by_migration():
    assert Province.objects.count() == len(PROVINCES) == 4
    assert Comarca.objects.count() == len(COMARQUES) == 43
    assert Comarca.objects.get(code="39").name == "Aran"
    assert Comarca.objects.get(code="43").name == "Lluçanès"


def test_province_comes_from_the_code_not_the_comarca():
    # Osona spans Barcelona and Girona; Vidrà (17) is in Osona but in the province of Girona.
    vidra = MemberFactory(name="Vidrà", code="17212", comarca_id="24")
    vic = MemberFactory(name="Vic", code="08298", comarca_id="24")
    assert (vidra.province_id, vic.province_id) == ("17", "08")


def test_entities_without_a_province_code_have_no_province():
    fmc = MemberFactory(
        name="Federació de Municipis de Catalunya",
        kind=Kind.MUNICIPALIST_ASSOCIATION,
        code="FMC",
        comarca_id=None,
    )
    assert fmc.province is None


def test_saving_derives_names_keys_and_a_unique_slug():
    first = MemberFactory(name="Hospitalet de Llobregat, l'", code="08101")
    assert first.name == "l'Hospitalet de Llobregat"
    assert first.sort_name == "Hospitalet de Llobregat, l'"
    assert first.slug == "lhospitalet-de-llobregat"
    namesake = MemberFactory(name="l'Hospitalet de Llobregat", kind=Kind.OTHER, code="X-1")
    assert namesake.slug == "lhospitalet-de-llobregat-x-1"


@pytest.mark.parametrize(
    ("member_since", "left_on", "is_member"),
    [
        (TODAY - datetime.timedelta(days=1), None, True),
        (TODAY, None, True),
        (TODAY + datetime.timedelta(days=1), None, False),
        (None, None, False),
        (TODAY - datetime.timedelta(days=10), TODAY, False),
        (TODAY - datetime.timedelta(days=10), TODAY + datetime.timedelta(days=1), True),
    ],
)
def test_membership_is_current_between_joining_and_leaving(member_since, left_on, is_member):
    member = MemberFactory(member_since=member_since, left_on=left_on)
    assert Member.objects.current().filter(pk=member.pk).exists() is is_member
    assert Member.objects.not_current().filter(pk=member.pk).exists() is not is_member


def test_validation_names_each_wrong_field():
    member = MemberFactory.build(
        code="080190",
        comarca_id=None,
        member_since=datetime.date(2020, 1, 1),
        left_on=datetime.date(2019, 1, 1),
    )
    with pytest.raises(ValidationError) as raised:
        member.full_clean()
    assert set(raised.value.message_dict) == {"code", "comarca", "left_on"}


def test_validation_completes_an_ine_code():
    member = MemberFactory.build(code="17079", comarca_id="20")
    member.full_clean()
    assert member.code == "170792"
