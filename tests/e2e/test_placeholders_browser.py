"""The admin preview of a page whose text is still a placeholder, in a real browser: the
placeholder is shown highlighted under a visible label, and the page stays accessible."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pages.models import StatutesPage
from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.e2e


def test_the_preview_highlights_the_placeholder_accessibly(page):
    password = "correcte-cavall-bateria-grapa"
    editor = get_user_model().objects.create_user("redactora", "redactora@example.cat", password)
    editor.groups.add(Group.objects.get(name="Editors"))
    statutes = StatutesPage.objects.get()

    page.goto("/admin/login/")
    page.fill("#id_username", "redactora")
    page.fill("#id_password", password)
    page.locator(".login-form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    response = page.goto(f"/admin/pages/{statutes.pk}/view_draft/")

    assert response.status == 200
    highlight = page.locator(".placeholder-text")
    assert highlight.count() == 1
    assert highlight.locator(".placeholder-text__label").is_visible()
    assert highlight.locator(".placeholder-text__label").inner_text() == "Text pendent d’escriure"
    mark = highlight.locator("mark")
    assert "afegir petit text" in mark.inner_text()
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert_no_axe_violations(page)
