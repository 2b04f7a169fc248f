from django import template

from members.listing import registry_counts
from members.models import MembersIndexPage

register = template.Library()


@register.inclusion_tag("members/includes/member_count.html", takes_context=True)
def member_count_figure(context, fallback=None):
    """How many entities are members today, linked to the members listing.

    While the registry holds no member, the `fallback` key figure (the editors' own value and
    label) is shown instead, or nothing: a count of zero would say the registry is empty.
    """
    totals, _letters = registry_counts()
    if not totals.total:
        return {"fallback": fallback}
    request = context.get("request")  # none in a block's preview
    return {
        "count": totals.total,
        "members_link": MembersIndexPage.link_for_request(request) if request else None,
    }
