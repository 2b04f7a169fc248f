"""The groups that data migrations create (Editors, Transparència, Contacte), made again after
a flush.

Transactional tests (browser tests, write paths outside test transactions) flush the database
when they end, and a flush removes what migrations wrote; tests that sign in as a member of a
group call `restore_groups()` to find them as a migrated database has them.
"""

from importlib import import_module

from django.apps import apps

# In the order `migrate` runs them.
GROUP_MIGRATIONS = [
    ("pages.migrations.0002_editors_group", "create_editors_group"),
    ("governance.migrations.0004_editors_permissions", "grant"),
    ("members.migrations.0004_editors_permissions", "grant"),
    ("transparency.migrations.0003_transparency_group", "grant"),
    ("pages.migrations.0006_editors_change_organisation_settings", "grant"),
    ("services.migrations.0002_editors_permissions", "grant"),
    ("pages.migrations.0011_contact_group", "grant"),
]


def restore_groups():
    for module, function in GROUP_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)
