"""Initial content of "Municipis adherits": the reference tables, demo members and the page.

The demo members come from `fixtures/demo_members.csv` through the importer. Their names and
codes are real; their membership date (2024-01-01 for all) is a sample value for development,
not the date each one joined. They are loaded only into an empty registry, so seeding never
touches entities that staff registered or imported.
"""

from pathlib import Path

from members.importer import import_members
from members.models import Comarca, Member, MembersIndexPage, Province
from members.reference_data import ensure_reference_data
from pages.seed import ensure_child, paragraphs

DEMO_MEMBERS = Path(__file__).resolve().parent / "fixtures" / "demo_members.csv"


def seed_demo_members():
    if Member.objects.exists():
        return
    result = import_members(DEMO_MEMBERS.read_bytes(), DEMO_MEMBERS.name)
    if not result.applied:
        problems = "; ".join(f"line {r.line}: {r.message}" for r in result.rejections)
        raise RuntimeError(f"{DEMO_MEMBERS} cannot be imported: {problems}")


def seed(about):
    ensure_reference_data(Province, Comarca)
    seed_demo_members()
    return ensure_child(
        about,
        MembersIndexPage,
        slug="municipis-adherits",
        title="Municipis adherits",
        show_in_menus=True,
        search_description="Els municipis i altres ens locals que formen part de Localret.",
        introduction=paragraphs("Municipis: afegir petit text sobre els municipis"),
    )
