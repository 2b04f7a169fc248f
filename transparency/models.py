from django.utils.translation import gettext_lazy as _

from pages.models import AboutSectionPage


class TransparencyIndexPage(AboutSectionPage):
    """ "Transparència": the index of the transparency portal (Llei 19/2014)."""

    page_description = _("The transparency portal required by Llei 19/2014.")

    class Meta:
        verbose_name = _("transparency portal page")
        verbose_name_plural = _("transparency portal pages")
