"""The Catalan catalogue is complete, compiled, and dates read the Catalan way."""

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import formats, translation

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = REPO / "locale" / "ca" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
SOURCE_DIRS = [
    "localret_site",
    "pages",
    "members",
    "governance",
    "transparency",
    "services",
    "news",
    "templates",
]


def key(entry):
    return (entry.msgctxt, entry.msgid)


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.percent_translated() == 100


def test_compiled_catalogue_matches_the_source_catalogue():
    source = {
        key(entry): entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(CATALOGUE))
        if not entry.obsolete
    }
    compiled = {
        key(entry): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(COMPILED))
        if entry.msgid
    }

    assert compiled == source, "run `make messages` and commit locale/ca/LC_MESSAGES/django.mo"


def test_catalogue_holds_every_message_of_the_code(tmp_path):
    """Extract the messages afresh from a copy of the code: none may be missing."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext) is required in CI")
        pytest.skip("GNU gettext is not installed (apt-get install gettext)")
    copy = tmp_path / "src"
    for name in SOURCE_DIRS:
        shutil.copytree(REPO / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "manage.py", copy / "manage.py")
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "localret_site.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "ca", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    extracted = {
        key(entry) for entry in polib.pofile(str(copy / "locale/ca/LC_MESSAGES/django.po"))
    }
    committed = {key(entry) for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete}

    assert sorted(extracted - committed, key=str) == [], "run `make messages` and translate"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 27), "27 de novembre de 2026"),
        (datetime.date(2026, 4, 1), "1 d’abril de 2026"),
        (datetime.date(1997, 8, 15), "15 d’agost de 1997"),
        (datetime.date(2026, 10, 12), "12 d’octubre de 2026"),
        (datetime.date(2026, 1, 6), "6 de gener de 2026"),
    ],
)
def test_dates_are_written_the_catalan_way(day, expected):
    with translation.override("ca"):
        assert formats.date_format(day, "DATE_FORMAT") == expected


def test_catalan_typography_uses_the_typographic_apostrophe_and_angle_quotes():
    """Every translation writes ’ between letters and «…» for quotes (never ' or “…”)."""
    wrong = [
        text
        for entry in polib.pofile(str(CATALOGUE))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if re.search(r"\w'\w", text) or "“" in text or "”" in text
    ]

    assert wrong == []
