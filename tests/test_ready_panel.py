"""The dashboard's "Llest per publicar" panel: everything still missing before the site goes live,
each with a link to where it is fixed."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from governance.models import GoverningBody
from pages.models import OrganisationSettings
from tests.factories import PersonFactory, StandardPageFactory
from transparency.models import (
    AccessibilityStatementSettings,
    TransparencyItem,
    TransparencySectionPage,
    TransparencySettings,
)

DASHBOARD = "/admin/"
SECTIONS = {
    "placeholder pages": "ready-placeholder-pages",
    "empty pages": "ready-empty-pages",
    "placeholder content": "ready-placeholder-content",
    "placeholder settings": "ready-placeholder-settings",
    "empty settings": "ready-empty-settings",
    "flagged settings": "ready-flagged-settings",
}
COMPLETE_DETAILS = {
    "tax_id": "P0800000A",
    "address": "Carrer de Prova, 1\n08001 Barcelona",
    "phone": "930 000 000",
    "email": "info@localret.cat",
    "dpo_email": "dpd@localret.cat",
    "is_demo_site": False,
}
TRANSPARENCY_DETAILS = {
    "notification_email": "transparencia@localret.cat",
    "resolving_body": "Gerència",
    "access_request_retention": "Cinc anys després de la resolució (TAAD 1234).",
    "contractor_profile_url": "https://contractaciopublica.cat/ca/perfils-contractant/localret",
}
ACCESSIBILITY_DETAILS = {
    "compliance_status": "partially",
    "disproportionate_burden": "No n’hi ha.",
    "out_of_scope": "No n’hi ha.",
    "prepared_on": datetime.date(2026, 11, 30),
    "assessment_method": "Autoavaluació.",
    "reviewed_on": datetime.date(2026, 11, 30),
    "responsible_unit": "Unitat d’accessibilitat",
    "enforcement_procedure": "Reclamació davant la Generalitat de Catalunya.",
}


def panel_of(client):
    html = client.get(DASHBOARD).content.decode()
    start = html.index('id="ready-to-publish-section"')
    return html[start : html.index("</section>", start)]


def section_of(panel, name):
    """The table of one kind of missing item, or "" when the panel has none of that kind."""
    match = re.search(rf'<h3 [^>]*id="{SECTIONS[name]}">.*?</table>', panel, re.S)
    return match.group(0) if match else ""


def rows_of(section):
    """Each row as (link or None, item, type, fields)."""
    rows = []
    for row in re.findall(r"<tr>\s*<td>(.*?)</tr>", section, re.S):
        cells = [cell.strip() for cell in re.findall(r"(.*?)</td>\s*(?:<td>|$)", row, re.S)]
        link = re.search(r'href="([^"]+)"', cells[0])
        rows.append((link and link.group(1), re.sub(r"<[^>]+>", "", cells[0]).strip(), *cells[1:]))
    return rows


def page_edit_url(slug):
    return reverse("wagtailadmin_pages:edit", args=(Page.objects.get(slug=slug).pk,))


def settings_edit_url(model, site):
    return reverse(
        "wagtailsettings:edit", args=(model._meta.app_label, model._meta.model_name, site.pk)
    )


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def complete_site(site):
    """Write what the seed leaves for editors: every placeholder, the history, the statutes and
    the organisation's details."""
    final_text = "<p>Text definitiu.</p>"
    for page in Page.objects.live().specific():
        written = {
            name: final_text
            for name in getattr(page, "placeholder_fields", ())
            if "afegir petit text" in getattr(page, name)
        }
        if written:
            publish(page, **written)
    publish(
        Page.objects.get(slug="historia").specific,
        introduction=final_text,
        timeline=[
            (
                "period",
                {
                    "heading": "Els precedents",
                    "introduction": "",
                    "milestones": [{"title": "Naixement", "year": 1997, "text": ""}],
                },
            )
        ],
    )
    publish(
        Page.objects.get(slug="estatuts").specific,
        statutes=[("article", {"number": 1, "heading": "Objecte", "body": final_text})],
    )
    GoverningBody.objects.update(functions=final_text)
    OrganisationSettings.objects.update_or_create(site=site, defaults=COMPLETE_DETAILS)
    TransparencySettings.objects.update_or_create(site=site, defaults=TRANSPARENCY_DETAILS)
    AccessibilityStatementSettings.objects.update_or_create(
        site=site, defaults=ACCESSIBILITY_DETAILS
    )


# What the seeded site still misses -----------------------------------------------------------


