"""Every seeded page in a real browser: no console error, no axe violation, keyboard and reflow."""

import pytest
from django.template.loader import render_to_string

from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.e2e

SEEDED_URLS = [
    "/",
    "/qui-som/",
    "/qui-som/historia/",
    "/qui-som/estatuts/",
    "/qui-som/presentacio-del-president/",
    "/qui-som/organs-de-govern/",
    "/qui-som/municipis-adherits/",
    "/qui-som/transparencia/",
    "/avis-legal/",
    "/privacitat/",
    "/galetes/",
    "/accessibilitat/",
    "/actualitat/",
    "/agenda/",
]
NOT_FOUND_URL = "/aquesta-pagina-no-existeix/"
# Nothing fails on purpose, so the browser's router answers this URL with 500.html.
SERVER_ERROR_URL = "/error-500/"
MAX_TAB_STOPS = 200


def assert_clean_and_accessible(page, url, status):
    """Load `url`: it answers `status`, logs no error, stays on this host, passes axe."""
    page.console_errors.clear()
    page.foreign_requests.clear()
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    # Chromium logs an error page's own status as a console error; that one is expected.
    own_status = f"Failed to load resource: the server responded with a status of {status} "
    errors = [
        error
        for error in page.console_errors
        if not (error.startswith(own_status) and error.endswith(f"({page.url})"))
    ]
    assert errors == [], f"{url}: console errors"
    assert page.foreign_requests == [], f"{url}: requests to another host"
    assert page.locator("h1").count() == 1, f"{url}: not exactly one h1"
    assert_no_axe_violations(page)


def test_every_page_is_clean_and_accessible(page, subtests):
    # One test with a subtest per URL, so that the site is seeded once for them all.
    html = render_to_string("500.html")
    page.route(
        f"**{SERVER_ERROR_URL}",
        lambda route: route.fulfill(status=500, content_type="text/html", body=html),
    )
    expected = [*((url, 200) for url in SEEDED_URLS), (NOT_FOUND_URL, 404), (SERVER_ERROR_URL, 500)]
    for url, status in expected:
        with subtests.test(url=url):
            assert_clean_and_accessible(page, url, status)


def focused(page, expression):
    """Evaluate `expression` on the focused element."""
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def test_skip_link_is_reached_first_and_moves_focus_to_main(page):
    for url in ["/", "/qui-som/estatuts/", NOT_FOUND_URL]:
        page.goto(url)
        page.keyboard.press("Tab")
        assert focused(page, "el.getAttribute('href')") == "#main-content", url
        assert focused(page, "el.getBoundingClientRect().top >= 0"), f"{url}: skip link unseen"

        page.keyboard.press("Enter")
        assert focused(page, "el.tagName") == "MAIN", url


def test_no_page_scrolls_sideways_at_320px(page):
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide = {}
    for url in [*SEEDED_URLS, NOT_FOUND_URL]:
        page.goto(url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > 320:
            too_wide[url] = scroll_width
    assert too_wide == {}, f"wider than a 320px viewport (URL: scroll width): {too_wide}"


@pytest.mark.parametrize("forced_colors", ["none", "active"])
def test_focus_is_visible_on_every_link(page, forced_colors):
    page.emulate_media(forced_colors=forced_colors)
    for url in ["/", "/qui-som/"]:
        page.goto(url)
        for _ in range(MAX_TAB_STOPS):
            page.keyboard.press("Tab")
            # Tabbing past the last focusable element leaves the focus on the body.
            if focused(page, "el === document.body"):
                break
            is_link, outline, shadow, element = focused(
                page,
                "(s => [el.matches('a[href]'), s.outlineStyle, s.boxShadow, el.outerHTML])"
                "(getComputedStyle(el))",
            )
            # Forced colours drop box shadows: there, only an outline shows focus.
            has_shadow = shadow != "none" and forced_colors == "none"
            assert not is_link or outline != "none" or has_shadow, (
                f"{url}: no visible focus on {element[:120]}"
            )
        else:
            pytest.fail(f"{url}: the focus is still in the page after {MAX_TAB_STOPS} tabs")
