from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """The local entities that are members of the consortium, and their public listing."""

    name = "members"
    verbose_name = _("Member entities")
