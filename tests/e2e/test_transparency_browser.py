"""The transparency portal, a section, the access request form and its answers in a browser."""

import pytest

from tests.e2e.conftest import check_page, open_page
from tests.factories import (
    TransparencyItemDocumentFactory,
    TransparencyItemFactory,
)
from transparency.models import AccessRequest, TransparencySectionPage

pytestmark = pytest.mark.e2e

PORTAL_URL = "/qui-som/transparencia/"
CONTRACTS_URL = "/qui-som/transparencia/contractacio-publica/"
FORM_URL = "/qui-som/transparencia/dret-d-acces/"


@pytest.fixture
def contracts(site_url):
    section = TransparencySectionPage.objects.get(slug="contractacio-publica")
    for year in (2024, 2025):
        item = TransparencyItemFactory(
            section=section, year=year, title=f"Obres {year}", with_link=True
        )
        TransparencyItemDocumentFactory(item=item)
        item.save()
    return section


def test_portal_is_clean_and_accessible(page):
    open_page(page, PORTAL_URL)

    assert page.locator(".transparency-sections > li").count() == 7
    check_page(page)


def test_section_with_items_and_year_filter_is_clean_and_accessible(page, contracts):
    open_page(page, CONTRACTS_URL)
    assert page.locator("article.transparency-item").count() == 2
    check_page(page)

    page.select_option("#year-filter", "2024")
    page.get_by_role(
        "button", name=page.locator(".transparency-filter button").inner_text()
    ).click()

    assert page.locator("article.transparency-item h3").all_inner_texts() == ["Obres 2024"]
    check_page(page)


def test_form_is_clean_and_accessible(page):
    open_page(page, FORM_URL)

    check_page(page)


def test_form_with_errors_is_clean_and_accessible_and_sends_nothing(page):
    open_page(page, FORM_URL)
    page.fill("#id_subject", "Contractes menors")
    page.locator("form button[type=submit]").click()

    # Name, an email for the electronic copy chosen by default, and the information.
    assert page.locator(".transparency-alert[role=alert] li").count() == 3
    assert page.input_value("#id_subject") == "Contractes menors"
    assert page.locator("[aria-invalid=true]").count() == 3
    assert AccessRequest.objects.count() == 0
    check_page(page)


def test_a_request_sent_with_the_keyboard_is_confirmed_with_its_reference(page):
    open_page(page, FORM_URL)
    page.fill("#id_name", "Marta Puig Soler")
    page.fill("#id_email", "marta@exemple.cat")
    page.fill("#id_subject", "Contractes menors")
    page.fill("#id_information", "La llista de contractes menors del 2025.")
    page.focus("#id_postal_address")
    page.keyboard.press("Tab")  # the privacy notice link, after the last field
    page.keyboard.press("Tab")  # the honeypot is hidden, so the send button comes next
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_selector(".transparency-receipt")
    reference = AccessRequest.objects.get().reference
    assert reference in page.locator(".transparency-receipt").inner_text()
    assert "marta" not in page.url.lower()
    check_page(page)


@pytest.mark.parametrize("url", [PORTAL_URL, CONTRACTS_URL, FORM_URL])
def test_page_does_not_scroll_sideways_at_320px(page, contracts, url):
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, url)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
