from django import template

from members.models import Member, MembersIndexPage

register = template.Library()


@register.inclusion_tag("members/includes/member_count.html", takes_context=True)
def member_count_figure(context):
    """How many entities are members today, linked to the members listing (one query)."""
    request = context["request"]
    return {
        "count": Member.objects.current().count(),
        "members_page": MembersIndexPage.for_request(request),
        "request": request,
    }
