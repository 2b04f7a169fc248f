from django import template

from members.models import Member, MembersIndexPage

register = template.Library()


@register.inclusion_tag("members/includes/member_count.html", takes_context=True)
def member_count_figure(context, fallback=None):
    """How many entities are members today, linked to the members listing.

    While the registry holds no member, the `fallback` key figure (the editors' own value and
    label) is shown instead, or nothing: a count of zero would say the registry is empty.
    """
    count = Member.objects.current().count()
    if not count:
        return {"fallback": fallback}
    request = context.get("request")  # none in a block's preview
    return {
        "count": count,
        "members_link": MembersIndexPage.link_for_request(request) if request else None,
    }
