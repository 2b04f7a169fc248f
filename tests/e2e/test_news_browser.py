"""Actualitat and Agenda in a real browser: no console error, no axe violation, filters without
JavaScript, no sideways scrolling on a phone."""

import pytest

from news.models import EventPage, NewsIndexPage, NewsPage
from tests.e2e.test_pages_browser import assert_clean_and_accessible
from tests.factories import NewsImageFactory, NewsPageFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def news_urls(site_url):
    """The demo site's news and agenda pages, and a news item with a picture."""
    NewsPageFactory(
        parent=NewsIndexPage.objects.get(),
        title="Notícia amb foto",
        image=NewsImageFactory(),
        image_alt="La sala d’actes plena de gent",
        tags=["Jornades"],
        body=[("text", "<h2>Un apartat</h2><p>Un paràgraf.</p>")],
    )
    news = NewsPage.objects.live().order_by("-date", "-pk")
    events = EventPage.objects.live().order_by("start")
    return [
        "/actualitat/",
        "/actualitat/?etiqueta=jornades",
        "/actualitat/?any=abc",
        *(page.url for page in news),
        "/agenda/",
        *(page.url for page in events),
    ]


def test_every_news_and_agenda_page_is_clean_and_accessible(page, news_urls, subtests):
    assert len(news_urls) >= 3 + 4 + 2
    for url in news_urls:
        with subtests.test(url=url):
            assert_clean_and_accessible(page, url, 200)


def test_no_news_or_agenda_page_scrolls_sideways_at_320px(page, news_urls):
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide = {}
    for url in news_urls:
        page.goto(url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > 320:
            too_wide[url] = scroll_width
    assert too_wide == {}


def test_the_news_filters_work_without_javascript(browser, site_url, news_urls):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/actualitat/")
    page.locator("#news-tag").select_option("jornades")
    page.locator(".news-filters button[type=submit]").click()
    page.wait_for_load_state()

    titles = page.locator(".news-item__title").all_inner_texts()
    tagged = NewsPage.objects.live().filter(tags__slug="jornades")
    assert sorted(titles) == sorted(tagged.values_list("title", flat=True))
    assert "Notícia amb foto" in titles
    page.get_by_role("link", name="Mostra totes les notícies").click()
    assert page.locator(".news-item__title").count() == NewsPage.objects.live().count()
    context.close()
