"""The proxy as it runs: Debian's nginx with deploy/nginx.conf in front of gunicorn replicas with
production settings, everything on 127.0.0.1.

The site is installed as a deployment installs it: `docker-entrypoint.sh release` on a new
database (a throwaway SQLite file, or a database of its own beside the test PostgreSQL when
DATABASE_URL names one), then `collectstatic` as the image's build does. Then:

- two replicas (one gunicorn process each) with SSL redirect on, as behind a TLS terminator,
  behind one nginx;
- a database outage: two replicas whose database does not answer, behind a second nginx. They
  are one gunicorn process listening on two ports, which is what nginx sees of two replicas
  sharing one database that is down, for half the processor time.

nginx runs deploy/nginx.conf itself, with the values of its ${LOCALRET_…} variables that the
nginx image would take from docker-compose.yml replaced by this machine's: free loopback ports,
a media folder of the test, and no `resolve` (fixed addresses have no name to look up again, and
Debian 12's nginx 1.22 predates the parameter). A small main configuration around it, as the
image has, sets the paths a process that is not the system's nginx may write to.

Needs /usr/sbin/nginx (Debian's `nginx` package); skipped without it, except under CI=true.
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import ExitStack, contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from bench.harness import (
    LOOPBACK,
    PYTHON,
    REPOSITORY,
    Gunicorn,
    database,
    fetch,
    manage,
    production_environment,
)

NGINX = Path("/usr/sbin/nginx")
PASSWORD = "una-contrasenya-prou-llarga-per-a-la-prova"
MEDIA_BODY = b"%PDF-1.4 prova\n"
# Files put straight into the media folder: an image rendition, and what nginx must not serve.
MEDIA_FILES = ["images/logo.png", "documents/acta.pdf", "members-imports/0123abcd"]
STATUTES_PDF = b"%PDF-1.4 estatuts\n"
AMENDMENT_ODT = b"PK modificacio\n"
# Documents uploaded as the admin does, into the release's database, and linked from the
# statutes page: the statutes as a PDF, an earlier amendment as an OpenDocument text.
LINK_DOCUMENTS = f"""
import datetime
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.models import Collection
from pages.models import StatutesPage

def upload(title, name, content):
    return Document.objects.create(
        title=title, file=ContentFile(content, name=name),
        collection=Collection.get_first_root_node(),
    )

with transaction.atomic():
    page = StatutesPage.objects.get()
    page.official_document = upload("Estatuts publicats", "estatuts.pdf", {STATUTES_PDF!r})
    page.amendments = [
        ("amendment", {{
            "date": datetime.date(2010, 5, 20),
            "description": "Modificació dels articles 8 i 12.",
            "document": upload("Modificació", "modificacio.odt", {AMENDMENT_ODT!r}),
        }}),
    ]
    page.save_revision().publish()
