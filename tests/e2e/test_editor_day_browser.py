"""An editor's whole working day, in a real browser against a real server.

Each test is one job of the day, done through the admin the way a person does it: signed in
through the log-in form, with clicks, choosers and file uploads, then checked on the public site
and, for uploads, in the database. The live server commits for real, and the cache is the one
`make run` uses (a table in the same database) with the page cache on, so a write lost on its way
to the database or a public page served stale shows here: an upload from the document chooser
that vanished before the item was saved ("Esculliu una opció vàlida") was such a write.

Who does what follows the permissions the site gives: editors (the Editors group) do most of the
day, the Transparència group answers access requests, and only an administrator imports members.
"""

import datetime
import re

import PIL.Image
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from governance.models import GoverningBody, Person, Position, Role
from members.models import Member
from pages.models import OrganisationSettings
from tests.e2e.conftest import recording_page
from tests.factories import AccessRequestFactory, reference_file
from transparency.models import AccessRequest, TransparencyItem

pytestmark = pytest.mark.e2e

PASSWORD = "correcte-cavall-bateria-grapa"
SECTION = "/qui-som/transparencia/contractacio-publica/"
BODIES = "/qui-som/organs-de-govern/"
PORTAL = "/qui-som/transparencia/"
ACCESS_REQUEST = "/qui-som/transparencia/dret-d-acces/"
MEMBERS = "/qui-som/municipis-adherits/"
MEMBERS_ADMIN = "/admin/snippets/members/member/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def day(site_url, settings):
    """The seeded demo site served with the cache of `make run` and the page cache on."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "localret_cache",
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    call_command("createcachetable", verbosity=0)
    cache.clear()
    return site_url


@pytest.fixture
def visitor(browser, day):
    """A member of the public, in a browser of their own: never signed in."""
    context = browser.new_context(base_url=day)
    yield recording_page(context, day)
    context.close()


def look_again(visitor, path):
    """Show `path` to a visitor who saw it before: they reload it, as public pages may be kept
    by browsers for a minute (PAGE_CACHE_MAX_AGE)."""
    visitor.goto(path)
    visitor.reload()


def staff(username, group=None, superuser=False):
    """A member of staff who signs in with PASSWORD."""
    users = get_user_model().objects
    if superuser:
        return users.create_superuser(username, f"{username}@localret.cat", PASSWORD)
    user = users.create_user(username, f"{username}@localret.cat", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, user):
    page.set_default_timeout(15_000)
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator(".login-form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def open_menu(page, group, item):
    """Follow the admin's side menu: a group, then one of its items."""
    page.get_by_role("navigation").get_by_role("button", name=group).click()
    page.get_by_role("navigation").get_by_role("link", name=item, exact=True).click()
    page.wait_for_load_state()


def save(page, button="Desa"):
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    return page.locator(".messages").inner_text()


def upload_in_chooser(page, path, **fields):
    """In the open chooser modal, upload `path` with the given text fields (by label)."""
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name="Pujar").click()
    form = modal.locator("form")
    form.locator("input[type=file]").set_input_files(str(path))
    for label, value in fields.items():
        form.get_by_role("textbox", name=label).fill(value)
    form.get_by_role("button", name="Pujar").click()
    modal.wait_for(state="hidden")


def ready_panel(page):
    page.goto("/admin/")
    return page.locator("section", has=page.get_by_role("heading", name="Llest per publicar"))


def empty_details(page):
    """The panel's list of settings with details still to fill in."""
    return ready_panel(page).locator('table[aria-labelledby="ready-empty-settings"]')


def leave_admin(page):
    """Let the editor's last requests end before the database is emptied (see the admin test
    in test_audit_browser.py)."""
    page.goto("/admin/")
    page.wait_for_load_state("networkidle")


