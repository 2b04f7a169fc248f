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
            "Every new request for access to public information is announced to this address. "
            "When empty, the organisation's contact email is used."
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
    # What the dashboard asks to fill in before the site goes live.
    launch_required_fields = ("notification_email",)

    class Meta:
        verbose_name = _("transparency portal")
