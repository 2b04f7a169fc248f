"""The legal pages say what the law asks of them, with the owner's details from site settings,
and no page gives an anonymous visitor a cookie it does not need."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Page, Site

from pages.models import OrganisationSettings, StandardPage
from tests.conftest import run_seed_site
from transparency.models import AccessibilityStatementSettings, TransparencySettings

LEGAL_URLS = ["/avis-legal/", "/privacitat/", "/galetes/", "/accessibilitat/"]
FORM_URL = "/qui-som/transparencia/dret-d-acces/"


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def h2_headings(html):
    return [text_of(h2) for h2 in re.findall(r"<h2\b[^>]*>(.*?)</h2>", html, re.S)]


@pytest.fixture
def organisation(seeded_site):
    details, _ = OrganisationSettings.objects.update_or_create(
        site=seeded_site,
        defaults={
            "name": "Consorci Localret",
            "tax_id": "P0800000A",
            "address": "Via Laietana, 0\n08003 Barcelona",
            "email": "localret@localret.cat",
        },
    )
    return details


@pytest.mark.parametrize("url", ["/avis-legal/", "/privacitat/"])
def test_owner_details_come_from_the_site_settings(
    client, organisation, url, django_capture_on_commit_callbacks
):
    before = text_of(client.get(url).content.decode())
    organisation.tax_id = "P0899999B"
    # Committed, as the admin's save is: the cached footer is then stale.
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    after = text_of(client.get(url).content.decode())

    assert "P0800000A" in before
    assert "Via Laietana, 0 08003 Barcelona" in before
    assert "localret@localret.cat" in before
    assert "P0899999B" in after
    assert "P0800000A" not in after


def test_legal_notice_covers_owner_purpose_and_reuse(client, organisation):
    html = client.get("/avis-legal/").content.decode()

    assert h2_headings(html)[:6] == [
        gettext("Owner of the website"),
        "Objecte del web",
        "Reutilització de la informació",
        "Enllaços a altres webs",
        "Legislació aplicable",
        "Contacte",
    ]
    assert "citant-ne la font" in html


def test_privacy_page_gives_the_gdpr_information_and_names_the_apdcat(client, organisation):
    organisation.dpo_name = "Delegació de Protecció de Dades de Localret"
    organisation.dpo_email = "dpd@localret.cat"
    organisation.save()
    transparency = TransparencySettings.for_site(organisation.site)
    transparency.access_request_retention = "Sis anys des de la resolució (TAAD codi 1234)."
    transparency.save()

    html = client.get("/privacitat/").content.decode()
    text = text_of(html)

    assert h2_headings(html)[:11] == [
        gettext("Data controller"),
        gettext("Data protection officer"),
        gettext("How long we keep the data"),
        "Quines dades tractem i per a què",
        "Base jurídica",
        "Destinataris",
        "Transferències internacionals",
        "Decisions automatitzades",
        "Els vostres drets",
        "Reclamacions",
        "Consorci Localret",  # the footer's own heading
    ]
    assert "Delegació de Protecció de Dades de Localret: dpd@localret.cat" in text
    assert 'href="mailto:dpd@localret.cat"' in html
    assert "Sis anys des de la resolució (TAAD codi 1234)." in text
    assert "Autoritat Catalana de Protecció de Dades (APDCAT)" in html
    assert 'href="https://apdcat.gencat.cat"' in html


def test_privacy_page_states_each_purposes_basis_and_the_rights_that_apply(client, organisation):
    text = text_of(client.get("/privacitat/").content.decode())

    assert "obligació legal (article 6.1.c" in text
    assert "missió realitzada en interès públic (article 6.1.e" in text
    assert "allotjament web i de correu electrònic" in text
    assert "No transferim dades fora de l’Espai Econòmic Europeu." in text
    assert "No prenem decisions automatitzades" in text
    assert "accés, rectificació, supressió i limitació del tractament" in text
    assert "Els drets de portabilitat i d’oposició no s’hi apliquen" in text
    assert "No comuniquem les dades a ningú" not in text
    # The counter's lifetime is the rate limit's own window.
    assert "s’esborra al cap de 60 minuts" in text


def test_privacy_page_says_nothing_false_while_its_settings_are_empty(client, organisation):
    text = text_of(client.get("/privacitat/").content.decode())

    assert gettext("Data protection officer") not in text
    assert "afegir petit text" not in text
    assert "normativa d’arxius i gestió documental" in text


def test_settings_models_name_the_fields_to_fill_before_launch():
    expected = {
        OrganisationSettings: {"name", "tax_id", "address", "phone", "email", "dpo_email"},
        TransparencySettings: {
            "resolving_body",
            "access_request_retention",
            "contractor_profile_url",
        },
        AccessibilityStatementSettings: {
            "compliance_status",
            "prepared_on",
            "assessment_method",
            "reviewed_on",
        },
    }
    for model, fields in expected.items():
        assert fields <= set(model.launch_required_fields), model
        for name in model.launch_required_fields:
            field = model._meta.get_field(name)
            assert field.verbose_name and field.help_text, (model, name)


def test_cookie_page_says_only_the_form_cookie_is_set(client, seeded_site):
    text = text_of(client.get("/galetes/").content.decode())

    assert "no instal·la cap galeta" in text
    assert "csrftoken" in text
    assert "no cal demanar-lo" in text


def test_an_unfilled_accessibility_statement_claims_no_assessment_and_no_date(client, organisation):
    html = client.get("/accessibilitat/").content.decode()
    text = text_of(html)
    statement = html[html.index("<main") : html.index("</main>")]

    assert h2_headings(html)[:3] == [
        gettext("Compliance status"),
        gettext("Communications and contact"),
        gettext("Enforcement procedure"),
    ]
    assert "Encara no s’ha avaluat la conformitat" in text
    assert "conforme" not in text
    assert "<time" not in statement
    # Without an accessibility address, the organisation's is given.
    assert 'href="mailto:localret@localret.cat"' in statement
    assert "vint dies hàbils" in text


def test_the_accessibility_statement_shows_what_editors_filled_in(client, organisation):
    AccessibilityStatementSettings.objects.update_or_create(
        site=organisation.site,
        defaults={
            "compliance_status": "partially",
            "non_compliant_content": "Alguns PDF antics no tenen etiquetes.",
            "disproportionate_burden": "No n’hi ha.",
            "out_of_scope": "Documents publicats abans del 20 de setembre de 2018.",
            "prepared_on": datetime.date(2026, 11, 27),
            "assessment_method": "Autoavaluació amb axe-core i revisió manual.",
            "reviewed_on": datetime.date(2027, 1, 15),
            "responsible_unit": "Unitat d’accessibilitat",
            "contact_email": "accessibilitat@localret.cat",
            "enforcement_procedure": "Reclamació davant la Direcció General d’Administració.",
        },
    )

    html = client.get("/accessibilitat/").content.decode()
    text = text_of(html)

    assert h2_headings(html)[:5] == [
        gettext("Compliance status"),
        gettext("Non-accessible content"),
        gettext("Preparation of this statement"),
        gettext("Communications and contact"),
        gettext("Enforcement procedure"),
    ]
    assert "parcialment conforme amb la norma UNE-EN 301 549:2022" in text
    assert "Alguns PDF antics no tenen etiquetes." in text
    assert "Documents publicats abans del 20 de setembre de 2018." in text
    assert "es va preparar el 27 de novembre de 2026" in text
    assert "15 de gener de 2027" in text
    assert "Autoavaluació amb axe-core i revisió manual." in text
    assert "accessibilitat@localret.cat (Unitat d’accessibilitat)" in text
    assert "Reclamació davant la Direcció General d’Administració." in text


def test_cookie_page_names_no_owner_block(client, organisation):
    assert gettext("Owner of the website") not in client.get("/galetes/").content.decode()


def test_editors_changes_to_legal_pages_survive_a_new_seeding(seeded_site):
    page = StandardPage.objects.get(slug="galetes")
    page.body = "<p>Text revisat pel servei jurídic.</p>"
    page.save_revision().publish()

    run_seed_site()

    assert StandardPage.objects.get(slug="galetes").body == page.body
    assert StandardPage.objects.filter(slug="galetes").count() == 1


def test_the_request_form_links_to_the_privacy_page(client, seeded_site):
    privacy = Page.objects.get(slug="privacitat")

    assert TransparencySettings.for_site(seeded_site).privacy_page_id == privacy.pk
    assert f'href="{privacy.url}"' in client.get(FORM_URL).content.decode()


def test_no_seeded_page_gives_an_anonymous_visitor_a_cookie_but_the_forms_token(
    client, seeded_site
):
    urls = [page.url for page in Page.objects.live().descendant_of(seeded_site.root_page, True)]
    assert len(urls) >= 20

    for url in urls:
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        expected = {"csrftoken"} if url in (FORM_URL, "/contacte/") else set()
        assert set(response.cookies) == expected, url


@pytest.mark.parametrize("url", LEGAL_URLS)
def test_legal_pages_stay_within_the_query_budget(
    client, seeded_site, django_assert_max_num_queries, url
):
    client.get(url)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


@pytest.fixture
def full_organisation(organisation):
    organisation.phone = "93 000 00 00"
    organisation.save()
    return organisation


def footer_of(html):
    return text_of(html[html.index('<footer class="site-footer"') :])


def test_every_page_type_shows_the_owners_details_in_its_footer(client, full_organisation):
    """LSSI, art. 10: name, NIF, address, email and phone on every page."""
    pages = Page.objects.live().descendant_of(full_organisation.site.root_page, inclusive=True)
    urls_by_type = {page.specific_class: page.url for page in pages.specific()}
    urls = [*urls_by_type.values(), "/cerca/?q=localret", "/no-existeix/"]
    assert len(urls_by_type) >= 10

    for url in urls:
        footer = footer_of(client.get(url).content.decode())
        for detail in [
            "Consorci Localret",
            "P0800000A",
            "Via Laietana, 0 08003 Barcelona",
            "localret@localret.cat",
            "93 000 00 00",
        ]:
            assert detail in footer, (url, detail)


def test_an_empty_detail_leaves_no_blank_line_in_the_footer(client, organisation):
    footer = client.get("/").content.decode().split('<footer class="site-footer"')[1]

    assert gettext("Phone") not in text_of(footer)
    assert "<br>\\n" not in footer.replace(" ", "")


def test_texts_that_point_to_the_footer_find_the_contact_details_there(client, full_organisation):
    pages = Page.objects.live().descendant_of(full_organisation.site.root_page, inclusive=True)
    pointing = []
    for page in pages:
        html = client.get(page.url).content.decode()
        main = text_of(html[html.index("<main") : html.index("</main>")])
        if "peu de pàgina" in main:
            pointing.append(page.url)
            assert "localret@localret.cat" in footer_of(html), page.url

    assert {"/avis-legal/", "/privacitat/"} <= set(pointing)


@pytest.mark.django_db(transaction=True)
def test_administrators_fill_in_the_accessibility_statement_and_it_is_published(client):
    """Outside a test transaction, as on a real server: the saved settings reach the page."""
    run_seed_site()
    site = Site.objects.get(is_default_site=True)
    admin = get_user_model().objects.create_superuser("admin", "admin@exemple.cat", "x")
    client.force_login(admin)
    url = reverse("wagtailsettings:edit", args=["transparency", "accessibilitystatementsettings"])
    assert client.get(f"{url}{site.pk}/").status_code == 200

    response = client.post(
        f"{url}{site.pk}/",
        {
            "compliance_status": "fully",
            "prepared_on": "2026-11-27",
            "reviewed_on": "2026-12-01",
            "assessment_method": "Autoavaluació.",
            "contact_email": "accessibilitat@localret.cat",
        },
    )
    client.logout()
    text = text_of(client.get("/accessibilitat/").content.decode())

    assert response.status_code == 302
    assert "plenament conforme" in text
    assert "es va preparar el 27 de novembre de 2026" in text
    assert "Darrera revisió: 1 de desembre de 2026" in text
    assert "accessibilitat@localret.cat" in text
