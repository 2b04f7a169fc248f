from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who publishes the site: shown in the footer and the legal notice."""

    name = models.CharField(
        _("organisation name"),
        max_length=255,
        default="Consorci Localret",
        help_text=_("The legal name of the organisation that owns the site."),
    )
    tax_id = models.CharField(
        _("NIF"),
        max_length=20,
        blank=True,
        help_text=_("The organisation's tax identification number (NIF)."),
    )
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Street, number, postcode and town, one per line."),
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("The main contact phone number.")
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("The public contact email address.")
    )
    linkedin_url = models.URLField(
        _("LinkedIn"), blank=True, help_text=_("Full address of the organisation's LinkedIn page.")
    )
    x_url = models.URLField(
        _("X (Twitter)"), blank=True, help_text=_("Full address of the organisation's X profile.")
    )
    youtube_url = models.URLField(
        _("YouTube"), blank=True, help_text=_("Full address of the organisation's YouTube channel.")
    )
    is_demo_site = models.BooleanField(
        _("demo site"),
        default=False,
        help_text=_(
            "Every public page says that its data are not real. Set by the demo content; clear "
            "it only once the demo members have been replaced by the real registry."
        ),
    )
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=255,
        blank=True,
        help_text=_(
            "The name or office of the data protection officer (GDPR, art. 37), as the privacy "
            "notice shows it."
        ),
    )
    dpo_email = models.EmailField(
        _("data protection officer's email"),
        blank=True,
        help_text=_("Where people write to the data protection officer."),
    )
    processing_register_url = models.URLField(
        _("register of processing activities"),
        blank=True,
        help_text=_(
            "Full address of the public inventory of the organisation's processing activities "
            "(LOPDGDD, art. 31.2). The privacy notice links to it."
        ),
    )

    # What must be filled in before the site goes live: the legal notice, the footer
    # (LSSI, art. 10) and the privacy notice (GDPR, art. 13) state them.
    launch_required_fields = ("name", "tax_id", "address", "phone", "email", "dpo_email")

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("tax_id"), FieldPanel("address")],
            heading=_("Identity"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("linkedin_url"), FieldPanel("x_url"), FieldPanel("youtube_url")],
            heading=_("Social networks"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
                FieldPanel("processing_register_url"),
            ],
            heading=_("Data protection"),
        ),
        FieldPanel("is_demo_site"),
    ]

    # A demo site's data are not real: the dashboard asks to switch this off before launch.
    launch_cleared_fields = ("is_demo_site",)
    # Where the dashboard looks for texts still to write.
    placeholder_fields = ("name", "address")

    class Meta:
        verbose_name = _("organisation details")

    @property
    def social_links(self):
        """The social profiles that are filled in, as (label, url) pairs."""
        candidates = [
            ("LinkedIn", self.linkedin_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in candidates if url]
