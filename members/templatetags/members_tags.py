from django import template

from members.listing import registry_counts
from members.models import MembersIndexPage

register = template.Library()


@register.inclusion_tag("members/includes/member_count.html", takes_context=True)
def member_count_figure(context):
    """How many entities are members today, linked to the members listing."""
    request = context["request"]
    totals, _letters = registry_counts()
    return {
        "count": totals.total,
        "members_link": MembersIndexPage.link_for_request(request),
    }
