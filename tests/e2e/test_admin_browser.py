"""The page editor in Chromium, under the admin's Content-Security-Policy: the preview panel shows
the page being edited."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

pytestmark = pytest.mark.e2e

PASSWORD = "correcte-cavall-bateria-grapa"


def log_in(page):
    get_user_model().objects.create_superuser("editora", "editora@example.cat", PASSWORD)
    page.goto("/admin/login/")
    page.fill("#id_username", "editora")
    page.fill("#id_password", PASSWORD)
    page.locator(".login-form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return list(pages.values())


def test_the_preview_panel_shows_every_page_type(strict_page, subtests):
    from playwright.sync_api import expect

    log_in(strict_page)
    pages = one_page_of_each_type()
    assert len(pages) >= 10, "the seeded site holds every page type"
    for page in pages:
        with subtests.test(page_type=type(page).__name__):
            strict_page.console_errors.clear()
            strict_page.goto(f"/admin/pages/{page.pk}/edit/")
            strict_page.locator('[data-side-panel-toggle="preview"]').click()
            heading = strict_page.frame_locator("#w-preview-iframe").locator("h1")
            expect(heading).to_have_text(page.title, timeout=15_000)
            assert strict_page.console_errors == []
    # Leave the editor and let its last requests end before the database is emptied (see the
    # admin test in test_audit_browser.py).
    strict_page.goto("/admin/")
    strict_page.wait_for_load_state("networkidle")
