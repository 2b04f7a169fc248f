from django.utils.translation import gettext_lazy as _

from pages.models import AboutSectionPage


class MembersIndexPage(AboutSectionPage):
    """ "Municipis adherits": the public listing of member entities."""

    page_description = _("The list of local entities that are members of the consortium.")

    class Meta:
        verbose_name = _("member entities page")
        verbose_name_plural = _("member entities pages")
