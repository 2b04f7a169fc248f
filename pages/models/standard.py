from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from pages.mixins import IntroductionBodyMixin
from pages.models.base import SitePage


class StandardPage(IntroductionBodyMixin, SitePage):
    """A plain text page under the home page: legal notice, privacy, cookies, accessibility."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    page_description = _(
        "A plain text page, such as the legal notice, the privacy policy, the cookie policy "
        "or the accessibility statement."
    )

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["in_preparation"] = self.texts_in_preparation()
        return context
