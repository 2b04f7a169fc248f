"""No access request waits unseen: who is told of a new one, the dashboard, the daily reminder."""

import datetime
import io
import logging
import smtplib
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Site

from pages.models import OrganisationSettings
from tests.concurrency import run_at_once
from tests.conftest import run_seed_site
from tests.factories import AccessRequestFactory
from transparency.models import AccessRequest, AccessRequestReminder, TransparencySettings
from transparency.reminders import requests_to_remind, send_reminder

FORM_URL = "/qui-som/transparencia/dret-d-acces/"
STAFF_ADDRESS = "transparencia@localret.cat"
VALID = {
    "name": "Marta Puig Soler",
    "capacity": "own",
    "email": "marta@exemple.cat",
    "subject": "Contractes menors",
    "information": "La llista de contractes menors del 2025.",
    "preferred_format": "electronic",
}
# A Monday; requests get their deadlines set directly, so no weekend moves them.
TODAY = datetime.date(2026, 12, 7)


def user(username, email, group=None, **extra):
    created = get_user_model().objects.create_user(
        username, email=email, password="a-long-password-1", **extra
    )
    if group:
        created.groups.add(Group.objects.get(name=group))
    return created


def set_addresses(site, staff="", organisation=""):
    transparency_settings = TransparencySettings.for_site(site)
    transparency_settings.notification_email = staff
    transparency_settings.save()
    OrganisationSettings.objects.update_or_create(site=site, defaults={"email": organisation})


@pytest.fixture
def team(db):
    """The Transparència group as it may really be: not everyone can or should get mail."""
    user("anna", "anna@localret.cat", "Transparència")
    user("biel", "biel@localret.cat", "Transparència")
    user("carme", "carme@localret.cat", "Transparència", is_active=False)
    user("dolors", "", "Transparència")
    user("editora", "editora@localret.cat", "Editors")
    get_user_model().objects.create_superuser("admin", "admin@localret.cat", "x" * 16)
    return ["anna@localret.cat", "biel@localret.cat"]


# Whichever outcome closes a request: the law's list of outcomes may grow.
ANSWERED = AccessRequest.Status.final()[-1]


def request_due(on, status=AccessRequest.Status.RECEIVED, **kwargs):
    """A request whose deadline is `on` (set past the model's own rule, to pin it)."""
    access_request = AccessRequestFactory(status=status, **kwargs)
    AccessRequest.objects.filter(pk=access_request.pk).update(due_on=on)
    access_request.refresh_from_db()
    return access_request


def catalan_date(day):
    return date_format(day, "DATE_FORMAT")


class TestNewRequestNotification:
    def staff_notice(self):
        acknowledgement, *notices = mail.outbox
        assert acknowledgement.to == ["marta@exemple.cat"]
        return notices

    def test_the_staff_address_alone_is_notified_when_it_is_set(self, client, seeded_site, team):
        set_addresses(seeded_site, staff=STAFF_ADDRESS, organisation="info@localret.cat")

        client.post(FORM_URL, VALID)

        [notice] = self.staff_notice()
        assert notice.to == [STAFF_ADDRESS]

    def test_without_any_address_every_active_member_of_the_group_is_notified(
        self, client, seeded_site, team, caplog
    ):
        set_addresses(seeded_site)

        with caplog.at_level(logging.INFO, logger="transparency.emails"):
            client.post(FORM_URL, VALID)

        [notice] = self.staff_notice()
        stored = AccessRequest.objects.get()
        assert sorted(notice.to) == team
        assert stored.reference in notice.subject
        assert f"http://testserver/admin/access-requests/edit/{stored.pk}/" in notice.body
        assert catalan_date(stored.due_on) in notice.body
        for personal in ["Marta", "marta@exemple.cat", "Contractes menors", "llista"]:
            assert personal not in notice.subject + notice.body
        assert "2 active users of the Transparència group" in caplog.text

    def test_without_any_address_nor_group_member_the_failure_is_logged(
        self, client, seeded_site, caplog
    ):
        set_addresses(seeded_site)

        client.post(FORM_URL, VALID)

        assert self.staff_notice() == []
        assert AccessRequest.objects.count() == 1
        assert "nobody was notified" in caplog.text


def open_requests_panel(html):
    start = html.index('aria-labelledby="open-access-requests-heading"')
    return html[start : html.index("</section>", start)]


