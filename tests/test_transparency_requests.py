"""The right of access: the public form, its confirmation, emails, spam limits and references."""

import datetime
import importlib
import re
import smtplib
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps
from django.core import mail, signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.query import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from pages.models import OrganisationSettings
from tests.concurrency import run_at_once
from tests.conftest import run_seed_site
from tests.factories import AccessRequestFactory
from tests.test_transparency_portal import MAX_QUERIES_PER_PAGE, count_queries
from transparency.deadlines import add_months, answer_deadline, next_working_day
from transparency.models import AccessRequest, AccessRequestCounter, TransparencySettings

FORM_URL = "/qui-som/transparencia/dret-d-acces/"
STAFF_ADDRESS = "transparencia@localret.cat"
VALID = {
    "name": "Marta Puig Soler",
    "capacity": "own",
    "email": "marta@exemple.cat",
    "id_document": "12345678-z",
    "subject": "Contractes menors",
    "information": "La llista de contractes menors del 2025.",
    "preferred_format": "reusable",
}


@pytest.fixture
def site(seeded_site):
    transparency_settings = TransparencySettings.for_site(seeded_site)
    transparency_settings.notification_email = STAFF_ADDRESS
    transparency_settings.save()
    return seeded_site


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def catalan_date(day):
    return date_format(day, "DATE_FORMAT")


class TestDeadline:
    @pytest.mark.parametrize(
        ("entry", "expected"),
        [
            (datetime.date(2026, 3, 10), datetime.date(2026, 4, 10)),
            (datetime.date(2026, 1, 31), datetime.date(2026, 3, 2)),  # 28 Feb is a Saturday
            (datetime.date(2026, 12, 15), datetime.date(2027, 1, 15)),
            (datetime.date(2026, 11, 27), datetime.date(2026, 12, 28)),  # 27 Dec is a Sunday
        ],
    )
    def test_the_answer_is_due_one_month_after_entry_on_a_weekday(self, entry, expected):
        assert answer_deadline(entry) == expected

    @pytest.mark.parametrize(
        ("entry", "expected"),
        [
            (datetime.date(2026, 3, 10), datetime.date(2026, 4, 27)),  # 25 Apr is a Saturday
            (datetime.date(2026, 6, 1), datetime.date(2026, 7, 16)),
            (datetime.date(2026, 2, 2), datetime.date(2026, 3, 16)),  # February: 14 more days
        ],
    )
    def test_an_extension_adds_half_the_period(self, entry, expected):
        assert answer_deadline(entry, extended=True) == expected

    def test_months_count_from_date_to_date(self):
        assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
        assert next_working_day(datetime.date(2026, 3, 13)) == datetime.date(2026, 3, 13)


