"""Site settings of the transparency portal and of the legal pages that editors must complete."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class TransparencySettings(BaseSiteSetting):
    """Where access requests are announced, which page holds their privacy notice, how long
    their data are kept, the consortium's contractor profile and the Catalan transparency
    portal."""

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
        help_text=_(
            "The page the access request and contact forms link to for their privacy notice."
        ),
    )
    access_request_retention = models.TextField(
        _("retention of access requests"),
        blank=True,
        help_text=_(
            "How long the personal data of access requests are kept, as the applicable document "
            "assessment and access table (TAAD) sets it. The privacy notice shows this text."
        ),
    )
    resolving_body = models.CharField(
        _("body that resolves access requests"),
        max_length=255,
        blank=True,
        help_text=_(
            "The body or office competent to resolve requests for access to public information "
            "(Llei 19/2014, art. 33), as the request page, its confirmation and the "
            "acknowledgement email name it."
        ),
    )
    contractor_profile_url = models.URLField(
        _("contractor profile"),
        blank=True,
        help_text=_(
            "Full address of the consortium's contractor profile on the Plataforma de Serveis "
            "de Contractació Pública (LCSP, art. 63). The transparency portal links to it."
        ),
    )

    transparency_portal_url = models.URLField(
        _("Portal de la Transparència de Catalunya"),
        blank=True,
        default="https://governobert.gencat.cat/ca/transparencia/",
        help_text=_(
            "The address of the Portal de la Transparència de Catalunya, which brings together "
            "what the Catalan public sector publishes (Llei 19/2014, art. 5). The transparency "
            "portal and the footer of every page link to it; empty, neither does."
        ),
    )

    select_related = ["privacy_page"]
    panels = [
        FieldPanel("notification_email"),
        FieldPanel("privacy_page"),
        FieldPanel("resolving_body"),
        FieldPanel("access_request_retention"),
        FieldPanel("contractor_profile_url"),
        FieldPanel("transparency_portal_url"),
    ]
    # What the dashboard asks to fill in before the site goes live.
    launch_required_fields = (
        "notification_email",
        "resolving_body",
        "access_request_retention",
        "contractor_profile_url",
    )

    class Meta:
        verbose_name = _("transparency portal")


@register_setting(icon="view")
class AccessibilityStatementSettings(BaseSiteSetting):
    """The accessibility statement (RD 1112/2018, art. 15), as the accessibility page shows it.

    Settings rather than free text on the page, so that each part the model statement requires
    is a field of its own: the page says nothing that has not been filled in here, and the
    launch checks list what is still missing.
    """

    class ComplianceStatus(models.TextChoices):
        FULLY = "fully", _("fully compliant")
        PARTIALLY = "partially", _("partially compliant")
        NOT = "not", _("not compliant")

    compliance_status = models.CharField(
        _("compliance status"),
        max_length=20,
        choices=ComplianceStatus.choices,
        blank=True,
        help_text=_(
            "The result of the assessment against UNE-EN 301 549 (WCAG 2.1 AA). Leave it empty "
            "until an assessment has been made: the page then says it has not been assessed yet."
        ),
    )
    non_compliant_content = models.TextField(
        _("non-accessible content"),
        blank=True,
        help_text=_(
            "The content that does not meet the requirements and why, one item per line. "
            "Empty: the section is not shown."
        ),
    )
    disproportionate_burden = models.TextField(
        _("disproportionate burden"),
        blank=True,
        help_text=_(
            "Content left inaccessible because making it accessible would be a disproportionate "
            "burden (art. 7), and why. Write «No n’hi ha» if there is none."
        ),
    )
    out_of_scope = models.TextField(
        _("content out of scope"),
        blank=True,
        help_text=_(
            "Content outside the scope of the regulation (art. 3.4), such as documents published "
            "before 20 September 2018. Write «No n’hi ha» if there is none."
        ),
    )
    prepared_on = models.DateField(
        _("date of preparation"),
        null=True,
        blank=True,
        help_text=_("The day the statement was first prepared."),
    )
    assessment_method = models.TextField(
        _("assessment method"),
        blank=True,
        help_text=_(
            "How compliance was assessed: a self-assessment by the consortium or an assessment "
            "by a third party, and what it covered."
        ),
    )
    reviewed_on = models.DateField(
        _("date of the last review"),
        null=True,
        blank=True,
        help_text=_("The day the statement was last reviewed. Review it at least once a year."),
    )
    responsible_unit = models.CharField(
        _("unit responsible for accessibility"),
        max_length=255,
        blank=True,
        help_text=_("The unit that answers communications and complaints (art. 16)."),
    )
    contact_email = models.EmailField(
        _("accessibility contact email"),
        blank=True,
        help_text=_(
            "Where people report accessibility problems, ask for accessible versions and file "
            "complaints. When empty, the organisation's contact email is shown."
        ),
    )
    enforcement_procedure = models.TextField(
        _("enforcement procedure"),
        blank=True,
        help_text=_(
            "Where and how to lodge a claim when an answer is not satisfactory (art. 13). When "
            "empty, the page refers to the procedure of RD 1112/2018."
        ),
    )

    launch_required_fields = (
        "compliance_status",
        "disproportionate_burden",
        "out_of_scope",
        "prepared_on",
        "assessment_method",
        "reviewed_on",
        "responsible_unit",
        "enforcement_procedure",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("non_compliant_content"),
                FieldPanel("disproportionate_burden"),
                FieldPanel("out_of_scope"),
            ],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessment_method"),
            ],
            heading=_("Preparation of the statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_unit"),
                FieldPanel("contact_email"),
                FieldPanel("enforcement_procedure"),
            ],
            heading=_("Communications and complaints"),
        ),
    ]

    class Meta:
        verbose_name = _("accessibility statement")

    @property
    def inaccessible_content_sections(self):
        """The subsections of "Contingut no accessible" that are filled in, as (heading, text)."""
        candidates = [
            (_("Lack of compliance"), self.non_compliant_content),
            (_("Disproportionate burden"), self.disproportionate_burden),
            (_("Content outside the scope of the applicable legislation"), self.out_of_scope),
        ]
        return [(heading, text) for heading, text in candidates if text.strip()]
