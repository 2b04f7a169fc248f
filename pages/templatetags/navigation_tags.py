"""The site's chrome in templates: header, footer and breadcrumbs.

The header and the footer are the same on every page of a site but for the menu entries marked
as the current page or its section: each is rendered once per content generation, language and
marked entries (see `localret_site.caching.derived`), and every page then shows that copy.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Site

from localret_site.caching.derived import cached_until_content_changes
from pages.models import OrganisationSettings
from pages.navigation import breadcrumb_trail, menu_tree, site_chrome

register = template.Library()


def rendered_chrome(name, request, template_name, build_context):
    """The template rendered with `build_context(site)` once per content generation, for the
    request's site (None when no site serves its host) and language."""
    site = Site.find_for_request(request)
    return cached_until_content_changes(
        f"{name}:{site.pk if site else None}:{get_language()}",
        # With the request, the templates read the site's settings (`settings.<app>.<Model>`).
        lambda: render_to_string(template_name, build_context(site), request=request),
    )


@register.simple_tag(takes_context=True)
def site_header(context):
    """The header: the brand, the search box and the menu, marking the current page and the
    section it belongs to."""
    current = context.get("page")

    def state(link):
        return {
            "link": link,
            "current": current is not None and current.pk == link.pk,
            "in_section": current is not None and current.path.startswith(link.path),
        }

    items = [
        {**state(entry), "children": [state(child) for child in entry.children]}
        for entry in menu_tree(context["request"])
    ]
    marked = ",".join(
        f"{item['link'].pk}{'=' if item['current'] else '>'}"
        for item in [*items, *(child for item in items for child in item["children"])]
        if item["current"] or item["in_section"]
    )
    return rendered_chrome(
        f"site-header:{marked}",
        context["request"],
        "includes/site_header.html",
        lambda site: {"items": items},
    )


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer: the organisation's details and the links to the legal pages."""
    request = context["request"]
    return rendered_chrome(
        "site-footer",
        request,
        "includes/footer.html",
        lambda site: {
            "organisation": OrganisationSettings.for_request(request) if site else None,
            "links": site_chrome(request).legal_pages,
        },
    )


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the home page to the current page (none on the home page itself)."""
    page = context.get("page")
    trail = breadcrumb_trail(context["request"], page) if page is not None else []
    return {"trail": trail if len(trail) > 1 else []}
