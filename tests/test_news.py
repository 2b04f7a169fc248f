"""Actualitat: the news list at /actualitat/ with its filters, a news item's page, the Atom feed,
the three latest news on the home page, and a news item published in the admin showing at once."""

import datetime
import io
import json
import re
from xml.etree import ElementTree

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.listing import PAGE_SIZE
from news.models import NewsIndexPage, NewsPage
from pages.readiness import pages_with_placeholders
from tests.factories import NewsImageFactory, NewsPageFactory

URL = "/actualitat/"
FEED_URL = "/actualitat/feed/"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
PRODUCTION_BASE_URL = "https://www.localret.cat"
MAX_QUERIES = 15


@pytest.fixture
def news_index(seeded_site):
    """The seeded news page, without the demo news."""
    for page in NewsPage.objects.all():
        page.delete()
    return NewsIndexPage.objects.get()


def add_news(index, days_ago=0, **fields):
    fields.setdefault("date", timezone.localdate() - datetime.timedelta(days=days_ago))
    return NewsPageFactory(parent=index, **fields)


def titles_in(html):
    return re.findall(r'class="news-item__title"><a href="[^"]+">([^<]+)</a>', html)


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


def json_ld_of(html, schema_type):
    found = [
        json.loads(script)
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    return [item for item in found if item["@type"] == schema_type]


# The list ------------------------------------------------------------------------------------


def test_the_list_shows_the_news_newest_first_with_their_dates_in_catalan(client, news_index):
    add_news(news_index, title="Notícia antiga", date=datetime.date(2025, 4, 1))
    add_news(news_index, title="Notícia nova", date=datetime.date(2026, 11, 27))
    NewsPageFactory(parent=news_index, title="Esborrany", live=False)

    html = text_of(client.get(URL))

    assert titles_in(html) == ["Notícia nova", "Notícia antiga"]
    assert '<time datetime="2026-11-27">27 de novembre de 2026</time>' in html
    assert '<time datetime="2025-04-01">1 d’abril de 2025</time>' in html
    assert "Resum de: Notícia nova." in html
    assert len(re.findall(r"<h1\b", html)) == 1


def test_an_empty_list_says_so(client, news_index):
    html = text_of(client.get(URL))

    assert "Encara no s’ha publicat cap notícia." in html
    assert titles_in(html) == []


def test_the_list_is_paginated(client, news_index):
    for day in range(PAGE_SIZE + 2):
        add_news(news_index, days_ago=day, title=f"Notícia del dia {day:02d}")

    first = text_of(client.get(URL))
    second = text_of(client.get(URL, {"page": 2}))

    assert len(titles_in(first)) == PAGE_SIZE
    assert titles_in(second) == ["Notícia del dia 10", "Notícia del dia 11"]
    assert 'href="?page=2"' in first
    assert 'aria-current="page">2</a>' in second


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "1.5", "9" * 30])
def test_a_page_number_out_of_range_is_not_found(client, news_index, page):
    add_news(news_index)

    response = client.get(URL, {"page": page})

    assert response.status_code == 404
    assert "Pàgina no trobada" in response.content.decode()


def test_the_list_is_filtered_by_year(client, news_index):
    add_news(news_index, title="De 2025", date=datetime.date(2025, 6, 1))
    add_news(news_index, title="De 2026", date=datetime.date(2026, 6, 1))

    html = text_of(client.get(URL, {"any": "2025"}))

    assert titles_in(html) == ["De 2025"]
    assert "Notícies de 2025" in html
    assert '<option value="2025" selected>' in html
    assert "Mostra totes les notícies" in html


def test_the_list_is_filtered_by_tag_and_a_news_item_links_to_its_tags(client, news_index):
    tagged = add_news(news_index, title="Sobre ciberseguretat", tags=["Ciberseguretat"])
    add_news(news_index, title="Sobre fibra", tags=["Fibra òptica"])

    html = text_of(client.get(URL, {"etiqueta": "ciberseguretat"}))
    page_html = text_of(client.get(tagged.url))

    assert titles_in(html) == ["Sobre ciberseguretat"]
    assert "Notícies amb l’etiqueta «Ciberseguretat»" in html
    assert 'href="/actualitat/?etiqueta=ciberseguretat"' in page_html


