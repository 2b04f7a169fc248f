"""Security: response headers, deployment settings, admin log-in throttling, sessions, passwords,
uploads and the error pages.

The module is also a URLconf (see `urlpatterns`): the site's own URLs plus two views that fail
on purpose, to see the 403 and 500 pages as a visitor would.
"""

import io
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import path, reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from localret_site.urls import urlpatterns as site_urlpatterns
from pages.models import HistoryPage, StandardPage
from tests.test_admin import minimal_page_form_data

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "correcte-cavall-bateria-grapa"
LOGIN_URL = "/admin/login/"


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a view that fails")


urlpatterns = [
    path("prova/prohibit/", forbidden),
    path("prova/error/", broken),
    *site_urlpatterns,
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Failed log-ins are counted in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def text_of(response):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: sources for name, *sources in (directive.split() for directive in policy.split(";"))
    }


# Headers


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "Server" not in response


def assert_strict_public_csp(response):
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),
        ("/qui-som/estatuts/", 200),
        ("/cerca/?q=estatuts", 200),
        ("/static/css/site.css", 200),
        ("/robots.txt", 200),
        ("/no-existeix/", 404),
    ],
)
def test_public_responses_carry_the_security_headers_and_a_strict_csp(
    client, seeded_site, url, status
):
    response = client.get(url)
    assert response.status_code == status
    assert_security_headers(response)
    assert_strict_public_csp(response)
    if response["Content-Type"].startswith("text/html"):
        assert response["X-Frame-Options"] == "DENY"


def test_images_from_object_storage_are_allowed_and_nothing_else(client, seeded_site, settings):
    settings.MEDIA_URL = "https://media.localret.example/fitxers/"
    directives = csp_directives(client.get("/"))
    assert directives["img-src"] == ["'self'", "data:", "https://media.localret.example"]
    assert directives["default-src"] == ["'self'"]


def test_admin_gets_the_policy_wagtail_needs_and_no_more(client, seeded_site):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert_security_headers(response)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert directives["object-src"] == ["'none'"]


def page_heading(response):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.DOTALL)
    return unescape(match.group(1)).strip() if match else None


def preview_in_the_panel(admin_client, preview_url, form_data):
    """Post the editor's form to the preview view, as the editor does, then load what the
    preview panel's iframe shows."""
    posted = admin_client.post(preview_url, form_data)
    assert posted.json()["is_valid"], posted.content
    return admin_client.get(preview_url, {"in_preview_panel": "true"})


def assert_framable_by_the_admin_only(response):
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == ["'self'"]
    # The rest of the page's own strict policy still applies inside the panel.
    assert directives["script-src"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_preview_of_a_page_being_edited_may_be_framed_by_the_admin(
    admin_client, client, seeded_site
):
    legal_notice = StandardPage.objects.get(slug="avis-legal")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[legal_notice.pk])
    form_data = minimal_page_form_data(StandardPage, "Avís legal en revisió", "avis-legal")

    response = preview_in_the_panel(admin_client, preview_url, form_data)

    assert response.status_code == 200
    assert page_heading(response) == "Avís legal en revisió"
    assert_framable_by_the_admin_only(response)
    # The editor around the panel and the published page still refuse every frame.
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[legal_notice.pk]))
    assert csp_directives(editor)["frame-ancestors"] == ["'none'"]
    assert editor["X-Frame-Options"] == "DENY"
    public = client.get(legal_notice.url)
    assert csp_directives(public)["frame-ancestors"] == ["'none'"]
    assert public["X-Frame-Options"] == "DENY"


def test_the_preview_of_a_new_page_may_be_framed_by_the_admin(admin_client, seeded_site):
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["pages", "standardpage", seeded_site.root_page_id],
    )
    form_data = minimal_page_form_data(StandardPage, "Pàgina nova", "pagina-nova")

    response = preview_in_the_panel(admin_client, preview_url, form_data)

    assert response.status_code == 200
    assert page_heading(response) == "Pàgina nova"
    assert_framable_by_the_admin_only(response)


