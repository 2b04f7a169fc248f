from django import template

from members.models import JoinPage

register = template.Library()


@register.simple_tag
def join_page():
    """The live joining page ("Com adherir-se"), or None: one query."""
    return JoinPage.objects.live().first()