def test_year_and_tag_filters_combine(client, news_index):
    add_news(news_index, title="Jornada 2025", date=datetime.date(2025, 3, 1), tags=["Jornades"])
    add_news(news_index, title="Jornada 2026", date=datetime.date(2026, 3, 1), tags=["Jornades"])
    add_news(news_index, title="Guia 2025", date=datetime.date(2025, 5, 1), tags=["Guies"])

    html = text_of(client.get(URL, {"any": "2025", "etiqueta": "jornades"}))

    assert titles_in(html) == ["Jornada 2025"]
    assert "Notícies de 2025 amb l’etiqueta «Jornades»" in html


def test_a_year_without_news_shows_an_empty_list(client, news_index):
    add_news(news_index, date=datetime.date(2026, 1, 1))

    html = text_of(client.get(URL, {"any": "1999"}))

    assert titles_in(html) == []
    assert "Cap notícia no coincideix amb aquests filtres." in html


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"any": "dos mil"}, "«dos mil» no és un any; per això la llista no es filtra per any."),
        ({"any": "20255"}, "«20255» no és un any"),
        (
            {"etiqueta": "no-existeix"},
            "Cap notícia no té l’etiqueta «no-existeix»; per això la llista no es filtra per "
            "etiqueta.",
        ),
        ({"etiqueta": "<script>"}, "Cap notícia no té l’etiqueta «&lt;script&gt;»"),
    ],
)
def test_bad_filter_values_get_the_whole_list_with_a_notice(client, news_index, params, notice):
    add_news(news_index, title="Una notícia")

    html = text_of(client.get(URL, params))

    assert notice in html
    assert titles_in(html) == ["Una notícia"]
    assert "<script>" not in html.split('id="main-content"')[1]


def test_odd_bytes_in_the_query_string_do_not_break_the_list(client, news_index):
    add_news(news_index)

    for query in ["any=%00", "etiqueta=%FF%FE", "any=%E2%80%AE2025", "page=%00"]:
        assert client.get(f"{URL}?{query}").status_code in {200, 404}, query


@pytest.mark.parametrize("url", [URL, FEED_URL, "/"])
def test_queries_do_not_grow_with_the_number_of_news(
    client, news_index, django_assert_max_num_queries, url
):
    def count_queries():
        cache.clear()
        client.get(url)  # the header and footer fragments, kept until the content changes
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    image = NewsImageFactory()
    for day in range(3):
        add_news(news_index, days_ago=day, image=image, image_alt="Una foto", tags=["Tic"])
    client.get(url)  # makes the renditions the list shows
    with_three = count_queries()
    for day in range(3, 30):
        add_news(news_index, days_ago=day, image=image, image_alt="Una foto", tags=["Tic"])
    client.get(url)

    assert count_queries() == with_three


# A news item ---------------------------------------------------------------------------------


def test_a_news_item_shows_its_title_date_summary_picture_and_text(client, news_index):
    image = NewsImageFactory()
    page = add_news(
        news_index,
        title="Nova guia de la fibra",
        date=datetime.date(2026, 11, 27),
        summary="Una guia per als ajuntaments.",
        image=image,
        image_alt="Un tècnic estén fibra òptica",
        body=[("text", "<p>El text sencer de la notícia.</p>")],
    )

    html = text_of(client.get(page.url))

    assert re.findall(r"<h1[^>]*>([^<]+)</h1>", html) == ["Nova guia de la fibra"]
    assert '<time datetime="2026-11-27">27 de novembre de 2026</time>' in html
    assert "Una guia per als ajuntaments." in html
    assert 'alt="Un tècnic estén fibra òptica"' in html
    assert "El text sencer de la notícia." in html
    assert '<meta name="description" content="Una guia per als ajuntaments.">' in html


