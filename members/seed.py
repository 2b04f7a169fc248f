"""Initial content of "Municipis adherits": the reference tables, the page and its joining page;
the demo members.

The production seed creates no member: only staff know which entities joined and when. The
demo members (`seed_demo`, for `seed_site --demo`) come from `fixtures/demo_members.csv`
through the importer: their names and codes are real, their membership dates are invented.
They are loaded only into an empty registry, so seeding never touches entities that staff
registered or imported.
"""

from pathlib import Path

from members.importer import import_members
from members.models import Comarca, JoinPage, Member, MembersIndexPage, Province
from members.reference_data import ensure_reference_data
from pages.seed import ensure_child, paragraphs

DEMO_MEMBERS = Path(__file__).resolve().parent / "fixtures" / "demo_members.csv"


def seed_demo():
    """The demo members, into an empty registry only."""
    if Member.objects.exists():
        return
    result = import_members(DEMO_MEMBERS.read_bytes(), DEMO_MEMBERS.name)
    if not result.applied:
        problems = "; ".join(f"line {r.line}: {r.message}" for r in result.rejections)
        raise RuntimeError(f"{DEMO_MEMBERS} cannot be imported: {problems}")


def seed(about):
    """The comarques and provinces, and the listing page (empty until staff add members)."""
    ensure_reference_data(Province, Comarca)
    return ensure_child(
        about,
        MembersIndexPage,
        slug="municipis-adherits",
        title="Municipis adherits",
        show_in_menus=True,
        search_description="Els municipis i altres ens locals que formen part de Localret.",
        introduction=paragraphs("Municipis: afegir petit text sobre els municipis"),
    )


def seed_join_page(members_page):
    """ "Com adherir-se" under the listing, its texts left for editors: the consortium has not
    yet supplied how joining works, and no step, condition or fee is invented here."""
    return ensure_child(
        members_page,
        JoinPage,
        slug="com-adherir-se",
        title="Com adherir-se",
        search_description="Com pot un ens local de Catalunya adherir-se al Consorci Localret.",
        introduction=paragraphs(
            "Com adherir-se: afegir petit text sobre com adherir-se a Localret"
        ),
        conditions=paragraphs("Condicions: afegir petit text sobre les condicions d’adhesió"),
        fees=paragraphs("Quotes: afegir petit text sobre les quotes dels ens adherits"),
    )
