"""Editors work in the Wagtail admin: page types keep the tree's shape, the dashboard helps."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from governance.models import GoverningBodiesPage, PresidentMessagePage
from members.models import MembersIndexPage
from pages.models import (
    AboutPage,
    HistoryPage,
    HomePage,
    OrganisationSettings,
    StandardPage,
    StatutesPage,
)
from tests.factories import AboutPageFactory, HomePageFactory
from tests.groups import restore_groups
from transparency.models import TransparencyIndexPage

QUI_SOM_SECTION_TYPES = [
    HistoryPage,
    StatutesPage,
    PresidentMessagePage,
    GoverningBodiesPage,
    MembersIndexPage,
    TransparencyIndexPage,
]


def minimal_page_form_data(model, title, slug):
    """What the admin form posts for a page with only its title, slug and texts filled in."""
    data = {
        "title": title,
        "slug": slug,
        "introduction": rich_text("<p>Introducció de prova.</p>"),
        "body": rich_text("<p>Cos de prova.</p>"),
    }
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            data[field.name] = streamfield([])
    for relation in getattr(model._meta, "child_relations", []):
        data[relation.get_accessor_name()] = inline_formset([])
    return nested_form_data(data)


class TestPageTreeRules(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_qui_som_lives_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(AboutPage, {HomePage})

    def test_qui_som_sections_live_only_under_qui_som(self):
        for page_type in QUI_SOM_SECTION_TYPES:
            self.assertAllowedParentPageTypes(page_type, {AboutPage})
            self.assertCanNotCreateAt(HomePage, page_type)
            self.assertCanNotCreateAt(TransparencyIndexPage, page_type)

    def test_legal_pages_live_under_the_home_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage})
        self.assertCanNotCreateAt(AboutPage, StandardPage)

    def test_statutes_cannot_go_under_the_transparency_portal(self):
        self.assertCanNotCreateAt(TransparencyIndexPage, StatutesPage)


class TestCreatingPagesThroughTheAdmin(WagtailPageTestCase):
    def setUp(self):
        # Start from an empty tree: each page type may exist only once.
        Page.objects.filter(depth__gt=1).delete()
        self.root = Page.get_first_root_node()
        self.login()

    def test_editor_creates_the_home_page_at_the_root(self):
        self.assertCanCreate(
            self.root, HomePage, minimal_page_form_data(HomePage, "Inici", "inici")
        )

    def test_editor_creates_qui_som_and_legal_pages_under_home(self):
        home = HomePageFactory(parent=self.root)
        self.assertCanCreate(
            home, AboutPage, minimal_page_form_data(AboutPage, "Qui som", "qui-som")
        )
        self.assertCanCreate(
            home, StandardPage, minimal_page_form_data(StandardPage, "Avís legal", "avis-legal")
        )

    def test_editor_creates_each_qui_som_section(self):
        about = AboutPageFactory(parent=HomePageFactory(parent=self.root))
        for page_type in QUI_SOM_SECTION_TYPES:
            slug = page_type.__name__.lower()
            with self.subTest(page_type=page_type.__name__):
                self.assertCanCreate(
                    about, page_type, minimal_page_form_data(page_type, page_type.__name__, slug)
                )

    def test_a_second_qui_som_cannot_be_created(self):
        home = HomePageFactory(parent=self.root)
        AboutPageFactory(parent=home)
        add_url = reverse("wagtailadmin_pages:add", args=("pages", "aboutpage", home.pk))

        self.client.post(add_url, minimal_page_form_data(AboutPage, "Qui som 2", "qui-som-2"))

        self.assertFalse(AboutPage.can_create_at(home))
        self.assertEqual(AboutPage.objects.count(), 1)

    def test_a_second_statutes_page_cannot_be_created(self):
        about = AboutPageFactory(parent=HomePageFactory(parent=self.root))
        self.assertCanCreate(
            about, StatutesPage, minimal_page_form_data(StatutesPage, "Estatuts", "estatuts")
        )

        self.assertFalse(StatutesPage.can_create_at(about))


def test_admin_speaks_catalan(admin_client_ca, seeded_site):
    html = admin_client_ca.get("/admin/").content.decode()

    assert 'lang="ca"' in html
    assert "Llest per publicar" in html


def test_editors_group_can_edit_and_publish_pages(editor_client, seeded_site):
    statutes = Page.objects.get(slug="estatuts")

    assert editor_client.get("/admin/").status_code == 200
    assert (
        editor_client.get(reverse("wagtailadmin_pages:edit", args=(statutes.pk,))).status_code
        == 200
    )
    permissions = statutes.permissions_for_user(get_user_model().objects.get(username="editora"))
    assert permissions.can_publish()
    assert permissions.can_add_subpage() is False  # statutes take no children


def test_editors_group_manages_images_and_documents(editor_client, db):
    assert editor_client.get(reverse("wagtailimages:add")).status_code == 200
    assert editor_client.get(reverse("wagtaildocs:add")).status_code == 200


def test_editors_group_has_no_access_to_users_or_other_settings(editor_client, seeded_site):
    users = editor_client.get(reverse("wagtailusers_users:index"))
    transparency_settings = editor_client.get(
        reverse("wagtailsettings:edit", args=("transparency", "transparencysettings"))
    )
    transparency_settings_of_site = editor_client.get(
        reverse(
            "wagtailsettings:edit",
            args=("transparency", "transparencysettings", seeded_site.pk),
        )
    )

    assert users.status_code in (302, 403)
    assert transparency_settings.status_code in (302, 403)
    assert transparency_settings_of_site.status_code in (302, 403)
    menu = editor_client.get("/admin/").content.decode()
    assert reverse("wagtailsettings:edit", args=("pages", "organisationsettings")) in menu
    assert (
        reverse("wagtailsettings:edit", args=("transparency", "transparencysettings")) not in menu
    )


def organisation_settings_form(**values):
    fields = ["name", "tax_id", "address", "phone", "email", "linkedin_url", "x_url", "youtube_url"]
    return dict.fromkeys(fields, "") | {"contact_message_retention_months": "12"} | values


@pytest.mark.django_db(transaction=True)
def test_editors_group_fills_in_the_organisation_details(client):
    call_command("seed_site", stdout=io.StringIO())
    restore_groups()
    site = Site.objects.get(is_default_site=True)
    user = get_user_model().objects.create_user("editor", "editor@example.cat", "x" * 16)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    edit_url = reverse("wagtailsettings:edit", args=("pages", "organisationsettings", site.pk))

    form = client.get(edit_url)
    response = client.post(
        edit_url,
        organisation_settings_form(
            name="Consorci Localret",
            tax_id="P0800000A",
            address="Carrer de Prova, 1\n08001 Barcelona",
            email="info@localret.cat",
        ),
    )

    assert form.status_code == 200
    assert "NIF" in form.content.decode()
    assert response.status_code == 302
    details = OrganisationSettings.objects.get(site=site)
    assert (details.tax_id, details.email) == ("P0800000A", "info@localret.cat")
