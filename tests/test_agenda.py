"""Agenda: the events at /agenda/ (upcoming first, then past ones by year), an event's page, each
event as an iCalendar file and the whole agenda as a calendar to subscribe to."""

import datetime
import json
import re

import icalendar
import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import EventIndexPage, EventPage
from tests.factories import EventPageFactory
from tests.factories.news import in_days

URL = "/agenda/"
CALENDAR_URL = "/agenda/agenda.ics"
PRODUCTION_BASE_URL = "https://www.localret.cat"
MAX_QUERIES = 15
MADRID = timezone.get_default_timezone()


@pytest.fixture
def agenda(seeded_site):
    """The seeded agenda page, without the demo events."""
    for page in EventPage.objects.all():
        page.delete()
    return EventIndexPage.objects.get()


def at(*args):
    """A moment in Catalan time."""
    return datetime.datetime(*args, tzinfo=MADRID)


def titles_in(html):
    return re.findall(r'class="event-item__title"><a href="[^"]+">([^<]+)</a>', html)


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


def calendar_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def event_json_ld(html):
    found = [
        json.loads(script)
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    (event,) = [item for item in found if item["@type"] == "Event"]
    return event


# The agenda ----------------------------------------------------------------------------------


def test_upcoming_events_come_first_soonest_first_then_past_ones_by_year(client, agenda):
    EventPageFactory(parent=agenda, title="D’aquí a un mes", start=in_days(30))
    EventPageFactory(parent=agenda, title="Demà", start=in_days(1))
    EventPageFactory(parent=agenda, title="Fa dos anys", start=in_days(-2 * 366))
    EventPageFactory(parent=agenda, title="Ahir", start=in_days(-1))
    EventPageFactory(parent=agenda, title="Fa una setmana", start=in_days(-7))
    EventPageFactory(parent=agenda, title="Esborrany", start=in_days(2), live=False)

    html = text_of(client.get(URL))

    upcoming, past = html.split('id="agenda-past-heading"')
    assert titles_in(upcoming) == ["Demà", "D’aquí a un mes"]
    assert titles_in(past) == ["Ahir", "Fa una setmana", "Fa dos anys"]
    years = re.findall(r'<h3 class="agenda-past__year">(\d+)</h3>', past)
    assert years == sorted(set(years), reverse=True)
    assert int(years[-1]) == timezone.localdate(in_days(-2 * 366)).year
    assert '<h4 class="event-item__title">' in past


def test_an_event_going_on_now_is_still_upcoming(client, agenda):
    now = timezone.now()
    EventPageFactory(
        parent=agenda,
        title="Ara mateix",
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=1),
    )

    html = text_of(client.get(URL))

    assert titles_in(html.split('id="agenda-upcoming-heading"')[1]) == ["Ara mateix"]
    assert "Actes passats" not in html


def test_an_empty_agenda_says_so_and_offers_its_calendar(client, agenda):
    html = text_of(client.get(URL))

    assert "Ara com ara no hi ha cap acte previst." in html
    assert "Actes passats" not in html
    assert 'href="/agenda/agenda.ics"' in html


@pytest.mark.parametrize("url", [URL, CALENDAR_URL])
def test_queries_do_not_grow_with_the_number_of_events(
    client, agenda, django_assert_max_num_queries, url
):
    def count_queries():
        cache.clear()
        client.get(url)  # the header and footer fragments, kept until the content changes
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for day in range(-1, 2):
        EventPageFactory(parent=agenda, start=in_days(day * 100))
    with_three = count_queries()
    for day in range(2, 29):
        EventPageFactory(parent=agenda, start=in_days(day * 30 - 400))

    assert count_queries() == with_three


# An event ------------------------------------------------------------------------------------


def test_an_event_shows_when_where_who_and_how_to_sign_up(client, agenda):
    event = EventPageFactory(
        parent=agenda,
        title="Jornada TIC",
        start=at(2036, 11, 27, 10, 30),
        end=at(2036, 11, 27, 13, 0),
        place="Auditori, Girona",
        online_url="https://exemple.cat/directe",
        registration_url="https://exemple.cat/inscripcio",
        summary="Una jornada per als serveis TIC municipals.",
    )

    html = text_of(client.get(event.url))

    assert re.findall(r"<h1[^>]*>([^<]+)</h1>", html) == ["Jornada TIC"]
    assert (
        '<time datetime="2036-11-27T10:30:00+01:00">27 de novembre de 2036, 10.30 h</time>'
        ' \N{EN DASH} <time datetime="2036-11-27T13:00:00+01:00">13.00 h</time>'
    ) in html
    assert "<dd>Auditori, Girona</dd>" in html
    assert '<a href="https://exemple.cat/directe">Seguiu l’acte en línia</a>' in html
    assert "<dd>Consorci Localret</dd>" in html
    assert '<a href="https://exemple.cat/inscripcio">Inscriviu-vos a l’acte</a>' in html
    assert '<meta name="description" content="Una jornada per als serveis TIC municipals.">' in html


