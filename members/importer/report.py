"""The import's outcome in words, for the command's output and the admin's messages."""

from django.utils.translation import gettext as _

from members.importer.readers import FORMAT_IDESCAT


def summary_line(result):
    counts = result.counts
    return _(
        "New members: %(new_members)s. New reference entities: %(new_reference)s. Changed: "
        "%(updated)s. Leaving: %(leaving)s. Unchanged: %(unchanged)s. Rejected lines: "
        "%(rejected)s."
    ) % {
        "new_members": counts["new_member"],
        "new_reference": counts["new_reference"],
        "updated": counts["updated"],
        "leaving": counts["leaving"],
        "unchanged": counts["unchanged"],
        "rejected": len(result.rejections),
    }


def membership_note(result):
    """Which lines make members and which do not, and why: said before anything is saved."""
    if result.format == FORMAT_IDESCAT:
        return _(
            "IDESCAT's export has no joining dates, so its lines come in as reference entities, "
            "not as members: they do not change the public number of members, and entities that "
            "are already members keep their dates. To make entities members, select them in the "
            "list of local entities and choose “Mark as members”."
        )
    return _(
        "Lines with a joining date (column data_adhesio) become members from that date. Lines "
        "without one come in as reference entities, not as members: they do not change the "
        "public number of members."
    )


def member_count_line(result):
    if result.members_after == result.members_before:
        return _("The public number of members stays at %(count)s.") % {
            "count": result.members_before
        }
    return _("The public number of members: %(before)s before the import, %(after)s after it.") % {
        "before": result.members_before,
        "after": result.members_after,
    }


def describe_difference(difference):
    return f"{difference.column}: {display(difference.old)} → {display(difference.new)}"


def display(value):
    return "—" if value in (None, "") else str(value)


def change_lines(result):
    """One line per entity the file creates or changes."""
    for change in result.changed:
        details = "; ".join(describe_difference(d) for d in change.differences)
        yield _("line %(line)s: %(action)s %(code)s %(name)s%(details)s") % {
            "line": change.line,
            "action": change.category_label,
            "code": change.code,
            "name": change.name,
            "details": f" ({details})" if details else "",
        }