"""
START_TIMEOUT = 90

if not os.access(NGINX, os.X_OK):
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"CI=true and nginx is missing at {NGINX}: apt-get install nginx", pytrace=False
        )
    pytest.skip(f"needs Debian's nginx at {NGINX} (apt-get install nginx)", allow_module_level=True)


def free_port():
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def render_template(template, values):
    """What the nginx image does with envsubst: replace the named ${VARIABLES}, only those."""
    text = template
    for name, value in values.items():
        text = text.replace(f"${{{name}}}", value)
    missing = set(re.findall(r"\$\{(\w+)\}", text))
    assert not missing, f"deploy/nginx.conf uses variables the test does not set: {missing}"
    return text


MAIN_CONFIGURATION = """\
{user}
worker_processes 1;
pid {directory}/nginx.pid;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/default.conf;
}}
"""


@contextmanager
def nginx(directory, replica_ports, media_root):
    """deploy/nginx.conf in front of the replicas at replica_ports; the port it listens on."""
    directory.mkdir()
    port = free_port()
    site = render_template(
        (REPOSITORY / "deploy" / "nginx.conf").read_text(),
        {
            "LOCALRET_LISTEN": f"{LOOPBACK}:{port}",
            "LOCALRET_APP1": f"{LOOPBACK}:{replica_ports[0]}",
            "LOCALRET_APP2": f"{LOOPBACK}:{replica_ports[1]}",
            "LOCALRET_RESOLVE": "",
            "LOCALRET_RESOLVER": LOOPBACK,
            "LOCALRET_MEDIA_ROOT": str(media_root),
        },
    )
    (directory / "default.conf").write_text(site)
    # Run as root (as in CI), nginx would hand its workers to `nobody`, who cannot read the
    # test's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (directory / "nginx.conf").write_text(MAIN_CONFIGURATION.format(user=user, directory=directory))
    error_log = directory / "error.log"
    command = [str(NGINX), "-p", str(directory), "-c", str(directory / "nginx.conf")]
    command += ["-e", str(error_log), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                log = error_log.read_text() if error_log.exists() else ""
                raise RuntimeError(f"nginx exited at start:\n{log}")
            try:
                socket.create_connection((LOOPBACK, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not listen in 20 s") from None
                time.sleep(0.1)
        yield port
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def replicas_without_a_database(environment, log_path):
    """One gunicorn process on two ports whose database refuses every connection."""
    ports = [free_port(), free_port()]
    environment = {
        **environment,
        "DATABASE_URL": f"postgres://postgres@{LOOPBACK}:{free_port()}/localret",
        "WEB_CONCURRENCY": "1",
    }
    command = [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--access-logfile"]
    command += ["/dev/null", *(f"--bind={LOOPBACK}:{port}" for port in ports)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=REPOSITORY, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        waiting = set(ports)
        while waiting:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start; see {log_path}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer in {START_TIMEOUT} s")
            for port in list(waiting):
                try:
                    if fetch(f"http://{LOOPBACK}:{port}/healthz", timeout=2)[0] == 503:
                        waiting.discard(port)
                except OSError:
                    pass
            time.sleep(0.2)
        yield ports
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def site_database(directory):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urllib.parse.urlsplit(url)
        with database(f"localret_proxy_{os.getpid()}", f"{parts.scheme}://{parts.netloc}") as new:
            yield new
    else:
        yield f"sqlite:///{directory / 'site.sqlite3'}"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """(port of the proxy in front of two healthy replicas, port of the one in front of two
    replicas whose database is down)."""
    directory = tmp_path_factory.mktemp("proxy")
    media_root = directory / "media"
    for name in MEDIA_FILES:
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(MEDIA_BODY)
    with ExitStack() as stack:
        database_url = stack.enter_context(site_database(directory))
        environment = production_environment(
            database_url,
            # As behind a TLS terminator: HTTPS only, known from X-Forwarded-Proto.
            SECURE_SSL_REDIRECT="true",
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
            TRUSTED_PROXY_COUNT="1",
            MEDIA_ROOT=str(media_root),
            # Gunicorn itself trusts X-Forwarded-Proto from loopback; in the containers the
            # proxy is another address, so only Django's setting may decide.
            FORWARDED_ALLOW_IPS="192.0.2.1",
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        release = subprocess.run(
            ["/bin/sh", "docker-entrypoint.sh", "release"],
            cwd=REPOSITORY,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert release.returncode == 0, release.stdout + release.stderr
        manage(environment, "collectstatic", "--noinput")
        manage(
            {**environment, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            "createsuperuser",
            "--noinput",
            "--username=editora",
            "--email=editora@localret.cat",
        )
        manage(environment, "shell", "-c", LINK_DOCUMENTS)
        replicas = []
        for name in ("app1", "app2"):
            replica = Gunicorn(free_port(), environment, workers=1, log_path=directory / name)
            stack.callback(replica.stop)
            replicas.append(replica.start(timeout=START_TIMEOUT))
        front = stack.enter_context(
            nginx(directory / "nginx", [replica.port for replica in replicas], media_root)
        )
        broken_replicas = stack.enter_context(
            replicas_without_a_database(
                {**environment, "SECURE_SSL_REDIRECT": "false"}, directory / "outage.log"
            )
        )
        outage_front = stack.enter_context(
            nginx(directory / "nginx-outage", broken_replicas, media_root)
        )
        yield front, outage_front


def request(port, method, path, headers=None, body=None):
    """(status, headers, body) of one request through the proxy, as a browser sends it to a
    site on a port of its own."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
    try:
        connection.request(
            method, path, body=body, headers={"Host": f"{LOOPBACK}:{port}", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


HTTPS = {"X-Forwarded-Proto": "https"}


def test_the_applications_503_reaches_visitors_while_the_database_is_down(deployment):
    _front, outage_front = deployment
    # More requests than it takes for nginx to write off both replicas if it counted 503s.
    for _ in range(8):
        status, headers, body = request(outage_front, "GET", "/")
        assert status == 503
        assert "<title>Error temporal | Localret</title>" in body.decode()
        assert headers["Retry-After"] == "5"


def test_https_reported_in_front_reaches_django_without_a_redirect_loop(deployment):
    front, _outage_front = deployment
    status, headers, body = request(front, "GET", "/", HTTPS)
    assert status == 200
    assert "Strict-Transport-Security" in headers
    # The release step built the site's pages: the menu, not Wagtail's welcome page.
    assert 'href="/qui-som/"' in body.decode()
    assert "Welcome to your new Wagtail site" not in body.decode()

    # Plain HTTP is sent to HTTPS, at the address and port the visitor used.
    status, headers, _body = request(front, "GET", "/qui-som/")
    assert status == 301
    assert headers["Location"] == f"https://{LOOPBACK}:{front}/qui-som/"


def test_an_editor_signs_in_through_the_proxy_on_a_port_of_its_own(deployment):
    front, _outage_front = deployment
    origin = f"https://{LOOPBACK}:{front}"
    status, headers, body = request(front, "GET", "/admin/login/", HTTPS)
    assert status == 200
    cookies = {}
    for header in headers.get_all("Set-Cookie") or []:
        cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode())[1]

    fields = {"csrfmiddlewaretoken": token, "username": "editora", "password": PASSWORD}
    status, headers, body = request(
        front,
        "POST",
        "/admin/login/",
        {
            **HTTPS,
            "Origin": origin,
            "Referer": f"{origin}/admin/login/",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        },
        urllib.parse.urlencode(fields),
    )
    assert status == 302, body.decode()
    assert headers["Location"] == "/admin/"


def single_header(headers, name):
    values = headers.get_all(name) or []
    assert len(values) == 1, f"{name}: {values}"
    return values[0]


def test_static_and_media_files_carry_nosniff_and_one_cache_control(deployment):
    front, _outage_front = deployment
    _status, _headers, body = request(front, "GET", "/", HTTPS)
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', body.decode())[1]
    status, headers, _body = request(front, "GET", stylesheet, HTTPS)
    assert status == 200
    assert single_header(headers, "X-Content-Type-Options") == "nosniff"
    assert "immutable" in single_header(headers, "Cache-Control")

    status, headers, body = request(front, "GET", "/media/images/logo.png", HTTPS)
    assert status == 200
    assert body == MEDIA_BODY
    assert single_header(headers, "Content-Type") == "image/png"
    assert single_header(headers, "X-Content-Type-Options") == "nosniff"
    assert single_header(headers, "Cache-Control") == "public, max-age=604800"


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/acta.pdf",
        "/media/members-imports/0123abcd",
        "/media/images/../documents/acta.pdf",
        "/media/images/%2e%2e/documents/acta.pdf",
        "/media/original_images/../members-imports/0123abcd",
    ],
)
def test_the_proxy_serves_no_document_from_the_media_folder(deployment, path):
    front, _outage_front = deployment
    status, headers, body = request(front, "GET", path, HTTPS)
    assert status == 404
    assert MEDIA_BODY not in body
    assert single_header(headers, "X-Content-Type-Options") == "nosniff"


