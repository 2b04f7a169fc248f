import csv
import datetime
import itertools
import os
from pathlib import Path

import factory
import pytest

from members.codes import ine_control_digit
from members.models import Kind, Member

__all__ = ["MemberFactory", "build_members", "municipality_code", "reference_file"]

PROVINCE_CODES = ["08", "17", "25", "43"]
# The shared reference data sits beside the repository, not in it (or where
# LOCALRET_REFERENCE_DIR says, for a checkout that is not beside it).
REFERENCE_DIR = Path(
    os.environ.get("LOCALRET_REFERENCE_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "data" / "reference"
)


def municipality_code(number):
    """A well-formed IDESCAT code (province, municipality number, control digit) per number."""
    province = PROVINCE_CODES[number // 1000 % len(PROVINCE_CODES)]
    ine = f"{province}{number % 1000:03d}"
    return ine + ine_control_digit(ine)


# The seeded site's demo members hold real codes, which no member made for a test may take.
DEMO_MEMBERS = Path(__file__).resolve().parents[2] / "members" / "fixtures" / "demo_members.csv"
with DEMO_MEMBERS.open(encoding="utf-8") as demo_members:
    DEMO_CODES = frozenset(row["codi"] for row in csv.DictReader(demo_members))


def unused_municipality_codes():
    """Well-formed municipality codes that no demo member holds."""
    for number in itertools.count():
        if (code := municipality_code(number)) not in DEMO_CODES:
            yield code


class MemberFactory(factory.django.DjangoModelFactory):
    """A municipality of the Barcelonès that has been a member since 2000."""

    name = factory.Sequence(lambda n: f"Municipi de prova {n}")
    kind = Kind.MUNICIPALITY
    code = factory.Iterator(unused_municipality_codes(), cycle=False)
    comarca_id = "13"
    member_since = datetime.date(2000, 1, 1)

    class Meta:
        model = Member


def build_members(count, start=0, **fields):
    """Unsaved members with derived fields set, ready for `Member.objects.bulk_create`."""
    members = []
    for number in range(start, start + count):
        member = Member(
            name=f"Ens de prova {number:05d}",
            kind=Kind.OTHER,
            code=f"E{number:05d}",
            member_since=datetime.date(2000, 1, 1),
            slug=f"ens-de-prova-{number:05d}",
            **fields,
        )
        member.refresh_derived_fields()
        members.append(member)
    return members


def reference_file(name):
    """A file of the shared reference data; the test is skipped where it is missing (not on CI)."""
    path = REFERENCE_DIR / name
    if not path.exists():
        reason = f"reference data not found at {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    return path
