"""The contact page and the joining page in a browser: accessible, with and without errors."""

import pytest

from pages.models import ContactMessage, OrganisationSettings
from tests.e2e.conftest import check_page, open_page

pytestmark = pytest.mark.e2e

CONTACT_URL = "/contacte/"
JOIN_URL = "/qui-som/municipis-adherits/com-adherir-se/"


@pytest.fixture
def organisation(site_url):
    organisation = OrganisationSettings.objects.get()
    organisation.address = "Carrer de prova, 1\n08001 Barcelona"
    organisation.phone = "93 000 00 00"
    organisation.email = "info@localret.cat"
    organisation.opening_hours = "De dilluns a divendres, de 9 a 14 h"
    organisation.save()
    return organisation


def test_contact_page_is_clean_and_accessible(page, organisation):
    open_page(page, CONTACT_URL)

    assert page.locator(".organisation-details dd").count() == 4
    check_page(page)


def test_contact_form_with_errors_is_clean_and_accessible_and_sends_nothing(page, organisation):
    open_page(page, CONTACT_URL)
    page.fill("#id_email", "marta@")
    page.locator("form button[type=submit]").click()

    # The name, a valid email, the topic and the message.
    assert page.locator(".transparency-alert[role=alert] li").count() == 4
    assert page.input_value("#id_email") == "marta@"
    assert page.title().startswith("Error:")
    assert ContactMessage.objects.count() == 0
    # Chromium logs the 400 that answers a form with errors; nothing else may fail.
    assert [error for error in page.console_errors if "status of 400" not in error] == []
    page.console_errors.clear()
    check_page(page)


def test_a_message_sent_with_the_keyboard_is_confirmed(page, organisation):
    open_page(page, CONTACT_URL)
    page.fill("#id_name", "Marta Puig Soler")
    page.fill("#id_email", "marta@exemple.cat")
    page.check("#id_topic_1")
    page.fill("#id_message", "Voldria saber com adherir-nos al consorci.")
    page.focus("#id_message")
    page.keyboard.press("Tab")  # the privacy notice link, after the last field
    page.keyboard.press("Tab")  # the honeypot is hidden, so the send button comes next
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_selector(".transparency-receipt")
    assert ContactMessage.objects.get().topic.name == "Adhesió al consorci"
    assert "marta" not in page.url.lower()
    check_page(page)


def test_joining_page_is_clean_and_accessible(page, organisation):
    open_page(page, JOIN_URL)

    assert page.locator('a[href="/contacte/"]').count() >= 1
    check_page(page)


@pytest.mark.parametrize("url", [CONTACT_URL, JOIN_URL])
def test_page_does_not_scroll_sideways_at_320px(page, organisation, url):
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, url)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
