from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LinkBlock(blocks.StructBlock):
    """A link from an item to information published elsewhere (e.g. the contracting platform)."""

    label = blocks.CharBlock(
        label=_("link text"),
        max_length=255,
        help_text=_("What the link leads to, e.g. “Expedient a la Plataforma de contractació”."),
    )
    url = blocks.URLBlock(
        label=_("address"), help_text=_("The full address, starting with https://.")
    )

    class Meta:
        icon = "link"
        label = _("Link")
        description = _("A link to information published on another website.")
        preview_value = {
            "label": "Expedient a la Plataforma de contractació",
            "url": "https://contractaciopublica.cat/",
        }
