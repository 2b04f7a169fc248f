"""The blocks of a news item's or an event's text."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from pages.mixins import BODY_FEATURES

# The rendition templates/news/blocks/figure_block.html asks for.
FIGURE_IMAGE_FILTER = "width-800"


class FigureBlock(blocks.StructBlock):
    """A picture inside the text, with its alternative text (Wagtail's ImageBlock asks for it,
    or for the picture to be marked decorative) and an optional caption."""

    image = ImageBlock(
        label=_("Image"),
        help_text=_(
            "Describe the picture in the alternative text, or mark it as decorative if it adds "
            "nothing to the text."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=250,
        help_text=_("An optional line shown under the picture, such as who took it."),
    )

    class Meta:
        icon = "image"
        label = _("Picture")
        description = _("A picture inside the text, with an optional caption.")
        template = "news/blocks/figure_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("What the link says; the document's own title when empty."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        description = _("A link to download a document of the library.")
        template = "news/blocks/document_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """The text of a news item or an event: paragraphs, pictures and documents."""

    text = blocks.RichTextBlock(
        label=_("Text"),
        features=BODY_FEATURES,
        help_text=_("Paragraphs, lists and links. Use headings to split long texts."),
    )
    figure = FigureBlock()
    document = DocumentBlock()

    class Meta:
        icon = "doc-full"