class TestForm:
    def test_the_form_page_sets_only_the_csrf_cookie_and_is_not_cached(self, client, site):
        response = client.get(FORM_URL)
        html = response.content.decode()

        assert response.status_code == 200
        assert set(response.cookies) == {"csrftoken"}
        assert "no-cache" in response["Cache-Control"]
        for name in ["name", "email", "id_document", "subject", "information"]:
            assert f'name="{name}"' in html
        assert html.count('name="preferred_format"') == len(AccessRequest.Format.choices)
        assert 'href="/privacitat/"' in html

    def test_a_valid_request_is_stored_and_confirmed_with_its_reference(self, client, site):
        response = client.post(FORM_URL, VALID)

        [stored] = AccessRequest.objects.all()
        year = timezone.localdate().year
        assert stored.reference == f"SAI-{year}-0001"
        assert (stored.name, stored.email, stored.id_document) == (
            "Marta Puig Soler",
            "marta@exemple.cat",
            "12345678Z",
        )
        assert stored.preferred_format == AccessRequest.Format.REUSABLE
        assert stored.status == AccessRequest.Status.RECEIVED
        assert stored.due_on == answer_deadline(timezone.localdate())

        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == FORM_URL
        assert "marta" not in response["Location"].lower()
        assert "sessionid" not in response.cookies

        confirmation = client.get(response["Location"])
        text = text_of(confirmation.content.decode())
        assert confirmation.status_code == 200
        assert stored.reference in text
        assert catalan_date(stored.due_on) in text
        assert catalan_date(timezone.localdate()) in text
        assert "Marta" not in text
        assert "marta@exemple.cat" not in text

    def test_the_requester_and_the_staff_get_an_email(self, client, site):
        client.post(FORM_URL, VALID)
        stored = AccessRequest.objects.get()

        acknowledgement, notification = mail.outbox
        assert acknowledgement.to == ["marta@exemple.cat"]
        assert stored.reference in acknowledgement.subject
        assert catalan_date(stored.due_on) in acknowledgement.body
        assert notification.to == [STAFF_ADDRESS]
        assert stored.reference in notification.subject
        assert f"/admin/access-requests/edit/{stored.pk}/" in notification.body
        assert "marta@exemple.cat" not in notification.body

    def test_without_a_staff_address_the_organisation_email_is_notified(self, client, site):
        TransparencySettings.objects.update(notification_email="")
        OrganisationSettings.objects.update_or_create(
            site=site, defaults={"email": "info@localret.cat"}
        )

        client.post(FORM_URL, VALID)

        assert [message.to for message in mail.outbox] == [
            ["marta@exemple.cat"],
            ["info@localret.cat"],
        ]

    def test_a_mail_server_failure_does_not_lose_the_request(self, client, site, monkeypatch):
        def refuse(*args, **kwargs):
            raise smtplib.SMTPServerDisconnected("down")

        monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)

        response = client.post(FORM_URL, VALID)

        assert response.status_code == 302
        assert AccessRequest.objects.count() == 1

    def test_the_receipt_link_cannot_be_forged(self, client, site):
        AccessRequestFactory()
        forged = signing.dumps(AccessRequest.objects.get().reference, salt="another-salt")

        for token in [forged, "SAI-2026-0001", ""]:
            response = client.get(FORM_URL, {"sollicitud": token})
            assert response.status_code == 400
            assert 'name="subject"' in response.content.decode()

    def test_the_form_page_accepts_only_reads_and_submissions(self, client, site):
        assert client.put(FORM_URL).status_code == 405


class TestInvalidInput:
    def test_missing_fields_show_the_form_again_with_messages_and_keep_the_text(self, client, site):
        data = {**VALID, "name": "", "email": "no-és-un-correu", "subject": ""}

        response = client.post(FORM_URL, data)
        html = response.content.decode()

        assert response.status_code == 200
        assert AccessRequest.objects.count() == 0
        assert mail.outbox == []
        assert "<title>" + gettext("Error:") in html
        assert gettext("Write your name and surname.") in html
        assert gettext("Write a valid email address, such as nom@exemple.cat.") in html
        assert gettext("Write the subject of your request.") in html
        assert "La llista de contractes menors del 2025.</textarea>" in html
        assert 'value="no-és-un-correu"' in html
        assert html.count('aria-invalid="true"') == 3
        assert 'href="#id_name"' in html

    def test_an_identity_document_with_other_characters_is_refused(self, client, site):
        response = client.post(FORM_URL, {**VALID, "id_document": "12345678Z; drop"})

        assert AccessRequest.objects.count() == 0
        assert gettext("Write only the letters and digits of the document, e.g. 12345678Z.") in (
            response.content.decode()
        )

    def test_the_honeypot_stops_robots(self, client, site):
        response = client.post(FORM_URL, {**VALID, "website": "https://spam.example"})

        assert response.status_code == 200
        assert AccessRequest.objects.count() == 0
        assert mail.outbox == []
        assert gettext("The request could not be sent. Please try again.") in (
            response.content.decode()
        )


class TestRateLimit:
    def test_too_many_submissions_from_one_address_get_a_429(self, client, site, settings):
        settings.TRANSPARENCY_ACCESS_REQUEST_LIMIT = 2
        for _ in range(2):
            assert client.post(FORM_URL, VALID, REMOTE_ADDR="192.0.2.1").status_code == 302

        refused = client.post(FORM_URL, {**VALID, "subject": "Tercera"}, REMOTE_ADDR="192.0.2.1")
        elsewhere = client.post(FORM_URL, VALID, REMOTE_ADDR="192.0.2.2")

        assert refused.status_code == 429
        assert 'value="Tercera"' in refused.content.decode()
        assert 'role="alert"' in refused.content.decode()
        assert elsewhere.status_code == 302
        assert AccessRequest.objects.count() == 3

    def test_the_window_closes_and_submissions_are_accepted_again(self, client, site, settings):
        settings.TRANSPARENCY_ACCESS_REQUEST_LIMIT = 1
        client.post(FORM_URL, VALID)
        assert client.post(FORM_URL, VALID).status_code == 429

        cache.clear()  # what the window's expiry does

        assert client.post(FORM_URL, VALID).status_code == 302


