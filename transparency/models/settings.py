"""Site settings of the transparency portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import register_setting

from localret_site.caching.sites import CachedSiteSetting


@register_setting(icon="mail")
class TransparencySettings(CachedSiteSetting):
    """Where access requests are announced and which page holds their privacy notice."""

    notification_email = models.EmailField(
        _("staff notification address"),
        blank=True,
        help_text=_(
            "New requests for access to public information, and the daily reminder of those "
            "near or past their deadline, go to this address. When empty, they go to the "
            "organisation's contact email, and when that is empty too, to every active user of "
            'the "Transparència" group who has an email.'
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
        help_text=_("The page the access request form links to for its privacy notice."),
    )

    select_related = ["privacy_page"]
    panels = [FieldPanel("notification_email"), FieldPanel("privacy_page")]

    class Meta:
        verbose_name = _("transparency portal")
