"""JSON-LD of a news item (`NewsArticle`) and of an event (`Event`), as schema.org describes
them for search engines."""

from django.templatetags.static import static
from django.utils import timezone

from localret_site.public_urls import absolute_url

LOGO = "img/icon-512.png"
ATTENDANCE_MODES = {
    (True, False): "https://schema.org/OfflineEventAttendanceMode",
    (False, True): "https://schema.org/OnlineEventAttendanceMode",
    (True, True): "https://schema.org/MixedEventAttendanceMode",
}


def organisation(name, request):
    return {
        "@type": "Organization",
        "name": name,
        "url": absolute_url("/", request),
        "logo": absolute_url(static(LOGO), request),
    }


def news_article(page, request, organisation_name, tags, image_url=None):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.summary,
        "datePublished": page.date.isoformat(),
        "dateModified": timezone.localtime(page.last_published_at).isoformat()
        if page.last_published_at
        else page.date.isoformat(),
        "mainEntityOfPage": page.get_full_url(request),
        "author": organisation(organisation_name, request),
        "publisher": organisation(organisation_name, request),
        "keywords": [tag.name for tag in tags],
    }
    if image_url:
        data["image"] = [absolute_url(image_url, request)]
    return data


def event_location(page):
    places = []
    if page.place:
        places.append({"@type": "Place", "name": page.place, "address": page.place})
    if page.online_url:
        places.append({"@type": "VirtualLocation", "url": page.online_url})
    return places[0] if len(places) == 1 else places


def event(page, request, organisation_name):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[(bool(page.place), bool(page.online_url))],
        "location": event_location(page),
        "organizer": {"@type": "Organization", "name": page.organiser or organisation_name},
        "url": page.get_full_url(request),
    }
    if page.registration_url:
        data["offers"] = {"@type": "Offer", "url": page.registration_url}
    return data