def test_a_news_item_describes_itself_as_a_news_article_in_json_ld(client, news_index, settings):
    settings.SITE_BASE_URL = PRODUCTION_BASE_URL
    page = add_news(
        news_index,
        title="Jornada",
        date=datetime.date(2026, 11, 27),
        image=NewsImageFactory(),
        image_alt="La sala plena",
        tags=["Jornades"],
    )

    (article,) = json_ld_of(text_of(client.get(page.url)), "NewsArticle")

    assert article["headline"] == "Jornada"
    assert article["datePublished"] == "2026-11-27"
    assert article["mainEntityOfPage"] == f"{PRODUCTION_BASE_URL}/actualitat/{page.slug}/"
    assert article["image"][0].startswith(f"{PRODUCTION_BASE_URL}/")
    assert article["publisher"]["name"] == "Consorci Localret"
    assert article["keywords"] == ["Jornades"]


def test_news_items_are_in_the_sitemap_with_their_last_change(client, news_index):
    page = add_news(news_index)
    page.save_revision().publish()
    page.refresh_from_db()

    sitemap = client.get("/sitemap.xml").content.decode()

    entry = re.search(rf"<url><loc>[^<]*{page.url}</loc><lastmod>([^<]+)</lastmod>", sitemap)
    assert entry, sitemap
    assert entry.group(1) == timezone.localdate(page.last_published_at).isoformat()
    index_entry = re.search(r"<url><loc>[^<]*/actualitat/</loc><lastmod>([^<]+)</lastmod>", sitemap)
    assert index_entry.group(1) == entry.group(1)


def test_a_news_item_takes_the_day_it_is_first_published_as_its_date(news_index):
    page = NewsPage(title="Sense data", slug="sense-data", summary="Resum.", live=False)
    news_index.add_child(instance=page)
    assert page.date is None

    page.save_revision().publish()

    page.refresh_from_db()
    assert page.date == timezone.localdate()


# The feed ------------------------------------------------------------------------------------


def feed_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)  # noqa: S314 (the site's own feed)


def test_the_feed_lists_the_news_newest_first_with_absolute_links(client, news_index, settings):
    settings.SITE_BASE_URL = PRODUCTION_BASE_URL
    add_news(news_index, title="Més antiga", date=datetime.date(2026, 1, 10), tags=["Guies"])
    newer = add_news(news_index, title="Més nova", date=datetime.date(2026, 2, 20))
    NewsPageFactory(parent=news_index, title="Esborrany", live=False)

    feed = feed_of(client.get(FEED_URL))

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ca"
    assert feed.findtext("atom:title", namespaces=ATOM) == "Actualitat | Localret"
    self_link = feed.find("atom:link[@rel='self']", ATOM).get("href")
    assert self_link == f"{PRODUCTION_BASE_URL}{FEED_URL}"
    entries = feed.findall("atom:entry", ATOM)
    assert [entry.findtext("atom:title", namespaces=ATOM) for entry in entries] == [
        "Més nova",
        "Més antiga",
    ]
    assert entries[0].find("atom:link", ATOM).get("href") == (
        f"{PRODUCTION_BASE_URL}/actualitat/{newer.slug}/"
    )
    assert entries[0].findtext("atom:summary", namespaces=ATOM) == "Resum de: Més nova."
    assert entries[0].findtext("atom:published", namespaces=ATOM).startswith("2026-02-20T00:00")
    assert entries[1].find("atom:category", ATOM).get("term") == "Guies"


def test_every_page_announces_the_feed_in_its_head(client, news_index, settings):
    settings.SITE_BASE_URL = PRODUCTION_BASE_URL
    announcement = (
        '<link rel="alternate" type="application/atom+xml" title="Actualitat | Localret" '
        f'href="{PRODUCTION_BASE_URL}{FEED_URL}">'
    )

    for url in ["/", "/qui-som/", URL, "/agenda/", "/avis-legal/", "/no-existeix/"]:
        head = client.get(url).content.decode().split("</head>")[0]
        assert announcement in head, url


