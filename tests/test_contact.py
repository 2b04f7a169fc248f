"""The contact page: the organisation's details, the form to staff, its messages in the admin and
their retention; the footer's links and the main menu's order."""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from pages.models import (
    ContactMessage,
    ContactPage,
    ContactTopic,
    OrganisationSettings,
    StandardPage,
)
from pages.models.contact import months_before
from pages.seed import MAIN_MENU_ORDER, home_child_slugs, order_main_menu
from tests.conftest import run_seed_site
from tests.groups import restore_groups
from transparency.models import TransparencySettings

URL = "/contacte/"
ORGANISATION_EMAIL = "info@localret.cat"
ADHESIONS_EMAIL = "adhesions@localret.cat"


@pytest.fixture
def organisation(seeded_site):
    organisation = OrganisationSettings.for_site(seeded_site)
    organisation.email = ORGANISATION_EMAIL
    organisation.phone = "93 000 00 00"
    organisation.address = "Carrer de prova, 1\n08001 Barcelona"
    organisation.opening_hours = "De dilluns a divendres, de 9 a 14 h"
    organisation.save()
    return organisation


@pytest.fixture
def adhesions(organisation):
    topic = ContactTopic.objects.get(name="Adhesió al consorci")
    topic.email = ADHESIONS_EMAIL
    topic.save()
    return topic


def valid_data(chosen_topic=None, **changes):
    topic = chosen_topic or ContactTopic.objects.get(name="Informació general")
    return {
        "name": "Marta Puig Soler",
        "email": "marta@exemple.cat",
        "topic": topic.pk,
        "message": "Voldria saber com funciona el servei.",
        **changes,
    }


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


class TestPage:
    def test_it_shows_the_organisations_details_and_the_form_in_catalan(self, client, organisation):
        response = client.get(URL)
        html = response.content.decode()
        text = text_of(response)

        assert response.status_code == 200
        assert '<html lang="ca">' in html
        assert html.count("<h1") == 1
        assert "Com contactar amb nosaltres" in text
        for detail in ["Carrer de prova, 1", "93 000 00 00", ORGANISATION_EMAIL, "de 9 a 14 h"]:
            assert detail in text
        for name in ["name", "email", "message", "csrfmiddlewaretoken"]:
            assert f'name="{name}"' in html
        topics = re.findall(r'name="topic" value="\d+"', html)
        assert len(topics) == ContactTopic.objects.count() == 3
        assert "Informació general" in text and "Adhesió al consorci" in text
        assert "Envia el missatge" in text

    def test_the_seeded_introduction_is_a_placeholder_nobody_reads(self, client, seeded_site):
        page = ContactPage.objects.get()
        assert "afegir petit text" in page.introduction
        assert "afegir petit text" not in client.get(URL).content.decode()

    def test_details_that_are_not_filled_in_are_not_shown(self, client, seeded_site):
        text = text_of(client.get(URL))
        assert "Com contactar amb nosaltres" not in text
        assert "Horari d’atenció" not in text

    def test_it_informs_on_data_protection_and_asks_for_no_consent(self, client, organisation):
        organisation.contact_message_retention_months = 6
        organisation.save()
        html = client.get(URL).content.decode()
        privacy = html[html.index("transparency-privacy") : html.index("transparency-honeypot")]
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", privacy))

        assert "Consorci Localret" in text
        assert "Respondre el vostre missatge" in text
        assert "RGPD, art. 6.1.e" in text
        assert "El missatge s’esborra 6 mesos després de rebre’l." in text
        assert "oposició" in text
        assert 'href="/privacitat/"' in privacy
        assert 'type="checkbox"' not in html

    def test_the_honeypot_is_hidden_from_people_and_screen_readers(self, client, seeded_site):
        html = client.get(URL).content.decode()
        assert '<div class="transparency-honeypot" hidden>' in html

    def test_the_form_page_sets_only_the_csrf_cookie_and_is_never_cached(self, client, seeded_site):
        response = client.get(URL)
        assert set(response.cookies) == {"csrftoken"}
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]

    def test_queries_are_bounded_whatever_the_topics_and_messages(
        self, client, organisation, django_assert_max_num_queries
    ):
        client.get(URL)
        with django_assert_max_num_queries(15):
            assert client.get(URL).status_code == 200
        for number in range(20):
            ContactTopic.objects.create(name=f"Tema {number}", sort_order=10 + number)
            ContactMessage.objects.create(name="A", email="a@exemple.cat", message="Hola")
        with django_assert_max_num_queries(15):
            assert client.get(URL).status_code == 200

    def test_it_is_in_the_main_menu(self, client, seeded_site):
        html = client.get("/").content.decode()
        header = html[html.index('class="site-header"') : html.index("</header>")]
        assert 'href="/contacte/"' in header


