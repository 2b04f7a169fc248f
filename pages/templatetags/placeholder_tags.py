"""Texts that may still hold the editors' placeholder ("afegir petit text"): the public sees only
their real parts; the admin preview shows the placeholders highlighted as text still to write."""

from django import template

from pages import placeholders

register = template.Library()

register.filter("holds_placeholder", placeholders.holds_placeholder)
register.filter("real_text", placeholders.real_text)


@register.inclusion_tag("includes/editor_text.html", takes_context=True)
def editor_text(context, value, css_class="rich-text", in_preparation=False):
    """A rich text in a `<div class="{css_class}">`, without its placeholder parts.

    A placeholder that is all there is under a heading gives way to the sentence saying the
    content is being prepared; so does the whole text when it holds nothing real and
    `in_preparation` is set. In the admin preview every placeholder is shown, highlighted.
    """
    parts = placeholders.text_parts(value)
    request = context.get("request")
    return {
        "parts": parts,
        "css_class": css_class,
        "is_preview": getattr(request, "is_preview", False),
        "has_real_text": any(not part.is_placeholder for part in parts),
        "in_preparation": in_preparation and bool(parts),
    }
