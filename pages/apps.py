from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Home, "Qui som" and its institutional pages, plus what every area shares."""

    name = "pages"
    verbose_name = _("Pages")
