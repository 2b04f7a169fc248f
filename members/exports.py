"""The public listing as open data: CSV (for spreadsheets) and JSON, with the import's columns."""

import csv
import io
import json

from django.http import HttpResponse

from members.importer.readers import COLUMNS

# The columns of the import format, plus the province; a file exported here can be imported.
EXPORT_COLUMNS = [*COLUMNS, "provincia"]


def export_row(member):
    return {
        "codi": member.code,
        "nom": member.name,
        "tipus": member.kind,
        "comarca": member.comarca_id or "",
        "data_adhesio": member.member_since.isoformat() if member.member_since else "",
        "data_baixa": member.left_on.isoformat() if member.left_on else "",
        "web": member.website,
        "provincia": member.province_id or "",
    }


def export_rows(members):
    return (export_row(member) for member in members.iterator(chunk_size=2000))


def csv_response(members, filename):
    """CSV in UTF-8 with a byte-order mark, which Excel needs to read accents correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(export_rows(members))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(members, filename, member_url):
    """JSON: the same fields as the CSV, names of comarca and province, and each entity's page."""
    rows = []
    for member in members.select_related("comarca", "province").iterator(chunk_size=2000):
        row = export_row(member)
        row["comarca_nom"] = member.comarca.name if member.comarca else ""
        row["provincia_nom"] = member.province.name if member.province else ""
        row["url"] = member_url(member)
        rows.append(row)
    body = json.dumps({"count": len(rows), "results": rows}, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response
