"""Events as iCalendar (RFC 5545) files: one event (`?format=ics` on its page) or the whole
agenda to subscribe to (`agenda.ics`).

Times are written in UTC, which every calendar app converts to its reader's zone, so the file
needs no VTIMEZONE. Each event's UID is its page's, on the site's host: a calendar that
subscribes updates the event it already has when the page changes, and never duplicates it.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from localret_site.public_urls import site_base_url

PRODID = "-//Consorci Localret//Agenda//CA"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def in_utc(moment):
    return moment.astimezone(datetime.UTC) if moment else None


def event_description(event):
    """The event's summary, then who organises it, how to follow it online and how to sign up,
    as plain text."""
    lines = [event.summary]
    if event.organiser:
        lines.append(_("Organiser: %(organiser)s") % {"organiser": event.organiser})
    if event.online_url:
        lines.append(_("Online: %(url)s") % {"url": event.online_url})
    if event.registration_url:
        lines.append(_("Registration: %(url)s") % {"url": event.registration_url})
    return "\n\n".join(lines)


def calendar_event(event, host, request):
    return Event.new(
        uid=f"event-{event.translation_key}@{host}",
        stamp=in_utc(event.last_published_at or timezone.now()),
        last_modified=in_utc(event.last_published_at),
        start=in_utc(event.start),
        end=in_utc(event.end),
        summary=event.title,
        description=event_description(event),
        location=event.place or event.online_url,
        url=event.get_full_url(request),
    )


def calendar_name(title):
    return _("%(title)s | Localret") % {"title": title}


def event_calendar(title, events, request):
    """A calendar named after `title` holding `events` (EventPages)."""
    host = urlsplit(site_base_url(request)).hostname
    calendar = Calendar.new(
        name=calendar_name(title),
        prodid=PRODID,
        uid=f"agenda@{host}",
        method="PUBLISH",
        calscale="GREGORIAN",
        language="ca",
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(calendar_event(event, host, request))
    return calendar


def calendar_response(calendar, filename, download):
    """The calendar as a response; `download` makes browsers save it as `<filename>.ics`
    rather than hand it to a calendar app that subscribes to it."""
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.ics"'
    return response
