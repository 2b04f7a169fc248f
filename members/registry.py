"""Today's members as the public listing shows them, held in memory and searched there.

The registry is small: some 800 entities, a few hundred kilobytes with everything the listing
shows and filters by (the benchmarks try 10,000). Each process keeps it until the content or the
day changes, so that every page of the listing, every search and every filter is answered
without a query. The open-data files, the site-wide search and the admin search the database,
under the same rule (`members.models.member.search_terms`).
"""

import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from django.utils import timezone

from localret_site.caching.derived import cached_until_content_changes
from members.models.member import Member, search_terms


class ListedMember(NamedTuple):
    """One entity as the listing shows it (name, link, kind, comarca, letter) and filters it."""

    name: str
    slug: str
    kind: str
    comarca: str | None
    initial: str
    comarca_code: str | None
    province_code: str | None


# The listing's filters besides the search, and the value of an entity that each one compares.
FILTERED_VALUES = {
    "comarca": attrgetter("comarca_code"),
    "provincia": attrgetter("province_code"),
    "tipus": attrgetter("kind"),
}


@dataclass(frozen=True)
class ListedMembers:
    """Today's members in listing order, and what finds them by name or code.

    A search looks for its key in every search key at once: they are the lines of one text, and
    a key never holds a line break (nor a space, so a match never straddles two of an entity's
    names). Codes are kept sorted, so that those starting with a prefix are found by bisection.
    Searching 10,000 entities takes some 0.2 ms that way, against 2 to 3 ms entity by entity.
    """

    members: tuple[ListedMember, ...]
    search_keys: str
    line_starts: tuple[int, ...]  # where each member's line starts, and where the text ends
    codes: tuple[str, ...]  # upper case, sorted
    code_positions: tuple[int, ...]  # the position in `members` of each of `codes`

    @classmethod
    def of(cls, rows):
        """From (ListedMember, upper-case code, search key) triples in listing order."""
        members, codes, keys = zip(*rows, strict=True) if rows else ((), (), ())
        line_starts = [0]
        for key in keys:
            line_starts.append(line_starts[-1] + len(key) + 1)
        by_code = sorted(zip(codes, range(len(codes)), strict=True))
        return cls(
            members=members,
            search_keys="".join(f"{key}\n" for key in keys),
            line_starts=tuple(line_starts),
            codes=tuple(code for code, _position in by_code),
            code_positions=tuple(position for _code, position in by_code),
        )

    def matching(self, filters):
        """The members that match the filters of a `MemberFilterForm`, in listing order."""
        members = self.search(filters["q"]) if "q" in filters else self.members
        for name, value_of in FILTERED_VALUES.items():
            if name in filters:
                members = [member for member in members if value_of(member) == filters[name]]
        return list(members)

    def search(self, query):
        """The members whose name contains the query or whose code starts with it."""
        terms = search_terms(query)
        if terms is None:
            return []
        key, code_prefix = terms
        positions = set(self.lines_containing(key))
        index = bisect_left(self.codes, code_prefix)
        while index < len(self.codes) and self.codes[index].startswith(code_prefix):
            positions.add(self.code_positions[index])
            index += 1
        return [self.members[position] for position in sorted(positions)]

    def lines_containing(self, key):
        """The positions of the members whose search key contains `key`."""
        found = self.search_keys.find(key)
        while found != -1:
            line = bisect_right(self.line_starts, found) - 1
            yield line
            found = self.search_keys.find(key, self.line_starts[line + 1])


def current_members():
    """Today's `ListedMembers`, shared by every request of the process until the registry or the
    day changes."""
    today = timezone.localdate()
    return cached_until_content_changes(
        f"listed-members:{today.isoformat()}", lambda: read_members(today), shared=True
    )


def read_members(today):
    rows = (
        Member.objects.current(today)
        .in_listing_order()
        .values_list(
            "name",
            "slug",
            "kind",
            "comarca__name",
            "sort_key",
            "comarca_id",
            "province_id",
            "code",
            "search_key",
        )
    )
    return ListedMembers.of([indexed_member(*row) for row in rows])


def indexed_member(name, slug, kind, comarca, sort_key, comarca_code, province_code, code, key):
    # Repeated values become one string: pickled once, and held once in each process.
    member = ListedMember(
        name=name,
        slug=slug,
        kind=sys.intern(kind),
        comarca=comarca and sys.intern(comarca),
        initial=sys.intern(initial(sort_key)),
        comarca_code=comarca_code and sys.intern(comarca_code),
        province_code=province_code and sys.intern(province_code),
    )
    return member, code.upper(), key


def initial(sort_key):
    """The letter an entity is listed under."""
    return sort_key[:1].upper()