def test_the_preview_of_a_streamfield_block_may_be_framed_by_the_admin(admin_client, seeded_site):
    block = HistoryPage._meta.get_field("timeline").stream_block
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == ["'self'"]


def test_documents_keep_wagtails_own_stricter_policy(client, seeded_site):
    document = get_document_model().objects.create(
        title="Acta", file=SimpleUploadedFile("acta.pdf", b"%PDF-1.4 prova")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert_security_headers(response)


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localret_site.settings.production",
        "SECRET_KEY": "a-long-random-value-for-this-check-only-0123456789abcdefghijklmn",
        "ALLOWED_HOSTS": "localret.example",
        "SITE_BASE_URL": "https://localret.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    # The browser tests' conftest relaxes async safety for this process, not for production.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


# Admin log-in


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editora", "editora@example.cat", PASSWORD)


def log_in(client, username, password, remember=False, address="192.0.2.10"):
    data = {"username": username, "password": password, "next": "/admin/"}
    if remember:
        data["remember"] = "on"
    return client.post(LOGIN_URL, data, REMOTE_ADDR=address)


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


THROTTLED = "Massa intents d’inici de sessió fallits. Espereu 15 minuts i torneu-ho a provar."


def test_a_user_name_is_locked_after_five_failures_even_with_the_right_password(client, editor):
    for _attempt in range(5):
        response = log_in(client, "editora", "contrasenya-equivocada")
        assert response.status_code == 200
        assert THROTTLED not in text_of(response)

    response = log_in(client, "EDITORA", PASSWORD)
    assert not logged_in(response)
    assert THROTTLED in text_of(response)
    # From another address too: the lock is on the user name.
    assert not logged_in(log_in(Client(), "editora", PASSWORD, address="198.51.100.7"))


def test_the_lock_ends_once_the_window_has_passed(client, editor, monkeypatch):
    for _attempt in range(5):
        log_in(client, "editora", "contrasenya-equivocada")
    assert not logged_in(log_in(client, "editora", PASSWORD))

    import django.core.cache.backends.base as cache_base
    import django.core.cache.backends.locmem as locmem

    real_time = locmem.time.time
    later = type("Clock", (), {"time": staticmethod(lambda: real_time() + 15 * 60 + 1)})
    monkeypatch.setattr(locmem, "time", later)
    monkeypatch.setattr(cache_base, "time", later)
    assert logged_in(log_in(client, "editora", PASSWORD))


def test_a_successful_log_in_clears_its_user_names_failures(client, editor):
    for _attempt in range(4):
        log_in(client, "editora", "contrasenya-equivocada")
    assert logged_in(log_in(client, "editora", PASSWORD))
    other = Client()
    for _attempt in range(4):
        log_in(other, "editora", "contrasenya-equivocada")
    assert logged_in(log_in(other, "editora", PASSWORD))


def test_an_address_is_locked_after_twenty_failures_whatever_the_user_names(client, editor):
    for attempt in range(20):
        log_in(client, f"usuari{attempt}", "contrasenya-equivocada")
    response = log_in(client, "editora", PASSWORD)
    assert not logged_in(response)
    assert THROTTLED in text_of(response)
    assert logged_in(log_in(Client(), "editora", PASSWORD, address="198.51.100.7"))


def test_behind_a_trusted_proxy_the_visitors_address_is_the_one_counted(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"

    def from_visitor(visitor, forged="203.0.113.66"):
        return {"REMOTE_ADDR": proxy, "HTTP_X_FORWARDED_FOR": f"{forged}, {visitor}"}

    attacker = Client(**from_visitor("192.0.2.50"))
    for attempt in range(20):
        attacker.post(LOGIN_URL, {"username": f"usuari{attempt}", "password": "x"})
    assert not logged_in(
        attacker.post(LOGIN_URL, {"username": "editora", "password": PASSWORD, "next": "/admin/"})
    )
    # Someone else behind the same proxy, even forging the same first address, is not locked.
    colleague = Client(**from_visitor("192.0.2.51"))
    assert logged_in(
        colleague.post(LOGIN_URL, {"username": "editora", "password": PASSWORD, "next": "/admin/"})
    )


# Admin password reset

RESET_URL = "/admin/password_reset/"
RESET_THROTTLED = "Massa sol·licituds de restabliment de contrasenya. Espereu 60 minuts"


def ask_reset(email, address="192.0.2.10"):
    return Client().post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def test_password_resets_for_one_address_are_throttled_whether_or_not_it_has_an_account(
    editor, mailoutbox
):
    for _attempt in range(3):
        assert ask_reset("editora@example.cat").status_code == 302
        assert ask_reset("ningu@example.cat").status_code == 302
    assert len(mailoutbox) == 3

    for email in ["editora@example.cat", "EDITORA@example.cat", "ningu@example.cat"]:
        refused = ask_reset(email, address="198.51.100.7")
        assert refused.status_code == 429
        assert RESET_THROTTLED in text_of(refused)
    assert len(mailoutbox) == 3
    # Another address is still served.
    assert ask_reset("altra@example.cat").status_code == 302


def test_password_resets_from_one_client_are_throttled_whatever_the_addresses(
    editor, mailoutbox, settings
):
    settings.TRUSTED_PROXY_COUNT = 1

    def from_visitor(visitor):
        return {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": visitor}

    attacker = Client(**from_visitor("192.0.2.50"))
    for attempt in range(10):
        assert attacker.post(RESET_URL, {"email": f"u{attempt}@example.cat"}).status_code == 302
    refused = attacker.post(RESET_URL, {"email": "editora@example.cat"})
    assert refused.status_code == 429
    assert RESET_THROTTLED in text_of(refused)
    assert mailoutbox == []

    colleague = Client(**from_visitor("192.0.2.51"))
    assert colleague.post(RESET_URL, {"email": "editora@example.cat"}).status_code == 302
    assert [message.to for message in mailoutbox] == [["editora@example.cat"]]


def test_admin_sessions_expire(client, editor, settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert logged_in(log_in(client, "editora", PASSWORD))
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE

    remembered = Client()
    assert logged_in(log_in(remembered, "editora", PASSWORD, remember=True))
    assert not remembered.session.get_expire_at_browser_close()
    assert remembered.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE


def test_weak_passwords_are_refused_in_catalan(client, editor):
    client.force_login(editor)
    form = {
        "username": "nou",
        "email": "nou@example.cat",
        "first_name": "Nou",
        "last_name": "Usuari",
        "password1": "localret",
        "password2": "localret",
    }
    response = client.post(reverse("wagtailusers_users:add"), form)
    assert response.status_code == 200
    assert "Aquesta contrasenya és massa curta" in text_of(response)
    assert not get_user_model().objects.filter(username="nou").exists()

    form["password1"] = form["password2"] = "123456789012"
    response = client.post(reverse("wagtailusers_users:add"), form)
    assert "La contrasenya està formada només per números" in text_of(response)
    assert not get_user_model().objects.filter(username="nou").exists()


# Uploads


def png_bytes(size, mode="RGB", raw=None, compress_level=6):
    buffer = io.BytesIO()
    image = PILImage.frombytes(mode, size, raw) if raw else PILImage.new(mode, size)
    image.save(buffer, format="PNG", compress_level=compress_level)
    return buffer.getvalue()


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def upload_image(admin_client, name, content):
    return admin_client.post(
        "/admin/images/add/",
        {"title": "Imatge de prova", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_a_valid_image_is_accepted(admin_client, seeded_site):
    response = upload_image(admin_client, "foto.png", png_bytes((40, 30)))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Imatge de prova").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "No és un format d'imatge permès",
        ),
        ("foto.png", b"%PDF-1.4 not an image", "Carregueu una imatge vàlida"),
        ("foto.jpg", png_bytes((40, 30)), "No és una imatge .jpeg vàlida"),
        # 8,000 x 6,000 pixels in a few kilobytes: a decompression bomb.
        ("bomba.png", png_bytes((8000, 6000), mode="1"), "El fitxer té massa píxels"),
        (
            "enorme.png",
            png_bytes((1900, 1900), raw=os.urandom(1900 * 1900 * 3), compress_level=0),
            "Aquest fitxer és massa gran",
        ),
    ],
    ids=["svg", "not-an-image", "wrong-extension", "decompression-bomb", "over-10-MB"],
)
def test_bad_images_are_refused_with_a_catalan_message(
    admin_client, seeded_site, name, content, message
):
    response = upload_image(admin_client, name, content)
    assert response.status_code == 200
    assert message in text_of(response)
    assert not get_image_model().objects.exists()


def test_the_multiple_uploader_refuses_a_decompression_bomb_in_catalan(admin_client, seeded_site):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("bomba.png", png_bytes((8000, 6000), mode="1"))},
    )
    data = response.json()
    assert data["success"] is False
    assert "El fitxer té massa píxels" in data["error_message"]
    assert not get_image_model().objects.exists()


def upload_document(admin_client, name, content):
    return admin_client.post(
        "/admin/documents/add/",
        {"title": "Document de prova", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_a_valid_document_is_accepted(admin_client, seeded_site):
    response = upload_document(admin_client, "acta.pdf", b"%PDF-1.4 prova")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Document de prova").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programa.exe", b"MZ\x90\x00", "L'extensió d'arxiu “exe” no està permesa"),
        ("pagina.html", b"<script>alert(1)</script>", "L'extensió d'arxiu “html” no està permesa"),
        ("acta.pdf", b"0" * (20 * 1024 * 1024 + 1), "Aquest fitxer és massa gran"),
    ],
    ids=["exe", "html", "over-20-MB"],
)
def test_bad_documents_are_refused_with_a_catalan_message(
    admin_client, seeded_site, name, content, message
):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in text_of(response)
    assert not get_document_model().objects.exists()


