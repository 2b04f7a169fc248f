"""What gunicorn's master does before it forks the workers (localret_site/warmup.py)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import TemplateSyntaxError, engines

from localret_site import warmup


def test_the_warm_up_needs_neither_the_database_nor_the_cache():
    """A connection opened in the master would be shared by every worker forked from it.

    Without the `db` fixture any query fails this test; the test cache is in memory.
    """
    warmup.warm_up()


def test_the_warm_up_compiles_the_project_templates_and_no_package_ones():
    directories = warmup.project_template_dirs(engines["django"].engine)
    assert directories == [Path(settings.BASE_DIR).resolve() / "templates"]


def test_a_template_that_does_not_compile_stops_the_start(tmp_path, settings):
    templates = tmp_path / "templates"
    (templates / "pages").mkdir(parents=True)
    (templates / "pages" / "broken.html").write_text("{% if %}never closed")
    settings.BASE_DIR = tmp_path
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates]}]
    with pytest.raises(TemplateSyntaxError):
        warmup.compile_templates()
