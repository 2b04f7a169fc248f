import html
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.search import index


def holds_placeholder(value):
    """Whether a text (plain, rich text or a StreamField's raw data) still holds the editors' placeholder."""  # noqa: E501
    return settings.CONTENT_PLACEHOLDER_MARKER.lower() in str(value or "").lower()


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements without an end tag: they never open a level of nesting.
VOID_ELEMENTS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


@dataclass(frozen=True)
class TextPart:
    """One top-level element of a text (a paragraph, a heading, a list…), exactly as stored.

    `alone_under_heading`: a placeholder that is all there is between a heading and the next
    one (or the end), so that without it the heading would introduce nothing.
    """

    html: str
    is_heading: bool = False
    is_placeholder: bool = False
    alone_under_heading: bool = False

    @property
    def text(self):
        return plain_text(self.html)


class TopLevelSplitter(HTMLParser):
    """Finds where each top-level element (or run of bare text) of an HTML fragment starts and
    ends, so that the fragment can be cut into parts without rewriting any of it."""

    def __init__(self, source):
        super().__init__(convert_charrefs=False)
        self.source = source
        # The parser counts lines at "\n" only (not at "\r" or "\u2028", as splitlines would).
        self.line_starts = [0]
        for line in source.split("\n"):
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.depth = 0
        self.spans = []  # (start, end, tag) of each top-level element or text
        self.part_start = None
        self.part_tag = None

    def position(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def open(self, tag):
        if self.depth == 0:
            self.close_text()
            self.part_start, self.part_tag = self.position(), tag

    def handle_starttag(self, tag, attrs):
        self.open(tag)
        if tag in VOID_ELEMENTS:
            if self.depth == 0:
                self.end_element(self.position() + len(self.get_starttag_text()))
        else:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.open(tag)
        if self.depth == 0:
            self.end_element(self.position() + len(self.get_starttag_text()))

    def handle_endtag(self, tag):
        if self.depth == 0:  # a stray end tag closes nothing
            return
        self.depth -= 1
        if self.depth == 0:
            self.end_element(self.source.index(">", self.position()) + 1)

    def end_element(self, end):
        self.spans.append((self.part_start, end, self.part_tag))
        self.part_start = self.part_tag = None

    def handle_data(self, data):
        if self.depth == 0 and self.part_start is None and data.strip():
            self.part_start, self.part_tag = self.position(), None

    handle_entityref = handle_charref = handle_data

    def close_text(self):
        if self.part_start is not None and self.part_tag is None:
            self.spans.append((self.part_start, self.position(), None))
            self.part_start = None

    def parts(self):
        self.feed(self.source)
        self.close()
        if self.part_start is not None:  # text, or an element left open, runs to the end
            self.spans.append((self.part_start, len(self.source), self.part_tag))
        return [(self.source[start:end], tag) for start, end, tag in self.spans]


def text_parts(value):
    """A text (rich text, a RichText value or plain text) cut into its top-level parts, each
    marked as a placeholder or not."""
    source = str(getattr(value, "source", value) or "")
    parts = [
        TextPart(fragment, is_heading=tag in HEADINGS, is_placeholder=holds_placeholder(fragment))
        for fragment, tag in TopLevelSplitter(source).parts()
    ]
    return [
        TextPart(part.html, part.is_heading, True, alone_under_heading(parts, index))
        if part.is_placeholder
        else part
        for index, part in enumerate(parts)
    ]


def alone_under_heading(parts, index):
    """Whether the placeholder at `index` starts a run of placeholders that is all there is
    between a heading and the next heading (or the end)."""
    if index > 0 and parts[index - 1].is_placeholder:
        return False
    before = [part for part in parts[:index] if not part.is_placeholder]
    after = [part for part in parts[index + 1 :] if not part.is_placeholder]
    return bool(before) and before[-1].is_heading and (not after or after[0].is_heading)


def real_text(value):
    """The text without its placeholder parts, as stored (rich text stays rich text); "" when
    nothing real is left."""
    return "".join(part.html for part in text_parts(value) if not part.is_placeholder)


def plain_text(value):
    """Rich text as one line of plain text."""
    return " ".join(html.unescape(strip_tags(value or "")).split())


def real_plain_text(value):
    """The real text of a rich or plain text, as one line of plain text: what search engines,
    the site search and link previews may read."""
    return plain_text(real_text(value))


def texts_in_preparation(*values):
    """Whether these texts hold placeholders and nothing real yet."""
    return any(holds_placeholder(value) for value in values) and not any(
        real_text(value) for value in values
    )


class PublishedTextSearchField(index.SearchField):
    """A rich text or StreamField indexed as the public reads it: the parts that hold a
    placeholder are left out, so that no page is found by its placeholder text. (A rich text
    block of a StreamField is indexed whole or not at all.)"""

    def get_value(self, obj):
        field = self.get_field(type(obj))
        value = field.value_from_object(obj)
        if isinstance(field, StreamField):
            content = field.get_searchable_content(value)
            return [text for text in content if not holds_placeholder(text)]
        return real_plain_text(value)