def test_documents_linked_from_a_page_come_through_wagtails_view(deployment):
    front, _outage_front = deployment
    _status, _headers, page = request(front, "GET", "/qui-som/estatuts/", HTTPS)
    links = re.findall(r'<a href="(/documents/\d+/[^"]+)">', page.decode())
    assert [link.rsplit("/", 1)[1] for link in links] == ["estatuts.pdf", "modificacio.odt"]
    statutes, amendment = links

    # A PDF is shown in the browser, under a policy that lets it run nothing.
    status, headers, body = request(front, "GET", statutes, HTTPS)
    assert status == 200
    assert body == STATUTES_PDF
    assert single_header(headers, "Content-Type") == "application/pdf"
    assert single_header(headers, "Content-Security-Policy") == "default-src 'none'"
    assert single_header(headers, "X-Content-Type-Options") == "nosniff"
    assert len(headers.get_all("Cache-Control")) == 1

    # Any other document is a download.
    status, headers, body = request(front, "GET", amendment, HTTPS)
    assert status == 200
    assert body == AMENDMENT_ODT
    disposition = single_header(headers, "Content-Disposition")
    assert disposition.startswith("attachment;") and "modificacio.odt" in disposition
    assert single_header(headers, "Content-Security-Policy") == "default-src 'none'"
    assert single_header(headers, "X-Content-Type-Options") == "nosniff"


def test_favicon_ico_leads_permanently_to_the_icon(deployment):
    front, _outage_front = deployment
    status, headers, _body = request(front, "GET", "/favicon.ico", HTTPS)
    assert status == 301
    status, headers, body = request(front, "GET", headers["Location"], HTTPS)
    assert status == 200
    assert headers["Content-Type"] == "image/x-icon"
    assert body
