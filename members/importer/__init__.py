"""Import local entities from a file: upsert by code, all or nothing.

The `import_members` command and the admin's import view both call `import_members()`, so a file
gets the same answer whichever way it comes in.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from localret_site.caching.invalidation import content_changed
from members.importer.readers import (
    FORMAT_IDESCAT,
    FORMAT_LABELS,
    FORMAT_LOCALRET,
    UnreadableFile,
    read_table,
)
from members.importer.rows import FIELD_COLUMNS, incoming_rows
from members.models.member import Member, candidate_slugs, clean_member_values
from members.models.reference import Comarca

__all__ = ["FORMAT_IDESCAT", "FORMAT_LOCALRET", "ImportResult", "import_members"]

BATCH_SIZE = 500
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# What a line means for the registry, as the review and the command's summary count it. Every
# line that is not rejected falls in exactly one.
NEW_MEMBER, NEW_REFERENCE, LEAVING = "new_member", "new_reference", "leaving"
CATEGORIES = (NEW_MEMBER, NEW_REFERENCE, UPDATED, LEAVING, UNCHANGED)
CATEGORY_LABELS = {
    NEW_MEMBER: gettext_lazy("new member"),
    NEW_REFERENCE: gettext_lazy("new reference entity"),
    UPDATED: gettext_lazy("changed"),
    LEAVING: gettext_lazy("leaving"),
    UNCHANGED: gettext_lazy("unchanged"),
}
# Fields the derived ones follow from; writing them back covers every change an import makes.
WRITTEN_FIELDS = [
    "name",
    "sort_name",
    "kind",
    "comarca_id",
    "province_id",
    "member_since",
    "left_on",
    "website",
    "search_key",
    "sort_key",
]


@dataclass
class Difference:
    column: str
    old: object
    new: object


@dataclass
class Change:
    """What one line of the file does to the entity with its code."""

    line: int
    code: str
    name: str
    action: str
    differences: list = field(default_factory=list)
    category: str = ""
    # +1 if the entity becomes a member today, -1 if it stops being one, 0 otherwise.
    membership_change: int = 0

    @property
    def category_label(self):
        return CATEGORY_LABELS[self.category]


@dataclass
class Rejection:
    line: int
    message: str


@dataclass
class ImportResult:
    format: str = ""
    changes: list = field(default_factory=list)
    rejections: list = field(default_factory=list)
    applied: bool = False
    # The file would now make other changes than the ones that were reviewed.
    stale: bool = False
    # Today's members before the import, the number the public listing shows.
    members_before: int = 0

    def of(self, action):
        return [change for change in self.changes if change.action == action]

    @property
    def counts(self):
        """The number of lines in each category (see CATEGORIES)."""
        counts = dict.fromkeys(CATEGORIES, 0)
        for change in self.changes:
            counts[change.category] += 1
        return counts

    @property
    def members_after(self):
        """Today's members once the file is imported."""
        return self.members_before + sum(change.membership_change for change in self.changes)

    @property
    def created(self):
        return self.of(CREATED)

    @property
    def updated(self):
        return self.of(UPDATED)

    @property
    def unchanged(self):
        return self.of(UNCHANGED)

    @property
    def changed(self):
        """The lines that create or change an entity, in file order."""
        return [change for change in self.changes if change.action != UNCHANGED]

    @property
    def format_label(self):
        return FORMAT_LABELS.get(self.format, "")

    @property
    def fingerprint(self):
        """A digest of every change, to tell whether a confirmed import is the one reviewed."""
        digest = hashlib.sha256()
        for change in self.changed:
            digest.update(
                repr(
                    (
                        change.code,
                        change.action,
                        [(d.column, str(d.old), str(d.new)) for d in change.differences],
                    )
                ).encode()
            )
        return digest.hexdigest()


