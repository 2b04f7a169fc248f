"""What the public listing of members shows: the filtered members, grouped by letter, and totals.

All of it comes from today's members held in memory (`members.registry`), whatever the filters;
only a search that finds no member asks the database, for the entities that are not members.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from itertools import groupby
from operator import attrgetter
from string import ascii_uppercase
from urllib.parse import urlencode

from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from localret_site.caching.derived import cached_until_content_changes
from members.forms import MemberFilterForm, printable
from members.models.member import Kind, Member, search_condition
from members.reference_data import MUNICIPALITIES_IN_CATALONIA
from members.registry import current_members

# Entities per page of the listing. The A-Z links lead to the page where each letter starts and
# the search finds any entity, so a page stays light on a phone over a slow link (30 to 50 KB of
# HTML, 6 KB compressed) and quick to build even when the registry is large.
PAGE_SIZE = 200
NON_MEMBERS_SHOWN = 5

KIND_COUNTS = {
    Kind.MUNICIPALITY: ngettext_lazy("%(count)s municipality", "%(count)s municipalities", "count"),
    Kind.COUNTY_COUNCIL: ngettext_lazy(
        "%(count)s county council", "%(count)s county councils", "count"
    ),
    Kind.PROVINCIAL_COUNCIL: ngettext_lazy(
        "%(count)s provincial council", "%(count)s provincial councils", "count"
    ),
    Kind.DECENTRALISED_ENTITY: ngettext_lazy(
        "%(count)s decentralised municipal entity",
        "%(count)s decentralised municipal entities",
        "count",
    ),
    Kind.ASSOCIATION_OF_MUNICIPALITIES: ngettext_lazy(
        "%(count)s association of municipalities",
        "%(count)s associations of municipalities",
        "count",
    ),
    Kind.CONSORTIUM: ngettext_lazy("%(count)s consortium", "%(count)s consortia", "count"),
    Kind.MUNICIPALIST_ASSOCIATION: ngettext_lazy(
        "%(count)s municipalist association", "%(count)s municipalist associations", "count"
    ),
    Kind.OTHER: ngettext_lazy("%(count)s other entity", "%(count)s other entities", "count"),
}


def filter_condition(filters):
    """The condition the filters of a `MemberFilterForm` put on entities."""
    condition = Q()
    if "q" in filters:
        condition &= search_condition(filters["q"])
    if "comarca" in filters:
        condition &= Q(comarca_id=filters["comarca"])
    if "provincia" in filters:
        condition &= Q(province_id=filters["provincia"])
    if "tipus" in filters:
        condition &= Q(kind=filters["tipus"])
    return condition


def filtered_members(filters):
    """Current members matching the filters: the listing, and the rows of its exports."""
    return Member.objects.current().filter(filter_condition(filters)).in_listing_order()


@dataclass
class Totals:
    """How many entities are members, by kind, and what share of Catalonia's municipalities."""

    by_kind: dict

    @classmethod
    def from_counts(cls, counts):
        """From (kind, count) pairs; a kind may come more than once."""
        by_kind = dict.fromkeys(Kind, 0)
        for kind, count in counts:
            by_kind[kind] += count
        return cls(by_kind={kind: count for kind, count in by_kind.items() if count})

    @property
    def total(self):
        return sum(self.by_kind.values())

    @property
    def headline(self):
        return ngettext("%(count)s member entity", "%(count)s member entities", self.total) % {
            "count": self.total
        }

    @property
    def parts(self):
        return [KIND_COUNTS[kind] % {"count": count} for kind, count in self.by_kind.items()]

    @property
    def municipalities(self):
        return self.by_kind.get(Kind.MUNICIPALITY, 0)

    @property
    def municipalities_in_catalonia(self):
        return MUNICIPALITIES_IN_CATALONIA

    @property
    def municipality_share(self):
        """The percentage of Catalonia's municipalities that are members."""
        return 100 * self.municipalities / MUNICIPALITIES_IN_CATALONIA


def registry_counts():
    """The totals of today's members, and how many of them each initial has.

    Every page of the listing and the member count of "Qui som" show them, and they change
    only with the registry or the day: they are kept in the cache until then.
    """
    today = timezone.localdate()

    def count():
        members = current_members().members
        totals = Totals.from_counts(Counter(member.kind for member in members).items())
        return totals, Counter(member.initial for member in members)

    return cached_until_content_changes(f"member-counts:{today.isoformat()}", count)


@dataclass
class Letter:
    letter: str
    count: int
    url: str