def test_seeded_site_lists_the_pages_that_hold_a_placeholder(admin_client_ca, seeded_site):
    rows = rows_of(section_of(panel_of(admin_client_ca), "placeholder pages"))

    by_link = {row[0]: row for row in rows}
    for slug in ["estatuts", "organs-de-govern", "municipis-adherits", "transparencia"]:
        assert by_link[page_edit_url(slug)][3] == "introducció"
    assert by_link[page_edit_url("presentacio-del-president")][3] == "missatge"
    assert page_edit_url("qui-som") not in by_link


def test_seeded_history_and_statutes_are_listed_as_pages_without_their_main_text(
    admin_client_ca, seeded_site
):
    rows = rows_of(section_of(panel_of(admin_client_ca), "empty pages"))

    assert [row[:2] for row in rows] == [
        (page_edit_url("historia"), "Història i antecedents"),
        (page_edit_url("estatuts"), "Estatuts"),
    ]
    assert rows[0][3] == "introducció, cronologia"


def test_seeded_governing_bodies_functions_are_listed_as_content_with_a_placeholder(
    admin_client_ca, seeded_site
):
    rows = rows_of(section_of(panel_of(admin_client_ca), "placeholder content"))

    assert [(link, name, fields) for link, name, kind, fields in rows] == [
        (
            reverse("wagtailsnippets_governance_governingbody:edit", args=(body.pk,)),
            body.name,
            "funcions",
        )
        for body in GoverningBody.objects.all()
    ]
    assert {kind for link, name, kind, fields in rows} == {"Òrgan de govern"}


def test_seeded_site_lists_the_empty_organisation_details_and_notification_address(
    admin_client_ca, seeded_site
):
    rows = rows_of(section_of(panel_of(admin_client_ca), "empty settings"))

    assert [(link, fields) for link, name, kind, fields in rows] == [
        (
            settings_edit_url(OrganisationSettings, seeded_site),
            "NIF, adreça postal, telèfon, correu electrònic, adreça electrònica del delegat de "
            "protecció de dades",
        ),
        (
            settings_edit_url(TransparencySettings, seeded_site),
            "adreça d’avís al personal, òrgan que resol les sol·licituds d’accés, conservació de "
            "les sol·licituds d’accés, perfil del contractant",
        ),
        (
            settings_edit_url(AccessibilityStatementSettings, seeded_site),
            "situació de compliment, càrrega desproporcionada, contingut fora de l’àmbit, "
            "data de preparació, mètode d’avaluació, data de la darrera revisió, "
            "unitat responsable d’accessibilitat, procediment d’aplicació",
        ),
    ]


# Each kind of item comes and goes with the content --------------------------------------------


def test_a_page_leaves_the_list_once_its_text_is_written(admin_client_ca, seeded_site):
    publish(Page.objects.get(slug="estatuts").specific, introduction="<p>Els estatuts.</p>")

    section = section_of(panel_of(admin_client_ca), "placeholder pages")

    assert page_edit_url("estatuts") not in section
    assert page_edit_url("transparencia") in section


def test_a_page_with_an_empty_text_is_listed_until_it_is_written(admin_client_ca, home_page):
    page = StandardPageFactory(
        parent=home_page, title="Avís buit", slug="avis-buit", introduction="", body="<p></p>"
    )
    empty = section_of(panel_of(admin_client_ca), "empty pages")
    publish(page, body="<p>Ja escrit.</p>")
    written = section_of(panel_of(admin_client_ca), "empty pages")

    assert page_edit_url("avis-buit") in empty
    assert page_edit_url("avis-buit") not in written


def test_history_with_a_milestone_is_no_longer_empty(admin_client_ca, seeded_site):
    history = Page.objects.get(slug="historia").specific
    period = history.timeline.raw_data[0]["value"]
    period["milestones"] = [{"title": "Naixement", "year": 1997, "text": "", "date": None}]
    publish(history, timeline=[("period", period)])

    assert page_edit_url("historia") not in section_of(panel_of(admin_client_ca), "empty pages")


def test_people_and_published_information_with_a_placeholder_are_listed(
    admin_client_ca, seeded_site
):
    person = PersonFactory(name="Laia Ferrer", biography="Bio: afegir petit text sobre ella")
    item = TransparencyItem.objects.create(
        section=TransparencySectionPage.objects.first(),
        title="Pressupost 2026",
        description="<p>Pressupost: Afegir petit text</p>",
    )

    rows = rows_of(section_of(panel_of(admin_client_ca), "placeholder content"))

    assert (
        reverse("wagtailsnippets_governance_person:edit", args=(person.pk,)),
        "Laia Ferrer",
        "Persona",
        "biografia breu",
    ) in rows
    assert (
        reverse("wagtailsnippets_transparency_transparencyitem:edit", args=(item.pk,)),
        "Pressupost 2026",
        "Element d’informació publicada",
        "descripció",
    ) in rows


