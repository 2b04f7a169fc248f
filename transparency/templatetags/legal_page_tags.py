from django import template

from pages.models import OrganisationSettings
from transparency.legal_pages import ORGANISATION_DETAILS_HEADINGS

register = template.Library()


@register.inclusion_tag("transparency/includes/organisation_details.html", takes_context=True)
def organisation_details(context, page):
    """The organisation's identity and contact, on the legal pages that must state them."""
    heading = ORGANISATION_DETAILS_HEADINGS.get(page.slug)
    if heading is None:
        return {}
    return {
        "heading": heading,
        "organisation": OrganisationSettings.for_request(context["request"]),
    }
