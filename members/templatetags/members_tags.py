from html import escape

from django import template
from django.utils.safestring import mark_safe

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
        "members_page": MembersIndexPage.for_request(request),
        "request": request,
    }


@register.filter
def select_options(choices, selected):
    """The `<option>` elements of (value, label) choices, with the selected value marked.

    The listing's filters offer some 60 options on every request: through a template loop they
    were a sixth of the page's work. `html.escape` escapes the same characters as Django's
    `escape`.
    """
    selected = "" if selected is None else str(selected)
    return mark_safe(  # noqa: S308 (every value is escaped)
        "".join(
            f'<option value="{escape(str(value))}"'
            f"{' selected' if str(value) == selected else ''}>{escape(str(label))}</option>"
            for value, label in choices
        )
    )
