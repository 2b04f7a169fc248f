"""What the public listing of members shows: one page of the filtered members grouped by
letter, the A-Z links, and the totals.

Everything is a plain query on today's members: the search is the database's (see
`members.models.member.search_condition`), the pages are Django's `Paginator`.
"""

from dataclasses import dataclass
from itertools import groupby
from string import ascii_uppercase
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from members.forms import MemberFilterForm
from members.models.member import Kind, Member, search_condition
from members.reference_data import MUNICIPALITIES_IN_CATALONIA
from pages.filter_forms import printable

# Entities per page of the listing. The A-Z links lead to the page where each letter starts and
# the search finds any entity, so a page stays light on a phone over a slow link (30 to 50 KB of
# HTML, 6 KB compressed) whatever the size of the registry.
PAGE_SIZE = 200
NON_MEMBERS_SHOWN = 5
# The letter an entity is listed under: the first of its sort key, which is plain lower-case
# ASCII (upper case is left to Python: the database's UPPER would be the query's main cost).
INITIAL = Substr("sort_key", 1, 1)

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
    """Current members matching the filters: the listing, and the rows of its open data."""
    return Member.objects.current().filter(filter_condition(filters)).in_listing_order()


@dataclass
class Totals:
    """How many entities are members, by kind, and what share of Catalonia's municipalities."""

    by_kind: dict

    @classmethod
    def from_counts(cls, counts):
        """From a count of members by kind."""
        return cls(by_kind={kind: counts[kind] for kind in Kind if counts.get(kind)})

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


def count_by_kind():
    """Today's members counted by kind, in one query."""
    return dict(Member.objects.current().order_by().values_list("kind").annotate(Count("pk")))


def count_by_letter(members):
    """How many of `members` each letter has, in one query."""
    counts = members.order_by().values_list(INITIAL).annotate(Count("pk"))
    return {initial.upper(): count for initial, count in counts}


def letter_of(member):
    """The letter an entity is listed under."""
    return member.sort_key[:1].upper()


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


@dataclass
class Letter:
    letter: str
    count: int
    url: str


@dataclass
class LetterGroup:
    letter: str
    members: list
    continued: bool


@dataclass
class PageLink:
    number: int
    url: str
    is_current: bool


def page_url(filters, number):
    """The address of a page of the listing, relative to the listing's."""
    params = filters if number == 1 else {**filters, "page": number}
    return f"?{urlencode(params)}"


def letter_url(filters, letter, page, current_page):
    anchor = f"#lletra-{letter.lower()}"
    return anchor if page == current_page else page_url(filters, page) + anchor


def page_links(paginator, current_page, filters):
    """The pager's links: the first and last pages and those near the current one; None
    stands for the pages left out between them. No pager for a single page."""
    if paginator.num_pages == 1:
        return []
    return [
        PageLink(item, page_url(filters, item), item == current_page)
        if isinstance(item, int)
        else None
        for item in paginator.get_elided_page_range(current_page, on_each_side=2, on_ends=1)
    ]


def non_members_found(filters):
    """The first entities that match the filters but are not members today."""
    non_members = Member.objects.not_current().filter(filter_condition(filters))
    return list(non_members.in_listing_order().only("name")[:NON_MEMBERS_SHOWN])


@dataclass
class MemberListing:
    """The listing as one request asks for it."""

    form: MemberFilterForm
    filters: dict
    notices: list
    totals: Totals
    count: int
    letters: list
    groups: list
    pages: list
    non_members: list

    @classmethod
    def from_request(cls, request):
        form = MemberFilterForm(request.GET)
        filters = form.filters()
        members = filtered_members(filters)
        letter_counts = count_by_letter(members)
        count = sum(letter_counts.values())
        paginator = Paginator(members.select_related("comarca"), PAGE_SIZE)
        paginator.count = count  # known from the letters: no need to count the rows again
        number = requested_page(request.GET.get("page"), paginator.num_pages, form.notices)
        first_pages = first_page_of_each_letter(letter_counts)
        totals = Totals.from_counts(count_by_kind())
        # Until the registry holds members, the page says it has not been published: an
        # entity "not a member" then might well be one.
        answer_non_members = count == 0 and "q" in filters and totals.total
        return cls(
            form=form,
            filters=filters,
            notices=form.notices,
            totals=totals,
            count=count,
            letters=[
                Letter(
                    letter, letter_counts.get(letter, 0), letter_url(filters, letter, page, number)
                )
                for letter, page in first_pages.items()
            ],
            groups=[
                LetterGroup(letter, list(group), continued=first_pages[letter] < number)
                for letter, group in groupby(paginator.page(number).object_list, key=letter_of)
            ],
            pages=page_links(paginator, number, filters),
            non_members=non_members_found(filters) if answer_non_members else [],
        )

    @property
    def is_filtered(self):
        return bool(self.filters)

    @property
    def open_data_urls(self):
        """The filtered listing as each open-data format, and the CSV's Table Schema."""
        return {
            **{
                export_format: "?" + urlencode({**self.filters, "format": export_format})
                for export_format in ("csv", "json")
            },
            "schema": "?format=schema",
        }
