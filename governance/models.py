from django.utils.translation import gettext_lazy as _

from pages.models import AboutSectionPage


class GoverningBodiesPage(AboutSectionPage):
    """ "Òrgans de govern": the consortium's governing bodies and who sits on them."""

    page_description = _("The governing bodies of the consortium and their members.")

    class Meta:
        verbose_name = _("governing bodies page")
        verbose_name_plural = _("governing bodies pages")
