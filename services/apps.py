from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """The catalogue of the services the consortium offers, by category and audience."""

    name = "services"
    verbose_name = _("Services")