class TestDashboardPanel:
    @pytest.fixture
    def requests(self, db):
        today = timezone.localdate()
        return {
            "fresh": request_due(today + datetime.timedelta(days=30), subject="Pressupost 2027"),
            "late": request_due(today - datetime.timedelta(days=3), subject="Publicitat"),
            "today": request_due(today, subject="Subvencions"),
            "soon": request_due(
                today + datetime.timedelta(days=1),
                status=AccessRequest.Status.EXTENDED,
                subject="Retribucions",
            ),
            "answered": request_due(
                today - datetime.timedelta(days=9),
                status=ANSWERED,
                subject="Convenis",
            ),
        }

    def panel_for(self, client, username, group=None, superuser=False):
        if superuser:
            who = get_user_model().objects.create_superuser(username, "", "x" * 16)
        else:
            who = user(username, f"{username}@localret.cat", group)
        client.force_login(who)
        response = client.get("/admin/")
        assert response.status_code == 200
        return response.content.decode()

    def test_handlers_see_the_open_requests_overdue_first_with_the_days_left(
        self, client, requests
    ):
        panel = open_requests_panel(self.panel_for(client, "tecnica", "Transparència"))
        rows = panel.split("<tr")[2:]

        order = ["late", "today", "soon", "fresh"]
        assert len(rows) == len(order)
        for key, row in zip(order, rows, strict=True):
            assert requests[key].reference in row, key
        assert "Convenis" not in panel
        late, today, soon, fresh = rows
        assert "Fora de termini" in late
        assert "3 dies de retard" in late
        assert "venç avui" in today
        assert "queda 1 dia" in soon
        assert "queden 30 dies" in fresh
        for row in [today, soon, fresh]:
            assert "Fora de termini" not in row
        assert catalan_date(requests["late"].due_on) in late
        assert catalan_date(timezone.localdate()) in late  # entered today, in the factory
        for key in ["late", "today", "soon", "fresh"]:
            edit_url = reverse("access_requests:edit", args=[requests[key].pk])
            assert f'href="{edit_url}"' in panel

    def test_administrators_see_it_too(self, client, requests):
        panel = open_requests_panel(self.panel_for(client, "gestora", superuser=True))

        assert requests["late"].reference in panel

    def test_editors_without_the_permission_do_not_see_it(self, client, requests):
        html = self.panel_for(client, "editora", "Editors")

        assert "open-access-requests-heading" not in html
        assert requests["late"].reference not in html
        assert "Publicitat" not in html

    def test_with_no_open_request_it_says_so(self, client, db):
        panel = open_requests_panel(self.panel_for(client, "tecnica", "Transparència"))

        assert "No hi ha cap sol·licitud d’accés pendent de resposta." in panel

    def test_the_dashboard_queries_do_not_grow_with_the_open_requests(self, client, requests):
        self.panel_for(client, "tecnica", "Transparència")
        with CaptureQueriesContext(connection) as few:
            client.get("/admin/")
        for _ in range(25):
            request_due(timezone.localdate() - datetime.timedelta(days=1))
        with CaptureQueriesContext(connection) as many:
            html = client.get("/admin/").content.decode()

        assert len(many) == len(few)
        panel = open_requests_panel(html)
        assert panel.count("Fora de termini") == 20
        assert 'href="' + reverse("access_requests:index") + '"' in panel
        assert "Vegeu les 29 sol·licituds pendents a la llista" in panel


