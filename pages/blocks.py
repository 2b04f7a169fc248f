from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class KeyFigureBlock(blocks.StructBlock):
    """A number with its label, such as "+800 / ens locals adherits"."""

    value = blocks.CharBlock(
        label=_("figure"),
        max_length=20,
        help_text=_('The number or short value, e.g. "+800" or "1997".'),
    )
    label = blocks.CharBlock(
        label=_("label"),
        max_length=120,
        help_text=_('What the figure counts, e.g. "local entities are members".'),
    )

    class Meta:
        icon = "pick"
        label = _("Key figure")
        description = _("A highlighted number with a short explanation.")
        template = "blocks/key_figure_block.html"
        preview_value = {"value": "+800", "label": "ens locals adherits"}
