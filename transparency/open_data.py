"""A section's items as open data: `?format=json` and `?format=csv`, filtered as the page is."""

import csv
import json

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from localret_site.public_urls import absolute_url
from pages.placeholders import real_text
from transparency.forms import YearFilterForm

FORMATS = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
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


def requested_format(request):
    """The open data format asked for in the query string, or None for the HTML page."""
    return request.GET.get("format") or None


def item_row(item, request):
    """One item as a flat record; URLs are absolute so the data works on its own."""
    return {
        "title": item.title,
        "legal_reference": item.shown_legal_reference,
        "period": item.period_label,
        "year": item.year,
        "last_updated": timezone.localdate(item.updated_at).isoformat(),
        "description": strip_tags(real_text(item.description)).strip(),
        "document_urls": [absolute_url(row.document.url, request) for row in item.documents.all()],
        "link_urls": [link["url"] for link in item.link_values()],
    }


def bad_request(message):
    return HttpResponseBadRequest(f"{message}\n", content_type="text/plain; charset=utf-8")


def export_response(section, request, export_format):
    """The section's items, with the page's year filter, in `export_format`."""
    if export_format not in FORMATS:
        return bad_request(_("Unknown format. Use format=json or format=csv."))
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
        # A byte order mark lets spreadsheet programs read the accents as UTF-8.
        response.write("\ufeff")
        writer = csv.DictWriter(response, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    **row,
                    "year": row["year"] or "",
                    "document_urls": " ".join(row["document_urls"]),
                    "link_urls": " ".join(row["link_urls"]),
                }
            )
    return response
