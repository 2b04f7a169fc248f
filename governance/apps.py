from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """The consortium's governing bodies and the people who sit on them."""

    name = "governance"
    verbose_name = _("Governance")
