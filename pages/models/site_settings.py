from django.core.validators import MaxValueValidator, MinValueValidator
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
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_(
            "When the offices answer the phone and receive visits, one line per period, e.g. "
            "«De dilluns a divendres, de 9 a 14 h». The contact page shows it."
        ),
    )
    electronic_office_url = models.URLField(
        _("electronic office"),
        blank=True,
        help_text=_(
            "Full address of the consortium's electronic office (seu electrònica), where "
            "procedures are filed online. The footer links to it when it is filled in."
        ),
    )
    contact_message_retention_months = models.PositiveSmallIntegerField(
        _("retention of contact messages (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "How many months the messages sent with the contact form are kept; a daily task "
            "then deletes them. 12 by default: a year is enough to follow up a conversation "
            "and the questions that come back about it, and keeps nobody's message longer than "
            "that purpose needs (GDPR, art. 5.1.e). The contact form's privacy information "
            "states it."
        ),
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
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
                FieldPanel("electronic_office_url"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("linkedin_url"), FieldPanel("x_url"), FieldPanel("youtube_url")],
            heading=_("Social networks"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
                FieldPanel("processing_register_url"),
                FieldPanel("contact_message_retention_months"),
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
