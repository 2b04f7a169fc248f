"""The legal pages say what the law asks of them, with the owner's details from site settings,
and no page gives an anonymous visitor a cookie it does not need."""

import re

import pytest
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import gettext
from wagtail.models import Page

from pages.models import OrganisationSettings, StandardPage
from pages.placeholders import pages_with_placeholders
from tests.conftest import run_seed_site
from transparency.models import TransparencySettings

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
def test_owner_details_come_from_the_site_settings(client, organisation, url):
    before = text_of(client.get(url).content.decode())
    organisation.tax_id = "P0899999B"
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
    html = client.get("/privacitat/").content.decode()

    assert h2_headings(html)[:9] == [
        gettext("Data controller"),
        "Quines dades tractem i per a què",
        "Base jurídica",
        "Destinataris",
        "Termini de conservació",
        "Els vostres drets",
        "Delegat de protecció de dades",
        "Reclamacions",
        "Consorci Localret",  # the footer's own heading
    ]
    assert "Autoritat Catalana de Protecció de Dades (APDCAT)" in html
    assert 'href="https://apdcat.gencat.cat"' in html


def test_the_missing_data_protection_officer_is_flagged_for_editors(seeded_site):
    assert "privacitat" in [page.slug for page in pages_with_placeholders()]


def test_cookie_page_says_only_the_form_cookie_is_set(client, seeded_site):
    text = text_of(client.get("/galetes/").content.decode())

    assert "no instal·la cap galeta" in text
    assert "csrftoken" in text
    assert "no cal demanar-lo" in text


def test_accessibility_statement_has_its_required_parts_and_date(client, organisation):
    html = client.get("/accessibilitat/").content.decode()
    text = text_of(html)
    seeded_on = Page.objects.get(slug="accessibilitat").first_published_at

    assert h2_headings(html)[:6] == [
        gettext("Contact for accessibility"),
        "Situació de compliment",
        "Contingut no accessible",
        "Preparació d’aquesta declaració",
        "Observacions i dades de contacte",
        "Procediment d’aplicació",
    ]
    assert "parcialment conforme" in text
    assert "UNE-EN 301 549" in text
    assert f"es va preparar el {date_format(localdate(seeded_on), 'DATE_FORMAT')}" in text
    assert "localret@localret.cat" in text


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
        expected = {"csrftoken"} if url == FORM_URL else set()
        assert set(response.cookies) == expected, url


@pytest.mark.parametrize("url", LEGAL_URLS)
def test_legal_pages_stay_within_the_query_budget(
    client, seeded_site, django_assert_max_num_queries, url
):
    client.get(url)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