def test_a_document_uploaded_from_an_item_is_published_with_it(day, page, visitor, tmp_path):
    sign_in(page, staff("editora", "Editors"))
    open_menu(page, "Transparència", "Informació publicada")
    page.get_by_role("link", name="Afegeix").first.click()
    page.wait_for_load_state()

    page.get_by_role("button", name="Tria una pàgina").click()
    page.locator(".modal-content").get_by_role("link", name="Contractació pública").click()
    page.locator(".modal-content").wait_for(state="hidden")
    page.get_by_role("textbox", name="Títol").fill("Contracte de manteniment de la xarxa")
    page.get_by_role("spinbutton", name="Any").fill("2026")
    page.get_by_role("button", name="Afegeix document").click()
    page.get_by_role("button", name="Tria un document").click()
    contract = tmp_path / "contracte-signat.pdf"
    contract.write_bytes(PDF)
    upload_in_chooser(page, contract, Títol="Contracte signat")
    assert "Contracte signat" in page.locator("#inline_child_documents-0").inner_text()

    message = save(page)
    assert "Contracte de manteniment de la xarxa" in message
    assert "Trieu una opció vàlida" not in page.content()

    document = get_document_model().objects.get(title="Contracte signat")
    item = TransparencyItem.objects.get(title="Contracte de manteniment de la xarxa")
    assert [row.document for row in item.documents.all()] == [document]

    visitor.goto(SECTION)
    link = visitor.get_by_role("link", name="Contracte signat")
    assert link.count() == 1
    response = visitor.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.body() == PDF
    leave_admin(page)
    assert page.console_errors == visitor.console_errors == []


def test_a_photo_uploaded_for_a_person_shows_on_the_governing_bodies(day, page, visitor, tmp_path):
    person = Person.objects.create(name="Núria Ferrer Vidal")
    Position.objects.create(
        person=person,
        body=GoverningBody.objects.get(name="Assemblea General"),
        role=Role.MEMBER,
        start_date=datetime.date(2023, 7, 15),
    )
    sign_in(page, staff("editora", "Editors"))
    open_menu(page, "Òrgans de govern", "Persones")
    page.get_by_role("link", name="Núria Ferrer Vidal").click()
    page.wait_for_load_state()

    page.get_by_role("button", name="Tria una imatge").click()
    portrait = tmp_path / "retrat.jpg"
    PIL.Image.new("RGB", (300, 400), (120, 30, 60)).save(portrait)
    upload_in_chooser(
        page, portrait, Títol="Retrat de Núria Ferrer", Descripció="Núria Ferrer Vidal somrient"
    )
    assert "Núria Ferrer Vidal" in save(page)

    image = get_image_model().objects.get(title="Retrat de Núria Ferrer")
    person.refresh_from_db()
    assert person.photo == image

    visitor.goto(BODIES)
    visitor.wait_for_load_state("networkidle")
    photo = visitor.get_by_role("img", name="Núria Ferrer Vidal somrient")
    assert photo.count() == 1
    assert photo.evaluate("img => img.complete && img.naturalWidth") > 0
    leave_admin(page)
    assert page.console_errors == visitor.console_errors == []


def test_a_page_previewed_then_published(day, page, visitor):
    from playwright.sync_api import expect

    text = "El portal publica la informació que exigeix la Llei 19/2014."
    sign_in(page, staff("editora", "Editors"))
    ready_panel(page).get_by_role("link", name="Transparència", exact=True).click()
    page.wait_for_load_state()

    intro = page.get_by_role("region", name="Introducció").get_by_role("textbox")
    intro.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    # The rich text editor hands its text to the form a moment after the last keystroke.
    expect(page.locator("input[name=introduction]")).to_have_value(re.compile("Llei 19/2014"))
    page.get_by_role("button", name="Mostra o amaga la previsualització").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_text(text)).to_be_visible(timeout=15_000)
    visitor.goto(PORTAL)
    assert text not in visitor.content(), "a preview publishes nothing"

    page.get_by_role("button", name="Més accions").click()
    assert "publicat" in save(page, "Publica")

    look_again(visitor, PORTAL)
    assert visitor.get_by_text(text).is_visible()
    assert "afegir petit text" not in visitor.content()
    assert ready_panel(page).get_by_role("link", name="Transparència", exact=True).count() == 0
    leave_admin(page)
    assert page.console_errors == visitor.console_errors == []