def import_members(
    data, filename="", *, format=None, dry_run=False, expected_fingerprint=None, progress=None
):
    """Read `data` (the bytes of a file) and upsert its entities by code.

    Nothing is written if any line is rejected, if `dry_run` is set, or if the changes differ
    from the reviewed ones (`expected_fingerprint`). `progress(done, total)` is called as the
    lines are checked.
    """
    result = ImportResult()
    try:
        table = read_table(data, filename, expected_format=format)
    except UnreadableFile as error:
        result.rejections = [Rejection(line, message) for line, message in error.problems]
        return result
    result.format = table.format
    rows = incoming_rows(table, list(Comarca.objects.all()))
    with transaction.atomic():
        result.members_before = Member.objects.current().count()
        plan = Plan(rows, progress)
        result.changes = plan.changes
        result.rejections = plan.rejections
        if expected_fingerprint is not None and expected_fingerprint != result.fingerprint:
            result.stale = True
        if not (result.rejections or dry_run or result.stale):
            plan.write()
            result.applied = True
    return result


class Plan:
    """The entities a file creates and changes, worked out against the database."""

    def __init__(self, rows, progress=None):
        self.changes = []
        self.rejections = []
        self.to_create = []
        self.to_update = []
        existing = registered_members({row.code for row in rows if row.code})
        first_line_of = {}
        for done, row in enumerate(rows, start=1):
            if not row.errors and row.code in first_line_of:
                row.errors.append(
                    _("The code %(code)s is repeated: it is also on line %(line)s.")
                    % {"code": row.code, "line": first_line_of[row.code]}
                )
            first_line_of.setdefault(row.code, row.line)
            if not row.errors:
                self.plan_row(row, existing.get(row.code))
            if row.errors:
                self.rejections.append(Rejection(row.line, " ".join(map(str, row.errors))))
            if progress:
                progress(done, len(rows))

    def plan_row(self, row, member):
        """Apply the row to the entity with its code (unsaved), and check the outcome."""
        if member is None:
            member = Member(code=row.code)
        before = (member.member_since, member.left_on)
        differences = []
        for field_name, new in row.values.items():
            old = getattr(member, field_name)
            if old != new:
                differences.append(Difference(FIELD_COLUMNS[field_name], old, new))
                setattr(member, field_name, new)
        _code, errors = clean_member_values(
            member.kind, member.code, member.comarca_id, member.member_since, member.left_on
        )
        for error in errors.values():
            row.errors.extend(error.messages)
        if row.errors:
            return
        if member.pk is None:
            action = CREATED
            self.to_create.append(member)
        elif differences:
            action = UPDATED
            self.to_update.append(member)
        else:
            action = UNCHANGED
        self.changes.append(
            Change(
                row.line,
                member.code,
                member.name,
                action,
                differences if member.pk else [],
                category=category(action, before, member),
                membership_change=(
                    is_member_today(member.member_since, member.left_on) - is_member_today(*before)
                ),
            )
        )

    def write(self):
        for member in self.to_create + self.to_update:
            member.refresh_derived_fields()
        taken = set(Member.objects.values_list("slug", flat=True))
        for member in self.to_create:
            member.slug = next(
                slug for slug in candidate_slugs(member.name, member.code) if slug not in taken
            )
            taken.add(member.slug)
        Member.objects.bulk_create(self.to_create, batch_size=BATCH_SIZE)
        # A bulk update leaves `updated_at` alone (auto_now applies to save() only).
        changed_at = timezone.now()
        for member in self.to_update:
            member.updated_at = changed_at
        Member.objects.bulk_update(
            self.to_update, [*WRITTEN_FIELDS, "updated_at"], batch_size=BATCH_SIZE
        )
        if self.to_create or self.to_update:
            content_changed()


def registered_members(codes):
    """The entities already registered under these codes, by code."""
    codes = sorted(codes)
    existing = {}
    for start in range(0, len(codes), BATCH_SIZE):
        for member in Member.objects.filter(code__in=codes[start : start + BATCH_SIZE]):
            existing[member.code] = member
    return existing


def category(action, before, member):
    """Which of CATEGORIES a line falls in, given the entity's dates before it and after."""
    if action == UNCHANGED:
        return UNCHANGED
    member_since_before, left_on_before = before
    if member.left_on and member.left_on != left_on_before:
        return LEAVING
    if member_since_before and not member.member_since:
        return LEAVING
    if action == CREATED:
        return NEW_MEMBER if member.member_since else NEW_REFERENCE
    return UPDATED


def is_member_today(member_since, left_on):
    today = timezone.localdate()
    return bool(member_since and member_since <= today and (not left_on or left_on > today))