def test_an_event_over_several_days_gives_both_days(client, agenda):
    event = EventPageFactory(
        parent=agenda, start=at(2036, 6, 30, 9, 0), end=at(2036, 7, 1, 14, 0), organiser="L’AOC"
    )

    html = text_of(client.get(event.url))

    assert "30 de juny de 2036, 9.00 h</time> \N{EN DASH} " in html
    assert "1 de juliol de 2036, 14.00 h</time>" in html
    assert "<dd>L’AOC</dd>" in html


def test_a_past_event_says_so_and_no_longer_offers_to_sign_up(client, agenda):
    event = EventPageFactory(
        parent=agenda, start=in_days(-3), registration_url="https://exemple.cat/inscripcio"
    )

    html = text_of(client.get(event.url))

    assert "Aquest acte ja s’ha fet." in html
    assert "https://exemple.cat/inscripcio" not in html.split("</head>")[1]


@pytest.mark.parametrize(
    ("place", "online_url", "mode", "location_types"),
    [
        ("Auditori, Girona", "", "OfflineEventAttendanceMode", "Place"),
        ("", "https://exemple.cat/directe", "OnlineEventAttendanceMode", "VirtualLocation"),
        (
            "Auditori, Girona",
            "https://exemple.cat/directe",
            "MixedEventAttendanceMode",
            ["Place", "VirtualLocation"],
        ),
    ],
)
def test_an_event_describes_itself_in_json_ld(
    client, agenda, settings, place, online_url, mode, location_types
):
    settings.SITE_BASE_URL = PRODUCTION_BASE_URL
    event = EventPageFactory(
        parent=agenda,
        title="Jornada",
        start=at(2036, 11, 27, 10, 30),
        end=at(2036, 11, 27, 13, 0),
        place=place,
        online_url=online_url,
    )

    data = event_json_ld(text_of(client.get(event.url)))

    assert data["name"] == "Jornada"
    assert data["startDate"] == "2036-11-27T10:30:00+01:00"
    assert data["endDate"] == "2036-11-27T13:00:00+01:00"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"
    location = data["location"]
    if isinstance(location_types, list):
        assert [item["@type"] for item in location] == location_types
    else:
        assert location["@type"] == location_types
    assert data["organizer"] == {"@type": "Organization", "name": "Consorci Localret"}
    assert data["url"] == f"{PRODUCTION_BASE_URL}/agenda/{event.slug}/"


def test_an_event_needs_a_place_or_an_online_link_and_an_end_after_its_start(agenda):
    event = EventPage(
        title="Acte",
        slug="acte",
        summary="Resum.",
        start=at(2036, 1, 2, 10, 0),
        end=at(2036, 1, 2, 9, 0),
    )

    with pytest.raises(ValidationError) as raised:
        event.full_clean()

    assert raised.value.message_dict["place"] == [
        "Indiqueu el lloc de l’acte, l’enllaç per seguir-lo en línia o tots dos."
    ]
    assert raised.value.message_dict["end"] == ["El final no pot ser anterior a l’inici."]


def test_events_live_only_under_the_one_agenda(seeded_site, agenda):
    assert not EventIndexPage.can_create_at(seeded_site.root_page)
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]


# iCalendar -----------------------------------------------------------------------------------


