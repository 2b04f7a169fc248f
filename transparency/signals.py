"""Keep an item's last update true when one of its documents changes outside the item's form."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from transparency.models import TransparencyItem, TransparencyItemDocument


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, **kwargs):
    """A new title or file of a document is news on every item that shows it."""
    for item in TransparencyItem.objects.filter(documents__document=instance).distinct():
        item.refresh_last_update()


@receiver(post_delete, sender=TransparencyItemDocument)
def item_document_deleted(sender, instance, origin=None, **kwargs):
    """A document deleted from the library disappears from its items: that is news too.

    Deletions started from the item itself (its form) or from its section are left alone: the
    item's own save has already recorded them, or the item is going away.
    """
    if isinstance(origin, get_document_model()):
        item = TransparencyItem.objects.filter(pk=instance.item_id).first()
        if item is not None:
            item.refresh_last_update()
