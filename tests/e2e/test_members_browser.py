"""The members listing in a real browser, with all 947 Catalan municipalities as members."""

import pytest

from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.e2e

URL = "/qui-som/municipis-adherits/"


def test_full_listing_is_accessible(page, all_municipalities):
    assert all_municipalities >= 947
    response = page.goto(URL)
    assert response.status == 200
    assert page.locator("#member-results .member-list li").count() == all_municipalities
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
    assert page.foreign_requests == []
    assert_no_axe_violations(page)


def test_search_and_filters_work_without_javascript(browser, site_url, all_municipalities):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(URL)
    page.get_by_label(page.locator("label[for=member-q]").inner_text()).fill("l'hospitalet")
    page.locator("#member-comarca").select_option("13")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    names = page.locator("#member-results .member-list a").all_inner_texts()
    assert names == ["l'Hospitalet de Llobregat"]
    page.get_by_role("link", name="l'Hospitalet de Llobregat").click()
    assert page.locator("h1").inner_text() == "l'Hospitalet de Llobregat"
    context.close()


def test_letter_links_jump_to_their_group(page, all_municipalities):
    page.goto(URL)
    page.locator(".letter-nav a", has_text="V").click()
    assert page.url.endswith("#lletra-v")
    heading = page.locator("#lletra-v")
    assert heading.is_visible()
    assert heading.evaluate("el => el.getBoundingClientRect().top") < 200
