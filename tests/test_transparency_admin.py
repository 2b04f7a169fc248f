"""Staff in the admin: who sees access requests, how they follow them, and editing items."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import (
    AccessRequestFactory,
    TransparencyItemFactory,
    UploadedDocumentFactory,
)
from transparency.models import AccessRequest, TransparencyItem, TransparencySectionPage

REQUESTS_URL = reverse("access_requests:index")
ITEMS_URL = reverse("wagtailsnippets_transparency_transparencyitem:list")
ADD_ITEM_URL = reverse("wagtailsnippets_transparency_transparencyitem:add")


def logged_in(client, username, group=None):
    user = get_user_model().objects.create_user(username, password="a-long-password-1")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, db):
    return logged_in(client, "editora", "Editors")


@pytest.fixture
def transparency_client(client, db):
    return logged_in(client, "tecnica", "Transparència")


@pytest.fixture
def late_request(db):
    return AccessRequestFactory(
        received_on=datetime.date(2026, 1, 5), subject="Despesa en publicitat", name="Pere Vidal"
    )


class TestWhoSeesRequests:
    def test_editors_cannot_open_requests_nor_see_them_in_the_menu(
        self, editor_client, late_request
    ):
        listing = editor_client.get(REQUESTS_URL)
        edit = editor_client.get(reverse("access_requests:edit", args=[late_request.pk]))
        dashboard = editor_client.get("/admin/").content.decode()

        for refused in [listing, edit]:
            assert refused.status_code in (302, 403)
            assert refused.status_code == 403 or refused["Location"] == "/admin/"
        assert "Pere Vidal" not in listing.content.decode() + edit.content.decode()
        assert REQUESTS_URL not in dashboard
        assert ITEMS_URL in dashboard

    def test_the_transparency_group_lists_them_with_overdue_ones_marked(
        self, transparency_client, late_request
    ):
        AccessRequestFactory(subject="Pressupost 2027")  # entered today, not yet due

        response = transparency_client.get(REQUESTS_URL)
        html = response.content.decode()

        assert response.status_code == 200
        assert REQUESTS_URL in transparency_client.get("/admin/").content.decode()
        assert late_request.reference in html
        assert "Pressupost 2027" in html
        rows = html.split("<tr")[1:]
        late_row = next(row for row in rows if late_request.reference in row)
        fresh_row = next(row for row in rows if "Pressupost 2027" in row)
        assert gettext("Overdue") in late_row
        assert gettext("Overdue") not in fresh_row

    def test_the_overdue_filter_keeps_only_late_open_requests(
        self, transparency_client, late_request
    ):
        AccessRequestFactory(subject="Pressupost 2027")

        html = transparency_client.get(REQUESTS_URL, {"overdue": "true"}).content.decode()

        assert late_request.reference in html
        assert "Pressupost 2027" not in html

    def test_staff_search_requests_by_reference_name_or_subject(
        self, transparency_client, late_request
    ):
        AccessRequestFactory(subject="Pressupost 2027")

        for query in [late_request.reference, "vidal", "publicitat"]:
            html = transparency_client.get(REQUESTS_URL, {"q": query}).content.decode()
            assert late_request.reference in html, query
            assert "Pressupost 2027" not in html, query

    def test_staff_read_the_whole_request_before_answering(self, transparency_client, late_request):
        html = transparency_client.get(
            reverse("access_requests:edit", args=[late_request.pk])
        ).content.decode()

        for text in [late_request.reference, "Pere Vidal", late_request.email, "Despesa en"]:
            assert text in html

    def test_staff_see_the_representation_and_the_laws_outcomes(self, transparency_client, db):
        request = AccessRequestFactory(
            capacity=AccessRequest.Capacity.LEGAL_PERSON,
            represented_name="Fundació Exemple",
            represented_tax_id="G12345678",
            status=AccessRequest.Status.PARTIALLY_GRANTED,
        )

        edit = transparency_client.get(reverse("access_requests:edit", args=[request.pk]))
        listing = transparency_client.get(REQUESTS_URL).content.decode()

        for text in ["Fundació Exemple", "G12345678", "En representació d’una persona jurídica"]:
            assert text in edit.content.decode(), text
        assert "estimada parcialment" in listing
        statuses = re.findall(r'<option value="(\w+)"', edit.content.decode())
        assert statuses[-4:] == ["granted", "partially_granted", "denied", "inadmissible"]
        assert "resolved" not in statuses

    def test_nobody_adds_requests_in_the_admin(self, admin_client, transparency_client, db):
        for client in [transparency_client, admin_client]:
            response = client.get(reverse("access_requests:add"))
            assert response.status_code == 302
            assert response["Location"] == "/admin/"
        assert 'href="' + reverse("access_requests:add") not in (
            admin_client.get(REQUESTS_URL).content.decode()
        )

    def test_the_listing_queries_do_not_grow_with_the_number_of_requests(
        self, transparency_client, db
    ):
        AccessRequestFactory()
        transparency_client.get(REQUESTS_URL)
        with CaptureQueriesContext(connection) as few:
            transparency_client.get(REQUESTS_URL)
        AccessRequestFactory.create_batch(20)
        with CaptureQueriesContext(connection) as many:
            transparency_client.get(REQUESTS_URL)

        assert len(many) == len(few)


class TestFollowingARequest:
    def edit(self, client, access_request, **changes):
        data = {
            "status": access_request.status,
            "resolved_on": access_request.resolved_on or "",
            "notes": access_request.notes,
            "publish": "on" if access_request.publish else "",
            "public_summary": access_request.public_summary,
        }
        data.update(changes)
        return client.post(reverse("access_requests:edit", args=[access_request.pk]), data)

    def test_staff_extend_the_deadline_and_write_notes(self, transparency_client, late_request):
        response = self.edit(
            transparency_client,
            late_request,
            status=AccessRequest.Status.EXTENDED,
            notes="Cal consultar el departament econòmic.",
        )

        late_request.refresh_from_db()
        assert response.status_code == 302
        assert late_request.status == AccessRequest.Status.EXTENDED
        assert late_request.due_on == datetime.date(2026, 2, 20)
        assert late_request.notes == "Cal consultar el departament econòmic."

    def test_the_requesters_data_cannot_be_changed(self, transparency_client, late_request):
        self.edit(transparency_client, late_request, name="Algú altre", email="altre@exemple.cat")

        late_request.refresh_from_db()
        assert late_request.name == "Pere Vidal"
        assert late_request.email != "altre@exemple.cat"

    def test_publishing_needs_a_resolution_and_a_summary(self, transparency_client, late_request):
        refused = self.edit(transparency_client, late_request, publish="on")
        late_request.refresh_from_db()
        assert refused.status_code == 200
        assert not late_request.publish

        self.edit(
            transparency_client,
            late_request,
            status=AccessRequest.Status.GRANTED,
            publish="on",
            public_summary="Es va lliurar l'import de la despesa en publicitat del 2025.",
        )
        late_request.refresh_from_db()
        assert late_request.publish
        assert late_request.resolved_on == timezone.localdate()


class TestItemsInTheAdmin:
    @pytest.fixture
    def section(self, seeded_site):
        return TransparencySectionPage.objects.get(slug="contractacio-publica")

    def item_form(self, section, document, description="<p>Import: 12.000 €.</p>", links=()):
        return nested_form_data(
            {
                "section": section.pk,
                "title": "Contracte de neteja",
                "year": "2025",
                "period": "",
                "legal_reference": "art. 13.1.b",
                "description": rich_text(description),
                "documents": inline_formset([{"document": document.pk}]),
                "links": streamfield([("link", link) for link in links]),
            }
        )

    def test_editors_add_an_item_with_a_document_and_it_gets_its_date(self, editor_client, section):
        document = UploadedDocumentFactory()
        assert editor_client.get(ADD_ITEM_URL).status_code == 200

        response = editor_client.post(ADD_ITEM_URL, self.item_form(section, document))

        assert response.status_code == 302
        item = TransparencyItem.objects.get()
        assert item.section == section
        assert [row.document for row in item.documents.all()] == [document]
        assert item.updated_at is not None

    def test_saving_the_form_unchanged_keeps_the_date_and_editing_moves_it(
        self, editor_client, section
    ):
        document = UploadedDocumentFactory()
        editor_client.post(ADD_ITEM_URL, self.item_form(section, document))
        item = TransparencyItem.objects.get()
        old = timezone.now() - datetime.timedelta(days=30)
        TransparencyItem.objects.filter(pk=item.pk).update(updated_at=old)
        edit_url = reverse("wagtailsnippets_transparency_transparencyitem:edit", args=[item.pk])
        row = item.documents.get()

        def form(**kwargs):
            # The rich text editor posts back the stored text, block keys included.
            data = self.item_form(section, document, description=item.description, **kwargs)
            data.update({"documents-0-id": row.pk, "documents-INITIAL_FORMS": 1})
            return data

        editor_client.post(edit_url, form())
        assert TransparencyItem.objects.get().updated_at == old

        link = {"label": "Perfil del contractant", "url": "https://contractaciopublica.cat/x"}
        editor_client.post(edit_url, form(links=[link]))
        assert TransparencyItem.objects.get().updated_at > old

    def test_items_are_filtered_by_section_and_year(self, editor_client, section):
        TransparencyItemFactory(section=section, year=2024, title="Obres 2024")
        TransparencyItemFactory(section=section, year=2025, title="Obres 2025")

        by_year = editor_client.get(ITEMS_URL, {"year": "2024"}).content.decode()
        by_search = editor_client.get(ITEMS_URL, {"q": "obres 2025"}).content.decode()

        assert "Obres 2024" in by_year
        assert "Obres 2025" not in by_year
        assert "Obres 2025" in by_search
        assert "Obres 2024" not in by_search


def test_administrators_set_the_staff_address_and_the_privacy_page(admin_client, seeded_site):
    url = reverse("wagtailsettings:edit", args=["transparency", "transparencysettings"])

    response = admin_client.get(url, follow=True)

    assert response.status_code == 200
    assert 'name="notification_email"' in response.content.decode()