class TestAcknowledgement:
    """Anyone may type any address: the acknowledgement carries nothing the sender wrote, and
    caps per address and site-wide keep it from being used to send mail to strangers."""

    def test_it_gives_the_reference_dates_and_deadline_and_nothing_the_sender_typed(
        self, client, site
    ):
        data = {
            **VALID,
            "capacity": "legal_person",
            "represented_name": "Associació Veïnal del Raval",
            "represented_tax_id": "G08123456",
            "phone": "600123456",
            "subject": "Visiteu http://estafa.example",
        }
        client.post(FORM_URL, data)
        stored = AccessRequest.objects.get()

        acknowledgement = mail.outbox[0]
        message = acknowledgement.subject + acknowledgement.body
        assert acknowledgement.to == ["marta@exemple.cat"]
        assert stored.reference in acknowledgement.subject
        assert catalan_date(stored.received_at) in acknowledgement.body
        assert catalan_date(stored.due_on) in acknowledgement.body
        for typed in [
            "Marta",
            "Puig",
            "estafa.example",
            "contractes menors",
            "Associació Veïnal",
            "G08123456",
            "600123456",
            "12345678Z",
        ]:
            assert typed.lower() not in message.lower(), typed

    def test_one_address_gets_a_limited_number_per_hour_and_the_requests_are_kept(
        self, client, site, settings, caplog
    ):
        settings.TRANSPARENCY_ACKNOWLEDGEMENTS_PER_ADDRESS = 2
        for number in range(3):
            response = client.post(FORM_URL, VALID, REMOTE_ADDR=f"192.0.2.{number}")
            assert response.status_code == 302
            confirmation = client.get(response["Location"])
            assert AccessRequest.objects.order_by("-pk")[0].reference in text_of(
                confirmation.content.decode()
            )
        client.post(FORM_URL, {**VALID, "email": "pere@exemple.cat"}, REMOTE_ADDR="192.0.2.9")

        acknowledged = [message.to for message in mail.outbox if message.to != [STAFF_ADDRESS]]
        notices = [message for message in mail.outbox if message.to == [STAFF_ADDRESS]]
        assert acknowledged == [["marta@exemple.cat"]] * 2 + [["pere@exemple.cat"]]
        assert len(notices) == 4
        assert AccessRequest.objects.count() == 4
        assert "acknowledgement not sent" in caplog.text

    def test_the_whole_site_sends_a_limited_number_per_hour(self, client, site, settings):
        settings.TRANSPARENCY_ACKNOWLEDGEMENTS_SITE_WIDE = 2
        for number in range(3):
            data = {**VALID, "email": f"persona{number}@exemple.cat"}
            assert client.post(FORM_URL, data, REMOTE_ADDR=f"192.0.2.{number}").status_code == 302

        acknowledged = [message.to for message in mail.outbox if message.to != [STAFF_ADDRESS]]
        assert acknowledged == [["persona0@exemple.cat"], ["persona1@exemple.cat"]]
        assert AccessRequest.objects.count() == 3

        cache.clear()  # what the window's expiry does
        client.post(FORM_URL, {**VALID, "email": "persona3@exemple.cat"}, REMOTE_ADDR="192.0.2.3")
        assert mail.outbox[-2].to == ["persona3@exemple.cat"]


