"""The members listing in a real browser, with all 947 Catalan municipalities as members."""

import math

import pytest

from members.listing import PAGE_SIZE
from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.e2e

URL = "/qui-som/municipis-adherits/"


def test_every_page_of_the_full_listing_is_accessible(page, all_municipalities):
    assert all_municipalities >= 947
    listed = 0
    for number in range(1, math.ceil(all_municipalities / PAGE_SIZE) + 1):
        response = page.goto(f"{URL}?page={number}")
        assert response.status == 200
        listed += page.locator("#member-results .member-list li").count()
        assert page.locator("h1").count() == 1
        assert page.locator(".member-pages a[aria-current=page]").inner_text() == str(number)
        assert page.console_errors == []
        assert page.foreign_requests == []
        assert_no_axe_violations(page)
    assert listed == all_municipalities


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


def test_letter_links_jump_to_their_group_on_its_page(page, all_municipalities):
    page.goto(URL)
    page.locator(".letter-nav a", has_text="V").click()
    page.wait_for_load_state()
    assert page.url.endswith("#lletra-v")
    heading = page.locator("#lletra-v")
    assert heading.is_visible()
    assert heading.evaluate("el => el.getBoundingClientRect().top") < 200
