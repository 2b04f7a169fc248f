"""Every write an editor or a member of staff makes in the admin persists, and shows at once.

These tests run outside test transactions, as the site runs: each request commits (or, in
autocommit, each statement does). The cache is the one `make run` uses without REDIS_URL, a table
in the same database, and the page cache is on, so a write lost on its way to the database or a
public page served stale from the cache shows here. (The other tests keep the cache in memory:
that is how a content watch that wrote the cache table in the middle of a model's INSERT, and
rolled it back on SQLite, went unseen.) Whether a row is there is asked on a connection of its
own, which sees only what was committed.
"""

import io

import PIL.Image
import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from governance.models import GoverningBody, Person, Position, Role
from members.models import Member
from tests.groups import restore_groups
from transparency.models import AccessRequest, TransparencyItem, TransparencySectionPage

pytestmark = pytest.mark.django_db(transaction=True)

HOME = "/"
BODIES = "/qui-som/organs-de-govern/"
MEMBERS = "/qui-som/municipis-adherits/"
ACCESS_REQUEST = "/qui-som/transparencia/dret-d-acces/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def committed_rows(table, **where):
    """How many rows of `table` match `where`, counted on a new connection to the database."""
    connection = connections.create_connection("default")
    try:
        conditions = " AND ".join(f"{column} = %s" for column in where) or "1 = 1"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {conditions}", [*where.values()])  # noqa: S608 (names from the tests)
            return cursor.fetchone()[0]
    finally:
        connection.close()


def shows(url, text):
    """Whether the public page at `url` shows `text` to anonymous visitors. It is asked twice,
    and both answers must agree: the second may come from the page cache, and must be fresh."""
    seen = []
    for _ in range(2):
        response = Client().get(url)
        assert response.status_code == 200, url
        seen.append(text in response.content.decode())
    assert seen[0] == seen[1], f"{url}: the cached copy is stale"
    return seen[0]


def page_text(url):
    """The public page at `url` as anonymous visitors read it, asked twice (the second may come
    from the page cache, and must be the same)."""
    first, second = (Client().get(url) for _ in range(2))
    assert (first.status_code, second.status_code) == (200, 200), url
    assert first.content == second.content, f"{url}: the cached copy is stale"
    return first.content.decode()


def status(url):
    """The status of the public page at `url`, asked twice (the second may come from the cache)."""
    first, second = (Client().get(url).status_code for _ in range(2))
    assert first == second, f"{url}: the cached copy is stale"
    return first


