from django import template

from pages.models import OrganisationSettings
from transparency import rate_limit
from transparency.legal_pages import (
    ACCESSIBILITY_SLUG,
    ORGANISATION_DETAILS_HEADINGS,
    PRIVACY_SLUG,
)
from transparency.models import AccessibilityStatementSettings, TransparencySettings

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


@register.inclusion_tag("transparency/includes/privacy_details.html", takes_context=True)
def privacy_details(context, page):
    """What the privacy notice takes from the settings: DPO, retention, register."""
    if page.slug != PRIVACY_SLUG:
        return {}
    request = context["request"]
    return {
        "show": True,
        "organisation": OrganisationSettings.for_request(request),
        "transparency": TransparencySettings.for_request(request),
        "counter_minutes": rate_limit.minutes(),
    }


@register.inclusion_tag("transparency/includes/accessibility_statement.html", takes_context=True)
def accessibility_statement(context, page):
    """The accessibility statement, made of what editors filled in its settings."""
    if page.slug != ACCESSIBILITY_SLUG:
        return {}
    request = context["request"]
    return {
        "statement": AccessibilityStatementSettings.for_request(request),
        "organisation": OrganisationSettings.for_request(request),
    }
