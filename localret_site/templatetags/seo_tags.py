"""What search engines and link previews read in a page's head: description, canonical address,
Open Graph tags and JSON-LD (the organisation on the home page, the breadcrumb trail everywhere).
"""

import json

from django import template
from django.templatetags.static import static
from django.utils.encoding import escape_uri_path
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from localret_site.public_urls import absolute_url, site_base_url
from pages.models import OrganisationSettings
from pages.navigation import breadcrumb_trail
from pages.placeholders import holds_placeholder, real_plain_text

register = template.Library()

DESCRIPTION_LENGTH = 160
TAGLINE = gettext_lazy("Consortium of Catalan local governments for telecommunications and ICT")
SHARE_IMAGE = "img/localret-share.png"
LOGO = "img/icon-512.png"
# Inside <script>, "</script>" or "<!--" in a value would end or confuse the block: escape the
# characters that could start them (as Django's json_script does).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON that is safe to place between <script type="application/ld+json"> tags."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # noqa: S308


def description_from(search_description, introduction):
    """The search description, else the introduction shortened, else '': never a text that
    still holds the editors' placeholder."""
    if search_description and not holds_placeholder(search_description):
        return search_description
    return Truncator(real_plain_text(introduction)).chars(DESCRIPTION_LENGTH)


def page_description(page):
    return description_from(page.search_description, getattr(page, "introduction", ""))


def breadcrumb_list(items):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def trail_items(pages, site, request):
    """(name, absolute URL) of each of the pages from the site's home page down."""
    return [
        (
            _("Home") if page.path == site.root_page.path else page.title,
            absolute_url(page.get_url(request), request),
        )
        for page in pages
    ]


def government_organisation(organisation, home_url, logo_url):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "@id": f"{home_url}#organisation",
        "name": organisation.name,
        "url": home_url,
        "logo": logo_url,
        "address": ", ".join(
            line.strip() for line in organisation.address.splitlines() if line.strip()
        ),
        "taxID": organisation.tax_id,
        "telephone": organisation.phone,
        "email": organisation.email,
        "sameAs": [url for _label, url in organisation.social_links],
    }
    return {key: value for key, value in data.items() if value and not holds_placeholder(value)}


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context, title=None, description=None, noindex=False):
    """The head's description, canonical link, Open Graph tags and JSON-LD.

    Everything comes from the context's Wagtail `page` unless given: a view that is not a page
    (search) or a page's sub-route (a member's page) passes its own `title` and `description`,
    and the breadcrumb trail then ends with that title at the address being shown. A page that
    is neither (an error page) gets only a description.
    """
    request = context["request"]
    page = context.get("page")
    site = Site.find_for_request(request)
    if site is None or (page is None and title is None):
        return {"description": description or TAGLINE}
    organisation = OrganisationSettings.for_request(request)
    home_url = f"{site_base_url(request)}/"
    canonical_url = absolute_url(escape_uri_path(request.path), request)

    if page is not None:
        # The pages base.html has read for the breadcrumbs, else read here.
        pages = context.get("breadcrumb_pages") or breadcrumb_trail(request, page)
        trail = trail_items(pages, site, request)
    else:
        trail = [(_("Home"), home_url)]
    if title and trail[-1][1] != canonical_url:
        trail.append((title, canonical_url))
    structured_data = [breadcrumb_list(trail)]
    if page is not None and page.pk == site.root_page_id:
        logo_url = absolute_url(static(LOGO), request)
        structured_data.insert(0, government_organisation(organisation, home_url, logo_url))

    if page is not None:
        title = title or page.seo_title or page.title
        description = description or page_description(page)
    return {
        "title": title,
        "description": description or TAGLINE,
        "canonical_url": canonical_url,
        "noindex": noindex,
        "site_name": organisation.name,
        "image_url": absolute_url(static(SHARE_IMAGE), request),
        "structured_data": [json_ld(item) for item in structured_data],
    }