def test_no_feed_is_announced_without_a_live_news_page(client, news_index):
    news_index.unpublish()
    cache.clear()  # the test's transaction never commits: nothing else empties it

    assert "application/atom+xml" not in client.get("/").content.decode()


# The home page -------------------------------------------------------------------------------


def test_the_home_page_shows_the_three_latest_news(client, news_index):
    for day in range(5):
        add_news(news_index, days_ago=day, title=f"Notícia {day}")

    html = text_of(client.get("/"))

    section = html.split('id="latest-news-heading"')[1].split("</section>")[0]
    assert re.findall(r'<a href="/actualitat/[^"]+/">([^<]+)</a>', section) == [
        "Notícia 0",
        "Notícia 1",
        "Notícia 2",
    ]
    assert '<a href="/actualitat/">Totes les notícies</a>' in section


def test_the_home_page_hides_the_news_when_there_are_none(client, news_index):
    html = text_of(client.get("/"))

    assert "Darreres notícies" not in html
    assert "latest-news" not in html


# The admin -----------------------------------------------------------------------------------


def news_form(title, slug, **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "",
            "summary": "Un resum.",
            "image": "",
            "image_alt": "",
            "body": streamfield([]),
            "tags": "",
            "action-publish": "action-publish",
            **fields,
        }
    )


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])


def test_a_picture_without_alternative_text_is_refused(admin_client_ca, news_index):
    image = NewsImageFactory()

    response = admin_client_ca.post(
        add_url(news_index), news_form("Amb foto", "amb-foto", image=image.pk)
    )

    assert response.status_code == 200
    assert "Descriviu la imatge per a les persones que no la poden veure." in (
        response.content.decode()
    )
    assert not NewsPage.objects.filter(slug="amb-foto").exists()


def test_an_editor_publishes_a_news_item_with_its_picture_and_tags(admin_client_ca, news_index):
    image = NewsImageFactory()

    response = admin_client_ca.post(
        add_url(news_index),
        news_form(
            "Amb foto", "amb-foto", image=image.pk, image_alt="Una foto", tags="Guies, Fibra"
        ),
    )

    assert response.status_code == 302
    page = NewsPage.objects.get(slug="amb-foto")
    assert page.live
    assert page.date == timezone.localdate()
    assert sorted(tag.name for tag in page.tags.all()) == ["Fibra", "Guies"]


def test_news_items_live_only_under_the_one_news_page(seeded_site, news_index):
    assert not NewsIndexPage.can_create_at(seeded_site.root_page)
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]


# Publishing, with the page cache on ------------------------------------------------------------


@pytest.fixture
def cached_site(transactional_db, settings):
    """The production seed in a database that commits, and the page cache on."""
    settings.PAGE_CACHE_ENABLED = True
    call_command("seed_site", stdout=io.StringIO())
    cache.clear()
    return Site.objects.get(is_default_site=True)


def test_a_news_item_published_in_the_admin_shows_at_once_everywhere(cached_site):
    index = NewsIndexPage.objects.get()
    visitor = Client()
    for url in [URL, "/", FEED_URL]:  # now in the page cache
        assert visitor.get(url).status_code == 200
        assert visitor.get(url)["X-Page-Cache"] == "hit", url
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("gestora", "g@example.cat", "x"))

    response = editor.post(add_url(index), news_form("Notícia acabada de publicar", "nova"))

    assert response.status_code == 302
    for url in [URL, "/", FEED_URL]:
        assert "Notícia acabada de publicar" in visitor.get(url).content.decode(), url


# The seed ------------------------------------------------------------------------------------


def test_the_seeded_introductions_are_for_editors_only(client, seeded_site):
    placeholder_urls = {page.url for page in pages_with_placeholders()}

    for url in [URL, "/agenda/"]:
        assert url in placeholder_urls
        html = text_of(client.get(url))
        assert "afegir petit text" not in html, url
        assert "Estem preparant aquest contingut." not in html, url
