"""The admin in Catalan an editor can trust: the screens editors use show no English and none of
the known-wrong forms of Wagtail's and Django's own Catalan (see localret_site/admin_catalan.py).

Each screen is read as an editor reads it: its text, the labels that only assistive technology
or a tooltip shows, and the texts of its buttons, with scripts left out.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from governance.models import GoverningBody, Person, Position
from members.models import Comarca, Member, Province
from services.models import ServiceCategory
from tests.factories import (
    AccessRequestFactory,
    MemberFactory,
    PersonFactory,
    PositionFactory,
    TransparencyItemFactory,
)
from transparency.models import AccessRequest, TransparencyItem, TransparencySectionPage

# Forms that Wagtail's and Django's catalogues have and that the admin must no longer show.
KNOWN_WRONG = [
    "Registra't",  # "sign up", on the log-in button
    "Connecta't a Wagtail",
    "Password",
    "el element",
    "La opció triada",
    "aquest/a",
    "el/la",
    "Quaselvol",
    "contrassenya",
    "Aplicaciós",
    "is requerit",
    "Has oblidat",  # "tu" where the admin says "vós"
    "Introdueix la",
    "Commutar",
    "Communtar",
    "buït",
    "Odenar",
    "fluxe",
    "Aquestes dades explicaven",
    "Root",
    "Moderators approval",
    "Actualitzar",  # an infinitive on a button: buttons take the imperative
]

# English words that no Catalan sentence of the admin holds. Wagtail's name and what editors
# typed are not checked: the seeded content is Catalan.
ENGLISH_WORDS = {
    "the", "and", "of", "to", "is", "are", "you", "your", "this", "with", "from", "password",
    "sign", "log", "edit", "delete", "save", "search", "choose", "select", "none", "yes", "show",
    "view", "live", "draft", "publish", "unpublish", "privacy", "settings", "dashboard", "help",
    "upload", "required", "root", "moderators", "approval", "loading", "saving", "page", "pages",
    "image", "images", "add", "new", "created", "updated", "deleted", "locked", "unlocked",
    "true", "false", "actions",
}  # fmt: skip
WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
ATTRIBUTES_READ = {"title", "alt", "placeholder", "aria-label", "data-w-tooltip-content-value"}


VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
}
# Wagtail writes this button of its search forms, shown to screen readers only, in English
# without going through a catalogue: no translation can reach it.
UNTRANSLATABLE = '<input type="submit" value="Search" class="button" />'


class ScreenText(HTMLParser):
    """What a page says to its reader: text outside scripts, styles and hidden elements, plus
    the attributes that a screen reader or a tooltip reads out and the values of buttons.
    Time-zone names ("Europe/Isle_of_Man") are data, not sentences: they are left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.open_elements = []  # (tag, whether its content is left out)

    def skipping(self):
        return bool(self.open_elements) and self.open_elements[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if not self.skipping():
            self.parts.extend(value for name, value in attrs if name in ATTRIBUTES_READ and value)
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.parts.append(attributes.get("value") or "")
        if tag not in VOID_ELEMENTS:
            hidden = tag in {"script", "style"} or "hidden" in attributes
            self.open_elements.append((tag, self.skipping() or hidden))

    def handle_endtag(self, tag):
        tags = [open_tag for open_tag, _skip in self.open_elements]
        if tag in tags:
            del self.open_elements[len(tags) - 1 - tags[::-1].index(tag) :]

    def handle_data(self, data):
        in_option = bool(self.open_elements) and self.open_elements[-1][0] == "option"
        if not self.skipping() and not (in_option and "/" in data):
            self.parts.append(data)

    @classmethod
    def of(cls, response):
        parser = cls()
        parser.feed(response.content.decode().replace(UNTRANSLATABLE, ""))
        return " ".join(" ".join(parser.parts).split())


def language_problems(text):
    wrong = [form for form in KNOWN_WRONG if form in text]
    english = sorted({word for word in WORD.findall(text) if word.lower() in ENGLISH_WORDS})
    return wrong + english


@pytest.fixture
def editor_content(seeded_site):
    """One of everything an editor edits, so that every edit and delete screen has an object."""
    PositionFactory(person=PersonFactory(name="Anna Puig"), body=GoverningBody.objects.first())
    TransparencyItemFactory(section=TransparencySectionPage.objects.first())
    MemberFactory()
    AccessRequestFactory()
    get_document_model().objects.create(
        title="Acta", file=SimpleUploadedFile("acta.pdf", b"%PDF-1.4 prova")
    )
    get_image_model().objects.create(title="Foto", file=get_test_image_file())


SNIPPETS = [
    GoverningBody,
    Person,
    Position,
    TransparencyItem,
    Member,
    Comarca,
    Province,
    ServiceCategory,
]


def screens():
    """(name, URL) of every screen an editor uses, on the seeded site with `editor_content`."""
    home = Page.objects.get(depth=2)
    legal_notice = Page.objects.get(slug="avis-legal")
    yield "dashboard", reverse("wagtailadmin_home")
    yield "explorer", reverse("wagtailadmin_explore_root")
    yield "explorer of the home page", reverse("wagtailadmin_explore", args=[home.pk])
    yield "page search", reverse("wagtailadmin_pages:search") + "?q=avis"
    yield "choice of page type", reverse("wagtailadmin_pages:add_subpage", args=[home.pk])
    yield (
        "new page",
        reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home.pk]),
    )
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        yield f"editor of {page.title}", reverse("wagtailadmin_pages:edit", args=[page.pk])
    for action in ["delete", "move", "copy", "unpublish", "history"]:
        yield (
            f"page {action}",
            reverse(f"wagtailadmin_pages:{action}", args=[legal_notice.pk]),
        )
    for model in SNIPPETS:
        namespace = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}"
        instance = model.objects.order_by("pk").first()
        yield f"{model.__name__} list", reverse(f"{namespace}:list")
        yield f"new {model.__name__}", reverse(f"{namespace}:add")
        for action in ["edit", "delete", "history"]:
            yield (
                f"{model.__name__} {action}",
                reverse(f"{namespace}:{action}", args=[instance.pk]),
            )
    access_request = AccessRequest.objects.first()
    yield "access request list", reverse("access_requests:index")
    yield "access request", reverse("access_requests:edit", args=[access_request.pk])
    yield "access request inspect", reverse("access_requests:inspect", args=[access_request.pk])
    document = get_document_model().objects.get()
    yield "documents", reverse("wagtaildocs:index")
    yield "document upload", reverse("wagtaildocs:add_multiple")
    yield "document edit", reverse("wagtaildocs:edit", args=[document.pk])
    yield "document delete", reverse("wagtaildocs:delete", args=[document.pk])
    image = get_image_model().objects.get()
    yield "images", reverse("wagtailimages:index")
    yield "image upload", reverse("wagtailimages:add_multiple")
    yield "image edit", reverse("wagtailimages:edit", args=[image.pk])
    yield "image delete", reverse("wagtailimages:delete", args=[image.pk])
    for app, model in [("pages", "organisationsettings"), ("transparency", "transparencysettings")]:
        yield f"settings {model}", reverse("wagtailsettings:edit", args=[app, model])
    yield "account", reverse("wagtailadmin_account")


