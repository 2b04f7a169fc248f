"""Two application servers sharing one PostgreSQL database and one Redis: a page published
through one of them is served fresh by the other at once.

This starts real gunicorn processes with the production settings on loopback (ports 8117 and
8118), on a database of its own, and uses Redis database 7 (emptied before and after). It runs
wherever the tests run on PostgreSQL (DATABASE_URL) with Redis at 127.0.0.1:6379, as in CI;
elsewhere it is skipped, except that with CI=true a missing Redis is a failure.
"""

import http.client
import os
import re
import subprocess
import urllib.parse
from http.cookies import SimpleCookie

import pytest

from bench.harness import (
    LOOPBACK,
    PYTHON,
    REPOSITORY,
    Gunicorn,
    database,
    install_site,
    manage,
    production_environment,
    redis_available,
    shared_cache,
)

DATABASE_URL = os.environ.get("DATABASE_URL", "")
LEGAL_NOTICE = "/avis-legal/"
PASSWORD = "una-contrasenya-prou-llarga-per-a-la-prova"

if not DATABASE_URL.startswith("postgres"):
    pytest.skip("needs PostgreSQL: set DATABASE_URL", allow_module_level=True)
if not redis_available():
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true and Redis does not answer at 127.0.0.1:6379", pytrace=False)
    pytest.skip("needs Redis at 127.0.0.1:6379", allow_module_level=True)


def postgres_server():
    parts = urllib.parse.urlsplit(DATABASE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def django_shell(environment, code):
    return subprocess.run(  # noqa: S603 (this repository's manage.py, code from this file)
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=REPOSITORY,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


class Browser:
    """Requests to one server with the cookies it set (kept by hand: the production cookies are
    marked Secure, which a cookie jar would never send over plain HTTP)."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection(LOOPBACK, self.server.port, timeout=30)
        headers = {"Host": LOOPBACK}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        text = response.read().decode()
        connection.close()
        return response, text

    def csrf_token(self, path):
        _response, text = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)[1]

    def log_in(self, username):
        token = self.csrf_token("/admin/login/")
        response, _text = self.request(
            "POST",
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        assert response.status == 302, "the administrator could not log in"


def title_on(server, path):
    response, text = Browser(server).request("GET", path)
    assert response.status == 200
    return re.search(r"<title>(.*?)</title>", text, re.DOTALL)[1], response.getheader(
        "X-Page-Cache"
    )


@pytest.fixture
def two_servers():
    cache_environment, _name = shared_cache()
    with database(f"localret_scale_out_{os.getpid()}", postgres_server()) as url:
        environment = production_environment(url, **cache_environment)
        install_site(environment)
        manage(
            {**environment, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            "createsuperuser",
            "--noinput",
            "--username=editora",
            "--email=editora@localret.cat",
        )
        first = Gunicorn(8117, environment, workers=1, threads=2)
        second = Gunicorn(8118, environment, workers=1, threads=2)
        with first, second:
            yield environment, first, second
    shared_cache()


def test_a_page_published_through_one_server_is_served_fresh_by_the_other(two_servers):
    environment, first, second = two_servers
    # Both servers have the page in the shared cache.
    for server in (first, second):
        title_on(server, LEGAL_NOTICE)
    assert title_on(second, LEGAL_NOTICE)[1] == "hit"

    # An editor's draft is no news for visitors: the cached page stays.
    page_id = django_shell(
        environment,
        "from wagtail.models import Page\n"
        "page = Page.objects.get(url_path='/inici/avis-legal/').specific\n"
        "page.title = 'Avís legal revisat'\n"
        "page.save_revision()\n"
        "print(page.pk)",
    )
    assert title_on(second, LEGAL_NOTICE) == ("Avís legal | Localret", "hit")

    # The editor publishes it through the first server's admin.
    editor = Browser(first)
    editor.log_in("editora")
    action = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    response, _text = editor.request(
        "POST", action, {"csrfmiddlewaretoken": editor.csrf_token(action)}
    )
    assert response.status == 302

    # At once, with no waiting, the second server serves the published page.
    assert title_on(second, LEGAL_NOTICE)[0] == "Avís legal revisat | Localret"
    assert title_on(first, LEGAL_NOTICE)[0] == "Avís legal revisat | Localret"
