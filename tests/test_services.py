"""The services catalogue at /serveis/: what a visitor reads, filters, a service's page, the
seed, the page cache and the admin.

The session's test site is a demo site: `seed_site --demo` gave it four services in two
categories ("telecomunicacions" and "tic").
"""

import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from localret_site.caching.middleware import CACHE_STATUS_HEADER
from pages.readiness import pages_with_placeholders
from services.models import ServiceCategory, ServiceIndexPage, ServicePage
from tests.conftest import run_seed_site
from tests.factories import (
    ServiceCategoryFactory,
    ServiceDocumentFactory,
    ServicePageFactory,
    UploadedDocumentFactory,
)
from tests.test_editor_writes import committed_rows, shows

pytestmark = pytest.mark.django_db

CATALOGUE = "/serveis/"
COMPRA = "/serveis/compra-agregada-de-serveis-de-telecomunicacions/"
DEMO_TITLES = [
    "Assessorament en infraestructures de telecomunicacions",
    "Informació sobre la cobertura de telefonia mòbil i internet",
    "Compra agregada de serveis de telecomunicacions",
    "Assessorament en transformació digital",
]
MAX_QUERIES = 15


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


def h1_texts(html):
    return [
        re.sub(r"<[^>]+>|\s+", " ", h1).strip() for h1 in re.findall(r"<h1\b.*?</h1>", html, re.S)
    ]


def headings(html, level):
    """The headings of this level in the page's main content, as text."""
    main = html.split('id="main-content"', 1)[-1].split("</main>")[0]
    return [
        re.sub(r"<[^>]+>|\s+", " ", heading).strip()
        for heading in re.findall(rf"<h{level}\b.*?</h{level}>", main, re.S)
    ]


def listed_services(html):
    """The titles of the services listed, in order."""
    return headings(html.split('id="services"')[1], 4)


def results_heading(html):
    return headings(html.split('id="services"')[1], 2)[0]


def structured_data(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.fixture
def catalogue(seeded_site):
    return ServiceIndexPage.objects.get()


# The catalogue -------------------------------------------------------------------------------


def test_the_catalogue_lists_every_service_under_its_category(client, seeded_site):
    html = text_of(client.get(CATALOGUE))

    assert '<html lang="ca">' in html
    assert h1_texts(html) == ["Serveis"]
    assert results_heading(html) == "4 serveis"
    assert headings(html, 3) == [
        "Xarxes i infraestructures de telecomunicacions",
        "Tecnologies de la informació i compres TIC",
    ]
    assert listed_services(html) == DEMO_TITLES
    assert 'href="/serveis/assessorament-en-transformacio-digital/"' in html
    assert "Per a: Ajuntaments, Ciutadania" in html


def test_the_catalogue_is_in_the_main_menu(client, seeded_site):
    html = text_of(client.get("/"))
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)

    assert 'href="/serveis/"' in menu


def test_the_seeded_introduction_is_for_editors_only(client, seeded_site):
    html = text_of(client.get(CATALOGUE))

    assert "afegir petit text" not in html
    assert CATALOGUE in [page.url for page in pages_with_placeholders()]


def test_filtering_by_category(client, seeded_site):
    html = text_of(client.get(CATALOGUE, {"categoria": "tic"}))

    assert listed_services(html) == DEMO_TITLES[2:]
    assert results_heading(html) == "2 serveis coincideixen amb aquests filtres"
    assert '<option value="tic" selected>' in html
    assert '<a href="/serveis/">Mostra tots els serveis</a>' in html


def test_filtering_by_audience(client, seeded_site):
    html = text_of(client.get(CATALOGUE, {"public": "ciutadania"}))

    assert listed_services(html) == [DEMO_TITLES[1]]
    assert results_heading(html) == "1 servei coincideix amb aquests filtres"
    assert '<option value="ciutadania" selected>' in html


