from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    """The transparency portal required by Llei 19/2014."""

    name = "transparency"
    verbose_name = _("Transparency")

    def ready(self):
        from transparency import signals  # noqa: F401 (connects the receivers)
