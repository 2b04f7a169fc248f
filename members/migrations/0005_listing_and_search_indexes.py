"""Indexes that let the public listing read one page of entities and answer a search without
reading the whole registry (PostgreSQL only).

- The listing's order: the sort key in byte order ("C" collation), then the code, as
  `MemberQuerySet.in_listing_order` asks for it.
- The search (see `search_condition`): a trigram index for "the search key contains …" and an
  index for "the code starts with …", whatever its case.

SQLite has no "C" collation (its default order is already byte order) and no trigram indexes;
there the plain index on the sort key serves, and a search reads the table, which at the size of
a development database is quick.

Trigram indexes need the `pg_trgm` extension. Since PostgreSQL 13 the owner of a database may
create it; where the database user may not, the migration goes on without that index and
searches stay correct, only slower.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEXES = {
    "members_member_listing_order": '(sort_key COLLATE "C", code)',
    "members_member_code_upper": "(UPPER(code::text) text_pattern_ops)",
}
TRIGRAM_INDEX = "members_member_search_key_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON members_member {columns}")
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        logger.warning(
            "The pg_trgm extension could not be created: member searches will read the whole "
            "table. A superuser can run CREATE EXTENSION pg_trgm and migrate again."
        )
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON members_member "
        "USING gin (search_key gin_trgm_ops)"
    )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [*INDEXES, TRIGRAM_INDEX]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("members", "0004_editors_permissions")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
