"""Read each data row of a Table into the values of one entity, or into the reasons it is wrong."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from members.importer.readers import FORMAT_IDESCAT, is_blank
from members.models.member import Kind, Member, normalise_code
from members.names import display_name, normalise_search_key

IDESCAT_COMARCA_LEVELS = {"comarca", "ent. terr. sing."}
IDESCAT_MUNICIPALITY_LEVEL = "municipi"
# Names that people use for a comarca besides the one IDESCAT gives it.
COMARCA_ALIASES = {"valdaran": "39", "valldaran": "39"}
WEBSITE_MAX_LENGTH = Member._meta.get_field("website").max_length
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
FIELD_COLUMNS = {
    "name": "nom",
    "kind": "tipus",
    "comarca_id": "comarca",
    "member_since": "data_adhesio",
    "left_on": "data_baixa",
    "website": "web",
}


@dataclass
class IncomingRow:
    """One entity as a line of the file describes it.

    `values` holds only the fields the file carries: IDESCAT's export says nothing about
    membership, so importing it never changes a member's dates or website.
    """

    line: int
    code: str
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


class ComarcaFinder:
    """Finds a comarca by its 2-digit code or by its name, however it is accented or cased."""

    def __init__(self, comarques):
        self.codes = {comarca.code for comarca in comarques}
        self.by_name = {normalise_search_key(comarca.name): comarca.code for comarca in comarques}
        self.by_name.update(COMARCA_ALIASES)

    def find(self, text):
        text = text.strip()
        if text.isdigit():
            code = text.zfill(2)
            return code if code in self.codes else None
        return self.by_name.get(normalise_search_key(text))


def incoming_rows(table, comarques):
    """The table's rows as IncomingRow objects, skipping blank lines."""
    finder = ComarcaFinder(comarques)
    if table.format == FORMAT_IDESCAT:
        return list(idescat_rows(table, finder))
    return [
        localret_row(table, line, cells, finder)
        for line, cells in table.rows
        if not is_blank(cells)
    ]


def idescat_rows(table, finder):
    """IDESCAT's export: a comarca line, then the lines of its municipalities, and so on."""
    comarca = None
    comarca_is_known = True
    for line, cells in table.rows:
        if is_blank(cells):
            continue
        level, code, name = (*cells, "", "", "")[:3]
        level = level.strip().lower()
        if level in IDESCAT_COMARCA_LEVELS:
            comarca = finder.find(code)
            comarca_is_known = comarca is not None
            if not comarca_is_known:
                yield IncomingRow(
                    line,
                    code="",
                    errors=[unknown_comarca(f"{code.strip()} {name.strip()}".strip())],
                )
        elif level == IDESCAT_MUNICIPALITY_LEVEL:
            # Municipalities under an unknown comarca are covered by that comarca's error.
            if not comarca_is_known:
                continue
            row = IncomingRow(line, code="")
            row.values["kind"] = Kind.MUNICIPALITY
            read_code(row, code)
            row.values["comarca_id"] = comarca
            read_name(row, name)
            if comarca is None:
                row.errors.append(_("A municipality comes before any comarca line."))
            yield row
        else:
            yield IncomingRow(
                line,
                code="",
                errors=[
                    _(
                        "Unknown kind of line “%(level)s”: IDESCAT's lines say “Comarca” or "
                        "“Municipi”."
                    )
                    % {"level": cells[0].strip()}
                ],
            )


def localret_row(table, line, cells, finder):
    """A line of the project's format: the columns named in the header, in any order."""
    raw = dict(zip(table.columns, (cell.strip() for cell in cells), strict=False))
    row = IncomingRow(line, code="")
    read_kind(row, raw.get("tipus", ""))
    read_code(row, raw.get("codi", ""))
    read_name(row, raw.get("nom", ""))
    comarca = raw.get("comarca", "")
    if comarca:
        row.values["comarca_id"] = finder.find(comarca)
        if row.values["comarca_id"] is None:
            row.errors.append(unknown_comarca(comarca))
    else:
        row.values["comarca_id"] = None
    read_date(row, "member_since", raw.get("data_adhesio", ""))
    if "data_baixa" in table.columns:
        read_date(row, "left_on", raw.get("data_baixa", ""))
    if "web" in table.columns:
        read_website(row, raw.get("web", ""))
    return row


def unknown_comarca(text):
    return _("Unknown comarca “%(comarca)s”: write its 2-digit IDESCAT code or its name.") % {
        "comarca": text
    }


def read_code(row, text):
    """The code as it will be stored; it depends on the kind, so an unknown kind skips this."""
    if not text.strip():
        row.errors.append(_("The code is missing."))
    elif "kind" in row.values:
        try:
            row.code = normalise_code(row.values["kind"], text)
        except ValidationError as error:
            row.errors.extend(error.messages)


def read_name(row, text):
    name = display_name(text.strip())
    if not name:
        row.errors.append(_("The name is missing."))
    elif len(name) > 255:
        row.errors.append(_("The name is longer than 255 characters."))
    row.values["name"] = name


def read_kind(row, text):
    kind = text.strip().lower()
    if kind in Kind.values:
        row.values["kind"] = kind
    else:
        row.errors.append(
            _("Unknown kind “%(kind)s”: use one of %(kinds)s.")
            % {"kind": text, "kinds": ", ".join(Kind.values)}
        )


def read_date(row, field_name, text):
    row.values[field_name] = None
    if not text:
        return
    for date_format in DATE_FORMATS:
        try:
            row.values[field_name] = datetime.datetime.strptime(text, date_format).date()
            return
        except ValueError:
            continue
    row.errors.append(
        _("Unreadable date “%(date)s” in column %(column)s: write it as YYYY-MM-DD.")
        % {"date": text, "column": FIELD_COLUMNS[field_name]}
    )


def read_website(row, text):
    if text and "://" not in text:
        text = f"https://{text}"
    if text:
        try:
            URLValidator(schemes=["http", "https"])(text)
            if len(text) > WEBSITE_MAX_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            row.errors.append(_("“%(web)s” is not a web address.") % {"web": text})
    row.values["website"] = text
