"""«Com adherir-se»: the joining page under the members listing, and the answers to non-members
that lead to it."""

import re

import pytest
from django.test import RequestFactory

from members.models import JoinPage, MembersIndexPage
from members.templatetags.join_page_tags import join_page as find_join_page
from pages.models import OrganisationSettings
from tests.factories import MemberFactory, UploadedDocumentFactory

URL = "/qui-som/municipis-adherits/com-adherir-se/"
MEMBERS_URL = "/qui-som/municipis-adherits/"
JOIN_LINK = f'href="{URL}"'


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


@pytest.fixture
def join_page(seeded_site):
    return JoinPage.objects.get()


@pytest.fixture
def written(join_page):
    """The joining page as editors fill it in."""
    join_page.introduction = "<p>Qualsevol ens local de Catalunya pot adherir-se.</p>"
    join_page.steps = [
        ("step", {"heading": "Acord del ple", "text": "<p>El ple aprova l’adhesió.</p>"}),
        ("step", {"heading": "Tramesa de l’acord", "text": "<p>Envieu-nos el certificat.</p>"}),
        ("step", {"heading": "Alta com a membre", "text": ""}),
    ]
    join_page.documents = [
        (
            "document",
            {"document": UploadedDocumentFactory(title="Model d’acord"), "description": ""},
        )
    ]
    join_page.conditions = "<p>Cal ser un ens local de Catalunya.</p>"
    join_page.fees = "<p>La quota depèn del nombre d’habitants.</p>"
    join_page.save_revision().publish()
    return join_page


def test_the_seeded_page_answers_in_catalan_without_its_placeholders(client, join_page):
    response = client.get(URL)
    html = response.content.decode()
    text = text_of(response)

    assert response.status_code == 200
    assert '<html lang="ca">' in html
    assert html.count("<h1") == 1
    assert "Com adherir-se" in text
    assert "afegir petit text" not in html
    assert "Estem preparant aquest contingut." in text
    assert "Condicions" not in text and "Quotes" not in text
    # The placeholders are for editors: the dashboard lists them.
    assert {"introduction", "conditions", "fees"} <= {
        name for name in join_page.placeholder_fields if "afegir" in getattr(join_page, name)
    }


def test_the_steps_are_numbered_and_the_documents_offered(client, written):
    response = client.get(URL)
    html = response.content.decode()
    text = text_of(response)

    start = html.index('<ol class="join-steps__list">')
    steps = html[start : html.index("</ol>", start)]
    assert steps.count('<li class="join-step">') == 3
    assert steps.index("Acord del ple") < steps.index("Alta com a membre")
    assert "Passos per adherir-se" in text
    assert "Model d’acord" in text and "(PDF, 2,0 KB)" in text
    assert "Cal ser un ens local de Catalunya." in text
    assert "La quota depèn del nombre d’habitants." in text
    assert "Estem preparant aquest contingut." not in text


def test_it_points_to_the_contact_form_and_the_organisations_details(client, join_page):
    organisation = OrganisationSettings.for_site(join_page.get_site())
    organisation.email = "info@localret.cat"
    organisation.save()

    response = client.get(URL)

    assert 'href="/contacte/"' in response.content.decode()
    assert "info@localret.cat" in text_of(response)


def test_queries_are_bounded_and_do_not_grow_with_steps_and_documents(
    client, written, django_assert_max_num_queries
):
    client.get(URL)
    with django_assert_max_num_queries(15):
        assert client.get(URL).status_code == 200


def test_the_members_listing_routes_its_child_page_before_its_member_routes(
    client, join_page, seeded_site
):
    members_page = MembersIndexPage.objects.get()
    request = RequestFactory().get(URL)

    routed = members_page.route(request, ["com-adherir-se"])

    assert routed.page.specific == join_page
    assert client.get(f"{MEMBERS_URL}barcelona/").status_code == 200


class TestNonMemberAnswers:
    @pytest.fixture
    def non_member(self, seeded_site):
        return MemberFactory(name="Vilaxrara", member_since=None)

    def test_the_members_listing_leads_to_the_joining_page(self, client, non_member):
        response = client.get(MEMBERS_URL, {"q": "vilaxrara"})
        text = text_of(response)
        assert "Vilaxrara no és membre de Localret." in text
        assert JOIN_LINK in response.content.decode()
        assert "com adherir-se a Localret" in text

    def test_the_site_search_leads_to_the_joining_page(self, client, non_member):
        response = client.get("/cerca/", {"q": "vilaxrara"})
        assert "Vilaxrara no és membre de Localret." in text_of(response)
        assert JOIN_LINK in response.content.decode()

    def test_without_the_joining_page_the_answer_gives_the_email(
        self, client, non_member, join_page, seeded_site
    ):
        OrganisationSettings.objects.update_or_create(
            site=seeded_site, defaults={"email": "info@localret.cat"}
        )
        join_page.unpublish()

        text = text_of(client.get("/cerca/", {"q": "vilaxrara"}))

        assert "Vilaxrara no és membre de Localret." in text
        assert "Per saber com fer-ho, escriviu a info@localret.cat" in text
        assert "com adherir-se a Localret" not in text

    def test_finding_the_joining_page_costs_one_query(self, join_page, django_assert_num_queries):
        with django_assert_num_queries(1):
            assert find_join_page() == join_page
