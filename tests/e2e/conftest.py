"""Fixtures for browser tests: a seeded live server, one Chromium per session, a page per test.

Chromium is Debian's (`/usr/bin/chromium`); Playwright never downloads a browser here. Where
Chromium or Playwright is missing the browser tests skip, except under `CI=true`, where they fail.
"""

import datetime
import importlib.util
import io
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from members.importer import import_members
from members.models import Member
from tests.e2e.axe import assert_no_axe_violations
from tests.factories import reference_file
from tests.groups import restore_groups

# Playwright's sync API runs an event loop in the main thread, which Django would otherwise
# take for async code and refuse its database calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test, whether or not its module says so."""
    e2e_dir = Path(__file__).parent
    for item in items:
        if e2e_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


def browser_unavailable_reason():
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    """Chromium, launched once for the whole session."""
    reason = browser_unavailable_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the browser tests cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site_url(live_server, transactional_db):
    """The live server's URL, serving the demo site as `seed_site --demo` builds it.

    The live server's database is flushed after every test, so the site is seeded each time
    (seed_site recreates the root page and locale). The seeded Site is the default one, so it
    answers whatever the live server's host and port.
    """
    call_command("seed_site", "--demo", stdout=io.StringIO())
    restore_groups()
    return live_server.url


def recording_page(context, site_url):
    """A new page of `context` that records `console_errors` (console errors and uncaught
    exceptions) and `foreign_requests` (every URL requested from another host than the site's).
    """
    new_page = context.new_page()
    new_page.console_errors = []
    new_page.foreign_requests = []
    site_host = urlsplit(site_url).netloc

    def record_console(message):
        if message.type == "error":
            new_page.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def record_request(request):
        url = urlsplit(request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.netloc != site_host:
            new_page.foreign_requests.append(request.url)

    new_page.on("console", record_console)
    new_page.on("pageerror", lambda error: new_page.console_errors.append(str(error)))
    new_page.on("request", record_request)
    return new_page


def open_page(page, url):
    """Load `url` in `page`, which must answer 200."""
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"


def check_page(page):
    """The page logged no error, asked no other host, has one h1 and passes axe."""
    assert page.console_errors == []
    assert page.foreign_requests == []
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


@pytest.fixture
def page(browser, site_url):
    """A fresh page whose relative URLs go to `site_url`, recording console errors and
    requests to other hosts (see `recording_page`)."""
    # axe-core is injected as a script tag, which the site's strict Content-Security-Policy
    # (script-src 'self') would block; the policy itself is tested on the responses' headers.
    context = browser.new_context(base_url=site_url, bypass_csp=True)
    yield recording_page(context, site_url)
    context.close()


@pytest.fixture
def strict_page(browser, site_url):
    """Like `page`, but the browser enforces the site's Content-Security-Policy: anything it
    blocks (an inline script or style) shows up in `strict_page.console_errors`."""
    context = browser.new_context(base_url=site_url)
    yield recording_page(context, site_url)
    context.close()


@pytest.fixture
def all_municipalities(site_url):
    """The seeded site with all 947 Catalan municipalities of IDESCAT's export as members (since
    2000-01-01); returns how many entities are members."""
    path = reference_file("idescat_comarques_i_municipis.csv")
    assert import_members(path.read_bytes(), path.name).applied
    Member.objects.filter(member_since__isnull=True).update(member_since=datetime.date(2000, 1, 1))
    return Member.objects.current().count()
