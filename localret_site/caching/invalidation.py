"""Which writes make the cached pages stale, and how the site hears of them.

Public pages show the rows of the content models: every model of the apps in `CONTENT_APPS`
but access requests and contact messages, and Wagtail's pages, sites, view restrictions,
redirects, images and documents. Saving or deleting one (`post_save`, `post_delete`,
`m2m_changed`), or moving or unpublishing a page (Wagtail's `post_page_move` and
`page_unpublished`: a move rewrites the paths of the page's descendants in SQL, without saving
them), replaces the content generation once the transaction commits, at once in autocommit. A
page rendered before the commit is stored under the old generation and is never served.

Django sends these signals once the statement that wrote the row has completed, so the cache,
which may be a table of the same database, never writes in the middle of another statement.

What the project writes without a signal (`bulk_create`, `bulk_update`, a queryset's
`update()`) calls `content_changed()` itself. Saving a draft or locking a page changes nothing
the public sees and leaves the cache as it is; so do image renditions, made while pages render.
"""

import threading
import weakref

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import get_page_models
from wagtail.signals import page_unpublished, post_page_move

from localret_site.caching.generation import pages_changed

# The apps whose every model is content shown on public pages.
CONTENT_APPS = ("pages", "members", "governance", "transparency", "services", "news")
# Wagtail's own models that public pages read: the page tree, sites (host names, root pages),
# view restrictions (who may see a page) and redirects. Page types, images and documents are
# added below, as the project may swap the latter two.
WAGTAIL_CONTENT_MODELS = (
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailredirects.Redirect",
)
# Rows of content apps that no public page shows: submitted access requests, their numbering and
# the record of reminders to staff, and contact messages. A submission must not empty the cache
# of the whole site.
PRIVATE_MODELS = {
    "pages.contactmessage",
    "transparency.accessrequest",
    "transparency.accessrequestcounter",
    "transparency.accessrequestreminder",
}

# What saving a draft (`save_revision`) or locking a page writes on its own row (and on any model
# with revisions): the live content does not change.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_id",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
        "locked_by_id",
        "wagtail_admin_comments",
    }
)


class Replacement:
    """One replacement of the generation, however many writes of a transaction ask for it."""

    def __init__(self):
        self.done = False

    def __call__(self):
        if not self.done:
            self.done = True
            pages_changed()


class Pending(threading.local):
    """The replacement each database connection of this thread has asked for, by weak reference:
    Django holds it until the transaction commits (then runs it) or rolls back (then drops it,
    as it drops what a savepoint rolled back asked for), and so it lives only as long as there
    are content writes waiting for a commit."""

    def __init__(self):
        self.replacements = {}

    def get(self, using):
        reference = self.replacements.get(using)
        return reference() if reference else None


pending = Pending()
# While `migrate` runs, the cache table itself may not exist yet; the end of the run makes every
# page stale anyway (release_installed).
migrating = False


def content_changed(using=DEFAULT_DB_ALIAS):
    """The content changed: replace the generation once the transaction commits."""
    if migrating:
        return
    replacement = pending.get(using)
    if replacement is None or replacement.done:
        replacement = Replacement()
        pending.replacements[using] = weakref.ref(replacement)
    # Asked again for every write, not once: a savepoint rolled back forgets what was asked
    # within it, while the writes of the rest of the transaction still commit.
    transaction.on_commit(replacement, using=using, robust=True)


def content_models():
    models = {
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    models.update(apps.get_model(label) for label in WAGTAIL_CONTENT_MODELS)
    models.update(get_page_models())
    models.update((get_image_model(), get_document_model()))
    return {model for model in models if model._meta.label_lower not in PRIVATE_MODELS}


def saved(sender, using, update_fields, **kwargs):
    if update_fields is None or not update_fields <= DRAFT_FIELDS:
        content_changed(using)


def deleted(sender, using, **kwargs):
    content_changed(using)


def relations_changed(sender, action, using, **kwargs):
    if action.startswith("post_"):
        content_changed(using)


def page_changed(sender, **kwargs):
    content_changed()


def migration_started(sender, **kwargs):
    global migrating
    migrating = True


def release_installed(sender, **kwargs):
    """`migrate` runs with every release, whose templates and code may render pages anew, and
    its data migrations may change content."""
    global migrating
    migrating = False
    pages_changed()


def connect():
    for model in content_models():
        post_save.connect(saved, sender=model)
        post_delete.connect(deleted, sender=model)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(relations_changed, sender=field.remote_field.through)
    post_page_move.connect(page_changed)
    page_unpublished.connect(page_changed)
    pre_migrate.connect(migration_started, dispatch_uid="page-cache-migration")
    # post_migrate is sent once per app with models; listening to one of them is once per run.
    post_migrate.connect(
        release_installed, sender=apps.get_app_config("pages"), dispatch_uid="page-cache-release"
    )