def test_filtering_by_category_and_audience(client, seeded_site):
    both = text_of(client.get(CATALOGUE, {"categoria": "tic", "public": "altres-ens-locals"}))
    none = text_of(client.get(CATALOGUE, {"categoria": "tic", "public": "ciutadania"}))

    assert listed_services(both) == ["Compra agregada de serveis de telecomunicacions"]
    assert listed_services(none) == []
    assert "Cap servei no coincideix amb aquests filtres." in none
    assert none.count('<a href="/serveis/">Mostra tots els serveis</a>') == 2


def test_empty_filters_show_everything(client, seeded_site):
    html = text_of(client.get(CATALOGUE, {"categoria": "", "public": ""}))

    assert listed_services(html) == DEMO_TITLES
    assert results_heading(html) == "4 serveis"


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"categoria": "inexistent"}, "No hi ha cap categoria «inexistent»"),
        ({"public": "empreses"}, "«empreses» no és cap dels destinataris"),
        ({"categoria": "<b>x</b>"}, "No hi ha cap categoria «&lt;b&gt;x&lt;/b&gt;»"),
        ({"categoria": "a\x00b\x1f"}, "No hi ha cap categoria «ab»"),
        ({"public": "x" * 5000}, "«" + "x" * 60 + "»"),
    ],
)
def test_a_value_that_names_nothing_is_ignored_with_a_catalan_notice(
    client, seeded_site, params, notice
):
    html = text_of(client.get(CATALOGUE, params))

    assert notice in html
    assert listed_services(html) == DEMO_TITLES
    assert "<b>x</b>" not in html


def test_a_bad_filter_leaves_the_good_one_working(client, seeded_site):
    html = text_of(client.get(CATALOGUE, {"categoria": "tic", "public": "empreses"}))

    assert listed_services(html) == DEMO_TITLES[2:]
    assert "no es filtra per destinataris" in html


def test_a_repeated_filter_takes_its_last_value(client, seeded_site):
    html = text_of(client.get(CATALOGUE + "?categoria=inexistent&categoria=telecomunicacions"))

    assert listed_services(html) == DEMO_TITLES[:2]


def test_services_without_a_category_come_last(client, seeded_site):
    category = ServiceCategory.objects.get(slug="telecomunicacions")
    category.delete()

    html = text_of(client.get(CATALOGUE))

    assert headings(html, 3) == ["Tecnologies de la informació i compres TIC", "Altres serveis"]
    assert listed_services(html) == DEMO_TITLES[2:] + DEMO_TITLES[:2]


def test_categories_follow_the_editors_order(client, seeded_site):
    ServiceCategory.objects.filter(slug="tic").update(sort_order=-1)

    html = text_of(client.get(CATALOGUE))

    assert listed_services(html) == DEMO_TITLES[2:] + DEMO_TITLES[:2]


def test_drafts_and_unpublished_services_are_not_listed(client, seeded_site):
    ServicePage.objects.get(slug="assessorament-en-transformacio-digital").unpublish()
    ServicePageFactory(title="Servei en preparació", live=False)

    html = text_of(client.get(CATALOGUE))

    assert listed_services(html) == DEMO_TITLES[:3]


def test_an_empty_catalogue_says_so(client, seeded_site):
    ServicePage.objects.all().delete()

    html = text_of(client.get(CATALOGUE))

    assert "Encara no s’ha publicat cap servei." in html
    assert "Mostra tots els serveis" not in html


@pytest.mark.parametrize("params", [{}, {"categoria": "tic", "public": "ajuntaments"}])
def test_the_catalogue_takes_as_many_queries_for_3_services_as_for_30(
    client, catalogue, django_assert_max_num_queries, params
):
    ServicePage.objects.all().delete()
    categories = [ServiceCategory.objects.get(slug="tic"), ServiceCategoryFactory()]
    for number in range(3):
        ServicePageFactory(category=categories[number % 2])
    client.get(CATALOGUE, params)  # fill the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(MAX_QUERIES) as few:
        text_of(client.get(CATALOGUE, params))

    for number in range(27):
        ServicePageFactory(category=categories[number % 2])
    with django_assert_max_num_queries(len(few)) as many:
        html = text_of(client.get(CATALOGUE, params))

    assert len(many) == len(few)
    listed = ServicePage.objects.filter(category=categories[0]) if params else ServicePage.objects
    assert len(listed_services(html)) == listed.count() >= 15


