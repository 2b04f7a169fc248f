import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def time_tag(value):
    """A day as a `<time>` element: `<time datetime="2026-11-27">27 de novembre de 2026</time>`.

    A moment (a datetime) gives its day in the site's time zone, as the `date` filter would.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), date_format(value, "DATE_FORMAT")
    )