class TestReferences:
    def test_references_follow_each_other_within_a_year_and_restart_the_next(self, db):
        first = AccessRequestFactory(received_on=datetime.date(2026, 12, 30))
        second = AccessRequestFactory(received_on=datetime.date(2026, 12, 31))
        next_year = AccessRequestFactory(received_on=datetime.date(2027, 1, 2))

        assert [first.reference, second.reference, next_year.reference] == [
            "SAI-2026-0001",
            "SAI-2026-0002",
            "SAI-2027-0001",
        ]

    def test_two_submissions_get_distinct_references(self, client, site):
        client.post(FORM_URL, VALID)
        client.post(FORM_URL, {**VALID, "subject": "Una altra"})

        year = timezone.localdate().year
        assert sorted(AccessRequest.objects.values_list("reference", flat=True)) == [
            f"SAI-{year}-0001",
            f"SAI-{year}-0002",
        ]

    def test_a_request_that_loses_the_race_to_open_the_year_takes_the_next_number(
        self, db, monkeypatch
    ):
        """A rival request creates the year's counter between this one's UPDATE and INSERT."""
        real_update = QuerySet.update
        rival = []

        def update_then_rival_opens_the_year(queryset, **kwargs):
            updated = real_update(queryset, **kwargs)
            if queryset.model is AccessRequestCounter and not rival:
                rival.append(AccessRequestCounter.objects.create(year=2026, last_number=1))
            return updated

        monkeypatch.setattr(QuerySet, "update", update_then_rival_opens_the_year)

        request = AccessRequestFactory(received_on=datetime.date(2026, 5, 4))

        assert request.reference == "SAI-2026-0002"
        assert AccessRequestCounter.objects.get(year=2026).last_number == 2

    @pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite's in-memory test database cannot be shared by threads",
    )
    def test_concurrent_submissions_on_postgresql_get_distinct_sequential_references(
        self, transactional_db
    ):
        references, errors = run_at_once(lambda: AccessRequestFactory().reference, count=8)

        year = timezone.localdate().year
        assert errors == []
        assert sorted(references) == [f"SAI-{year}-{number:04d}" for number in range(1, 9)]


class TestFollowUp:
    def test_extending_the_deadline_adds_half_the_period_and_resolving_dates_it(self, db):
        request = AccessRequestFactory(received_on=datetime.date(2026, 3, 10))
        assert request.due_on == datetime.date(2026, 4, 10)

        request.status = AccessRequest.Status.EXTENDED
        request.save()
        assert request.due_on == datetime.date(2026, 4, 27)
        assert request.extended_on == timezone.localdate()

        request.status = AccessRequest.Status.GRANTED
        request.save()
        assert request.due_on == datetime.date(2026, 4, 27)
        assert request.resolved_on == timezone.localdate()

    def test_overdue_requests_are_the_open_ones_past_their_deadline(self, db):
        late = AccessRequestFactory(received_on=datetime.date(2026, 1, 5))
        AccessRequestFactory(
            received_on=datetime.date(2026, 1, 5), status=AccessRequest.Status.GRANTED
        )
        AccessRequestFactory(received_on=datetime.date(2026, 3, 1))

        overdue = AccessRequest.objects.overdue(today=datetime.date(2026, 3, 2))

        assert list(overdue) == [late]
        assert late.is_overdue

    def test_only_resolved_requests_with_a_summary_can_be_published(self, db):
        request = AccessRequestFactory(publish=True)
        with pytest.raises(ValidationError) as not_final:
            request.clean()
        request.status = AccessRequest.Status.GRANTED
        with pytest.raises(ValidationError) as no_summary:
            request.clean()

        assert "publish" in not_final.value.message_dict
        assert "public_summary" in no_summary.value.message_dict


def test_published_resolutions_are_listed_without_personal_data(client, site):
    AccessRequestFactory(
        status=AccessRequest.Status.GRANTED,
        publish=True,
        public_summary="Es va facilitar la relació de contractes menors del 2025.",
        name="Jordi Secret",
    )
    AccessRequestFactory(status=AccessRequest.Status.GRANTED, public_summary="No publicada")
    AccessRequestFactory(publish=True, public_summary="Encara en tràmit")

    text = text_of(client.get(FORM_URL).content.decode())

    assert "Es va facilitar la relació de contractes menors del 2025." in text
    assert "No publicada" not in text
    assert "Encara en tràmit" not in text
    assert "Jordi Secret" not in text


def test_form_page_queries_do_not_grow_with_published_resolutions(client, site):
    AccessRequestFactory(status=AccessRequest.Status.GRANTED, publish=True, public_summary="Una")
    few = count_queries(client, FORM_URL)
    AccessRequestFactory.create_batch(
        30, status=AccessRequest.Status.GRANTED, publish=True, public_summary="Una altra"
    )

    assert count_queries(client, FORM_URL) == few


def test_form_page_stays_within_the_query_budget(client, site, django_assert_max_num_queries):
    AccessRequestFactory(status=AccessRequest.Status.GRANTED, publish=True, public_summary="Una")
    client.get(FORM_URL)

    with django_assert_max_num_queries(MAX_QUERIES_PER_PAGE):
        assert client.get(FORM_URL).status_code == 200


