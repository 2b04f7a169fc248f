"""Turn an uploaded file into numbered rows of text cells, and tell which format it is in.

Two formats exist (see docs/editors.md): IDESCAT's own export of comarques and municipalities, and
the project's CSV. Either may come as CSV (`,`, `;` or tab separated, UTF-8 with or without a
byte-order mark) or as an Excel workbook (.xlsx, first sheet).
"""

import csv
import datetime
import io
import math
import zipfile
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from members.names import fold

FORMAT_IDESCAT = "idescat"
FORMAT_LOCALRET = "localret"
FORMAT_LABELS = {FORMAT_IDESCAT: "IDESCAT", FORMAT_LOCALRET: "Localret"}

IDESCAT_HEADER = ["nivell", "codi", "nom"]
# The columns of the project's format, in order. `provincia` is what the export adds; an
# exported file can be imported again, and the province is always taken from the code.
COLUMNS = ["codi", "nom", "tipus", "comarca", "data_adhesio", "data_baixa", "web"]
REQUIRED_COLUMNS = COLUMNS[:5]
IGNORED_COLUMNS = ["provincia"]

# A header is looked for among the first lines only: IDESCAT's file has three title lines.
HEADER_SEARCH_LINES = 10
DELIMITERS = ";,\t"
XLSX_SIGNATURE = b"PK\x03\x04"

# The registry holds some 950 municipalities and a few hundred other entities: a file twenty
# times as long is not a list of local entities, and checking every line of it would hold a
# server worker past its timeout. Counted over the whole file, CSV or sheet, header included.
MAX_LINES = 20_000
# An .xlsx file is a zip archive, and a small upload can unpack to gigabytes (a decompression
# bomb). A sheet of MAX_LINES entities unpacks to some 8 MB; the archive's directory declares
# each part's size, which zipfile never inflates past, so these are checked before any of it
# is unpacked. A limit on the compression ratio would add nothing to the total and would refuse
# honest sheets full of repeated values.
MEGABYTE = 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 20 * MEGABYTE
# A workbook saved by Excel or LibreOffice has a few dozen parts, more with many sheets.
MAX_XLSX_PARTS = 1_000


class UnreadableFile(Exception):
    """The file as a whole cannot be read; `problems` holds (line, message) pairs."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


@dataclass
class Table:
    """The rows under the header, each as (line number, cells), and what the header says."""

    format: str
    columns: list
    header_line: int
    rows: list


def read_table(data, filename="", expected_format=None):
    """Read the bytes of an upload into a Table; raises UnreadableFile with the reasons."""
    if filename.lower().endswith(".xlsx") or data.startswith(XLSX_SIGNATURE):
        numbered_rows = workbook_rows(data)
        table = find_header(numbered_rows)
    else:
        table = read_csv(decode(data))
    if table is None:
        raise UnreadableFile(
            [
                (
                    1,
                    _(
                        "No header line found: the first line must name the columns (%(columns)s), "
                        "or the file must be IDESCAT's export with its “Nivell;Codi;Nom” line."
                    )
                    % {"columns": ", ".join(COLUMNS)},
                )
            ]
        )
    if expected_format and table.format != expected_format:
        raise UnreadableFile(
            [
                (
                    table.header_line,
                    _("This file is in the %(found)s format, not in the %(expected)s one.")
                    % {
                        "found": FORMAT_LABELS[table.format],
                        "expected": FORMAT_LABELS[expected_format],
                    },
                )
            ]
        )
    if table.format == FORMAT_LOCALRET:
        check_columns(table)
    return table


def decode(data):
    """The text of a UTF-8 file; every line in another encoding is reported by number."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(
            [(1, _("The file is in UTF-16. Save it as “CSV UTF-8” and upload it again."))]
        )
    data = data.removeprefix(b"\xef\xbb\xbf")
    problems = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(
                (
                    number,
                    _(
                        "This line is not in UTF-8 (accents would be lost). Save the file as "
                        "“CSV UTF-8” and upload it again."
                    ),
                )
            )
    if problems:
        raise UnreadableFile(problems)
    return data.decode("utf-8")