@pytest.fixture
def site(transactional_db, settings):
    """The seeded site, with the cache `make run` uses and the page cache on."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "localret_cache",
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    call_command("createcachetable", verbosity=0)
    # The database is flushed after each of these tests: seed it again (as browser tests do).
    call_command("seed_site", stdout=io.StringIO())
    cache.clear()
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def admin(site, client):
    user = get_user_model().objects.create_superuser("administradora", "admin@exemple.cat", "x")
    client.force_login(user)
    return client


@pytest.fixture
def section(site):
    return TransparencySectionPage.objects.get(slug="contractacio-publica")


def item_form(section, title, documents=()):
    return nested_form_data(
        {
            "section": section.pk,
            "title": title,
            "year": "2026",
            "period": "",
            "legal_reference": "",
            "description": rich_text("<p>Import i objecte.</p>"),
            "documents": inline_formset([{"document": pk} for pk in documents]),
            "links": streamfield([]),
        }
    )


def pdf(name="pressupost.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def add_item_with_document(admin, section, document_title):
    """The item an editor adds to `section` to publish the document just uploaded."""
    document = get_document_model().objects.get(title=document_title)
    response = admin.post(
        reverse("wagtailsnippets_transparency_transparencyitem:add"),
        item_form(section, f"Contracte amb {document_title}", [document.pk]),
    )
    assert response.status_code == 302
    assert committed_rows("transparency_transparencyitemdocument", document_id=document.pk) == 1


def png(name):
    picture = PIL.Image.new("RGB", (64, 64), "teal")
    data = io.BytesIO()
    picture.save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), "image/png")


def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_{model}:{action}", args=args)


def seat(admin, person_name, body_name="Assemblea General"):
    """Give the person a seat on the body through the admin, as an editor would."""
    response = admin.post(
        snippet_url("governance_position", "add"),
        {
            "person": Person.objects.get(name=person_name).pk,
            "body": GoverningBody.objects.get(name=body_name).pk,
            "role": Role.MEMBER,
            "ordinal": "",
            "member": "",
            "start_date": "2023-07-15",
            "end_date": "",
        },
    )
    assert response.status_code == 302
    return Position.objects.get(person__name=person_name)


def test_saves_made_by_a_script_are_kept(site, section):
    """As in `manage.py shell`: each save commits on its own (autocommit)."""
    document = get_document_model()(title="Acta de prova", file=pdf("acta.pdf"))
    document.save()
    TransparencyItem(section=section, title="Acta publicada per un script").save()

    assert committed_rows("wagtaildocs_document", id=document.pk) == 1
    assert (
        committed_rows("transparency_transparencyitem", title="Acta publicada per un script") == 1
    )
    assert shows(section.url, "Acta publicada per un script")


class TestUploads:
    def test_a_document_uploaded_alone_is_kept_and_published_with_an_item(self, admin, section):
        assert not shows(section.url, "Pressupost de prova")

        response = admin.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Pressupost de prova",
                "file": pdf(),
                "collection": Collection.get_first_root_node().pk,
            },
        )

        assert response.status_code == 302
        assert committed_rows("wagtaildocs_document", title="Pressupost de prova") == 1
        add_item_with_document(admin, section, "Pressupost de prova")
        assert shows(section.url, "Pressupost de prova")

    def test_documents_uploaded_several_at_once_are_kept(self, admin, section):
        assert not shows(section.url, "pressupost.pdf")

        response = admin.post(reverse("wagtaildocs:add_multiple"), {"files[]": pdf()})

        assert response.status_code == 200
        assert response.json()["success"]
        assert committed_rows("wagtaildocs_document", title="pressupost.pdf") == 1
        add_item_with_document(admin, section, "pressupost.pdf")
        assert shows(section.url, "pressupost.pdf")

    def test_a_document_uploaded_from_the_chooser_is_kept_and_chosen(self, admin, section):
        """Where the trouble was first seen: the item's document chooser showed the new file,
        and saving the item then failed, the document being gone."""
        assert not shows(section.url, "Conveni signat")

        response = admin.post(
            reverse("wagtaildocs_chooser:create"),
            {
                "document-chooser-upload-title": "Conveni signat",
                "document-chooser-upload-file": pdf("conveni.pdf"),
                "document-chooser-upload-collection": Collection.get_first_root_node().pk,
            },
        )

        assert response.status_code == 200
        assert response.json()["step"] == "chosen"
        assert committed_rows("wagtaildocs_document", title="Conveni signat") == 1
        add_item_with_document(admin, section, "Conveni signat")
        assert shows(section.url, "Conveni signat")

    @pytest.mark.parametrize("several", [False, True], ids=["alone", "several at once"])
    def test_an_uploaded_image_is_kept_and_shows_as_a_portrait(self, admin, several):
        if several:
            response = admin.post(
                reverse("wagtailimages:add_multiple"), {"files[]": png("retrat.png")}
            )
            assert response.json()["success"]
        else:
            response = admin.post(
                reverse("wagtailimages:add"),
                {
                    "title": "retrat.png",
                    "file": png("retrat.png"),
                    "collection": Collection.get_first_root_node().pk,
                },
            )
            assert response.status_code == 302
        assert committed_rows("wagtailimages_image", title="retrat.png") == 1
        assert not shows(BODIES, "retrat")

        image = get_image_model().objects.get(title="retrat.png")
        response = admin.post(
            snippet_url("governance_person", "add"),
            {
                "name": "Laia Ferrer de Prova",
                "form_of_address": "feminine",
                "photo": image.pk,
                "biography": "",
            },
        )
        assert response.status_code == 302
        seat(admin, "Laia Ferrer de Prova")
        # The portrait's rendition is named after the uploaded file.
        assert shows(BODIES, "/media/images/retrat")


class TestSnippets:
    """Each kind of snippet an editor keeps: created, edited and deleted in the admin."""

    def test_people_and_their_seats(self, admin):
        assert not shows(BODIES, "Laia Ferrer de Prova")

        response = admin.post(
            snippet_url("governance_person", "add"),
            {
                "name": "Laia Ferrer de Prova",
                "form_of_address": "feminine",
                "photo": "",
                "biography": "",
            },
        )
        assert response.status_code == 302
        assert committed_rows("governance_person", name="Laia Ferrer de Prova") == 1
        position = seat(admin, "Laia Ferrer de Prova")
        assert committed_rows("governance_position", id=position.pk) == 1
        assert shows(BODIES, "Laia Ferrer de Prova")

        response = admin.post(
            snippet_url("governance_person", "edit", position.person_id),
            {
                "name": "Laia Ferrer i Vila de Prova",
                "form_of_address": "feminine",
                "photo": "",
                "biography": "",
            },
        )
        assert response.status_code == 302
        assert committed_rows("governance_person", name="Laia Ferrer i Vila de Prova") == 1
        assert shows(BODIES, "Laia Ferrer i Vila de Prova")

        response = admin.post(
            snippet_url("governance_position", "edit", position.pk),
            {
                "person": position.person_id,
                "body": position.body_id,
                "role": Role.SECRETARY,
                "ordinal": "",
                "member": "",
                "start_date": "2023-07-15",
                "end_date": "",
            },
        )
        assert response.status_code == 302
        assert committed_rows("governance_position", id=position.pk, role=Role.SECRETARY) == 1
        assert shows(BODIES, "Secretària")

        response = admin.post(snippet_url("governance_position", "delete", position.pk))
        assert response.status_code == 302
        assert committed_rows("governance_position", id=position.pk) == 0
        assert not shows(BODIES, "Laia Ferrer i Vila de Prova")

        response = admin.post(snippet_url("governance_person", "delete", position.person_id))
        assert response.status_code == 302
        assert committed_rows("governance_person", id=position.person_id) == 0

    def test_governing_bodies(self, admin):
        def form(name, slug=""):
            return {
                "name": name,
                "functions": rich_text("<p>Vetlla pels comptes.</p>"),
                "is_presidency": "",
            }

        assert not shows(BODIES, "Comissió de Prova")

        response = admin.post(
            snippet_url("governance_governingbody", "add"), form("Comissió de Prova")
        )
        assert response.status_code == 302
        assert committed_rows("governance_governingbody", name="Comissió de Prova") == 1
        assert shows(BODIES, "Comissió de Prova")

        body = GoverningBody.objects.get(name="Comissió de Prova")
        response = admin.post(
            snippet_url("governance_governingbody", "edit", body.pk), form("Comissió Revisada")
        )
        assert response.status_code == 302
        assert committed_rows("governance_governingbody", name="Comissió Revisada") == 1
        assert shows(BODIES, "Comissió Revisada")

        response = admin.post(snippet_url("governance_governingbody", "delete", body.pk))
        assert response.status_code == 302
        assert committed_rows("governance_governingbody", id=body.pk) == 0
        assert not shows(BODIES, "Comissió Revisada")

    def test_transparency_items(self, admin, section):
        assert not shows(section.url, "Conveni de prova")

        response = admin.post(
            snippet_url("transparency_transparencyitem", "add"),
            item_form(section, "Conveni de prova"),
        )
        assert response.status_code == 302
        assert committed_rows("transparency_transparencyitem", title="Conveni de prova") == 1
        assert shows(section.url, "Conveni de prova")

        item = TransparencyItem.objects.get(title="Conveni de prova")
        response = admin.post(
            snippet_url("transparency_transparencyitem", "edit", item.pk),
            item_form(section, "Conveni de prova revisat"),
        )
        assert response.status_code == 302
        assert (
            committed_rows("transparency_transparencyitem", title="Conveni de prova revisat") == 1
        )
        assert shows(section.url, "Conveni de prova revisat")

        response = admin.post(snippet_url("transparency_transparencyitem", "delete", item.pk))
        assert response.status_code == 302
        assert committed_rows("transparency_transparencyitem", id=item.pk) == 0
        assert not shows(section.url, "Conveni de prova")

    def test_members(self, admin):
        def form(name, slug=""):
            return {
                "name": name,
                "kind": "altres",
                "code": "PROVA-1",
                "comarca": "",
                "member_since": "2001-05-03",
                "left_on": "",
                "website": "",
                "slug": slug,
            }

        assert not shows(MEMBERS, "Barcelona de Prova")

        response = admin.post(snippet_url("members_member", "add"), form("Barcelona de Prova"))
        assert response.status_code == 302
        assert committed_rows("members_member", name="Barcelona de Prova") == 1
        assert shows(MEMBERS, "Barcelona de Prova")

        member = Member.objects.get(code="PROVA-1")
        member_url = f"{MEMBERS}{member.slug}/"
        assert shows(member_url, "Barcelona de Prova")
        response = admin.post(
            snippet_url("members_member", "edit", member.pk),
            form("Barcelona Revisada", member.slug),
        )
        assert response.status_code == 302
        assert committed_rows("members_member", name="Barcelona Revisada") == 1
        assert shows(MEMBERS, "Barcelona Revisada")
        assert shows(member_url, "Barcelona Revisada")

        response = admin.post(snippet_url("members_member", "delete", member.pk))
        assert response.status_code == 302
        assert committed_rows("members_member", id=member.pk) == 0
        assert not shows(MEMBERS, "Barcelona Revisada")
        assert status(member_url) == 404


def settings_form(admin, url, **changes):
    """The settings form as the admin shows it, with `changes` made."""
    form = admin.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    return {**data, **changes}


class TestSiteSettings:
    def test_the_organisation_settings_show_in_the_footer(self, admin, site):
        url = reverse("wagtailsettings:edit", args=["pages", "organisationsettings", site.pk])
        assert not shows(HOME, "933 000 111")

        response = admin.post(url, settings_form(admin, url, phone="933 000 111"))

        assert response.status_code == 302
        assert committed_rows("pages_organisationsettings", phone="933 000 111") == 1
        assert shows(HOME, "933 000 111")

    def test_the_transparency_settings_show_on_the_request_form(self, admin, site, section):
        url = reverse(
            "wagtailsettings:edit", args=["transparency", "transparencysettings", site.pk]
        )
        # Any page will do as the privacy notice; this one has no other link on the form's page.
        link = f'href="{section.url}"'
        assert not shows(ACCESS_REQUEST, link)

        response = admin.post(url, settings_form(admin, url, privacy_page=section.pk))

        assert response.status_code == 302
        assert committed_rows("transparency_transparencysettings", privacy_page_id=section.pk) == 1
        assert shows(ACCESS_REQUEST, link)


def page_form(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": rich_text("<p>Introducció de prova.</p>"),
            "body": rich_text("<p>Cos de prova.</p>"),
            "action-publish": "action-publish",
        }
    )


class TestPages:
    @pytest.fixture
    def page(self, admin, site):
        """A page an editor has just published under the home page, with its own address."""
        assert status("/pagina-de-prova/") == 404
        response = admin.post(
            reverse("wagtailadmin_pages:add", args=["pages", "standardpage", site.root_page_id]),
            page_form("Pàgina de prova", "pagina-de-prova"),
        )
        assert response.status_code == 302
        assert committed_rows("wagtailcore_page", slug="pagina-de-prova", live=True) == 1
        return Page.objects.get(slug="pagina-de-prova")

    def test_a_published_page_and_its_published_changes_show_at_once(self, admin, page):
        assert shows("/pagina-de-prova/", "Pàgina de prova")

        response = admin.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            page_form("Pàgina revisada", "pagina-de-prova"),
        )

        assert response.status_code == 302
        assert committed_rows("wagtailcore_page", id=page.pk, title="Pàgina revisada") == 1
        assert shows("/pagina-de-prova/", "Pàgina revisada")

    def test_an_unpublished_page_is_gone_at_once(self, admin, page):
        assert status("/pagina-de-prova/") == 200

        response = admin.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

        assert response.status_code == 302
        assert committed_rows("wagtailcore_page", id=page.pk, live=False) == 1
        assert status("/pagina-de-prova/") == 404

    def test_a_section_unpublished_with_its_pages_is_gone_at_once(self, admin, section):
        portal = section.get_parent()
        assert status(section.url) == 200

        response = admin.post(
            reverse("wagtailadmin_pages:unpublish", args=[portal.pk]), {"include_descendants": "on"}
        )

        assert response.status_code == 302
        assert committed_rows("wagtailcore_page", id=section.pk, live=False) == 1
        assert status(portal.url) == 404
        assert status(section.url) == 404

    def test_a_page_moved_in_the_tree_takes_its_new_place_at_once(self, admin, site):
        """Page types have their one place in the tree: a move in the admin reorders a page
        among its siblings, which the cards of "Qui som" follow."""
        statutes = Page.objects.get(slug="estatuts")

        def statutes_come_first():
            about = page_text("/qui-som/").split('id="main-content"')[1]
            return about.index('href="/qui-som/estatuts/"') < about.index(
                'href="/qui-som/historia/"'
            )

        assert not statutes_come_first()

        response = admin.post(
            reverse("wagtailadmin_pages:set_page_position", args=[statutes.pk]) + "?position=0"
        )

        assert response.status_code == 200
        assert (
            committed_rows(
                "wagtailcore_page", id=statutes.pk, path=statutes.get_parent().path + "0001"
            )
            == 1
        )
        assert statutes_come_first()

    def test_a_deleted_page_is_gone_at_once(self, admin, page):
        assert status("/pagina-de-prova/") == 200

        response = admin.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

        assert response.status_code == 302
        assert committed_rows("wagtailcore_page", id=page.pk) == 0
        assert status("/pagina-de-prova/") == 404


def test_imported_members_are_kept_and_listed_at_once(admin):
    import_url = snippet_url("members_member", "import")
    assert not shows(MEMBERS, "Girona de Prova")
    upload = SimpleUploadedFile(
        "ens.csv",
        b"codi,nom,tipus,comarca,data_adhesio,data_baixa,web\n"
        b"PROVA-1,Barcelona de Prova,altres,,2001-05-03,,\n"
        b"PROVA-2,Girona de Prova,altres,,2002-02-02,,\n",
    )
    preview = admin.post(import_url, {"file": upload, "format": ""})
    assert committed_rows("members_member", code="PROVA-1") == 0

    response = admin.post(import_url, {"confirm": "1", **preview.context["confirm_form"].initial})

    assert response.status_code == 302
    assert committed_rows("members_member", code="PROVA-1") == 1
    assert committed_rows("members_member", code="PROVA-2") == 1
    assert shows(MEMBERS, "Girona de Prova")


def test_a_request_submitted_and_then_resolved_and_published_by_staff(site, client):
    response = Client().post(
        ACCESS_REQUEST,
        {
            "name": "Marta Puig Soler",
            "capacity": "own",
            "email": "marta@exemple.cat",
            "id_document": "12345678-z",
            "subject": "Despesa en publicitat",
            "information": "La despesa en publicitat del 2025.",
            "preferred_format": "reusable",
        },
    )
    assert response.status_code == 302
    assert committed_rows("transparency_accessrequest", subject="Despesa en publicitat") == 1
    request = AccessRequest.objects.get(subject="Despesa en publicitat")
    assert request.reference in Client().get(response["Location"]).content.decode()

    restore_groups()
    user = get_user_model().objects.create_user("tecnica", password="a-long-password-1")
    user.groups.add(Group.objects.get(name="Transparència"))
    client.force_login(user)
    summary = "Es va lliurar la despesa en publicitat de prova."
    assert not shows(ACCESS_REQUEST, summary)

    response = client.post(
        reverse("access_requests:edit", args=[request.pk]),
        {
            "status": AccessRequest.Status.GRANTED,
            "resolved_on": "",
            "notes": "",
            "publish": "on",
            "public_summary": summary,
        },
    )

    assert response.status_code == 302
    resolved = {"id": request.pk, "status": AccessRequest.Status.GRANTED, "publish": True}
    assert committed_rows("transparency_accessrequest", **resolved) == 1
    assert shows(ACCESS_REQUEST, summary)