# A service's page ----------------------------------------------------------------------------


def test_a_service_shows_its_sections_category_and_audiences(client, seeded_site):
    html = text_of(client.get(COMPRA))

    assert h1_texts(html) == ["Compra agregada de serveis de telecomunicacions"]
    assert headings(html, 2) == [
        "El que ofereix",
        "Qui ho pot demanar",
        "Com demanar-ho",
        "Cost",
        "Contacte",
    ]
    assert "Telefonia fixa i mòbil i accés a internet" in html
    assert "L’adhesió no té cost" in html
    assert "Àrea de Contractació" in html
    assert 'href="/serveis/?categoria=tic">Tecnologies de la informació i compres TIC</a>' in html
    assert 'href="/serveis/?public=consells-comarcals">Consells comarcals</a>' in html
    assert "Ciutadania" not in html.split('class="service-facts"')[1].split("</dl>")[0]


def test_a_service_lists_its_documents_with_type_and_size(client, seeded_site):
    service = ServicePage.objects.get(slug="compra-agregada-de-serveis-de-telecomunicacions")
    ServiceDocumentFactory(page=service, document__title="Plec de la compra agregada")

    html = text_of(client.get(COMPRA))

    assert "Documents" in headings(html, 2)
    assert re.search(r'href="/documents/\d+/plec[^"]*\.pdf"', html)
    assert re.search(r"Plec de la compra agregada <span[^>]*>\(PDF, 2,0\xa0KB\)</span>", html)


def test_a_service_with_contact_details_links_them(client, seeded_site):
    service = ServicePageFactory(
        slug="servei-amb-contacte",
        contact_name="Àrea de Serveis",
        contact_email="serveis@example.cat",
        contact_phone="93 000 00 00",
    )

    html = text_of(client.get(service.url))

    assert '<a href="mailto:serveis@example.cat">serveis@example.cat</a>' in html
    assert '<a href="tel:930000000">93 000 00 00</a>' in html


def test_empty_and_placeholder_sections_are_left_out(client, seeded_site):
    service = ServicePageFactory(
        slug="servei-a-mitges",
        offer=[],
        eligibility="",
        how_to_ask="<p>Com: afegir petit text sobre com demanar-ho</p>",
        cost="<p>Gratuït.</p>",
    )

    html = text_of(client.get(service.url))

    assert headings(html, 2) == ["Cost"]
    assert "afegir petit text" not in html
    assert service in pages_with_placeholders()


def test_a_service_describes_itself_as_a_schema_org_service(client, seeded_site):
    html = text_of(client.get(COMPRA))

    service = next(data for data in structured_data(html) if data["@type"] == "Service")
    assert service["name"] == "Compra agregada de serveis de telecomunicacions"
    assert service["url"].endswith(COMPRA)
    assert service["serviceType"] == "Tecnologies de la informació i compres TIC"
    assert [audience["audienceType"] for audience in service["audience"]] == [
        "Ajuntaments",
        "Consells comarcals",
        "Altres ens locals",
    ]
    assert service["provider"]["@type"] == "GovernmentOrganization"
    assert service["description"].startswith("Una licitació conjunta")


def test_a_service_page_stays_within_the_query_budget(
    client, seeded_site, django_assert_max_num_queries
):
    service = ServicePage.objects.get(slug="compra-agregada-de-serveis-de-telecomunicacions")
    for _ in range(5):
        ServiceDocumentFactory(page=service)
    client.get(COMPRA)
    with django_assert_max_num_queries(MAX_QUERIES):
        html = text_of(client.get(COMPRA))
    assert html.count("(PDF, ") == 5


def test_the_site_search_finds_a_service(client, seeded_site):
    html = text_of(client.get("/cerca/", {"q": "compra agregada"}))

    assert 'href="/serveis/compra-agregada-de-serveis-de-telecomunicacions/"' in html


# Seeding -------------------------------------------------------------------------------------


