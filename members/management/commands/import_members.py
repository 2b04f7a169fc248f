from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from members.importer import FORMAT_IDESCAT, FORMAT_LOCALRET, import_members
from members.importer.report import (
    change_lines,
    member_count_line,
    membership_note,
    summary_line,
)

# Below this many lines a file is read in a blink and a progress line would only flicker.
PROGRESS_FROM_LINES = 500
PROGRESS_BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Create or update local entities from a file, matched by code: IDESCAT's export of "
        "comarques and municipalities, or the project's CSV (or the same as .xlsx). "
        "All or nothing: if any line is rejected, nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV or .xlsx file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would change without changing anything.",
        )
        parser.add_argument(
            "--format",
            choices=[FORMAT_IDESCAT, FORMAT_LOCALRET],
            help="Refuse the file unless it is in this format (it is detected otherwise).",
        )

    def handle(self, *args, file, dry_run, format, verbosity, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        result = import_members(
            data, file.name, format=format, dry_run=dry_run, progress=self.progress_printer()
        )
        if result.format:
            self.stdout.write(
                _("%(file)s: %(format)s format.") % {"file": file, "format": result.format_label}
            )
        if dry_run or verbosity >= 2:
            for line in change_lines(result):
                self.stdout.write(f"  {line}")
        for rejection in result.rejections:
            self.stderr.write(
                _("Line %(line)s: %(message)s")
                % {"line": rejection.line, "message": rejection.message}
            )
        self.stdout.write(summary_line(result))
        if result.rejections:
            raise CommandError(
                _("Nothing was changed: correct the rejected lines and import the file again.")
            )
        self.stdout.write(membership_note(result))
        self.stdout.write(member_count_line(result))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        elif not result.changed:
            self.stdout.write(_("Nothing to change: the registry already matches the file."))
        else:
            self.stdout.write(self.style.SUCCESS(_("The changes are saved.")))

    def progress_printer(self):
        """A progress line that rewrites itself, on a terminal only (never in a log file)."""
        if not self.stderr.isatty():
            return None

        def show(done, total):
            if total < PROGRESS_FROM_LINES or not (done == total or done % 50 == 0):
                return
            filled = PROGRESS_BAR_WIDTH * done // total
            bar = "#" * filled + "-" * (PROGRESS_BAR_WIDTH - filled)
            self.stderr.write(
                f"\r{_('Checking lines')} [{bar}] {done}/{total}",
                ending="\n" if done == total else "",
            )
            self.stderr.flush()

        return show
