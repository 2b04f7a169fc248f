"""A section's items as open data: `?format=json` and `?format=csv`, filtered as the page is,
and `?format=schema`, the Table Schema of the CSV."""

import csv
import json

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from localret_site.open_data import (
    bad_request,
    link_schema,
    paragraph_text,
    schema_response,
    table_schema,
    unknown_format_response,
)
from localret_site.public_urls import absolute_url
from localret_site.spreadsheets import neutralise_cell
from pages.placeholders import real_text
from transparency.forms import YearFilterForm

FORMATS = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "schema": "application/json; charset=utf-8",
}
CSV_COLUMNS = [
    "title",
    "legal_reference",
    "period",
    "year",
    "last_updated",
    "description",
    "document_urls",
    "link_urls",
]


def item_row(item, request):
    """One item as a flat record; URLs are absolute so the data works on its own. A missing
    value is None."""
    return {
        "title": item.title,
        "legal_reference": item.shown_legal_reference,
        "period": item.period_label or None,
        "year": item.year,
        "last_updated": timezone.localdate(item.updated_at).isoformat(),
        "description": paragraph_text(real_text(item.description)) or None,
        "document_urls": [absolute_url(row.document.url, request) for row in item.documents.all()],
        "link_urls": [link["url"] for link in item.link_values()],
    }


def csv_row(row):
    return {
        column: neutralise_cell(" ".join(value) if isinstance(value, list) else value)
        for column, value in row.items()
    }


def export_response(section, request, export_format):
    """The section's items, with the page's year filter, in `export_format`."""
    if export_format not in FORMATS:
        return unknown_format_response()
    if export_format == "schema":
        return schema_response(csv_table_schema(), filename=section.slug)
    year_form = YearFilterForm(section.years_in(section.item_summary()), request.GET)
    if not year_form.is_valid():
        return bad_request(" ".join(year_form.errors["any"]))
    year = year_form.cleaned_year()
    rows = [item_row(item, request) for item in section.listed_items(year)]
    filename = f"{section.slug}-{year}" if year else section.slug
    response = HttpResponse(content_type=FORMATS[export_format])
    response["Access-Control-Allow-Origin"] = "*"
    if export_format == "json":
        json.dump(
            {
                "section": section.title,
                "legal_reference": section.legal_reference,
                "url": section.get_full_url(request),
                "year": year,
                "items": rows,
            },
            response,
            ensure_ascii=False,
            indent=2,
        )
    else:
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        link_schema(response, request.build_absolute_uri("?format=schema"))
        # A byte order mark lets spreadsheet programs read the accents as UTF-8.
        response.write("\ufeff")
        writer = csv.DictWriter(response, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_row(row) for row in rows)
    return response


def csv_table_schema():
    """The Table Schema of a section's CSV."""
    fields = {
        "title": {
            "type": "string",
            "title": _("Title"),
            "constraints": {"required": True},
        },
        "legal_reference": {
            "type": "string",
            "title": _("Legal basis"),
            "description": _("The law and article that require publishing the information."),
        },
        "period": {
            "type": "string",
            "title": _("Period"),
            "description": _("The period the information covers, or else its year."),
        },
        "year": {
            "type": "integer",
            "title": _("Year"),
            "description": _("The year the information belongs to; empty when it has none."),
        },
        "last_updated": {
            "type": "date",
            "format": "default",
            "title": _("Last update"),
            "description": _("The day the information last changed (YYYY-MM-DD)."),
            "constraints": {"required": True},
        },
        "description": {
            "type": "string",
            "title": _("Description"),
            "description": _("Plain text; each paragraph or list item on a line of its own."),
        },
        "document_urls": {
            "type": "string",
            "title": _("Documents"),
            "description": _("The addresses of the documents, separated by spaces."),
        },
        "link_urls": {
            "type": "string",
            "title": _("Links"),
            "description": _("The addresses of the links, separated by spaces."),
        },
    }
    return table_schema([{"name": name, **fields[name]} for name in CSV_COLUMNS])
