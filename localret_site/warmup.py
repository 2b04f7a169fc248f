"""What a new server process would otherwise do on its first requests, done before it serves.

Gunicorn loads the application once, in its master process, and forks the workers from it
(`preload_app` in gunicorn.conf.py): whatever is done here is done once, shared by every worker
and by each worker that replaces a recycled one. Nothing here may open a connection (to the
database or the cache): a connection made before the fork would be shared by the workers.
"""

from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.template import engines
from django.urls import reverse
from django.utils import translation


def warm_up():
    # The URL configuration, and with it the admin's views; reversing a URL builds its indexes.
    reverse("wagtail_serve", args=[""])
    # The cache backend and its client library, without connecting.
    caches["default"]
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Home")  # loads the catalogues
    compile_templates()


def compile_templates():
    """Compile the project's own templates; a syntax error in one stops the start here."""
    engine = engines["django"].engine
    for directory in project_template_dirs(engine):
        for path in sorted(directory.rglob("*.html")):
            engine.get_template(path.relative_to(directory).as_posix())


def project_template_dirs(engine):
    """The template directories inside the project (not those of installed packages)."""
    project = Path(settings.BASE_DIR).resolve()
    directories = {
        Path(directory).resolve()
        for loader in engine.template_loaders
        for directory in loader.get_dirs()
    }
    return sorted(
        directory
        for directory in directories
        if directory.is_relative_to(project) and ".venv" not in directory.parts
    )
