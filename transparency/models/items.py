"""What a section publishes: items, each with its documents and links."""

import hashlib
import json

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from transparency.blocks import LinkBlock

DESCRIPTION_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class TransparencyItem(ClusterableModel):
    """One piece of published information: a budget, a contract, an agreement, a plan…

    Its last update moves by itself whenever what a visitor sees of it changes, and only then.
    """

    section = models.ForeignKey(
        "transparency.TransparencySectionPage",
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("section"),
        help_text=_("The section of the transparency portal that publishes this item."),
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("What the item is, in a few words.")
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=DESCRIPTION_FEATURES,
        help_text=_("Optional details: amounts, parties, object, term…"),
    )
    legal_reference = models.CharField(
        _("legal reference"),
        max_length=100,
        blank=True,
        help_text=_(
            'The precise provision that requires it, e.g. "art. 13.1.b". When empty, the '
            "section's reference is shown."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_(
            "The year the item covers, e.g. the fiscal year of a budget or the year a contract "
            "was signed. Sections with items from several years can be filtered by it."
        ),
    )
    period = models.CharField(
        _("period"),
        max_length=100,
        blank=True,
        help_text=_(
            'The period covered when the year alone does not say it, e.g. "1r trimestre 2026" '
            'or "2024-2027".'
        ),
    )
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("links"),
        help_text=_("Links to where the information is published elsewhere, if anywhere."),
    )
    updated_at = models.DateTimeField(
        _("last update"),
        editable=False,
        help_text=_("Set automatically whenever the item's content changes."),
    )
    content_fingerprint = models.CharField(
        _("content fingerprint"),
        max_length=64,
        editable=False,
        help_text=_("A digest of what visitors see, to tell a real change from a plain re-save."),
    )

    panels = [
        PageChooserPanel("section", "transparency.TransparencySectionPage"),
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("year"), FieldPanel("period"), FieldPanel("legal_reference")],
            heading=_("Period and legal basis"),
        ),
        FieldPanel("description"),
        InlinePanel("documents", heading=_("Documents"), label=_("document")),
        FieldPanel("links"),
    ]
    placeholder_fields = ("title", "description")

    class Meta:
        ordering = [F("year").desc(nulls_first=True), "title", "pk"]
        verbose_name = _("published information item")
        verbose_name_plural = _("published information")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.note_content_change()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "content_fingerprint", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def anchor(self):
        """The id of the item's heading on its section's page."""
        return f"item-{self.pk}"

    @property
    def period_label(self):
        """The period as visitors read it: the free text, or else the year."""
        return self.period or (str(self.year) if self.year else "")

    @property
    def shown_legal_reference(self):
        return self.legal_reference or self.section.legal_reference

    def fingerprint(self):
        """A digest of everything a visitor sees of the item, documents and links included."""
        content = {
            "section": self.section_id,
            "title": self.title,
            "description": self.description,
            "legal_reference": self.legal_reference,
            "year": self.year,
            "period": self.period,
            "documents": [
                [row.document_id, row.document.title, row.document.file_hash]
                for row in self.documents.all()
            ],
            "links": [[link["label"], link["url"]] for link in self.link_values()],
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    def link_values(self):
        """The item's links as dicts with a label and a url, in order."""
        return [block.value for block in self.links]

    def note_content_change(self):
        """Move the last update to now if the content differs from the last one recorded."""
        fingerprint = self.fingerprint()
        if fingerprint == self.content_fingerprint and self.updated_at is not None:
            return False
        self.content_fingerprint = fingerprint
        self.updated_at = timezone.now()
        return True

    def refresh_last_update(self):
        """Record a change made from outside the item, e.g. to one of its documents."""
        if self.note_content_change():
            super().save(update_fields=["content_fingerprint", "updated_at"])


class TransparencyItemDocument(Orderable):
    """A document attached to an item, shown with its type and size."""

    item = ParentalKey(TransparencyItem, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("A PDF, spreadsheet, CSV… Prefer open formats for tables."),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("item document")
        verbose_name_plural = _("item documents")