class TestWhoAsksAndHowToReachThem:
    def test_a_request_on_behalf_of_a_legal_person_keeps_its_name_and_nif(self, client, site):
        data = {
            **VALID,
            "capacity": "legal_person",
            "represented_name": "Associació Veïnal del Raval",
            "represented_tax_id": "g-0812345-6",
        }

        assert client.post(FORM_URL, data).status_code == 302

        stored = AccessRequest.objects.get()
        assert stored.capacity == AccessRequest.Capacity.LEGAL_PERSON
        assert (stored.represented_name, stored.represented_tax_id) == (
            "Associació Veïnal del Raval",
            "G08123456",
        )
        acknowledgement, notification = mail.outbox
        assert "Associació Veïnal del Raval" not in acknowledgement.body + notification.body

    @pytest.mark.parametrize(
        ("represented", "expected_error"),
        [
            ({}, "Write the name of the entity you represent."),
            ({"represented_name": "Associació"}, "Write the NIF of the entity you represent."),
            ({"represented_tax_id": "B12345678"}, "Write the name of the entity you represent."),
            (
                {"represented_name": "Associació", "represented_tax_id": "12345"},
                "Write the NIF as a letter followed by eight characters, e.g. B12345678.",
            ),
        ],
    )
    def test_acting_for_a_legal_person_needs_its_name_and_nif_together(
        self, client, site, represented, expected_error
    ):
        response = client.post(FORM_URL, {**VALID, "capacity": "legal_person", **represented})

        assert response.status_code == 200
        assert AccessRequest.objects.count() == 0
        assert gettext(expected_error) in response.content.decode()

    def test_on_ones_own_behalf_a_represented_entity_is_not_stored(self, client, site):
        client.post(FORM_URL, {**VALID, "represented_name": "Una empresa"})

        assert AccessRequest.objects.get().represented_name == ""

    def test_a_paper_copy_needs_a_postal_address(self, client, site):
        data = {**VALID, "preferred_format": "paper", "email": ""}
        refused = client.post(FORM_URL, data)
        accepted = client.post(FORM_URL, {**data, "postal_address": "C. Major, 1\n25001 Lleida"})

        assert gettext("Write the postal address where we should send the paper copy.") in (
            refused.content.decode()
        )
        assert accepted.status_code == 302
        assert AccessRequest.objects.get().postal_address == "C. Major, 1\n25001 Lleida"
        # No email address: nobody to acknowledge by email, and the receipt does not pretend so.
        assert [message.to for message in mail.outbox] == [[STAFF_ADDRESS]]
        receipt = client.get(accepted["Location"]).content.decode()
        note = gettext("Note down the reference and quote it in any message about this request.")
        assert note in receipt

    def test_a_consultation_in_person_needs_a_phone_or_an_email(self, client, site):
        data = {**VALID, "preferred_format": "in_person", "email": ""}
        refused = client.post(FORM_URL, data)
        by_phone = client.post(FORM_URL, {**data, "phone": "93 000 00 00"})
        by_email = client.post(FORM_URL, {**data, "email": "marta@exemple.cat"})

        assert (
            gettext(
                "Write a phone number or an email address so that we can arrange the consultation "
                "with you."
            )
            in refused.content.decode()
        )
        assert (by_phone.status_code, by_email.status_code) == (302, 302)
        assert AccessRequest.objects.count() == 2

    def test_an_electronic_copy_needs_an_email(self, client, site):
        response = client.post(FORM_URL, {**VALID, "email": ""})

        assert AccessRequest.objects.count() == 0
        assert gettext("Write an email address where we can send you the information.") in (
            response.content.decode()
        )

    def test_the_privacy_box_informs_and_asks_for_no_acceptance(self, client, site):
        html = client.get(FORM_URL).content.decode()
        privacy_box = html[html.index("transparency-privacy") : html.index("transparency-honeypot")]

        assert 'type="checkbox"' not in html
        assert gettext("Legal basis") in privacy_box
        assert gettext("Access, rectification, erasure and restriction of processing.") in (
            privacy_box
        )
        assert client.post(FORM_URL, VALID).status_code == 302


