"""Backup and restore: a seeded database dumped with pg_dump and restored with pg_restore into
a new database gives the same pages (the procedure is in the README's deployment section).

Runs where the tests run on PostgreSQL (DATABASE_URL), on databases of its own; skipped on
SQLite.
"""

import json
import os
import shutil
import subprocess
import urllib.parse

import pytest

from bench.harness import PYTHON, REPOSITORY, database, install_site, production_environment

DATABASE_URL = os.environ.get("DATABASE_URL", "")
PG_DUMP = shutil.which("pg_dump")
PG_RESTORE = shutil.which("pg_restore")

if not DATABASE_URL.startswith("postgres"):
    pytest.skip("needs PostgreSQL: set DATABASE_URL", allow_module_level=True)
if not (PG_DUMP and PG_RESTORE):
    pytest.skip("needs pg_dump and pg_restore", allow_module_level=True)

# Every public page as a visitor gets it, by address: status and body (the CSRF token of the
# form page is random per request, so it is left out).
RENDER_PAGES = """
import json, re
from django.test import Client
from wagtail.models import Page
client = Client(HTTP_HOST="127.0.0.1")
urls = [page.url for page in Page.objects.live().public().specific() if page.url]
urls += ["/qui-som/municipis-adherits/?format=csv", "/sitemap.xml"]
pages = {}
for url in urls:
    response = client.get(url)
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    pages[url] = [response.status_code, body]
print(json.dumps(pages))
"""


def postgres_server():
    parts = urllib.parse.urlsplit(DATABASE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def rendered_pages(database_url):
    environment = production_environment(database_url, PAGE_CACHE_ENABLED="false")
    output = subprocess.run(  # noqa: S603 (this repository's manage.py, code from this file)
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", RENDER_PAGES],
        cwd=REPOSITORY,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_a_restored_backup_serves_the_same_pages(tmp_path):
    server = postgres_server()
    dump = tmp_path / "localret.dump"
    with database(f"localret_backup_{os.getpid()}", server) as source:
        install_site(production_environment(source))
        subprocess.run(  # noqa: S603 (PostgreSQL's own tool, arguments from this test)
            [PG_DUMP, "--format=custom", f"--file={dump}", source], check=True
        )
        before = rendered_pages(source)
    with database(f"localret_restore_{os.getpid()}", server) as target:
        subprocess.run(  # noqa: S603 (PostgreSQL's own tool, arguments from this test)
            [PG_RESTORE, "--no-owner", "--exit-on-error", f"--dbname={target}", str(dump)],
            check=True,
        )
        after = rendered_pages(target)
    assert len(before) > 15
    assert all(status == 200 for status, _body in before.values())
    assert after == before