class TestSubmission:
    def test_a_valid_message_is_stored_mailed_and_confirmed_after_a_redirect(
        self, client, adhesions
    ):
        response = client.post(URL, valid_data(adhesions))

        [stored] = ContactMessage.objects.all()
        assert (stored.name, stored.email, stored.topic) == (
            "Marta Puig Soler",
            "marta@exemple.cat",
            adhesions,
        )
        assert stored.handled is False
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == URL
        assert "marta" not in response["Location"].lower()

        [email] = mail.outbox
        assert email.to == [ADHESIONS_EMAIL]
        assert email.reply_to == ["marta@exemple.cat"]
        assert "Adhesió al consorci" in email.subject
        assert "Voldria saber com funciona el servei." in email.body
        assert f"/admin/contact-messages/inspect/{stored.pk}/" in email.body

        confirmation = client.get(response["Location"])
        assert confirmation.status_code == 200
        assert "Hem rebut el vostre missatge" in text_of(confirmation)
        assert 'name="message"' not in confirmation.content.decode()

    def test_a_topic_without_an_address_goes_to_the_organisations_email(self, client, organisation):
        client.post(URL, valid_data())
        [email] = mail.outbox
        assert email.to == [ORGANISATION_EMAIL]

    def test_without_any_address_the_message_waits_in_the_admin(self, client, seeded_site):
        response = client.post(URL, valid_data())
        assert response.status_code == 302
        assert ContactMessage.objects.count() == 1
        assert mail.outbox == []

    def test_a_mail_server_failure_does_not_lose_the_message(
        self, client, organisation, monkeypatch
    ):
        def fail(*args, **kwargs):
            raise OSError("connection refused")

        monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
        response = client.post(URL, valid_data())
        assert response.status_code == 302
        assert ContactMessage.objects.count() == 1

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"name": ""}, "Nom i cognoms", "Escriviu el vostre nom i cognoms."),
            ({"email": ""}, "Correu electrònic", "Escriviu l’adreça electrònica on"),
            ({"email": "marta@"}, "Correu electrònic", "Escriviu una adreça electrònica vàlida"),
            ({"topic": ""}, "Tema", "Trieu el tema del vostre missatge."),
            ({"topic": "999999"}, "Tema", "Trieu un dels temes de la llista."),
            ({"message": ""}, "Missatge", "Escriviu el vostre missatge."),
            ({"message": "x" * 5001}, "Missatge", "Escriviu com a màxim 5000 caràcters"),
        ],
    )
    def test_each_invalid_field_is_answered_400_in_catalan_and_nothing_is_sent(
        self, client, organisation, changes, field, message
    ):
        response = client.post(URL, valid_data(**changes))
        text = text_of(response)

        assert response.status_code == 400
        assert f"{field}: {message}" in text
        assert "El missatge encara no s’ha enviat" in text
        assert "<title>Error:" in response.content.decode()
        assert ContactMessage.objects.count() == 0
        assert mail.outbox == []

    def test_what_was_written_is_kept_when_the_form_comes_back(self, client, seeded_site):
        response = client.post(URL, valid_data(email="marta@"))
        assert "Voldria saber com funciona el servei." in response.content.decode()

    def test_a_filled_honeypot_is_thanked_and_goes_no_further(self, client, organisation):
        response = client.post(URL, valid_data(website="https://spam.example"))

        assert response.status_code == 302
        assert "Hem rebut el vostre missatge" in text_of(client.get(response["Location"]))
        assert ContactMessage.objects.count() == 0
        assert mail.outbox == []

    def test_a_forged_confirmation_is_refused(self, client, seeded_site):
        response = client.get(URL, {"enviat": "fals"})
        assert response.status_code == 400
        assert "Aquest enllaç de confirmació no és vàlid" in text_of(response)

    def test_csrf_is_enforced(self, seeded_site):
        client = Client(enforce_csrf_checks=True)
        refused = client.post(URL, valid_data())
        assert refused.status_code == 403
        assert ContactMessage.objects.count() == 0

        token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(URL).content.decode()
        ).group(1)
        accepted = client.post(URL, {**valid_data(), "csrfmiddlewaretoken": token})
        assert accepted.status_code == 302
        assert ContactMessage.objects.count() == 1

    def test_too_many_messages_from_one_address_get_a_429_in_catalan(
        self, client, seeded_site, settings
    ):
        settings.CONTACT_FORM_LIMIT = 2
        settings.CONTACT_FORM_WINDOW = 600
        for _ in range(2):
            assert client.post(URL, valid_data(), REMOTE_ADDR="192.0.2.1").status_code == 302

        refused = client.post(URL, valid_data(), REMOTE_ADDR="192.0.2.1")
        elsewhere = client.post(URL, valid_data(), REMOTE_ADDR="192.0.2.2")

        assert refused.status_code == 429
        text = text_of(refused)
        assert "Massa missatges" in text
        assert "Torneu-ho a provar d’aquí a 10 minuts" in text
        assert "Voldria saber com funciona el servei." in refused.content.decode()
        assert elsewhere.status_code == 302
        assert ContactMessage.objects.count() == 3

    def test_the_page_accepts_only_reads_and_submissions(self, client, seeded_site):
        assert client.put(URL).status_code == 405


