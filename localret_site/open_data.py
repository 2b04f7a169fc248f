"""What every open-data file of the site shares: rich text as plain text that keeps its
paragraphs, and the Frictionless Table Schema that says what each CSV column holds.

Missing values are written one way in every file: `null` in JSON, an empty cell in CSV (the
schemas' `missingValues`).
"""

import json
from html.parser import HTMLParser

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
# Elements that start a line of their own in the plain text.
LINE_ELEMENTS = {
    "blockquote",
    "br",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ol",
    "p",
    "ul",
}


class ParagraphTextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in LINE_ELEMENTS:
            self.lines.append([])

    def handle_endtag(self, tag):
        if tag in LINE_ELEMENTS:
            self.lines.append([])

    def handle_data(self, data):
        self.lines[-1].append(data)

    def text(self):
        lines = (" ".join("".join(parts).split()) for parts in self.lines)
        return "\n".join(line for line in lines if line)


def requested_format(request):
    """The open-data format a listing is asked for (`?format=`), or None for its HTML page."""
    return request.GET.get("format") or None


def bad_request(message):
    """A 400 that says in plain text what is wrong with the request for a file."""
    return HttpResponseBadRequest(f"{message}\n", content_type="text/plain; charset=utf-8")


def unknown_format_response():
    return bad_request(_("Unknown format. Use format=json or format=csv."))


def paragraph_text(html):
    """Rich text as plain text: one line per paragraph, heading or list item, entities decoded."""
    parser = ParagraphTextParser()
    parser.feed(str(html or ""))
    parser.close()
    return parser.text()


def table_schema(fields, primary_key=None):
    """A Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/) for a CSV
    whose columns are `fields`, in order."""
    schema = {"fields": fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = primary_key
    return schema


def schema_response(schema, filename):
    response = HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2), content_type=JSON_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.schema.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def link_schema(response, schema_url):
    """Point a CSV response to the Table Schema that describes it."""
    response["Link"] = f'<{schema_url}>; rel="describedby"; type="application/json"'
    return response
