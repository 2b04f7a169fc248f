"""The site-wide search at /cerca/: the site's live pages (Wagtail search) and member entities.

Pages come first, most relevant first, each holding every word of the query (said explicitly:
the SQLite and PostgreSQL backends default to different operators); then member entities,
alphabetically, matched through their normalised search key (so "hospitalet" finds
"l'Hospitalet de Llobregat"). Whatever the query, the page answers with a bounded number of
queries: counts, one slice of each kind, and one query each for the sections and excerpts of
the pages shown.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from localret_site.templatetags.seo_tags import description_from
from members.listing import NON_MEMBERS_SHOWN
from members.models import Member, MembersIndexPage
from pages.pagination import pagination_links

QUERY_MAX_LENGTH = 200
RESULTS_PER_PAGE = 10


@dataclass
class SearchResult:
    title: str
    url: str
    section: str
    excerpt: str


class CombinedResults:
    """Several result sets, one after the other, as one sequence a Paginator can count and slice.

    Each part needs `count()` and slicing (a QuerySet or Wagtail SearchResults); each is
    counted once and only the slice asked for is fetched from each.
    """

    def __init__(self, *parts):
        self.parts = parts
        self._counts = None

    def counts(self):
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("CombinedResults can only be sliced")
        start, stop = key.start or 0, key.stop
        items = []
        offset = 0
        for part, count in zip(self.parts, self.counts(), strict=True):
            if stop is not None and stop <= offset:
                break
            part_start = max(start - offset, 0)
            part_stop = count if stop is None else min(stop - offset, count)
            if part_start < part_stop:
                items.extend(part[part_start:part_stop])
            offset += count
        return items


def clean_query(raw):
    """The query as it is searched and shown: control characters (PostgreSQL refuses NUL) and
    line breaks turned into spaces, whitespace collapsed, cut to QUERY_MAX_LENGTH characters."""
    printable = "".join(" " if unicodedata.category(ch) in {"Cc", "Zl", "Zp"} else ch for ch in raw)
    return " ".join(printable.split())[:QUERY_MAX_LENGTH].strip()


def full_text_terms(query):
    """The query's words only, for the full-text backends.

    They split text into words at anything that is not a letter or digit when they index it, so
    nothing is lost; and what is left cannot break their query syntax (SQLite's FTS5 refuses a
    stray double quote, PostgreSQL's tsquery a stray colon).
    """
    composed = unicodedata.normalize("NFC", query)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in composed).split())


def page_introductions(pages):
    """{page id: introduction} for the pages whose type has one, in one query (a UNION over
    the page types present)."""
    ids_by_model = defaultdict(list)
    for page in pages:
        model = page.specific_class
        if model is not None and any(f.name == "introduction" for f in model._meta.fields):
            ids_by_model[model].append(page.pk)
    querysets = [
        model.objects.filter(pk__in=ids).order_by().values_list("pk", "introduction")
        for model, ids in ids_by_model.items()
    ]
    if not querysets:
        return {}
    first, *others = querysets
    return dict(first.union(*others, all=True))


def page_results(pages, root_depth, request):
    """Search results for pages. The section is the parent page: "Home" for the pages right
    under the home page, none for the home page itself."""
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.depth > root_depth + 1}
    sections = {
        parent.path: parent.title
        for parent in Page.objects.filter(path__in=parent_paths).only("path", "title")
    }
    introductions = page_introductions(
        [page for page in pages if not description_from(page.search_description, "")]
    )

    def section(page):
        if page.depth == root_depth:
            return ""
        if page.depth == root_depth + 1:
            return _("Home")
        return sections.get(page.path[: -Page.steplen], "")

    return [
        SearchResult(
            title=page.title,
            url=page.get_url(request),
            section=section(page),
            excerpt=description_from(page.search_description, introductions.get(page.pk, "")),
        )
        for page in pages
    ]


def member_results(members, request):
    members_link = MembersIndexPage.link_for_request(request)
    if members_link is None:
        return []
    return [
        SearchResult(
            title=member.name,
            url=members_link.url + MembersIndexPage.member_path(member.slug),
            section=members_link.title,
            excerpt=", ".join(
                part
                for part in (
                    member.get_kind_display().capitalize(),
                    member.comarca.name if member.comarca else "",
                )
                if part
            ),
        )
        for member in members
    ]


def to_results(items, root_depth, request):
    """The paginator's mixed slice of pages and members as SearchResults, in the same order."""
    pages = [item for item in items if isinstance(item, Page)]
    members = [item for item in items if isinstance(item, Member)]
    return page_results(pages, root_depth, request) + member_results(members, request)


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    # Without a site serving the host there is nothing to search: the page says so.
    context = {"query": query, "results": [], "page_obj": None, "count": 0}
    site = Site.find_for_request(request)
    if query and site is not None:
        terms = full_text_terms(query)
        site_pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
        pages = site_pages.search(terms, operator="and") if terms else Page.objects.none()
        members = Member.objects.current().search(query).select_related("comarca")
        paginator = Paginator(CombinedResults(pages, members), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            page_obj=page_obj,
            count=paginator.count,
            results=to_results(page_obj.object_list, site.root_page.depth, request),
            **pagination_links(
                page_obj, lambda number: "?" + urlencode({"q": query, "page": number})
            ),
        )
        if not members.exists():
            # Someone looking for an entity that is not a member is told so, as on the list.
            non_members = Member.objects.not_current().search(query).in_listing_order()
            context["non_members"] = list(non_members.only("name")[:NON_MEMBERS_SHOWN])
    context["title"] = (
        _("Search results for “%(query)s”") % {"query": query}
        if query
        else pgettext("page title", "Search")
    )
    return render(request, "localret_site/search.html", context)
