"""No access request waits unseen: who is told of a new one."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils.formats import date_format

from pages.models import OrganisationSettings
from transparency.models import AccessRequest, TransparencySettings

FORM_URL = "/qui-som/transparencia/dret-d-acces/"
STAFF_ADDRESS = "transparencia@localret.cat"
VALID = {
    "name": "Marta Puig Soler",
    "email": "marta@exemple.cat",
    "subject": "Contractes menors",
    "information": "La llista de contractes menors del 2025.",
    "preferred_format": "electronic",
    "accept_privacy": "on",
}


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