def test_the_log_in_screen_names_localret_in_catalan(client, seeded_site):
    response = client.get(reverse("wagtailadmin_login"))

    text = ScreenText.of(response)
    assert response.status_code == 200
    assert "Inicieu la sessió a Localret" in text
    assert "Contrasenya" in text
    assert "Inicia la sessió" in text
    assert "<title>Inicia la sessió - Localret</title>" in response.content.decode()
    assert language_problems(text) == []


def test_the_screens_editors_use_are_in_catalan(admin_client, editor_content, subtests):
    for name, url in screens():
        with subtests.test(screen=name):
            response = admin_client.get(url, follow=True)
            assert response.status_code == 200, url
            assert language_problems(ScreenText.of(response)) == [], url


def test_saving_a_snippet_says_so_whatever_its_name(admin_client, seeded_site):
    add_url = reverse("wagtailsnippets_governance_person:add")

    response = admin_client.post(
        add_url,
        {"name": "Anna Puig", "form_of_address": "feminine", "biography": ""},
        follow=True,
    )

    text = ScreenText.of(response)
    assert "Persona: s’ha creat «Anna Puig»." in text
    assert language_problems(text) == []


def test_a_file_uploaded_among_several_offers_its_form_in_catalan(admin_client, seeded_site):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("acta.pdf", b"%PDF-1.4\n%%EOF\n")},
    )

    assert response.json()["success"]
    form = ScreenText()
    form.feed(response.json()["form"])
    text = " ".join(" ".join(form.parts).split())
    assert "Actualitza" in text
    assert language_problems(text) == []


def test_an_unknown_choice_is_refused_in_correct_catalan(admin_client, seeded_site):
    person = PersonFactory(name="Anna Puig")
    add_url = reverse("wagtailsnippets_governance_position:add")

    response = admin_client.post(add_url, {"person": person.pk, "body": 999_999, "role": "member"})

    text = ScreenText.of(response)
    assert response.status_code == 200
    assert "Trieu una opció vàlida. L’opció triada no és cap de les disponibles." in text
    assert language_problems(text) == []
