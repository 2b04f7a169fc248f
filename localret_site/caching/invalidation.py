"""Which database writes make the cached pages stale, and the watch that notices them.

Every write reaches the database through a cursor, whatever made it: a model's save() in the
admin, the member importer's bulk_create and bulk_update, a queryset's update(), Wagtail's tree
moves, a data migration. Model signals miss the bulk ones, so the watch sits at the cursor: an
execute wrapper on every connection looks at each INSERT, UPDATE and DELETE, and a write to a
table that public pages read replaces the content generation once the transaction commits (a
page rendered before the commit is stored under the old generation and is never served).
"""

import functools
import re

from django.apps import apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from localret_site.caching.generation import pages_changed

# The apps whose every model is content shown on public pages.
CONTENT_APPS = ("pages", "members", "governance", "transparency")
# Wagtail's own tables that public pages read: the page tree, sites (host names, root pages),
# view restrictions (who may see a page) and redirects. Images and documents are added below,
# as the project may swap their models.
WAGTAIL_CONTENT_MODELS = (
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailredirects.Redirect",
)
# Rows of content apps that no public page shows: submitted access requests and their numbering.
# A submission must not empty the cache of the whole site.
PRIVATE_MODELS = {"transparency.accessrequest", "transparency.accessrequestcounter"}

# Bookkeeping columns that saving a draft or locking a page writes on the page's own row (and on
# any model with revisions): the live content does not change, so the cache stays valid.
DRAFT_COLUMNS = {
    "draft_title",
    "has_unpublished_changes",
    "latest_revision_created_at",
    "latest_revision_id",
    "locked",
    "locked_at",
    "locked_by_id",
}

WRITE = re.compile(r'\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
UPDATED_COLUMNS = re.compile(r'"(\w+)"\s*=')


@functools.cache
def content_tables():
    """The database tables whose rows public pages show, many-to-many tables included."""
    models = [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    models += [apps.get_model(label) for label in WAGTAIL_CONTENT_MODELS]
    models += [get_image_model(), get_document_model()]
    tables = set()
    for model in models:
        if model._meta.label_lower in PRIVATE_MODELS:
            continue
        tables.add(model._meta.db_table)
        tables.update(
            field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
        )
    return frozenset(tables)


def changes_content(sql, tables):
    """Whether this SQL statement writes content that public pages show."""
    match = WRITE.match(sql)
    if not match or match[2] not in tables:
        return False
    if match[1].upper() == "UPDATE":
        assignments = sql[match.end() :].split(" WHERE ", 1)[0]
        return not set(UPDATED_COLUMNS.findall(assignments)) <= DRAFT_COLUMNS
    return True


def has_uncommitted_content_changes(connection):
    """Whether the connection's open transaction has written content that is not committed."""
    return connection.in_atomic_block and any(
        entry[1] is pages_changed for entry in connection.run_on_commit
    )


def schedule_pages_changed(connection):
    """Replace the generation when the current transaction commits (at once outside one),
    once per transaction however many rows it writes."""
    if not connection.in_atomic_block:
        # Autocommit: the write is committed already.
        pages_changed()
    elif not has_uncommitted_content_changes(connection):
        connection.on_commit(pages_changed, robust=True)


class ContentWriteWatch:
    """An execute wrapper (see Django's "database instrumentation") for one connection."""

    # While `migrate` runs, the cache table itself may not exist yet; the end of the run makes
    # every page stale anyway (release_installed).
    migrating = False

    def __init__(self, tables):
        self.tables = tables

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not ContentWriteWatch.migrating and changes_content(sql, self.tables):
            schedule_pages_changed(context["connection"])
        return result


def watch_connection(sender, connection, **kwargs):
    """Install the watch on a connection that has just been opened (each thread has its own)."""
    if not any(isinstance(wrapper, ContentWriteWatch) for wrapper in connection.execute_wrappers):
        # First in the list: a `with connection.execute_wrapper(...)` block elsewhere pops the
        # last wrapper when it ends, and must not pop this one.
        connection.execute_wrappers.insert(0, ContentWriteWatch(content_tables()))


def migration_started(sender, **kwargs):
    ContentWriteWatch.migrating = True


def release_installed(sender, **kwargs):
    """`migrate` runs with every release, whose templates and code may render pages anew, and
    its data migrations may change content."""
    ContentWriteWatch.migrating = False
    pages_changed()


def connect():
    connection_created.connect(watch_connection, dispatch_uid="page-cache-content-watch")
    pre_migrate.connect(migration_started, dispatch_uid="page-cache-migration")
    # post_migrate is sent once per app with models; listening to one of them is once per run.
    post_migrate.connect(
        release_installed, sender=apps.get_app_config("pages"), dispatch_uid="page-cache-release"
    )
