"""The public listing as open data: `?format=csv` (for spreadsheets) and `?format=json`, with
the import's columns and the page's filters, and `?format=schema`, the Table Schema of the CSV."""

import csv
import io
import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

from localret_site.open_data import (
    JSON_CONTENT_TYPE,
    bad_request,
    link_schema,
    schema_response,
    table_schema,
    unknown_format_response,
)
from localret_site.spreadsheets import neutralise_cell
from members.forms import MemberFilterForm
from members.importer.readers import COLUMNS
from members.listing import filtered_members
from members.models.member import Kind

# The columns of the import format, plus the province; a file exported here can be imported.
EXPORT_COLUMNS = [*COLUMNS, "provincia"]
# An IDESCAT code (6 digits) or an entity's own code (members/codes.py).
CODE_PATTERN = "[0-9A-Za-z][0-9A-Za-z._-]{0,19}"
TWO_DIGIT_CODE_PATTERN = "[0-9]{2}"


def open_data_response(page, request, export_format):
    """The members listing `page` filtered as the request asks, in `export_format`.

    A file must hold exactly what was asked for, so a filter that names nothing is an error
    here, where the listing would just leave it out and say so.
    """
    if export_format == "schema":
        return schema_response(csv_table_schema(), filename=page.slug)
    if export_format not in ("csv", "json"):
        return unknown_format_response()
    form = MemberFilterForm(request.GET)
    filters = form.filters()
    if form.notices:
        return bad_request("\n".join(form.notices))
    members = filtered_members(filters)
    if export_format == "csv":
        schema_url = request.build_absolute_uri("?format=schema")
        return csv_response(members, filename=page.slug, schema_url=schema_url)
    page_url = page.get_full_url(request)
    return json_response(
        members,
        filename=page.slug,
        member_url=lambda member: page_url + page.member_path(member.slug),
    )


def export_row(member):
    """One entity as a flat record; a missing value is None."""
    return {
        "codi": member.code,
        "nom": member.name,
        "tipus": member.kind,
        "comarca": member.comarca_id,
        "data_adhesio": member.member_since.isoformat() if member.member_since else None,
        "data_baixa": member.left_on.isoformat() if member.left_on else None,
        "web": member.website or None,
        "provincia": member.province_id,
    }


def export_rows(members):
    return (export_row(member) for member in members.iterator(chunk_size=2000))


def csv_response(members, filename, schema_url):
    """CSV in UTF-8 with a byte-order mark, which Excel needs to read accents correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in export_rows(members):
        writer.writerow({column: neutralise_cell(value) for column, value in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return link_schema(response, schema_url)


def json_response(members, filename, member_url):
    """JSON: the same fields as the CSV, names of comarca and province, and each entity's page."""
    rows = []
    for member in members.select_related("comarca", "province").iterator(chunk_size=2000):
        row = export_row(member)
        row["comarca_nom"] = member.comarca.name if member.comarca else None
        row["provincia_nom"] = member.province.name if member.province else None
        row["url"] = member_url(member)
        rows.append(row)
    body = json.dumps({"count": len(rows), "results": rows}, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type=JSON_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


def csv_table_schema():
    """The Table Schema of the CSV: codes are text (`08019` keeps its zero), dates are dates."""
    fields = {
        "codi": {
            "type": "string",
            "title": _("Code"),
            "description": _(
                "Municipalities: the IDESCAT code (6 digits). Other entities: their own code."
            ),
            "constraints": {"required": True, "unique": True, "pattern": CODE_PATTERN},
        },
        "nom": {
            "type": "string",
            "title": _("Name"),
            "description": _("The entity's name, as the site shows it."),
            "constraints": {"required": True},
        },
        "tipus": {
            "type": "string",
            "title": _("Kind"),
            "description": _("The kind of local entity, one of the keys listed."),
            "constraints": {"required": True, "enum": list(Kind.values)},
        },
        "comarca": {
            "type": "string",
            "title": _("Comarca"),
            "description": _("IDESCAT's 2-digit code of the comarca; empty when it has none."),
            "constraints": {"pattern": TWO_DIGIT_CODE_PATTERN},
        },
        "data_adhesio": {
            "type": "date",
            "format": "default",
            "title": _("Member since"),
            "description": _("The first day of membership (YYYY-MM-DD)."),
        },
        "data_baixa": {
            "type": "date",
            "format": "default",
            "title": _("Member until"),
            "description": _(
                "The first day the entity is no longer a member (YYYY-MM-DD); empty while it is."
            ),
        },
        "web": {
            "type": "string",
            "format": "uri",
            "title": _("Website"),
            "description": _("The entity's website; empty when it is not known."),
        },
        "provincia": {
            "type": "string",
            "title": _("Province"),
            "description": _(
                "The province's 2-digit code, from the entity's code; empty when it has none."
            ),
            "constraints": {"pattern": TWO_DIGIT_CODE_PATTERN},
        },
    }
    return table_schema(
        [{"name": name, **fields[name]} for name in EXPORT_COLUMNS], primary_key=["codi"]
    )
