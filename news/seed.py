"""The news and agenda pages, with a placeholder introduction for editors; the demo news and
events (`seed_demo`, for `seed_site --demo` only).

The production seed creates no news item and no event: only the consortium knows what
happened and what is coming. Demo items are dated relative to the day of seeding, so that a
demo agenda always has something to come and something past.
"""

import datetime

from django.utils import timezone

from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from pages.seed import ensure_child, paragraphs

DEMO_NEWS = [
    {
        "days_ago": 3,
        "title": "Nova guia per al desplegament de la fibra òptica als municipis",
        "slug": "guia-desplegament-fibra-optica",
        "summary": "El consorci publica una guia pràctica perquè els ajuntaments ordenin el "
        "desplegament de xarxes de fibra òptica al seu territori.",
        "text": "La guia recull els passos que un ajuntament pot seguir, des de l’ordenança "
        "municipal fins a la coordinació amb els operadors.",
        "tags": ["Telecomunicacions", "Guies"],
    },
    {
        "days_ago": 24,
        "title": "Jornada sobre ciberseguretat als ens locals",
        "slug": "jornada-ciberseguretat-ens-locals",
        "summary": "Més de cent persones de diferents ajuntaments comparteixen experiències "
        "sobre la protecció dels sistemes d’informació municipals.",
        "text": "La jornada va tractar la gestió d’incidents, la formació del personal i les "
        "obligacions de l’Esquema Nacional de Seguretat.",
        "tags": ["Ciberseguretat", "Jornades"],
    },
    {
        "days_ago": 75,
        "title": "Renovació del conveni de col·laboració amb les entitats municipalistes",
        "slug": "renovacio-conveni-entitats-municipalistes",
        "summary": "El consorci i les entitats municipalistes renoven el conveni que emmarca "
        "la seva col·laboració en l’àmbit de les TIC.",
        "text": "El conveni preveu accions conjuntes de formació i d’assessorament als ens locals.",
        "tags": ["Institucional"],
    },
]

DEMO_EVENTS = [
    {
        "days_from_today": 21,
        "hours": (10, 13),
        "title": "Taller sobre l’administració electrònica municipal",
        "slug": "taller-administracio-electronica",
        "summary": "Un taller pràctic per al personal municipal sobre la tramitació "
        "electrònica d’expedients.",
        "place": "Sala d’actes, Via Laietana 26, Barcelona",
        "online_url": "https://www.example.cat/taller-en-linia",
        "registration_url": "https://www.example.cat/inscripcio",
    },
    {
        "days_from_today": -40,
        "hours": (9, 14),
        "title": "Trobada anual de responsables TIC dels ens locals",
        "slug": "trobada-anual-responsables-tic",
        "summary": "La trobada anual per compartir projectes i necessitats dels serveis "
        "informàtics municipals.",
        "place": "Auditori, Girona",
        "online_url": "",
        "registration_url": "",
    },
]


def seed(home):
    """ "Actualitat" and "Agenda" under the home page, in this order; returns both."""
    news_index = ensure_child(
        home,
        NewsIndexPage,
        slug="actualitat",
        title="Actualitat",
        show_in_menus=True,
        search_description="Les notícies del Consorci Localret.",
        introduction=paragraphs("Actualitat: afegir petit text sobre l’actualitat"),
    )
    event_index = ensure_child(
        home,
        EventIndexPage,
        slug="agenda",
        title="Agenda",
        show_in_menus=True,
        search_description="Les activitats i els actes del Consorci Localret.",
        introduction=paragraphs("Agenda: afegir petit text sobre l’agenda"),
    )
    return news_index, event_index


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_demo(news_index, event_index):
    """The demo news and events, under index pages that have none yet."""
    today = timezone.localdate()
    if not news_index.get_children().exists():
        for item in DEMO_NEWS:
            page = NewsPage(
                title=item["title"],
                slug=item["slug"],
                date=today - datetime.timedelta(days=item["days_ago"]),
                summary=item["summary"],
                body=[("text", paragraphs(item["text"]))],
            )
            page.tags.add(*item["tags"])
            publish_child(news_index, page)
    if not event_index.get_children().exists():
        for item in DEMO_EVENTS:
            day = today + datetime.timedelta(days=item["days_from_today"])
            start_hour, end_hour = item["hours"]
            publish_child(
                event_index,
                EventPage(
                    title=item["title"],
                    slug=item["slug"],
                    start=timezone.make_aware(
                        datetime.datetime.combine(day, datetime.time(start_hour))
                    ),
                    end=timezone.make_aware(
                        datetime.datetime.combine(day, datetime.time(end_hour))
                    ),
                    summary=item["summary"],
                    place=item["place"],
                    online_url=item["online_url"],
                    registration_url=item["registration_url"],
                    description=[("text", paragraphs(item["summary"]))],
                ),
            )
