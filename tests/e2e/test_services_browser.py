"""The services catalogue, filtered and not, and a service's page, in a browser."""

import pytest

from services.models import ServicePage
from tests.e2e.conftest import check_page, open_page
from tests.factories import ServiceDocumentFactory

pytestmark = pytest.mark.e2e

CATALOGUE = "/serveis/"
COMPRA = "/serveis/compra-agregada-de-serveis-de-telecomunicacions/"


def listed(page):
    return page.locator(".service-card h4").all_inner_texts()


def test_catalogue_is_clean_and_accessible(page):
    open_page(page, CATALOGUE)

    assert len(listed(page)) == 4
    check_page(page)


def test_filtering_with_the_form_works_without_javascript_and_stays_accessible(browser, site_url):
    context = browser.new_context(base_url=site_url, bypass_csp=True, java_script_enabled=False)
    page = context.new_page()
    page.console_errors, page.foreign_requests = [], []
    try:
        open_page(page, CATALOGUE)
        page.select_option("#id_categoria", "tic")
        page.select_option("#id_public", "altres-ens-locals")
        page.locator(".service-filters button[type=submit]").click()

        assert "categoria=tic" in page.url and "public=altres-ens-locals" in page.url
        assert listed(page) == ["Compra agregada de serveis de telecomunicacions"]
        assert page.locator("#services-heading").inner_text() == (
            "1 servei coincideix amb aquests filtres"
        )
    finally:
        context.close()


def test_filtered_catalogue_with_no_result_and_a_notice_is_accessible(page):
    open_page(page, CATALOGUE + "?categoria=inexistent")
    assert page.locator(".service-notices li").count() == 1
    assert len(listed(page)) == 4
    check_page(page)

    open_page(page, CATALOGUE + "?categoria=tic&public=ciutadania")
    assert listed(page) == []
    check_page(page)

    page.get_by_role("link", name="Mostra tots els serveis").last.click()
    assert len(listed(page)) == 4


def test_service_page_with_documents_is_clean_and_accessible(page):
    service = ServicePage.objects.get(slug="compra-agregada-de-serveis-de-telecomunicacions")
    ServiceDocumentFactory(page=service, document__title="Plec de la compra agregada")

    open_page(page, COMPRA)

    assert page.locator("main h2").all_inner_texts()[0] == "El que ofereix"
    assert "(PDF, 2,0\xa0KB)" in page.locator(".service-documents").inner_text()
    check_page(page)
