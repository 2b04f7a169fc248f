"""Personal data of access requesters: identity documents masked outside the request's own form,
and anonymisation once the retention period after the resolution has passed."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.factories import AccessRequestFactory
from transparency.models import AccessRequest

REQUESTS_URL = reverse("access_requests:index")
FULL_ID = "12345678Z"
MASKED_ID = "****678Z"
RETENTION_DAYS = 365


@pytest.fixture
def handler_client(client, db):
    user = get_user_model().objects.create_user("tecnica", password="a-long-password-1")
    user.groups.add(Group.objects.get(name="Transparència"))
    client.force_login(user)
    return client


@pytest.fixture
def with_id(db):
    return AccessRequestFactory(id_document=FULL_ID, name="Pere Vidal")


class TestMaskedIdentityDocuments:
    def test_the_listing_shows_only_the_last_four_characters(self, handler_client, with_id):
        html = handler_client.get(REQUESTS_URL).content.decode()

        assert MASKED_ID in html
        assert FULL_ID not in html

    def test_the_export_shows_only_the_last_four_characters(self, handler_client, with_id):
        response = handler_client.get(REQUESTS_URL, {"export": "csv"})
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(content)))

        assert response.status_code == 200
        assert [row["Document d’identitat"] for row in rows] == [MASKED_ID]
        assert FULL_ID not in content

    def test_the_inspect_view_masks_it(self, handler_client, with_id):
        html = handler_client.get(
            reverse("access_requests:inspect", args=[with_id.pk])
        ).content.decode()

        assert "Pere Vidal" in html
        assert MASKED_ID in html
        assert FULL_ID not in html

    def test_the_handlers_edit_form_shows_the_whole_number(self, handler_client, with_id):
        html = handler_client.get(reverse("access_requests:edit", args=[with_id.pk])).content
        assert FULL_ID in html.decode()

    def test_a_request_without_a_document_shows_nothing_to_mask(self, db):
        assert AccessRequestFactory(id_document="").masked_id_document == ""


def resolved(days_ago, **fields):
    today = timezone.localdate()
    return AccessRequestFactory(
        received_on=today - datetime.timedelta(days=days_ago + 30),
        status=AccessRequest.Status.GRANTED,
        resolved_on=today - datetime.timedelta(days=days_ago),
        **fields,
    )


PERSONAL = {
    "name": "Pere Vidal",
    "email": "pere@exemple.cat",
    "phone": "600123456",
    "postal_address": "Pl. Major, 1\n17001 Girona",
    "id_document": FULL_ID,
    "capacity": AccessRequest.Capacity.LEGAL_PERSON,
    "represented_name": "Fundació Exemple",
    "represented_tax_id": "G12345678",
    "subject": "Contractes menors",
    "information": "La llista de contractes menors del 2025, amb el meu DNI 12345678Z.",
    "notes": "Trucat al Sr. Vidal.",
}


def purge(*args):
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def assert_anonymised(request, before):
    request.refresh_from_db()
    for field in AccessRequest.PERSONAL_DATA_FIELDS:
        assert getattr(request, field) == "", field
    assert request.anonymised_at is not None
    kept = ["reference", "received_at", "due_on", "resolved_on", "status", "subject"]
    assert {field: getattr(request, field) for field in kept} == {
        field: getattr(before, field) for field in kept
    }


class TestPurgePersonalData:
    @pytest.fixture(autouse=True)
    def retention(self, settings):
        settings.ACCESS_REQUEST_RETENTION_DAYS = RETENTION_DAYS

    def test_a_dry_run_counts_the_expired_requests_and_changes_nothing(self, db):
        expired = resolved(RETENTION_DAYS + 1, **PERSONAL)

        output = purge()

        cutoff = timezone.localdate() - datetime.timedelta(days=RETENTION_DAYS)
        assert date_format(cutoff, "DATE_FORMAT") in output
        assert "1 sol·licitud d’accés s’anonimitzaria." in output
        assert "--apply" in output
        expired.refresh_from_db()
        assert (expired.name, expired.anonymised_at) == ("Pere Vidal", None)

    def test_apply_anonymises_expired_requests_and_keeps_what_statistics_need(self, db):
        expired = resolved(RETENTION_DAYS + 1, **PERSONAL)
        recent = resolved(RETENTION_DAYS - 1, name="Anna Roca")
        still_open = AccessRequestFactory(
            received_on=timezone.localdate() - datetime.timedelta(days=RETENTION_DAYS * 2),
            name="Joan Soler",
        )

        output = purge("--apply")

        assert "1 sol·licitud d’accés anonimitzada." in output
        assert_anonymised(expired, before=expired)
        for kept in [recent, still_open]:
            kept.refresh_from_db()
            assert kept.name in ("Anna Roca", "Joan Soler")
            assert kept.anonymised_at is None

    def test_a_second_run_changes_nothing(self, db):
        expired = resolved(RETENTION_DAYS + 1, **PERSONAL)
        purge("--apply")
        expired.refresh_from_db()
        first_anonymised_at = expired.anonymised_at

        assert "0 sol·licituds d’accés anonimitzades." in purge("--apply")
        expired.refresh_from_db()
        assert expired.anonymised_at == first_anonymised_at

    def test_handlers_see_when_a_request_was_anonymised(self, handler_client):
        expired = resolved(RETENTION_DAYS + 1, **PERSONAL)
        purge("--apply")

        html = handler_client.get(reverse("access_requests:edit", args=[expired.pk])).content
        assert "Data d’anonimització" in html.decode()
        assert "Pere Vidal" not in html.decode()

    def test_a_negative_retention_is_refused(self, settings, db):
        settings.ACCESS_REQUEST_RETENTION_DAYS = -1
        with pytest.raises(Exception, match="no pot ser negatiu"):
            purge("--apply")


@pytest.mark.django_db(transaction=True)
def test_the_purge_persists_outside_a_transaction(settings):
    settings.ACCESS_REQUEST_RETENTION_DAYS = RETENTION_DAYS
    expired = resolved(RETENTION_DAYS + 1, **PERSONAL)

    purge("--apply")

    assert_anonymised(AccessRequest.objects.get(pk=expired.pk), before=expired)
    assert AccessRequest.objects.filter(name="Pere Vidal").count() == 0
