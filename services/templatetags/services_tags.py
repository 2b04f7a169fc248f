"""What search engines read of a service: schema.org's `Service`, as JSON-LD."""

from django import template

from localret_site.public_urls import site_base_url
from localret_site.templatetags.seo_tags import json_ld, page_description
from pages.models import OrganisationSettings

register = template.Library()


def service_data(page, request):
    """The service, for whom it is, and the consortium that provides it (the organisation that
    the home page describes, by its `@id`)."""
    organisation = OrganisationSettings.for_request(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": page.title,
        "description": page_description(page),
        "url": page.get_full_url(request),
        "serviceType": page.category.name if page.category else "",
        "audience": [
            {"@type": "Audience", "audienceType": str(label)} for label in page.audience_labels
        ],
        "provider": {
            "@type": "GovernmentOrganization",
            "@id": f"{site_base_url(request)}/#organisation",
            "name": organisation.name,
        },
        "areaServed": {"@type": "AdministrativeArea", "name": "Catalunya"},
    }
    return {key: value for key, value in data.items() if value}


@register.simple_tag(takes_context=True)
def service_structured_data(context, page):
    """The JSON-LD of a service page, to place in a `<script type="application/ld+json">`."""
    return json_ld(service_data(page, context["request"]))
