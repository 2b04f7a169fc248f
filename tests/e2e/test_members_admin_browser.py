"""The members import's review and the "mark as members" bulk action, in a real browser."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from members.models import Member
from tests.e2e.axe import assert_no_axe_violations
from tests.factories import MemberFactory

pytestmark = pytest.mark.e2e

LIST_URL = "/admin/snippets/members/member/"
IMPORT_URL = f"{LIST_URL}import/"
PASSWORD = "correcte-cavall-bateria-grapa"


@pytest.fixture
def editor_page(page):
    get_user_model().objects.create_superuser("editora", "editora@example.cat", PASSWORD)
    page.goto("/admin/login/")
    page.fill("#id_username", "editora")
    page.fill("#id_password", PASSWORD)
    page.locator(".login-form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    return page


def test_the_review_shows_the_summary_and_opens_the_lines_on_demand(editor_page, tmp_path):
    page = editor_page
    path = tmp_path / "ens.csv"
    path.write_text(
        "codi,nom,tipus,comarca,data_adhesio\n"
        "25003,Abella de la Conca,municipi,25,2026-01-15\n"
        "25004,Àger,municipi,24,\n",
        encoding="utf-8",
    )
    page.goto(IMPORT_URL)
    page.set_input_files("input[name=file]", str(path))
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()

    summary = page.locator("table[aria-labelledby=import-summary-heading]")
    new_members = summary.get_by_role("row", name=gettext("New members"))
    assert new_members.get_by_role("cell").nth(0).inner_text() == "1"
    lines = page.locator("details table")
    assert not lines.is_visible()
    assert_no_axe_violations(page)
    page.locator("details summary").click()
    assert lines.is_visible()
    assert "Àger" in lines.inner_text()
    assert page.console_errors == []


def test_marking_reference_entities_as_members(editor_page):
    page = editor_page
    for name in ("Abella de la Conca", "Àger"):
        MemberFactory(name=name, comarca_id="25", member_since=None)
    page.goto(f"{LIST_URL}?membership=never")
    for name in ("Abella de la Conca", "Àger"):
        page.get_by_role("row", name=name).locator("input[type=checkbox]").check()
    page.get_by_role("link", name=gettext("Mark as members")).click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)

    page.fill("input[name=member_since]", "2026-01-15")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{LIST_URL}?membership=never")

    assert "2" in page.locator(".messages").inner_text()
    assert set(
        Member.objects.filter(member_since=datetime.date(2026, 1, 15)).values_list(
            "name", flat=True
        )
    ) == {
        "Abella de la Conca",
        "Àger",
    }
    assert page.console_errors == []