# Error pages


def assert_site_layout(response):
    html = response.content.decode()
    assert '<html lang="ca">' in html
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert 'href="#main-content"' in html
    assert len(re.findall(r"<h1\b", html)) == 1


def test_not_found_page_is_in_catalan_with_the_menu(client, seeded_site):
    response = client.get("/no-existeix/")
    assert response.status_code == 404
    assert "Pàgina no trobada" in text_of(response)
    assert_site_layout(response)
    assert 'class="main-nav"' in response.content.decode()


def test_a_forged_host_gets_a_catalan_400_without_touching_the_database(
    client, seeded_site, settings, django_assert_num_queries
):
    settings.ALLOWED_HOSTS = ["localret.example"]
    with django_assert_num_queries(0):
        response = client.get("/", HTTP_HOST="atacant.example")
    assert response.status_code == 400
    assert "Petició incorrecta" in text_of(response)
    assert_site_layout(response)


@pytest.mark.urls(__name__)
def test_forbidden_page_is_in_catalan_with_the_menu(client, seeded_site):
    response = client.get("/prova/prohibit/")
    assert response.status_code == 403
    assert "Accés denegat" in text_of(response)
    assert_site_layout(response)
    assert 'class="main-nav"' in response.content.decode()


@pytest.mark.urls(__name__)
def test_server_error_page_is_in_catalan_and_queries_nothing(
    client, seeded_site, django_assert_num_queries
):
    client.raise_request_exception = False
    client.get("/prova/error/")  # the request's site is looked up once, then kept in the cache
    with django_assert_num_queries(0):
        response = client.get("/prova/error/")
    assert response.status_code == 500
    assert "Error temporal" in text_of(response)
    assert_site_layout(response)
    assert_security_headers(response)
    assert_strict_public_csp(response)


def test_a_form_sent_without_cookies_gets_the_catalan_csrf_page(seeded_site, editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN_URL, {"username": "editora", "password": PASSWORD})
    assert response.status_code == 403
    assert "El formulari ha caducat" in text_of(response)
    assert "Aquest web necessita galetes" in text_of(response)
    assert_site_layout(response)


def test_a_form_sent_with_an_old_token_gets_the_catalan_csrf_page(seeded_site, editor):
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN_URL)
    response = client.post(
        LOGIN_URL, {"username": "editora", "password": PASSWORD, "csrfmiddlewaretoken": "x" * 64}
    )
    assert response.status_code == 403
    assert "Torneu enrere, torneu a carregar la pàgina" in text_of(response)
