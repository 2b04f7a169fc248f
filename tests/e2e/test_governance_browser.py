"""Òrgans de govern, Estatuts, Història and the president's message in a real browser, filled
with people, photos, articles and milestones."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page

from governance.models import GoverningBody, Position, Role
from members.models import Member
from tests.e2e.axe import assert_no_axe_violations
from tests.factories import PersonFactory, PortraitFactory, PositionFactory

pytestmark = pytest.mark.e2e

GOVERNANCE_URL = "/qui-som/organs-de-govern/"
STATUTES_URL = "/qui-som/estatuts/"
HISTORY_URL = "/qui-som/historia/"
PRESIDENT_URL = "/qui-som/presentacio-del-president/"


@pytest.fixture
def media_page(page):
    """The browser page, with uploaded images served from MEDIA_ROOT (the test server does
    not serve media, so portraits would otherwise fail to load)."""

    def serve_media(route):
        relative = route.request.url.split(settings.MEDIA_URL, 1)[1]
        route.fulfill(path=Path(settings.MEDIA_ROOT) / relative)

    page.route(f"**{settings.MEDIA_URL}**", serve_media)
    return page


@pytest.fixture
def governed_site(site_url):
    """Every body filled with people with portraits, a president and two past ones."""
    barcelona = Member.objects.get(code="080193")
    bodies = list(GoverningBody.objects.all())
    for index in range(15):
        PositionFactory(
            person=PersonFactory(with_photo=True, biography="Alcalde o alcaldessa."),
            body=bodies[index % len(bodies)],
            member=barcelona if index % 2 else None,
        )
    presidency = GoverningBody.objects.get(is_presidency=True)
    for name, start, end in [
        ("Primer President", datetime.date(1997, 6, 1), datetime.date(2007, 7, 1)),
        ("Segona Presidenta", datetime.date(2007, 7, 1), datetime.date(2023, 7, 15)),
        ("Laia Ferrer", datetime.date(2023, 7, 15), None),
    ]:
        PositionFactory(
            person=PersonFactory(name=name, with_photo=True),
            body=presidency,
            role=Role.PRESIDENT,
            start_date=start,
            end_date=end,
            member=barcelona,
        )
    Position.objects.filter(body=presidency, role=Role.MEMBER).update(
        role=Role.VICE_PRESIDENT, ordinal=1
    )
    return site_url


def seeded(slug):
    return Page.objects.get(slug=slug).specific


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def assert_clean(page, url):
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
    assert page.foreign_requests == []
    assert_no_axe_violations(page)


def test_governing_bodies_page_is_accessible_with_people_and_past_presidents(
    media_page, governed_site
):
    assert_clean(media_page, GOVERNANCE_URL)
    assert media_page.locator(".person-card").count() == 16
    assert media_page.locator(".past-presidents li").count() == 2
    portraits = media_page.locator(".person-card__photo")
    assert portraits.count() == 16
    assert all(
        width > 0 for width in portraits.evaluate_all("images => images.map(i => i.naturalWidth)")
    )


def test_the_date_form_shows_a_past_composition_without_javascript(browser, governed_site):
    context = browser.new_context(base_url=governed_site, java_script_enabled=False)
    page = context.new_page()
    page.goto(GOVERNANCE_URL)
    page.locator("#id_data").fill("2010-01-01")
    page.locator(".composition-date button[type=submit]").click()
    page.wait_for_load_state()

    assert "data=2010-01-01" in page.url
    presidency = page.locator("section.governing-body", has_text="Presidència")
    assert presidency.locator(".person-card__name").all_inner_texts() == ["Segona Presidenta"]
    context.close()


def test_a_bad_date_is_explained_accessibly(media_page, governed_site):
    assert_clean(media_page, f"{GOVERNANCE_URL}?data=2010-02-31")
    assert media_page.locator("#id_data").get_attribute("aria-invalid") == "true"
    assert media_page.locator(".person-card").count() == 16


@pytest.fixture
def statutes_site(site_url):
    stream, number = [], 0
    for title in ["I", "II"]:
        stream.append(("title", {"number": title, "heading": f"Títol {title} de prova"}))
        for chapter in ["I", "II", "III"]:
            stream.append(("chapter", {"number": chapter, "heading": "Capítol de prova"}))
            for _ in range(5):
                number += 1
                stream.append(
                    (
                        "article",
                        {
                            "number": number,
                            "heading": f"Encapçalament {number}",
                            "body": "<p>Text de l’article amb el contingut complet.</p>"
                            "<ol><li>Primer apartat.</li><li>Segon apartat.</li></ol>",
                        },
                    )
                )
    publish(
        seeded("estatuts"),
        preamble="<p>Preàmbul dels Estatuts.</p>",
        statutes=stream,
        final_provisions=[
            ("provision", {"heading": "Disposició final", "body": "<p>Vigència.</p>"})
        ],
        approval_date=datetime.date(1997, 6, 12),
        publication_reference="DOGC núm. 2445",
        publication_url="https://dogc.gencat.cat/",
        amendments=[
            ("amendment", {"date": datetime.date(2005, 5, 20), "description": "Modificació"})
        ],
    )
    return site_url


def test_statutes_are_accessible_and_the_contents_jump_to_each_article(page, statutes_site):
    assert_clean(page, STATUTES_URL)

    page.locator(".statutes-toc a", has_text="Article 17").click()
    assert page.url.endswith("#article-17")
    article = page.locator("#article-17")
    assert article.is_visible()
    assert article.evaluate("el => el.getBoundingClientRect().top") < 200


def test_statutes_print_without_navigation_or_contents(page, statutes_site):
    page.goto(STATUTES_URL)
    page.emulate_media(media="print")

    assert not page.locator(".statutes-toc").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("#article-1").is_visible()
    assert page.locator(".statutes-official").is_visible()


def test_history_timeline_is_accessible(media_page, site_url):
    milestones = [
        {
            "title": f"Fita {year}",
            "year": year,
            "date": None,
            "text": "<p>Què va passar.</p>",
            "image": {
                "image": PortraitFactory(),
                "alt_text": f"Foto de {year}",
                "decorative": False,
            },
        }
        for year in [2001, 1997, 1999]
    ]
    publish(
        seeded("historia"),
        timeline=[
            (
                "period",
                {
                    "heading": "Els precedents: la revolució tecnològica i el procés de "
                    "liberalització",
                    "introduction": "",
                    "milestones": milestones,
                },
            )
        ],
    )

    assert_clean(media_page, HISTORY_URL)
    assert media_page.locator(".milestone__name").all_inner_texts() == [
        "Fita 1997",
        "Fita 1999",
        "Fita 2001",
    ]


def test_president_page_is_accessible_with_portrait_and_signature(media_page, governed_site):
    publish(
        seeded("presentacio-del-president"),
        message="<p>Benvinguts al web de Localret.</p>",
        message_date=datetime.date(2024, 3, 8),
        signature=PortraitFactory(),
    )

    assert_clean(media_page, PRESIDENT_URL)
    assert media_page.locator(".president-message__name").inner_text() == "Laia Ferrer"
    assert media_page.locator(".president-message__portrait").is_visible()


BUTTON_STYLE = """button => {
    const style = getComputedStyle(button);
    return [style.backgroundColor, style.color, style.fontWeight, style.borderRadius,
            style.minHeight, style.paddingLeft, style.cursor];
}"""


def test_the_date_button_looks_like_the_sites_other_buttons(page, site_url):
    page.goto("/cerca/")
    search_button = page.locator(".search-form button[type=submit]").evaluate(BUTTON_STYLE)
    page.goto(GOVERNANCE_URL)
    date_button = page.locator(".composition-date button[type=submit]").evaluate(BUTTON_STYLE)

    assert date_button == search_button
    assert search_button[0] not in {"rgba(0, 0, 0, 0)", "rgb(239, 239, 239)"}
