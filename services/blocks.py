from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from pages.blocks import KeyFigureBlock

# Under the section's own heading ("What it offers", an h2), a text may open subsections.
OFFER_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class OfferBlock(blocks.StreamBlock):
    """What a service offers: text, with key figures where a number says it best."""

    text = blocks.RichTextBlock(
        label=_("Text"),
        features=OFFER_TEXT_FEATURES,
        help_text=_(
            "What the service does for whoever asks for it. A list reads well for the "
            "services it includes; headings split a long text."
        ),
        template="services/blocks/offer_text_block.html",
    )
    key_figure = KeyFigureBlock()

    class Meta:
        label = _("What it offers")