def test_an_access_request_seen_on_the_dashboard_and_answered(day, page, visitor):
    request = AccessRequestFactory(subject="Contractes menors de 2025")
    sign_in(page, staff("tramitadora", "Transparència"))
    pending = page.locator(
        "section", has=page.get_by_role("heading", name="Sol·licituds d’accés pendents")
    )
    pending.get_by_role("link", name=request.reference).click()
    page.wait_for_load_state()

    page.get_by_role("combobox", name="Estat").select_option(label="estimada")
    page.get_by_role("checkbox", name="Publicar la resolució").check()
    page.get_by_role("textbox", name="Resum públic").fill(
        "Es van demanar els contractes menors de 2025; es van lliurar tots."
    )
    assert request.reference in save(page)

    request.refresh_from_db()
    assert request.status == AccessRequest.Status.GRANTED
    visitor.goto(ACCESS_REQUEST)
    assert visitor.get_by_role("heading", name=request.reference).is_visible()
    assert visitor.get_by_text("es van lliurar tots").is_visible()
    assert request.name not in visitor.content()
    page.goto("/admin/")
    assert page.get_by_role("link", name=request.reference).count() == 0
    assert page.console_errors == visitor.console_errors == []


def test_the_organisation_details_filled_in_show_in_the_footer(day, page, visitor):
    sign_in(page, staff("editora", "Editors"))
    empty_details(page).get_by_role("link", name="Dades de l’organització").click()
    page.wait_for_load_state()

    page.get_by_role("textbox", name="NIF", exact=True).fill("P0800099J")
    page.get_by_role("textbox", name="Adreça postal").fill("Carrer de Mallorca, 1\n08001 Barcelona")
    page.get_by_role("textbox", name="Telèfon").fill("934 000 000")
    page.get_by_role("textbox", name="Correu electrònic", exact=True).fill("info@localret.cat")
    page.get_by_role("textbox", name="Adreça electrònica del delegat de protecció de dades").fill(
        "dpd@localret.cat"
    )
    save(page)

    assert OrganisationSettings.objects.get().tax_id == "P0800099J"
    visitor.goto("/")
    assert "P0800099J" in visitor.get_by_role("contentinfo").inner_text()
    assert empty_details(page).get_by_role("link", name="Dades de l’organització").count() == 0
    assert page.console_errors == visitor.console_errors == []


def test_the_idescat_list_imported_then_entities_marked_as_members(day, page, visitor, browser):
    path = reference_file("idescat_comarques_i_municipis.csv")
    members_before = Member.objects.current().count()
    visitor.goto(MEMBERS)
    assert f"{members_before} ens adherits" in visitor.locator("main").inner_text()
    sign_in(page, staff("administradora", superuser=True))

    page.goto(MEMBERS_ADMIN)
    page.get_by_role("link", name="Importa").click()
    page.wait_for_load_state()
    page.set_input_files("input[name=file]", str(path))
    page.get_by_role("button", name="Comprova el fitxer").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Aplica aquests canvis").click()
    page.wait_for_load_state()
    leave_admin(page)
    assert Member.objects.filter(kind="municipi").count() == 947
    assert Member.objects.current().count() == members_before

    editor_page = recording_page(browser.new_context(base_url=day), day)
    sign_in(editor_page, staff("editora", "Editors"))
    editor_page.goto(f"{MEMBERS_ADMIN}?membership=never")
    for name in ("Abella de la Conca", "Àger"):
        editor_page.get_by_role("row", name=name).locator("input[type=checkbox]").check()
    editor_page.get_by_role("link", name="Marca com a membres").click()
    editor_page.wait_for_load_state("networkidle")
    editor_page.fill("input[name=member_since]", "2026-01-15")
    editor_page.locator("main form button[type=submit]").click()
    editor_page.wait_for_url(f"**{MEMBERS_ADMIN}?membership=never")
    editor_page.wait_for_load_state("networkidle")
    assert "2" in editor_page.locator(".messages").inner_text()
    assert Member.objects.current().count() == members_before + 2

    look_again(visitor, MEMBERS)
    assert f"{members_before + 2} ens adherits" in visitor.locator("main").inner_text()
    visitor.goto(f"{MEMBERS}?q=abella")
    assert visitor.get_by_role("link", name="Abella de la Conca").count() == 1
    assert page.console_errors == editor_page.console_errors == visitor.console_errors == []
    editor_page.context.close()
