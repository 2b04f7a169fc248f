"""When the database or the cache fails, visitors get a short Catalan answer, never a traceback;
and no query string, path or form input makes a public page fail.

The PostgreSQL restart under load, the long fuzz run and the soak run are scripts under bench/.
"""

import random
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from wagtail.models import Page

from localret_site.rate_limits import counter_key, reached, take
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ABOUT = "/qui-som/"
MEMBERS = "/qui-som/municipis-adherits/"
ACCESS_REQUEST = "/qui-som/transparencia/dret-d-acces/"


def database_down():
    """Every query fails as it does while PostgreSQL restarts."""
    error = OperationalError("server closed the connection unexpectedly")
    return mock.patch.multiple(
        CursorWrapper,
        _execute=mock.Mock(side_effect=error),
        _executemany=mock.Mock(side_effect=error),
    )


@pytest.mark.parametrize("url", ["/", ABOUT, MEMBERS, f"{MEMBERS}?format=csv", ACCESS_REQUEST])
def test_without_the_database_pages_answer_503_with_the_catalan_error_page(
    seeded_site, client, url
):
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert '<html lang="ca">' in text
    assert "Error temporal" in text
    assert "Traceback" not in text


def test_without_the_database_the_health_check_says_so(seeded_site, client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503


def test_cached_pages_are_served_while_the_database_is_down(seeded_site, client, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    client.get(ABOUT)
    with database_down():
        response = client.get(ABOUT)
    cache.clear()
    assert response.status_code == 200
    assert "Qui som" in response.content.decode()


@pytest.fixture
def unreachable_redis(settings):
    """The shared cache as production configures it with REDIS_URL, at an address where nothing
    listens (the discard port): every cache call fails at once."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


def test_pages_are_served_when_the_cache_cannot_be_reached(
    seeded_site, client, settings, unreachable_redis
):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = client.get(ABOUT)
        assert response.status_code == 200
        assert "Qui som" in response.content.decode()


def test_rate_limits_count_from_zero_when_the_cache_cannot_be_reached(unreachable_redis, client):
    limits = [(counter_key("test", "203.0.113.9"), 1)]
    assert take(limits, window=60)
    # A cache that counted would refuse this second event.
    assert take(limits, window=60)
    assert not reached(limits)
    response = client.post("/admin/login/", {"username": "ningu", "password": "x" * 16})
    assert response.status_code == 200


HOSTILE_VALUES = [
    "",
    "'",
    '"><script>alert(1)</script>',
    "' OR '1'='1",
    "%00",
    "\x00",
    "..%2F..%2Fetc%2Fpasswd",
    "a" * 5000,
    "-1",
    "0",
    "99999999999999999999999999",
    "1e308",
    "%s%s%s%n",
    "{{ settings.SECRET_KEY }}",
    "ǅ\u202e\ufeff\U0001d54f",
    "%ZZ",
    "[]",
]
HOSTILE_PARAMETERS = [
    "q",
    "page",
    "comarca",
    "provincia",
    "tipus",
    "lletra",
    "any",
    "data",
    "ordre",
]


def public_urls():
    urls = [page.url for page in Page.objects.live().public().specific() if page.url]
    return [*urls, f"{MEMBERS}?format=csv", f"{MEMBERS}?format=json", "/cerca/", "/sitemap.xml"]


def test_hostile_query_strings_paths_and_posts_never_give_a_server_error(seeded_site, client):
    generator = random.Random(7)
    MemberFactory(name="l'Hospitalet de Prova")
    failures = []
    for url in public_urls():
        for _ in range(6):
            query = {
                generator.choice(HOSTILE_PARAMETERS): generator.choice(HOSTILE_VALUES)
                for _ in range(generator.randint(1, 3))
            }
            response = client.get(url, query)
            if response.status_code >= 500:
                failures.append((url, query, response.status_code))
        for suffix in ["x/", "%00/", "../../", "a" * 300 + "/", "ñ%C3%28/"]:
            response = client.get(url + suffix)
            if response.status_code >= 500:
                failures.append((url + suffix, None, response.status_code))
        data = {generator.choice(HOSTILE_PARAMETERS): generator.choice(HOSTILE_VALUES)}
        response = client.post(url, data)
        if response.status_code >= 500:
            failures.append((url, data, response.status_code))
    assert failures == []