def test_the_production_seed_creates_the_page_and_no_service(client, seeded_site):
    ServicePage.objects.all().delete()
    ServiceCategory.objects.all().delete()
    ServiceIndexPage.objects.all().delete()

    run_seed_site()

    catalogue = ServiceIndexPage.objects.get()
    assert (catalogue.url, catalogue.live, catalogue.show_in_menus) == (CATALOGUE, True, True)
    assert not ServicePage.objects.exists()
    assert not ServiceCategory.objects.exists()
    assert "Encara no s’ha publicat cap servei." in text_of(client.get(CATALOGUE))


def test_the_demo_seed_fills_an_empty_catalogue_once(seeded_site):
    pages = list(Page.objects.order_by("path").values_list("path", "title", "latest_revision_id"))
    categories = list(ServiceCategory.objects.values_list("pk", "name"))

    run_seed_site("--demo")

    assert ServicePage.objects.live().count() == 4
    assert ServiceCategory.objects.count() == 2
    assert list(ServiceCategory.objects.values_list("pk", "name")) == categories
    assert (
        list(Page.objects.order_by("path").values_list("path", "title", "latest_revision_id"))
        == pages
    )


def test_the_demo_seed_leaves_a_catalogue_that_editors_filled(seeded_site):
    ServicePage.objects.all().delete()
    ServiceCategory.objects.all().delete()
    ServicePageFactory(title="Servei de l’editora")

    run_seed_site("--demo")

    assert list(ServicePage.objects.values_list("title", flat=True)) == ["Servei de l’editora"]


def test_an_editors_introduction_survives_a_new_seed(client, catalogue):
    catalogue.introduction = "<p>Els serveis que oferim als ens locals.</p>"
    catalogue.save_revision().publish()

    run_seed_site()

    assert "Els serveis que oferim als ens locals." in text_of(client.get(CATALOGUE))


# The page cache ------------------------------------------------------------------------------