class TestAdmin:
    LISTING = "/admin/contact-messages/"

    @pytest.fixture
    def messages(self, adhesions):
        general = ContactTopic.objects.get(name="Informació general")
        ContactMessage.objects.create(
            topic=adhesions, name="Ajuntament de Prova", email="a@exemple.cat", message="Adhesió"
        )
        ContactMessage.objects.create(
            topic=general, name="Joan Soler", email="j@exemple.cat", message="Hola", handled=True
        )

    def login(self, client, group=None):
        user = get_user_model().objects.create_user("tecnica", "t@localret.cat", "x" * 16)
        if group:
            user.groups.add(Group.objects.get(name=group))
        client.force_login(user)

    def test_the_contact_group_reads_filters_and_marks_messages(self, client, messages):
        self.login(client, "Contacte")

        listing = client.get(self.LISTING).content.decode()
        assert "Ajuntament de Prova" in listing and "Joan Soler" in listing
        assert "/admin/contact-messages/new/" not in listing

        adhesions = ContactTopic.objects.get(name="Adhesió al consorci")
        by_topic = client.get(self.LISTING, {"topic": adhesions.pk}).content.decode()
        assert "Ajuntament de Prova" in by_topic and "Joan Soler" not in by_topic
        open_only = client.get(self.LISTING, {"handled": "false"}).content.decode()
        assert "Ajuntament de Prova" in open_only and "Joan Soler" not in open_only

        message = ContactMessage.objects.get(name="Ajuntament de Prova")
        inspect = client.get(f"{self.LISTING}inspect/{message.pk}/")
        assert inspect.status_code == 200
        assert "Adhesió" in inspect.content.decode()
        client.post(f"{self.LISTING}edit/{message.pk}/", {"handled": "on"})
        message.refresh_from_db()
        assert message.handled is True
        assert client.get(f"{self.LISTING}new/").status_code in (302, 403)

    def test_the_listing_speaks_catalan(self, client, messages):
        self.login(client, "Contacte")
        listing = client.get(self.LISTING).content.decode()
        assert "Missatges de contacte" in listing
        assert "Data de recepció" in listing

    @pytest.mark.parametrize("group", ["Editors", "Transparència"])
    def test_other_staff_cannot_read_them(self, client, messages, group):
        self.login(client, group)
        response = client.get(self.LISTING)
        assert response.status_code in (302, 403)
        assert "Ajuntament de Prova" not in response.content.decode()


class TestRetention:
    def run(self, *args):
        out = io.StringIO()
        call_command("delete_old_contact_messages", *args, stdout=out)
        return out.getvalue()

    @pytest.fixture
    def old_and_recent(self, organisation):
        now = timezone.now()
        old = ContactMessage.objects.create(name="Antic", email="a@exemple.cat", message="x")
        recent = ContactMessage.objects.create(name="Recent", email="r@exemple.cat", message="y")
        ContactMessage.objects.filter(pk=old.pk).update(
            received_at=months_before(now, 12) - datetime.timedelta(days=1)
        )
        ContactMessage.objects.filter(pk=recent.pk).update(
            received_at=months_before(now, 12) + datetime.timedelta(days=1)
        )
        return old, recent

    def test_a_dry_run_counts_and_deletes_nothing(self, old_and_recent):
        output = self.run("--dry-run")
        assert "S’esborraria 1 missatge de contacte." in output
        assert "Simulació: no s’ha esborrat res." in output
        assert ContactMessage.objects.count() == 2

    def test_messages_past_their_retention_are_deleted(self, old_and_recent):
        output = self.run()
        assert "es conserven 12 mesos" in output
        assert "S’ha esborrat 1 missatge de contacte." in output
        assert list(ContactMessage.objects.values_list("name", flat=True)) == ["Recent"]
        assert "S’han esborrat 0 missatges de contacte." in self.run()

    def test_the_retention_follows_the_setting(self, old_and_recent, organisation):
        organisation.contact_message_retention_months = 1
        organisation.save()
        self.run()
        assert ContactMessage.objects.count() == 0

    def test_a_month_earlier_keeps_the_day_or_the_months_last_one(self):
        moment = datetime.datetime(2026, 3, 31, 10, tzinfo=datetime.UTC)
        assert months_before(moment, 1) == moment.replace(month=2, day=28)
        assert months_before(moment, 12) == moment.replace(year=2025)
        assert months_before(moment, 3) == moment.replace(year=2025, month=12)