def list_items(members, kind_labels):
    """The `<li>` lines of a group of members, as HTML.

    Through the template engine, 1,000 lines cost about 16 ms; written here, about 1 ms.
    `html.escape` escapes the same characters as Django's `escape`.
    """
    meta = ' <span class="member-list__meta">{}</span>'
    return mark_safe(  # noqa: S308 (every value is escaped)
        "".join(
            f'<li><a href="{escape(member.slug)}/">{escape(member.name)}</a>'
            + ("" if member.kind == Kind.MUNICIPALITY else meta.format(kind_labels[member.kind]))
            + (meta.format(escape(member.comarca)) if member.comarca else "")
            + "</li>"
            for member in members
        )
    )


@dataclass
class LetterGroup:
    letter: str
    items_html: str
    continued: bool


@dataclass
class PageLink:
    number: int
    url: str
    is_current: bool


@dataclass
class MemberListing:
    """The listing as one request asks for it."""

    form: MemberFilterForm
    filters: dict
    notices: list
    count: int
    totals: Totals
    letters: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    non_members: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request):
        form = MemberFilterForm(request.GET)
        filters = form.filters()
        notices = form.notices
        totals, letters = registry_counts()
        listed = current_members()
        rows = listed.members
        if filters:
            rows = listed.matching(filters)
            letters = Counter(member.initial for member in rows)
        count = len(rows)
        page_count = max(1, math.ceil(count / PAGE_SIZE))
        page_number = requested_page(request.GET.get("page"), page_count, notices)
        start = (page_number - 1) * PAGE_SIZE
        rows = rows[start : start + PAGE_SIZE]
        first_pages = first_page_of_each_letter(letters)
        listing = cls(
            form=form,
            filters=filters,
            notices=notices,
            count=count,
            totals=totals,
        )
        listing.letters = [
            Letter(
                letter=letter,
                count=letters[letter],
                url=listing.anchor_url(letter, first_pages[letter], page_number),
            )
            for letter in first_pages
        ]
        kind_labels = {kind: escape(str(kind.label)) for kind in Kind}
        listing.groups = [
            LetterGroup(
                letter=letter,
                items_html=list_items(group, kind_labels),
                continued=first_pages[letter] < page_number,
            )
            for letter, group in groupby(rows, key=attrgetter("initial"))
        ]
        if page_count > 1:
            listing.pages = [
                PageLink(number, listing.page_url(number), number == page_number)
                if number
                else None
                for number in page_window(page_number, page_count)
            ]
        # Until the registry holds members, the page says it has not been published: an
        # entity "not a member" then might well be one.
        if count == 0 and "q" in filters and totals.total:
            non_members = Member.objects.not_current().filter(filter_condition(filters))
            non_members = non_members.in_listing_order()
            listing.non_members = list(non_members.only("name")[:NON_MEMBERS_SHOWN])
        return listing

    @property
    def is_filtered(self):
        return bool(self.filters)

    @property
    def query_string(self):
        """The filters as a query string, for the export links."""
        return urlencode(self.filters)

    def page_url(self, number):
        params = self.filters if number == 1 else {**self.filters, "page": number}
        return f"?{urlencode(params)}" if params else "?"

    def anchor_url(self, letter, page, current_page):
        anchor = f"#lletra-{letter.lower()}"
        return anchor if page == current_page else self.page_url(page) + anchor


def requested_page(value, page_count, notices):
    """The page number asked for; a page that does not exist gives the nearest, with a notice."""
    if value is None:
        return 1
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if 1 <= number <= page_count:
        return number
    shown = page_count if number > page_count else 1
    notices.append(
        _("There is no page “%(value)s” in this list; page %(page)s is shown instead.")
        % {"value": printable(str(value))[:20], "page": shown}
    )
    return shown


def page_window(current, count, around=2):
    """The page numbers a pager shows: the first, the last, and those near the current one.

    None stands for the numbers left out between them (a single one is shown instead, as a gap
    would take as much room).
    """
    shown = {1, count, *range(current - around, current + around + 1)}
    numbers = [number for number in sorted(shown) if 1 <= number <= count]
    window = []
    for number in numbers:
        if window and number - window[-1] == 2:
            window.append(number - 1)
        elif window and number - window[-1] > 2:
            window.append(None)
        window.append(number)
    return window


def first_page_of_each_letter(letter_counts):
    """A to Z and any other initial present, in order, each with the page its entries start on.

    A letter with no entries gets the page where it would be, so its link still leads somewhere
    sensible.
    """
    first_pages = {}
    position = 0
    for letter in sorted(set(ascii_uppercase) | set(letter_counts)):
        first_pages[letter] = position // PAGE_SIZE + 1
        position += letter_counts.get(letter, 0)
    return first_pages
