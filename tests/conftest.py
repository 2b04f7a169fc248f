import io

import pytest
from django.core.management import call_command
from wagtail.models import Site


def run_seed_site():
    out = io.StringIO()
    call_command("seed_site", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded_site(db):
    """The site as `seed_site` builds it; returns the default Site."""
    run_seed_site()
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(seeded_site):
    return seeded_site.root_page.specific