class TestOneAccountOfTheProcedure:
    """The page, the confirmation, the email and the admin state the same deadlines."""

    HALF = "la meitat del termini inicial"
    WRONG = ["període igual", "o dos", "ampliar un cop"]

    @pytest.fixture
    def texts(self, client, site):
        page = text_of(client.get(FORM_URL).content.decode())
        submitted = client.post(FORM_URL, VALID)
        confirmation = text_of(client.get(submitted["Location"]).content.decode())
        email = " ".join(mail.outbox[0].body.split())
        admin_help = str(AccessRequest._meta.get_field("due_on").help_text)
        status_help = str(AccessRequest._meta.get_field("status").help_text)
        return {
            "page": page,
            "confirmation": confirmation,
            "email": email,
            "admin": f"{admin_help} {status_help}",
        }

    def test_every_text_says_one_month_extendable_by_half(self, texts):
        for where, text in texts.items():
            assert "un mes" in text.lower(), where
            assert "meitat" in text, where
            for wrong in self.WRONG:
                assert wrong not in text, (where, wrong)

    def test_the_public_texts_give_the_whole_procedure(self, texts):
        for where in ["page", "confirmation", "email"]:
            text = texts[where]
            assert self.HALF in text, where
            assert "30 dies" in text, where  # delivery once granted
            assert "dins del termini d’un mes" in text, where  # complaint to the GAIP
            assert "mediació" in text, where
            assert "recurs de reposició" in text, where
            assert "contenciós administratiu" in text, where
            assert "poden tenir un cost" in text, where

    def test_the_page_says_who_may_ask(self, texts):
        assert "a partir dels 16 anys" in texts["page"]
        assert "en representació d’una persona jurídica" in texts["page"]


class TestOutcomes:
    @pytest.mark.parametrize(
        ("status", "shown"),
        [
            (AccessRequest.Status.GRANTED, "Estimada"),
            (AccessRequest.Status.PARTIALLY_GRANTED, "Estimada parcialment"),
            (AccessRequest.Status.DENIED, "Desestimada"),
            (AccessRequest.Status.INADMISSIBLE, "Inadmesa"),
        ],
    )
    def test_published_resolutions_show_the_outcome_in_the_laws_terms(
        self, client, site, status, shown
    ):
        AccessRequestFactory(status=status, publish=True, public_summary="Resum públic.")

        text = text_of(client.get(FORM_URL).content.decode())

        assert f"{gettext('Outcome')} {shown}" in text

    def test_open_and_final_statuses_cover_every_status_once(self):
        assert sorted(AccessRequest.Status.open() + AccessRequest.Status.final()) == sorted(
            AccessRequest.Status.values
        )


@pytest.mark.django_db(transaction=True)
def test_a_request_for_a_legal_person_with_a_paper_copy_is_stored_outside_a_transaction(client):
    run_seed_site()
    data = {
        **VALID,
        "capacity": "legal_person",
        "represented_name": "Fundació Exemple",
        "represented_tax_id": "G12345678",
        "preferred_format": "paper",
        "postal_address": "Pl. Major, 1\n17001 Girona",
    }

    response = client.post(FORM_URL, data)

    assert response.status_code == 302
    stored = AccessRequest.objects.get()
    assert (stored.represented_name, stored.represented_tax_id) == ("Fundació Exemple", "G12345678")
    assert stored.postal_address == "Pl. Major, 1\n17001 Girona"
    assert stored.get_preferred_format_display() == gettext("Paper copy")


def test_the_migration_gives_earlier_requests_the_laws_outcomes(db):
    migration = importlib.import_module(
        "transparency.migrations.0006_access_request_representation_contact_and_outcomes"
    )
    resolved, rejected, open_request = AccessRequestFactory.create_batch(3)
    AccessRequest.objects.filter(pk=resolved.pk).update(status="resolved")
    AccessRequest.objects.filter(pk=rejected.pk).update(status="rejected")

    migration.rename_outcomes(django_apps, None)

    statuses = dict(AccessRequest.objects.values_list("pk", "status"))
    assert statuses == {
        resolved.pk: AccessRequest.Status.GRANTED,
        rejected.pk: AccessRequest.Status.DENIED,
        open_request.pk: AccessRequest.Status.RECEIVED,
    }


def test_the_resolving_body_is_named_once_editors_set_it(client, site):
    sentence = "Resol les sol·licituds: Gerència del Consorci Localret."
    assert sentence not in text_of(client.get(FORM_URL).content.decode())
    transparency = TransparencySettings.for_site(site)
    transparency.resolving_body = "Gerència del Consorci Localret"
    transparency.save()

    page = text_of(client.get(FORM_URL).content.decode())
    confirmation = text_of(client.get(client.post(FORM_URL, VALID)["Location"]).content.decode())

    assert sentence in page
    assert sentence in confirmation
    assert sentence in mail.outbox[0].body
