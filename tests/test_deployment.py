"""The deployment as it runs: production mail settings and their check, the favicon's address,
the database address that the image's entry point builds.

The proxy in front of the replicas, and the release step, are tested in tests/test_proxy.py.
"""

import os
import re
import subprocess
import sys

import dj_database_url
import pytest
from django.conf import settings
from django.core.checks import run_checks

BASE_DIR = settings.BASE_DIR


def production_process(code, tmp_path, **environment):
    """Run Python `code` in a process with production settings and the given environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localret_site.settings.production",
        "SECRET_KEY": "a-long-random-value-for-this-check-only-0123456789abcdefghijklmn",
        "ALLOWED_HOSTS": "localret.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    for name in list(env):
        if name.startswith("EMAIL_") or name == "DJANGO_ALLOW_ASYNC_UNSAFE":
            del env[name]
    env.update(environment)
    return subprocess.run(  # noqa: S603 (this interpreter, code from this file)
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def mail_check_ids():
    return {message.id for message in run_checks(tags=["mail"], include_deployment_checks=True)}


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    ],
)
def test_the_deployment_check_refuses_a_mail_backend_that_does_not_deliver(settings, backend):
    settings.EMAIL_BACKEND = backend
    assert mail_check_ids() == {"localret.E001"}


def test_the_deployment_check_refuses_a_mail_backend_that_does_not_exist(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.nowhere.EmailBackend"
    assert mail_check_ids() == {"localret.E002"}


def test_the_deployment_check_accepts_smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert mail_check_ids() == set()


def test_the_mail_check_is_a_deployment_check_only(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert not run_checks(tags=["mail"])


def test_production_mail_is_smtp_with_tls_unless_told_otherwise(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_PORT)"
    )
    result = production_process(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "True",
        "False",
        "587",
    ]

    result = production_process(code, tmp_path, EMAIL_USE_SSL="true", EMAIL_BACKEND="")
    assert result.stdout.split()[1:] == ["False", "True", "465"]


def test_check_deploy_fails_in_production_with_the_console_mail_backend(tmp_path):
    code = (
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy'])"
    )
    result = production_process(
        code, tmp_path, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"
    )
    assert result.returncode != 0
    assert "localret.E001" in result.stderr


def public_url_check_ids():
    checks_run = run_checks(tags=["public_urls"], include_deployment_checks=True)
    return {message.id for message in checks_run}


def test_the_deployment_check_requires_the_public_base_url(settings):
    settings.SITE_BASE_URL = ""
    assert public_url_check_ids() == {"localret.E003"}


@pytest.mark.parametrize(
    "base_url",
    ["http://www.localret.cat", "www.localret.cat", "https://www.localret.cat/web", "https://"],
)
def test_the_deployment_check_refuses_a_base_url_that_is_no_https_origin(settings, base_url):
    settings.SITE_BASE_URL = base_url
    assert public_url_check_ids() == {"localret.E004"}


def test_the_deployment_check_accepts_an_https_origin(settings):
    settings.SITE_BASE_URL = "https://www.localret.cat"
    assert public_url_check_ids() == set()
    settings.SITE_BASE_URL = ""
    assert not run_checks(tags=["public_urls"])


def test_check_deploy_fails_in_production_without_the_public_base_url(tmp_path):
    code = "from django.core.management import execute_from_command_line; " + (
        "execute_from_command_line(['manage.py', 'check', '--deploy'])"
    )
    result = production_process(code, tmp_path, SITE_BASE_URL="")
    assert result.returncode != 0
    assert "localret.E003" in result.stderr
    assert "SITE_BASE_URL" in result.stderr


def test_admin_emails_link_to_the_public_base_url_unless_told_otherwise(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SITE_BASE_URL, s.WAGTAILADMIN_BASE_URL)"
    )
    result = production_process(
        code, tmp_path, SITE_BASE_URL="https://www.localret.cat/", WAGTAILADMIN_BASE_URL=""
    )
    assert result.stdout.split() == ["https://www.localret.cat", "https://www.localret.cat"]


def test_favicon_ico_is_a_permanent_redirect_to_a_stable_address(client, seeded_site):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.ico"
    assert client.get(response["Location"]).status_code == 200


def entry_point_database_url(**environment):
    """DATABASE_URL as the image's entry point hands it to the command it runs."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name != "DATABASE_URL" and not name.startswith("POSTGRES_")
    }
    env["PATH"] = f"{os.path.dirname(sys.executable)}{os.pathsep}{env.get('PATH', '')}"
    env.update(environment)
    result = subprocess.run(
        [
            "/bin/sh",
            "docker-entrypoint.sh",
            "python",
            "-c",
            "import os; print(os.environ['DATABASE_URL'])",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_entry_point_builds_the_database_url_from_parts_with_any_password():
    password = "p@ss:w/o#r?d %25 $é'\""
    url = entry_point_database_url(
        POSTGRES_HOST="db",
        POSTGRES_DB="localret",
        POSTGRES_USER="localret",
        POSTGRES_PASSWORD=password,
    )
    database = dj_database_url.parse(url)
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db", 5432, "localret")
    assert (database["USER"], database["PASSWORD"]) == ("localret", password)


def test_a_database_url_given_whole_is_kept():
    url = "postgres://someone:secret@elsewhere:6543/site"
    assert entry_point_database_url(DATABASE_URL=url, POSTGRES_HOST="db") == url


# docker-compose.yml cannot be run here (no Docker engine); what it must say is read from it.
COMPOSE = (BASE_DIR / "docker-compose.yml").read_text()


def test_the_compose_file_says_it_needs_compose_v2():
    header = COMPOSE.split("\nname:", 1)[0]
    assert "Docker Compose v2" in header


def test_the_compose_file_never_defaults_to_a_mail_backend_that_does_not_deliver():
    for backend in ("console", "locmem", "dummy", "filebased"):
        assert f"mail.backends.{backend}" not in COMPOSE


def test_the_compose_file_puts_the_database_password_in_no_url():
    assert not re.search(r"://\S*\$\{POSTGRES_PASSWORD", COMPOSE)
    assert re.search(r"^ +POSTGRES_HOST: db$", COMPOSE, re.MULTILINE)


def test_the_compose_file_gives_the_proxy_every_variable_of_its_template():
    """The nginx image leaves a variable it is not given as it is, which nginx then refuses."""
    template = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    variables = set(re.findall(r"\$\{(\w+)\}", template))
    assert variables
    proxy = COMPOSE.split("\n  proxy:\n", 1)[1].split("\n\n", 1)[0]
    assert "./deploy/nginx.conf:/etc/nginx/templates/default.conf.template" in proxy
    for variable in variables:
        assert re.search(rf"^ +{variable}: \S", proxy, re.MULTILINE), variable
