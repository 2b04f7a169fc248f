"""The whole site in Chromium: every URL of the sitemap, the keyboard, narrow screens, zoomed
text, reduced motion, forced colours, and the admin under its Content-Security-Policy.

Every URL of the sitemap (with all 947 municipalities as members) is fetched and must answer
with a title and one h1. In the browser, checked for console errors, requests to other hosts and
axe-core violations, and again with the Content-Security-Policy enforced at 320 px: every URL
that is not a member's page, and a fixed sample of member pages, which all share one template
(the sample holds the names most likely to break it). Checking all 947 in the browser took seven
minutes of a CI run that must stay under fifteen.
"""

import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from members.models import Kind, Member
from pages.models import StatutesPage
from tests.e2e.axe import assert_no_axe_violations

# A member's page; the joining page is the one page (not a member) at that depth.
MEMBER_PAGE = re.compile(r"^/qui-som/municipis-adherits/(?!com-adherir-se/)[^/]+/$")
MEMBER_SAMPLE_SIZE = 40
MAX_TAB_STOPS = 60
NARROW = {"width": 320, "height": 640}
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def sitemap_paths(page):
    response = page.request.get("/sitemap.xml")
    assert response.ok
    return [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", response.text())]


def member_sample(member_paths):
    """Every nth member page, plus the names most likely to break a layout or a label: the
    longest, one with an apostrophe, one with a hyphen, and an entity that is not a
    municipality."""
    step = max(1, len(member_paths) // MEMBER_SAMPLE_SIZE)
    sample = set(member_paths[::step])
    members = Member.objects.current()
    longest = max(members, key=lambda member: len(member.name))
    special = [
        longest,
        members.filter(name__contains="'").first(),
        members.filter(name__contains="-").first(),
        members.exclude(kind=Kind.MUNICIPALITY).first(),
    ]
    by_slug = {path.rstrip("/").rsplit("/", 1)[1]: path for path in member_paths}
    sample.update(by_slug[member.slug] for member in special if member is not None)
    return sorted(sample)


def fetch(url):
    """(status, HTML) of a page of the live server, without a browser."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the live server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def visit(page, path):
    page.console_errors.clear()
    page.foreign_requests.clear()
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert page.console_errors == [], f"{path}: console errors {page.console_errors}"
    assert page.foreign_requests == [], f"{path}: requests to other hosts"
    assert page.locator("h1").count() == 1, f"{path}: not exactly one h1"
    assert page.title().strip(), f"{path}: no title"


def test_every_sitemap_url_is_accessible(page, strict_page, site_url, all_municipalities, subtests):
    assert all_municipalities >= 947
    paths = sitemap_paths(page)
    member_paths = [path for path in paths if MEMBER_PAGE.match(path)]
    other_paths = [path for path in paths if not MEMBER_PAGE.match(path)]
    assert len(member_paths) == all_municipalities

    # Every URL, over HTTP: it answers, with a title and one h1.
    broken = {}
    for path in paths:
        status, html = fetch(site_url + path)
        if status != 200:
            broken[path] = f"status {status}"
        elif len(re.findall(r"<h1\b", html)) != 1:
            broken[path] = "not exactly one h1"
        elif not re.search(r"<title>\s*\S", html):
            broken[path] = "no title"
    assert broken == {}

    # In the browser: console, other hosts, axe.
    in_browser = [*other_paths, *member_sample(member_paths)]
    page.set_viewport_size(DESKTOP)
    for path in in_browser:
        with subtests.test(path=path):
            visit(page, path)
            assert_no_axe_violations(page)

    # With the Content-Security-Policy enforced (axe needs it bypassed), 320 px wide.
    strict_page.set_viewport_size(NARROW)
    too_wide = {}
    for path in [*in_browser, "/cerca/?q=sant"]:
        strict_page.goto(path)
        width = strict_page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            too_wide[path] = width
    assert strict_page.console_errors == [], "blocked by the Content-Security-Policy?"
    assert too_wide == {}, f"wider than 320 px (path: scroll width): {too_wide}"


def test_search_page_is_accessible_with_results_pages_and_without(page, all_municipalities):
    for path in ["/cerca/", "/cerca/?q=sant", "/cerca/?q=sant&page=2", "/cerca/?q=zzzz"]:
        visit(page, path)
        assert_no_axe_violations(page)


def focused(page, expression):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def tab_to(page, selector):
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        if focused(page, f"el.matches({selector!r})"):
            return
    pytest.fail(f"{selector} not reached with the keyboard")


def test_search_from_the_header_with_the_keyboard(strict_page):
    strict_page.goto("/qui-som/")
    tab_to(strict_page, "#site-search-q")
    strict_page.keyboard.type("estatuts")
    strict_page.keyboard.press("Enter")
    strict_page.wait_for_url("**/cerca/?q=estatuts")
    strict_page.keyboard.press("Tab")
    assert focused(strict_page, "el.getAttribute('href')") == "#main-content"
    strict_page.keyboard.press("Enter")
    assert focused(strict_page, "el.tagName") == "MAIN"
    link = strict_page.locator(".search-result__title a", has_text="Estatuts")
    link.focus()
    strict_page.keyboard.press("Enter")
    strict_page.wait_for_url("**/qui-som/estatuts/")


def menu_state(page):
    return page.evaluate(
        """() => {
            const button = document.querySelector('.menu-toggle');
            const nav = document.querySelector('#site-menu .main-nav');
            return {
                button: getComputedStyle(button).display !== 'none',
                expanded: button.getAttribute('aria-expanded'),
                menu: nav.getBoundingClientRect().height > 0,
            };
        }"""
    )


def test_on_a_phone_the_menu_opens_and_closes_with_the_keyboard(strict_page):
    strict_page.set_viewport_size(PHONE)
    strict_page.goto("/qui-som/estatuts/")
    assert menu_state(strict_page) == {"button": True, "expanded": "false", "menu": False}

    tab_to(strict_page, ".menu-toggle")
    strict_page.keyboard.press("Enter")
    assert menu_state(strict_page) == {"button": True, "expanded": "true", "menu": True}
    strict_page.keyboard.press("Tab")
    assert focused(strict_page, "el.closest('.main-nav') !== null")

    strict_page.keyboard.press("Escape")
    assert menu_state(strict_page) == {"button": True, "expanded": "false", "menu": False}
    assert focused(strict_page, "el.classList.contains('menu-toggle')")

    strict_page.keyboard.press("Space")
    assert menu_state(strict_page)["expanded"] == "true"
    strict_page.keyboard.press("Space")
    assert menu_state(strict_page)["menu"] is False
    assert strict_page.console_errors == []


def test_the_menu_is_always_open_without_javascript_and_on_wide_screens(page, browser, site_url):
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    assert menu_state(page) == {"button": False, "expanded": "false", "menu": True}

    context = browser.new_context(base_url=site_url, java_script_enabled=False, viewport=PHONE)
    without_js = context.new_page()
    without_js.goto("/")
    assert menu_state(without_js)["button"] is False
    assert menu_state(without_js)["menu"] is True
    context.close()


FOCUS_STYLE = """el => {
    const s = getComputedStyle(el);
    return {
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        shadow: s.boxShadow !== 'none',
        html: el.outerHTML.slice(0, 120),
    };
}"""


@pytest.mark.parametrize("forced_colors", ["none", "active"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_control_shows_where_the_focus_is(strict_page, forced_colors, viewport):
    """Links, buttons and fields alike, on the search page (which has them all)."""
    strict_page.set_viewport_size(viewport)
    strict_page.emulate_media(forced_colors=forced_colors)
    strict_page.goto("/cerca/?q=sant")
    seen = set()
    for _ in range(MAX_TAB_STOPS):
        strict_page.keyboard.press("Tab")
        if focused(strict_page, "el === document.body"):
            break
        style = strict_page.evaluate(
            FOCUS_STYLE, strict_page.evaluate_handle("document.activeElement")
        )
        # Forced colours drop box shadows: there, only the outline shows the focus.
        visible = style["outline"] or (style["shadow"] and forced_colors == "none")
        assert visible, f"no visible focus on {style['html']}"
        seen.add(focused(strict_page, "el.tagName"))
    assert {"A", "INPUT", "BUTTON"} <= seen


def test_controls_keep_their_borders_in_forced_colours(strict_page):
    strict_page.set_viewport_size(PHONE)
    strict_page.emulate_media(forced_colors="active")
    strict_page.goto("/cerca/?q=sant")
    for selector in [".site-search__input", ".site-search__button", ".menu-toggle", "#search-q"]:
        border = strict_page.locator(selector).evaluate(
            "el => { const s = getComputedStyle(el); "
            "return [s.borderTopStyle, parseFloat(s.borderTopWidth)]; }"
        )
        assert border[0] != "none" and border[1] >= 1, f"{selector}: no border ({border})"


UNUSABLE_CONTROLS = """() => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea')) {
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        if (el.closest('.skip-link, .visually-hidden')) continue;
        el.scrollIntoView({block: 'center', inline: 'center'});
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.left < 0 || box.right > width + 1) {
            problems.push('cut off: ' + el.outerHTML.slice(0, 80));
            continue;
        }
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) {
            problems.push('covered: ' + el.outerHTML.slice(0, 80));
        }
    }
    return problems;
}"""


def test_text_zoomed_to_200_percent_keeps_every_control_usable(strict_page):
    strict_page.set_viewport_size(DESKTOP)
    for path in [
        "/",
        "/qui-som/",
        "/qui-som/estatuts/",
        "/qui-som/municipis-adherits/",
        "/qui-som/transparencia/",
        "/cerca/?q=sant",
    ]:
        strict_page.goto(path)
        # What a browser's "zoom text only" does: every rem and em doubles, the viewport stays.
        strict_page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert strict_page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{path}: scrolls sideways at 200 % text"
        assert strict_page.evaluate(UNUSABLE_CONTROLS) == [], path


def test_reduced_motion_stops_every_animation_and_transition(strict_page):
    strict_page.emulate_media(reduced_motion="reduce")
    for path in ["/", "/qui-som/municipis-adherits/", "/cerca/?q=sant"]:
        strict_page.goto(path)
        moving = strict_page.evaluate(
            """() => [...document.querySelectorAll('*')].filter(el => {
                const s = getComputedStyle(el);
                const seconds = value => Math.max(...value.split(',').map(parseFloat));
                return seconds(s.transitionDuration) > 0
                    || (s.animationName !== 'none' && seconds(s.animationDuration) > 0);
            }).map(el => el.outerHTML.slice(0, 80))"""
        )
        assert moving == [], f"{path}: still moving with reduced motion"
        assert (
            strict_page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
            == "auto"
        )


def test_admin_works_under_its_content_security_policy(strict_page):
    password = "correcte-cavall-bateria-grapa"
    get_user_model().objects.create_superuser("editora", "editora@example.cat", password)
    statutes = StatutesPage.objects.get()

    strict_page.goto("/admin/login/")
    strict_page.fill("#id_username", "editora")
    strict_page.fill("#id_password", password)
    strict_page.locator(".login-form button[type=submit]").click()
    strict_page.wait_for_url("**/admin/")
    for path in [
        f"/admin/pages/{statutes.pk}/edit/",
        "/admin/images/multiple/add/",
        "/admin/documents/multiple/add/",
    ]:
        response = strict_page.goto(path)
        assert response.status == 200, path
        strict_page.wait_for_load_state("networkidle")
    strict_page.goto(f"/admin/pages/{statutes.pk}/edit/")
    strict_page.wait_for_load_state("networkidle")
    assert strict_page.locator(".Draftail-Editor").count() > 0, "the rich text editor did not load"
    csp = [error for error in strict_page.console_errors if "Content Security Policy" in error]
    assert csp == []
    assert strict_page.console_errors == []
    # Leave the editor and let its last requests end: it records the editing session on a timer
    # and releases it on leaving, and a write that reached the server while the test database
    # was being emptied failed the test's teardown.
    strict_page.goto("/admin/")
    strict_page.wait_for_load_state("networkidle")