def remind(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("remind_access_requests", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def due(seeded_site):
    set_addresses(seeded_site, staff=STAFF_ADDRESS)
    return {
        "overdue": request_due(TODAY - datetime.timedelta(days=3)),
        "today": request_due(TODAY),
        "in_five_days": request_due(TODAY + datetime.timedelta(days=5)),
        "in_six_days": request_due(TODAY + datetime.timedelta(days=6)),
        "answered": request_due(TODAY - datetime.timedelta(days=10), status=ANSWERED),
    }


class TestReminderCommand:
    def test_one_message_lists_the_overdue_requests_and_those_due_within_five_days(self, due):
        output = remind("--today", TODAY.isoformat())

        [reminder] = mail.outbox
        assert reminder.to == [STAFF_ADDRESS]
        assert "3 sol·licituds" in reminder.subject
        for key in ["overdue", "today", "in_five_days"]:
            assert due[key].reference in reminder.body, key
            edit_url = reverse("access_requests:edit", args=[due[key].pk])
            assert f"http://testserver{edit_url}" in reminder.body
        for key in ["in_six_days", "answered"]:
            assert due[key].reference not in reminder.body, key
        overdue_part, due_soon_part = reminder.body.split("Vencen en els 5 dies vinents")
        assert due["overdue"].reference in overdue_part
        assert "3 dies de retard" in overdue_part
        assert due["today"].reference in due_soon_part
        assert "venç avui" in due_soon_part
        assert "queden 5 dies" in due_soon_part
        assert catalan_date(TODAY - datetime.timedelta(days=3)) in overdue_part
        assert "Marta" not in reminder.body
        assert f"{STAFF_ADDRESS}: recordatori enviat." in output

    def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(self, due):
        remind("--today", TODAY.isoformat())
        again = remind("--today", TODAY.isoformat())

        assert len(mail.outbox) == 1
        assert "ja ha rebut el recordatori d’avui" in again

        remind("--today", (TODAY + datetime.timedelta(days=1)).isoformat())

        assert len(mail.outbox) == 2
        assert due["in_six_days"].reference in mail.outbox[1].body

    def test_a_dry_run_sends_and_records_nothing(self, due):
        output = remind("--dry-run", "--today", TODAY.isoformat())

        assert mail.outbox == []
        assert AccessRequestReminder.objects.count() == 0
        assert due["overdue"].reference in output
        assert due["in_six_days"].reference not in output
        assert f"{STAFF_ADDRESS}: rebria el recordatori." in output

        remind("--today", TODAY.isoformat())
        assert len(mail.outbox) == 1

    def test_nothing_is_sent_when_no_request_is_near_its_deadline(self, due):
        output = remind("--today", (TODAY - datetime.timedelta(days=10)).isoformat())

        assert mail.outbox == []
        assert "No hi ha cap sol·licitud" in output

    def test_without_a_staff_address_each_member_of_the_group_gets_a_message(
        self, due, seeded_site, team
    ):
        set_addresses(seeded_site)

        remind("--today", TODAY.isoformat())

        assert sorted(message.to[0] for message in mail.outbox) == team
        assert all(len(message.to) == 1 for message in mail.outbox)

    def test_with_nobody_to_remind_the_command_fails_for_cron_to_report_it(self, due, seeded_site):
        set_addresses(seeded_site)

        with pytest.raises(CommandError, match="Transparència"):
            remind("--today", TODAY.isoformat())

    def test_a_bad_day_is_refused(self, due):
        with pytest.raises(CommandError, match="AAAA-MM-DD"):
            remind("--today", "7/12/2026")


@pytest.mark.django_db(transaction=True)
def test_a_reminder_that_could_not_be_sent_is_sent_by_the_next_run(monkeypatch):
    """Outside a test transaction, as cron runs it: a failed send leaves no record behind."""
    run_seed_site()
    set_addresses(Site.objects.get(is_default_site=True), staff=STAFF_ADDRESS)
    overdue = request_due(TODAY - datetime.timedelta(days=1))

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        with pytest.raises(CommandError):
            remind("--today", TODAY.isoformat())
    assert AccessRequestReminder.objects.count() == 0

    remind("--today", TODAY.isoformat())
    remind("--today", TODAY.isoformat())

    [reminder] = mail.outbox
    assert overdue.reference in reminder.body
    assert list(AccessRequestReminder.objects.values_list("recipient", "sent_on")) == [
        (STAFF_ADDRESS, TODAY)
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database cannot be shared by threads",
)
def test_runs_at_the_same_time_remind_an_address_once(transactional_db, monkeypatch):
    request_due(TODAY - datetime.timedelta(days=2))
    pending = requests_to_remind(TODAY)
    send = EmailMessage.send

    def slow_send(message, *args, **kwargs):
        time.sleep(0.2)  # long enough for every run to reach the same address
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", slow_send)
    sent, errors = run_at_once(lambda: send_reminder(STAFF_ADDRESS, pending, TODAY), count=4)

    assert errors == []
    assert sorted(sent) == [False, False, False, True]
    assert len(mail.outbox) == 1
    assert AccessRequestReminder.objects.count() == 1