def test_an_event_downloads_as_an_icalendar_file(client, agenda, settings):
    settings.SITE_BASE_URL = PRODUCTION_BASE_URL
    event = EventPageFactory(
        parent=agenda,
        title="Jornada TIC",
        start=at(2036, 11, 27, 10, 30),
        end=at(2036, 11, 27, 13, 0),
        place="Sala d’actes, Via Laietana 26, Barcelona",
        online_url="https://exemple.cat/directe",
        organiser="L’AOC",
        summary="Una jornada per als serveis TIC municipals.",
    )

    response = client.get(event.url, {"format": "ics"})

    calendar = calendar_of(response)
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == at(2036, 11, 27, 10, 30)
    assert vevent.decoded("DTEND") == at(2036, 11, 27, 13, 0)
    assert str(vevent["SUMMARY"]) == "Jornada TIC"
    assert str(vevent["LOCATION"]) == "Sala d’actes, Via Laietana 26, Barcelona"
    assert str(vevent["URL"]) == f"{PRODUCTION_BASE_URL}/agenda/{event.slug}/"
    assert str(vevent["UID"]).endswith("@www.localret.cat")
    assert "DTSTAMP" in vevent
    description = str(vevent["DESCRIPTION"])
    assert description.startswith("Una jornada per als serveis TIC municipals.")
    assert "Organitza: L’AOC" in description
    assert "En línia: https://exemple.cat/directe" in description


def test_an_event_answers_another_format_with_a_catalan_400(client, agenda):
    event = EventPageFactory(parent=agenda)

    response = client.get(event.url, {"format": "pdf"})

    assert response.status_code == 400
    assert "amb ?format=ics, com a fitxer de calendari" in response.content.decode()


def test_the_agenda_is_a_calendar_to_subscribe_to(client, agenda):
    upcoming = EventPageFactory(parent=agenda, title="Proper", start=in_days(10))
    EventPageFactory(parent=agenda, title="Passat", start=in_days(-10))
    EventPageFactory(parent=agenda, title="Esborrany", live=False)

    response = client.get(CALENDAR_URL)

    calendar = calendar_of(response)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Consorci Localret//")
    assert str(calendar["X-WR-CALNAME"]) == "Agenda | Localret"
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Passat", "Proper"]
    assert all(name in event for event in events for name in ("UID", "DTSTAMP", "DTSTART", "DTEND"))
    uids = {str(event["UID"]) for event in events}

    upcoming.title = "Proper, amb un títol nou"
    upcoming.save_revision().publish()
    again = calendar_of(client.get(CALENDAR_URL)).walk("VEVENT")

    assert {str(event["UID"]) for event in again} == uids


def test_calendar_files_keep_to_rfc_5545_lines(client, agenda):
    EventPageFactory(parent=agenda, summary="Un resum molt llarg, " * 20, place="Girona")

    for url in [CALENDAR_URL, f"{EventPage.objects.get().url}?format=ics"]:
        content = client.get(url).content
        lines = content.split(b"\r\n")
        assert content.endswith(b"\r\n"), url
        assert b"\n" not in content.replace(b"\r\n", b""), url
        assert all(len(line) <= 75 for line in lines), url
        assert any(line.startswith(b" ") for line in lines), f"{url}: no folded line"


@pytest.mark.parametrize("url", ["/qui-som/agenda.ics", "/no-existeix/agenda.ics"])
def test_no_calendar_outside_the_agenda(client, agenda, url):
    assert client.get(url).status_code == 404


def test_the_calendar_follows_the_agendas_view_restrictions(client, agenda):
    EventPageFactory(parent=agenda, title="Reservat")
    PageViewRestriction.objects.create(page=agenda, restriction_type="password", password="x")
    cache.clear()  # the test's transaction never commits: nothing else empties it

    response = client.get(CALENDAR_URL)

    assert response.status_code == 200
    assert b"Reservat" not in response.content


# The admin -----------------------------------------------------------------------------------


def event_form(**fields):
    return nested_form_data(
        {
            "title": "Jornada TIC",
            "slug": "jornada-tic",
            "start": "2036-11-27 10:30",
            "end": "2036-11-27 13:00",
            "place": "",
            "online_url": "",
            "organiser": "",
            "registration_url": "",
            "summary": "Una jornada.",
            "description": streamfield([]),
            "action-publish": "action-publish",
            **fields,
        }
    )


def test_an_editor_publishes_an_event_in_catalan_time(admin_client_ca, agenda):
    add_url = reverse("wagtailadmin_pages:add", args=["news", "eventpage", agenda.pk])

    refused = admin_client_ca.post(add_url, event_form())
    published = admin_client_ca.post(add_url, event_form(place="Auditori, Girona"))

    assert "Indiqueu el lloc de l’acte, l’enllaç per seguir-lo en línia o tots dos." in (
        refused.content.decode()
    )
    assert published.status_code == 302
    event = EventPage.objects.get(slug="jornada-tic")
    assert event.live
    assert event.start == at(2036, 11, 27, 10, 30)
