"""Fill a seeded site to a realistic scale: `python bench/seed_scale.py` (DATABASE_URL names it).

The 947 municipalities of IDESCAT's export (the shared reference data) through the members
importer, synthetic entities up to 10,000, 200 people with their seats in the governing bodies,
and 1,000 transparency items spread over the portal's sections. Run on a database made for the
benchmark, never on a real one: it replaces the registry of local entities. Run again on the
same database, it only adds the entities missing to reach `--entities` (with `--people 0
--items 0`, nothing else), so that one site can be measured at two scales.
"""

import argparse
import datetime
import random
import sys

from harness import IDESCAT_EXPORT, setup_django, tree_argument

# The codes of the synthetic entities (the municipalities of IDESCAT's export have digits).
SYNTHETIC_CODE_PREFIX = "S"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--items", type=int, default=1_000)
    tree_argument(parser)
    return parser.parse_args()


def fill_members(total, generator):
    """The registry of IDESCAT's municipalities as members, then synthetic entities up to
    `total`. A registry filled here before keeps its entities and gets only the missing ones."""
    from members.models import Comarca, Kind, Member
    from members.models.member import candidate_slugs

    synthetic = Member.objects.filter(code__startswith=SYNTHETIC_CODE_PREFIX).count()
    if not synthetic:
        replace_registry()
    comarques = list(Comarca.objects.values_list("code", flat=True))
    kinds = [kind for kind in Kind if kind != Kind.MUNICIPALITY]
    words = ["Consorci", "Mancomunitat", "Agrupació", "Entitat", "Servei", "Xarxa"]
    places = ["del Penedès", "de la Garrotxa", "de l'Alt Urgell", "del Vallès", "de les Terres"]
    added = []
    for number in range(synthetic, synthetic + total - Member.objects.count()):
        name = f"{generator.choice(words)} {number:05d} {generator.choice(places)}"
        code = f"{SYNTHETIC_CODE_PREFIX}{number:05d}"
        member = Member(
            name=name,
            kind=generator.choice(kinds),
            code=code,
            comarca_id=generator.choice(comarques),
            member_since=datetime.date(2010, 1, 1),
            slug=next(candidate_slugs(name, code)),
        )
        member.refresh_derived_fields()
        added.append(member)
    Member.objects.bulk_create(added, batch_size=1000)
    return Member.objects.count()


def replace_registry():
    """Every entity deleted, then the 947 municipalities of IDESCAT's export as members."""
    from members.importer import import_members
    from members.models import Member

    Member.objects.all().delete()
    if IDESCAT_EXPORT.exists():
        result = import_members(IDESCAT_EXPORT.read_bytes(), IDESCAT_EXPORT.name)
        if not result.applied:
            sys.exit(f"The IDESCAT export could not be imported: {result.rejections[:3]}")
        Member.objects.update(member_since=datetime.date(2000, 1, 1))
    else:
        print(
            f"The reference data is missing ({IDESCAT_EXPORT}): the registry gets synthetic "
            "entities only, without the 947 municipalities."
        )


def fill_governance(people, generator):
    from governance.models import GoverningBody, Person, Position, Role
    from members.models import Member

    bodies = list(GoverningBody.objects.all())
    members = list(Member.objects.order_by("?").values_list("pk", flat=True)[:people])
    Person.objects.bulk_create(Person(name=f"Persona {number:03d}") for number in range(people))
    positions = [
        Position(
            person=person,
            body=bodies[number % len(bodies)],
            role=Role.MEMBER,
            member_id=members[number % len(members)],
            start_date=datetime.date(2023, 7, 1)
            - datetime.timedelta(days=generator.randint(0, 900)),
        )
        for number, person in enumerate(Person.objects.order_by("pk"))
    ]
    Position.objects.bulk_create(positions)


def fill_transparency(items, generator):
    from transparency.models import TransparencyItem, TransparencySectionPage

    sections = list(TransparencySectionPage.objects.live())
    for number in range(items):
        TransparencyItem(
            section=sections[number % len(sections)],
            title=f"Contracte de serveis {number:04d}",
            description="<p>Objecte, import i adjudicatari del contracte.</p>",
            year=2015 + generator.randint(0, 11),
        ).save()


def main():
    arguments = parse_arguments()
    setup_django(arguments.tree)
    from django.db import connection, transaction

    from governance.models import Person
    from transparency.models import TransparencyItem

    generator = random.Random(2026)
    with transaction.atomic():
        members = fill_members(arguments.entities, generator)
        if arguments.people:
            fill_governance(arguments.people, generator)
        if arguments.items:
            fill_transparency(arguments.items, generator)
        people = Person.objects.count()
        items = TransparencyItem.objects.count()
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of such a load: statistics for the planner, and
        # the rows inserted since the search index was built merged into it. The load then runs
        # against the query plans of a site in service, not those of an empty database.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"{members:,} entities, {people} people, {items:,} transparency items")


if __name__ == "__main__":
    main()