def test_a_published_service_shows_at_once_on_the_cached_catalogue(
    client, seeded_site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(CATALOGUE)  # the first visit creates the site's settings rows
    assert "Servei acabat de publicar" not in text_of(client.get(CATALOGUE))
    assert client.get(CATALOGUE)[CACHE_STATUS_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        service = ServicePageFactory(title="Servei acabat de publicar", live=False)
        service.save_revision().publish()

    response = client.get(CATALOGUE)
    assert response.get(CACHE_STATUS_HEADER) != "hit"
    assert "Servei acabat de publicar" in text_of(response)


def test_a_renamed_category_shows_at_once_on_the_cached_catalogue(
    client, seeded_site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(CATALOGUE)
    text_of(client.get(CATALOGUE))

    with django_capture_on_commit_callbacks(execute=True):
        category = ServiceCategory.objects.get(slug="tic")
        category.name = "Compres TIC"
        category.save()

    assert "Compres TIC" in headings(text_of(client.get(CATALOGUE)), 3)


# The admin -----------------------------------------------------------------------------------


def test_editors_keep_the_categories_in_catalan(editor_client, seeded_site):
    listing = editor_client.get(reverse("wagtailsnippets_services_servicecategory:list"))
    form = editor_client.get(reverse("wagtailsnippets_services_servicecategory:add"))

    assert "Xarxes i infraestructures de telecomunicacions" in text_of(listing)
    assert "Categories de serveis" in text_of(listing)
    assert "Es fa a partir del nom si es deixa en blanc." in text_of(form)


def test_a_category_added_without_a_slug_gets_one_from_its_name(editor_client, seeded_site):
    response = editor_client.post(
        reverse("wagtailsnippets_services_servicecategory:add"),
        {"name": "Administració electrònica", "slug": "", "description": ""},
    )

    assert response.status_code == 302
    assert ServiceCategory.objects.filter(slug="administracio-electronica").exists()


def test_the_page_types_have_their_one_place_in_the_tree(admin_client_ca, catalogue):
    home = catalogue.get_parent()
    about = Page.objects.get(slug="qui-som")
    under_catalogue = admin_client_ca.get(
        reverse("wagtailadmin_pages:add_subpage", args=[catalogue.pk])
    )

    # The one page type allowed under the catalogue: the admin goes straight to its form.
    assert under_catalogue.status_code == 302
    assert "/add/services/servicepage/" in under_catalogue["Location"]
    assert ServiceIndexPage.can_exist_under(home)
    assert not ServiceIndexPage.can_create_at(home)  # there is one already
    assert not ServiceIndexPage.can_exist_under(about)
    assert not ServicePage.can_exist_under(home)


def service_form(title, slug, category, documents=(), how_to_ask="<p>Per correu electrònic.</p>"):
    """What an editor sends from a service's form, with "Publish" clicked."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": rich_text("<p>Mapes de les xarxes del municipi.</p>"),
            "category": category.pk,
            "for_town_councils": "on",
            "for_citizens": "on",
            "offer": streamfield([("text", rich_text("<p>Un mapa de la fibra.</p>"))]),
            "eligibility": rich_text("<p>Els ajuntaments adherits.</p>"),
            "how_to_ask": rich_text(how_to_ask),
            "cost": rich_text("<p>Gratuït.</p>"),
            "contact_name": "Àrea de Telecomunicacions",
            "contact_email": "xarxes@example.cat",
            "contact_phone": "",
            "documents": inline_formset([{"document": document.pk} for document in documents]),
            "body": rich_text(""),
            "action-publish": "action-publish",
        }
    )


def test_the_preview_shows_editors_the_placeholders_the_public_never_sees(
    admin_client_ca, catalogue
):
    service = ServicePage.objects.get(slug="compra-agregada-de-serveis-de-telecomunicacions")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[service.pk])
    placeholder = "<p>Com: afegir petit text sobre com demanar-ho</p>"
    form = service_form(service.title, service.slug, service.category, how_to_ask=placeholder)

    posted = admin_client_ca.post(preview_url, form)
    preview = admin_client_ca.get(preview_url, {"in_preview_panel": "true"})

    assert posted.json()["is_valid"], posted.content
    assert "Com demanar-ho" in headings(text_of(preview), 2)
    assert "afegir petit text sobre com demanar-ho" in text_of(preview)


# Written in the admin, outside a test transaction -------------------------------------------


@pytest.fixture
def committing_site(transactional_db, settings):
    """The seeded site with the cache `make run` uses and the page cache on; every request
    commits, as on a real server (see tests/test_editor_writes.py)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "localret_cache",
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    call_command("createcachetable", verbosity=0)
    # A production site: no demo services (the session's demo seed may still be there).
    call_command("flush", interactive=False, verbosity=0)
    call_command("seed_site", stdout=io.StringIO())
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_a_category_and_a_service_made_in_the_admin_are_kept_and_shown_at_once(
    committing_site, client
):
    client.force_login(
        get_user_model().objects.create_superuser("administradora", "admin@exemple.cat", "x")
    )
    assert shows(CATALOGUE, "Encara no s’ha publicat cap servei.")

    response = client.post(
        reverse("wagtailsnippets_services_servicecategory:add"),
        {"name": "Xarxes municipals", "slug": "", "description": "Les xarxes del municipi."},
    )
    assert response.status_code == 302
    assert committed_rows("services_servicecategory", slug="xarxes-municipals") == 1

    document = UploadedDocumentFactory(title="Model de sol·licitud")
    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["services", "servicepage", ServiceIndexPage.objects.get().pk],
        ),
        service_form(
            "Cartografia de xarxes",
            "cartografia-de-xarxes",
            ServiceCategory.objects.get(),
            [document],
        ),
    )
    assert response.status_code == 302
    assert committed_rows("wagtailcore_page", slug="cartografia-de-xarxes", live=True) == 1
    assert committed_rows("services_servicepagedocument", document_id=document.pk) == 1

    assert shows(CATALOGUE, "Cartografia de xarxes")
    assert shows(CATALOGUE + "?public=ciutadania", "Cartografia de xarxes")
    assert not shows(CATALOGUE + "?public=consells-comarcals", "Cartografia de xarxes")
    assert shows("/serveis/cartografia-de-xarxes/", "Model de sol·licitud")
