"""The outline of the statutes: anchors, heading levels and the table of contents.

Anchors come from the numbers editors type (article 12 is always `#article-12`), never from a
block's position, so a link to an article keeps working when articles are added before it.
The same outline drives the page, its table of contents and the editor's validation, so the
three can never disagree.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

TITLE = "title"
CHAPTER = "chapter"
ARTICLE = "article"
TOP_LEVEL = 2


def article_anchor(number):
    return f"article-{number}"


def provision_anchor(heading):
    return slugify(heading) or "disposicio"


@dataclass
class OutlineEntry:
    """One title, chapter or article, where it sits in the hierarchy and how to link to it."""

    child: object  # the StreamField child: `block_type` and `value`
    anchor: str
    level: int
    children: list["OutlineEntry"] = field(default_factory=list)

    @property
    def value(self):
        return self.child.value

    @property
    def block_type(self):
        return self.child.block_type


@dataclass
class StatutesOutline:
    entries: list[OutlineEntry]  # every block, in the order editors entered them
    toc: list[OutlineEntry]  # the same entries as a tree: titles > chapters > articles


def statutes_outline(stream):
    """Anchor and heading level of each title, chapter and article, and the tree they form.

    Articles and chapters before the first title sit at the top level; a title closes the
    previous title's last chapter.
    """
    entries, toc = [], []
    title = chapter = None
    for child in stream:
        if child.block_type == TITLE:
            title = OutlineEntry(child, f"titol-{slugify(child.value['number'])}", TOP_LEVEL)
            chapter = None
            entries.append(title)
            toc.append(title)
        elif child.block_type == CHAPTER:
            slug = f"capitol-{slugify(child.value['number'])}"
            parent = title.children if title else toc
            chapter = OutlineEntry(
                child,
                f"{title.anchor}-{slug}" if title else slug,
                TOP_LEVEL + (title is not None),
            )
            entries.append(chapter)
            parent.append(chapter)
        elif child.block_type == ARTICLE:
            container = chapter or title
            article = OutlineEntry(
                child,
                article_anchor(child.value["number"]),
                TOP_LEVEL + (title is not None) + (chapter is not None),
            )
            entries.append(article)
            (container.children if container else toc).append(article)
    return StatutesOutline(entries, toc)
