"""The site's chrome in templates: the main menu, the legal links and the breadcrumbs.

templates/base.html caches the header and the footer with `{% wagtailcache %}`, keyed on the
content generation (and the header on the page, whose place in the menu it marks).
"""

from django import template
from wagtail.models import Site

from pages.models import StandardPage
from pages.navigation import breadcrumb_trail, menu_tree

register = template.Library()


def marked(page, current):
    """A menu link to `page`, marked as the current page or as the section the current page
    belongs to."""
    return {
        "page": page,
        "current": current is not None and current.pk == page.pk,
        "in_section": current is not None and current.path.startswith(page.path),
    }


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    current = context.get("page")
    return {
        "request": context["request"],
        "items": [
            {
                **marked(entry, current),
                "children": [marked(child, current) for child in entry.children],
            }
            for entry in menu_tree(context["request"])
        ],
    }


@register.simple_tag(takes_context=True)
def legal_pages(context):
    """The standard pages right under the home page that the menu does not show: the legal
    notice, privacy, cookies, accessibility."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return []
    children = site.root_page.get_children().live().public()
    return children.exact_type(StandardPage).filter(show_in_menus=False)


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    """The pages from the home page down to the context's page, read once per page by
    templates/base.html for the breadcrumbs and for search engines (`seo_meta`)."""
    page = context.get("page")
    return breadcrumb_trail(context["request"], page) if page is not None else []


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the home page to the current page (none on the home page itself)."""
    trail = context.get("breadcrumb_pages", [])
    return {"request": context["request"], "trail": trail if len(trail) > 1 else []}
