import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

# The fields of Wagtail's Page that visitors read; the others are bookkeeping (tree,
# publication times, revisions, locks, comments), which changes without the content changing.
SHOWN_PAGE_FIELDS = {"title", "seo_title", "search_description"}


def content_fingerprint(page):
    """A digest of what a page shows: its title, descriptions and its page type's own fields."""
    bookkeeping = {"pk", *(field.name for field in Page._meta.get_fields())} - SHOWN_PAGE_FIELDS
    content = {
        name: value for name, value in page.serializable_data().items() if name not in bookkeeping
    }
    encoded = json.dumps(content, sort_keys=True, cls=DjangoJSONEncoder).encode()
    return hashlib.sha256(encoded).hexdigest()


class PageContentChange(models.Model):
    """When the content of a page last changed: the page's "Last updated" date.

    Wagtail's own `last_published_at` moves whenever a page is published, even unchanged, and
    on a seeded page it is the time of the seed. Each publication compares the page's content
    with the last one recorded here, and moves the date only when they differ. The seed
    records its texts without a date: no editor wrote them then.
    """

    page = models.OneToOneField(
        Page,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="content_change",
        help_text=_("The page whose content this records."),
    )
    fingerprint = models.CharField(
        _("content fingerprint"),
        max_length=64,
        help_text=_("A digest of the published content, to tell whether a publication changed it."),
    )
    changed_at = models.DateTimeField(
        _("content last changed"),
        null=True,
        blank=True,
        help_text=_(
            "When a publication last changed what the page shows; empty for the texts the site "
            "was seeded with."
        ),
    )

    class Meta:
        verbose_name = _("page content change")
        verbose_name_plural = _("page content changes")

    def __str__(self):
        return f"{self.page_id}: {self.changed_at}"

    @classmethod
    def record_publication(cls, page):
        """Note a publication of `page`, moving the date only if its content differs."""
        fingerprint = content_fingerprint(page)
        record = cls.objects.filter(page_id=page.pk).first()
        if record is None:
            cls.objects.create(
                page_id=page.pk, fingerprint=fingerprint, changed_at=page.last_published_at
            )
        elif record.fingerprint != fingerprint:
            record.fingerprint = fingerprint
            record.changed_at = page.last_published_at
            record.save(update_fields=["fingerprint", "changed_at"])

    @classmethod
    def forget_date(cls, page):
        """Keep the page's content on record but without a date (the seed's texts)."""
        cls.objects.filter(page_id=page.pk).update(changed_at=None)


def page_was_published(sender, instance, **kwargs):
    """Receiver of Wagtail's `page_published` signal."""
    PageContentChange.record_publication(instance)