class TestFooter:
    def footer(self, client):
        html = client.get("/").content.decode()
        return html[html.index('<footer class="site-footer">') :]

    def test_the_links_are_shown_once_set(
        self, client, seeded_site, django_capture_on_commit_callbacks
    ):
        office = "https://seu.localret.cat/"
        profile = "https://contractaciopublica.cat/ca/perfils-contractant/detall/localret"
        before = self.footer(client)
        with django_capture_on_commit_callbacks(execute=True):
            organisation = OrganisationSettings.for_site(seeded_site)
            organisation.electronic_office_url = office
            organisation.save()
            transparency = TransparencySettings.for_site(seeded_site)
            transparency.contractor_profile_url = profile
            transparency.save()
        after = self.footer(client)

        assert "Seu electrònica" not in before and "Perfil del contractant" not in before
        assert f'<a href="{office}">Seu electrònica</a>' in after
        assert f'<a href="{profile}">Perfil del contractant</a>' in after

    def test_the_catalan_transparency_portal_is_linked_unless_cleared(
        self, client, seeded_site, django_capture_on_commit_callbacks
    ):
        portal = '<a href="https://governobert.gencat.cat/ca/transparencia/">'
        assert portal in self.footer(client)
        with django_capture_on_commit_callbacks(execute=True):
            transparency = TransparencySettings.for_site(seeded_site)
            transparency.transparency_portal_url = ""
            transparency.save()
        assert "Portal de la Transparència de Catalunya" not in self.footer(client)


class TestMenuOrder:
    def child_slugs(self, home):
        return list(home.get_children().values_list("slug", flat=True))

    def test_the_seed_puts_contact_after_qui_som_and_before_the_legal_pages(self, home_page):
        slugs = self.child_slugs(home_page)
        assert slugs[:5] == list(MAIN_MENU_ORDER)
        assert slugs[5:] == ["avis-legal", "privacitat", "galetes", "accessibilitat"]

    def add(self, home, slug):
        page = StandardPage(title=slug.capitalize(), slug=slug, show_in_menus=True)
        home.add_child(instance=page)
        return page

    def test_new_entries_are_put_in_the_menus_order_and_the_rest_follow(self, home_page):
        new_entries = ["agenda", "actualitat", "serveis"]
        for page in home_page.get_children().filter(slug__in=new_entries):
            page.delete()
        before = home_child_slugs(home_page)
        for slug in new_entries:
            self.add(home_page, slug)

        order_main_menu(home_page, before)

        assert self.child_slugs(home_page) == [
            *MAIN_MENU_ORDER,
            "avis-legal",
            "privacitat",
            "galetes",
            "accessibilitat",
        ]

    def test_what_an_editor_moved_stays_where_it_is(self, home_page):
        contact = Page.objects.get(slug="contacte")
        contact.move(Page.objects.get(slug="accessibilitat"), pos="right")
        edited = self.child_slugs(home_page)

        run_seed_site()

        assert self.child_slugs(home_page) == edited
        assert edited[-1] == "contacte"

    def test_the_menu_reads_in_that_order(self, client, home_page):
        html = client.get("/").content.decode()
        header = html[html.index('class="site-header"') : html.index("</header>")]
        assert header.index('href="/qui-som/"') < header.index('href="/contacte/"')


@pytest.mark.django_db(transaction=True)
def test_a_message_sent_outside_a_transaction_is_stored_and_leaves_the_cache_alone(settings):
    """The write path as production runs it (autocommit); a message is no public content, so
    the cached pages stay, while a new topic (shown on the contact page) refreshes them."""
    run_seed_site()
    restore_groups()
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    client = Client()
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    response = client.post(URL, valid_data())

    assert response.status_code == 302
    assert ContactMessage.objects.get().name == "Marta Puig Soler"
    assert client.get("/")["X-Page-Cache"] == "hit"
    ContactTopic.objects.create(name="Premsa", sort_order=10)
    assert client.get("/")["X-Page-Cache"] == "miss"
