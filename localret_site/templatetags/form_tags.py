from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def select_options(choices, selected):
    """The `<option>` elements of (value, label) choices, with the selected value marked.

    A filter of the members listing offers some 60 options on every request: through a template
    loop they were a sixth of the page's work. `html.escape` escapes the same characters as
    Django's `escape`.
    """
    selected = "" if selected is None else str(selected)
    return mark_safe(  # noqa: S308 (every value is escaped)
        "".join(
            f'<option value="{escape(str(value))}"'
            f"{' selected' if str(value) == selected else ''}>{escape(str(label))}</option>"
            for value, label in choices
        )
    )
