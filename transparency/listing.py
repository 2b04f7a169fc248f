"""What a section's page lists of its items: the facts, files and links of each, as plain values.

A page of a section's list is read far more often than it changes, and fetching it means two
queries and building each item with its documents and links. Each page of the list, for each
year filter, is kept with the values derived from the content (see
`localret_site.caching.derived`) until the content changes; the page itself is rendered anew on
every request.
"""

import datetime
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

from localret_site.caching.derived import cached_until_content_changes
from pages.placeholders import real_text


@dataclass(frozen=True)
class ListedDocument:
    url: str
    title: str
    extension: str
    size: int | None


@dataclass(frozen=True)
class ListedLink:
    url: str
    label: str


@dataclass(frozen=True)
class ListedItem:
    """An item as its section's page shows it."""

    anchor: str
    title: str
    period_label: str
    legal_reference: str
    updated_at: datetime.datetime
    description_html: SafeString  # as Wagtail's `richtext` filter writes it
    documents: tuple[ListedDocument, ...]
    links: tuple[ListedLink, ...]

    @classmethod
    def of(cls, item):
        """The item as listed; its documents should be prefetched with their documents."""
        return cls(
            anchor=item.anchor,
            title=item.title,
            period_label=item.period_label,
            legal_reference=item.shown_legal_reference,
            updated_at=item.updated_at,
            description_html=mark_safe(expand_db_html(real_text(item.description))),  # noqa: S308
            documents=tuple(
                ListedDocument(
                    url=row.document.url,
                    title=row.document.title,
                    extension=row.document.file_extension,
                    size=row.document.file_size,
                )
                for row in item.documents.all()
            ),
            links=tuple(ListedLink(link["url"], link["label"]) for link in item.link_values()),
        )


def listed_items_on(section, items_page, year):
    """The items on one page of `section.listed_items(year)`, as listed; `items_page` is a
    page of a paginator over their positions (a range)."""
    positions = items_page.object_list
    return cached_until_content_changes(
        f"transparency-items:{section.pk}:{year}:{items_page.number}",
        lambda: [
            ListedItem.of(item)
            for item in section.listed_items(year)[positions.start : positions.stop]
        ],
    )
