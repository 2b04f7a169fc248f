"""Template tags of the news and the agenda: the latest news for the home page, the feed's
announcement in every page's head, the events' dates and times, and their JSON-LD."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from localret_site.public_urls import absolute_url
from localret_site.templatetags.seo_tags import json_ld
from news import structured_data
from news.models import NewsIndexPage, NewsPage
from news.models.news import FEED_PATH
from pages.models import OrganisationSettings

register = template.Library()

TIME_FORMAT = r"G.i \h"
EN_DASH = "\N{EN DASH}"


@register.inclusion_tag("news/includes/feed_link.html", takes_context=True)
def news_feed_link(context):
    """`<link rel="alternate">` to the news feed, for browsers and feed readers."""
    request = context["request"]
    index = NewsIndexPage.link_for_request(request)
    feed_url = absolute_url(index.url + FEED_PATH, request) if index else ""
    return {"index": index, "feed_url": feed_url}


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, count=3):
    """The `count` newest news items with a link to all of them; nothing when there are none.

    News items live only under the one news page, so they are all its news."""
    request = context["request"]
    index = NewsIndexPage.link_for_request(request)
    news = NewsPage.objects.live().public().order_by("-date", "-pk")[:count] if index else []
    return {"index": index, "news": news, "request": request}


def moment(value, with_day=True):
    value = timezone.localtime(value)
    shown = date_format(value, TIME_FORMAT)
    if with_day:
        shown = f"{date_format(value, 'DATE_FORMAT')}, {shown}"
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), shown)


@register.simple_tag
def event_when(event):
    """When an event happens: "27 de novembre de 2026, 10.30 h - 13.00 h" (with an en dash),
    or both days in full when it lasts several."""
    same_day = timezone.localdate(event.start) == timezone.localdate(event.end)
    return format_html(
        "{} {} {}", moment(event.start), EN_DASH, moment(event.end, with_day=not same_day)
    )


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page, tags, image_url=""):
    request = context["request"]
    organisation = OrganisationSettings.for_request(request)
    data = structured_data.news_article(page, request, organisation.name, tags, image_url)
    return format_html('<script type="application/ld+json">{}</script>', json_ld(data))


@register.simple_tag(takes_context=True)
def event_json_ld(context, page):
    request = context["request"]
    organisation = OrganisationSettings.for_request(request)
    data = structured_data.event(page, request, organisation.name)
    return format_html('<script type="application/ld+json">{}</script>', json_ld(data))