def test_a_placeholder_in_the_organisation_details_is_listed(admin_client_ca, seeded_site):
    OrganisationSettings.objects.update_or_create(
        site=seeded_site, defaults={"address": "Adreça: afegir petit text"}
    )

    rows = rows_of(section_of(panel_of(admin_client_ca), "placeholder settings"))

    assert [(link, kind, fields) for link, name, kind, fields in rows] == [
        (settings_edit_url(OrganisationSettings, seeded_site), "Configuració", "adreça postal")
    ]


def test_a_demo_site_is_asked_to_switch_the_demo_off_until_it_is(admin_client_ca, seeded_site):
    rows = rows_of(section_of(panel_of(admin_client_ca), "flagged settings"))

    assert [(link, fields) for link, name, kind, fields in rows] == [
        (settings_edit_url(OrganisationSettings, seeded_site), "lloc de demostració")
    ]

    OrganisationSettings.objects.filter(site=seeded_site).update(is_demo_site=False)

    assert section_of(panel_of(admin_client_ca), "flagged settings") == ""


def test_filled_in_details_leave_the_list(admin_client_ca, seeded_site):
    OrganisationSettings.objects.update_or_create(site=seeded_site, defaults=COMPLETE_DETAILS)

    section = section_of(panel_of(admin_client_ca), "empty settings")

    assert settings_edit_url(OrganisationSettings, seeded_site) not in section
    assert settings_edit_url(TransparencySettings, seeded_site) in section


def test_everything_written_the_panel_says_all_is_set(admin_client_ca, seeded_site):
    complete_site(seeded_site)

    panel = panel_of(admin_client_ca)

    assert "Tot a punt: no falta res per publicar el web." in panel
    assert "<table" not in panel


def test_the_panel_counts_what_is_missing(admin_client_ca, seeded_site):
    complete_site(seeded_site)
    GoverningBody.objects.filter(name="Presidència").update(functions="<p>afegir petit text</p>")

    panel = panel_of(admin_client_ca)

    assert "Encara falta una cosa abans de publicar el web." in panel
    assert len(rows_of(panel)) == 1


# Editors -------------------------------------------------------------------------------------


def test_editors_get_links_to_what_they_may_fix_only(editor_client, seeded_site):
    rows = rows_of(section_of(panel_of(editor_client), "empty settings"))

    assert rows[0][0] == settings_edit_url(OrganisationSettings, seeded_site)
    assert rows[1][0] is None
    assert "només un administrador" in rows[1][1]
    assert rows[1][1].startswith("Portal de transparència")


# Cost ------------------------------------------------------------------------------------------


def dashboard_queries(client):
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DASHBOARD).status_code == 200
    return len(captured)


def add_missing_items(home_page, numbers):
    for number in numbers:
        PersonFactory(biography=f"Bio {number}: afegir petit text")
        StandardPageFactory(
            parent=home_page,
            title=f"Pàgina {number}",
            slug=f"pagina-{number}",
            introduction="",
            body="",
        )
        StandardPageFactory(
            parent=home_page,
            title=f"Provisional {number}",
            slug=f"provisional-{number}",
            introduction="<p>afegir petit text</p>",
        )


@pytest.mark.parametrize("user", ["admin_client_ca", "editor_client"])
def test_the_panel_costs_the_same_queries_however_much_is_missing(request, user, home_page):
    client = request.getfixturevalue(user)
    # Written content not yet committed is read afresh by every request: write some first.
    add_missing_items(home_page, range(1))
    with_one_of_each = dashboard_queries(client)
    add_missing_items(home_page, range(1, 10))
    panel = panel_of(client)

    assert dashboard_queries(client) == with_one_of_each
    assert len(rows_of(section_of(panel, "placeholder content"))) == 15
    assert "Pàgina 9" in section_of(panel, "empty pages")
    assert "Provisional 9" in section_of(panel, "placeholder pages")


def test_the_dashboard_stays_within_a_bounded_number_of_queries(
    admin_client_ca, seeded_site, django_assert_max_num_queries
):
    admin_client_ca.get(DASHBOARD)
    with django_assert_max_num_queries(60):
        admin_client_ca.get(DASHBOARD)
