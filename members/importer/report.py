"""The import's outcome in words, for the command's output and the admin's messages."""

from django.utils.translation import gettext as _


def summary_line(result):
    return _(
        "New: %(created)s. Changed: %(updated)s. Unchanged: %(unchanged)s. Rejected lines: "
        "%(rejected)s."
    ) % {
        "created": len(result.created),
        "updated": len(result.updated),
        "unchanged": len(result.unchanged),
        "rejected": len(result.rejections),
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
            "action": change.action_label,
            "code": change.code,
            "name": change.name,
            "details": f" ({details})" if details else "",
        }