def read_csv(text):
    """Try each delimiter until one yields a header line."""
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            numbered_rows = capped((reader.line_num, row) for row in reader)
        except csv.Error as error:
            raise UnreadableFile(
                [
                    (
                        reader.line_num,
                        _("This line cannot be read as CSV (%(error)s).") % {"error": error},
                    )
                ]
            ) from error
        table = find_header(numbered_rows)
        if table is not None:
            return table
    return None


def too_many_lines():
    return UnreadableFile(
        [
            (
                MAX_LINES + 1,
                _(
                    "The file has more than %(limit)s lines: a list of local entities is far "
                    "shorter. Check that it is the right file, or split it into smaller ones."
                )
                % {"limit": number_format(MAX_LINES, force_grouping=True)},
            )
        ]
    )


def capped(numbered_rows):
    """The rows, read one by one up to MAX_LINES; one more refuses the whole file."""
    rows = []
    for number, cells in numbered_rows:
        if len(rows) == MAX_LINES:
            raise too_many_lines()
        rows.append((number, cells))
    return rows


def check_workbook_size(data):
    """Refuse a workbook that would unpack to too much, from its zip directory alone."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # openpyxl reports it as not a workbook
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        message = _(
            "This workbook unpacks to %(size)s MB, more than the %(limit)s MB a list of local "
            "entities may take. Save only the sheet of entities, as a new workbook or as CSV, "
            "and upload it again."
        ) % {
            "size": number_format(math.ceil(unpacked / MEGABYTE), force_grouping=True),
            "limit": MAX_XLSX_UNPACKED_BYTES // MEGABYTE,
        }
    elif len(parts) > MAX_XLSX_PARTS:
        message = _(
            "This workbook is made of %(count)s parts, far more than a list of local entities "
            "needs. Save only the sheet of entities, as a new workbook or as CSV, and upload it "
            "again."
        ) % {"count": number_format(len(parts), force_grouping=True)}
    else:
        return
    raise UnreadableFile([(1, message)])


def workbook_rows(data):
    """The first sheet of an .xlsx workbook as numbered rows of text."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(
            [(1, _("The file cannot be opened as an Excel workbook (.xlsx)."))]
        ) from error
    try:
        sheet = workbook.worksheets[0]
        # The sheet's declared size, when it has one, refuses a long sheet before it is read;
        # a sheet without one, or one that understates it, is stopped by `capped`.
        if sheet.max_row is not None and sheet.max_row > MAX_LINES:
            raise too_many_lines()
        return capped(
            (number, [cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
    finally:
        workbook.close()


def cell_text(value):
    """A spreadsheet cell as the text a CSV would hold: dates as YYYY-MM-DD, 8019.0 as 8019."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def header_name(cell):
    return fold(cell).strip().replace(" ", "_")


def find_header(numbered_rows):
    """The table under the first header line, in whichever format the header names."""
    for index, (line, cells) in enumerate(numbered_rows[:HEADER_SEARCH_LINES]):
        names = [header_name(cell) for cell in cells]
        rows = numbered_rows[index + 1 :]
        if names[:3] == IDESCAT_HEADER:
            return Table(FORMAT_IDESCAT, IDESCAT_HEADER, line, rows)
        if "codi" in names and "nom" in names:
            return Table(FORMAT_LOCALRET, names, line, rows)
    return None


def check_columns(table):
    known = set(COLUMNS) | set(IGNORED_COLUMNS)
    problems = []
    missing = [column for column in REQUIRED_COLUMNS if column not in table.columns]
    if missing:
        problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    unknown = [column for column in table.columns if column and column not in known]
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)}
        )
    duplicated = sorted({c for c in table.columns if c and table.columns.count(c) > 1})
    if duplicated:
        problems.append(_("Repeated columns: %(columns)s.") % {"columns": ", ".join(duplicated)})
    if problems:
        raise UnreadableFile([(table.header_line, " ".join(str(p) for p in problems))])


def is_blank(cells):
    return not any(cell.strip() for cell in cells)
