import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Site


def run_seed_site(*args):
    out = io.StringIO()
    call_command("seed_site", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the test database once, as a demo site (`seed_site --demo`, with its demo members):
    each test then runs inside a transaction rolled back after it.

    Transactional tests (browser tests) flush the database and seed it again themselves.
    """
    with django_db_blocker.unblock():
        run_seed_site("--demo")


@pytest.fixture
def seeded_site(db):
    """The demo site as `seed_site --demo` builds it; returns the default Site."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(seeded_site):
    return seeded_site.root_page.specific


@pytest.fixture
def admin_client_ca(client, db):
    """A superuser signed in to the admin, which speaks Catalan to them."""
    user = get_user_model().objects.create_superuser("gestora", "gestora@example.cat", "x" * 16)
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, db):
    """A member of the "Editors" group, signed in to the admin."""
    user = get_user_model().objects.create_user("editora", "editora@example.cat", "x" * 16)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def clear_cache():
    """The cache outlives each test's rollback: empty it so no test sees another's entries
    (nor the seeding's), such as the rate-limit counters of the public forms."""
    cache.clear()
    yield
    cache.clear()
