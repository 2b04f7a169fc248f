import datetime
from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language

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
    return time_element(value, get_language())


# Formatting a date in words is slow next to the rest of a list row, and lists repeat days.
@lru_cache(maxsize=1024)
def time_element(day, language):
    return format_html(
        '<time datetime="{}">{}</time>', day.isoformat(), date_format(day, "DATE_FORMAT")
    )
