from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from pages.blocks import KeyFigureBlock
from pages.mixins import IntroductionBodyMixin
from pages.models.base import SitePage
from pages.navigation import menu_tree


class HomePage(IntroductionBodyMixin, SitePage):
    """The front page: the consortium in one paragraph, key figures, the way into "Qui som"."""

    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        verbose_name=_("key figures"),
        help_text=_("Up to four figures shown in a row under the introduction."),
        max_num=4,
    )

    content_panels = [
        *Page.content_panels,
        *IntroductionBodyMixin.intro_body_panels,
        FieldPanel("key_figures"),
    ]
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.AboutPage",
        "services.ServiceIndexPage",
        "news.NewsIndexPage",
        "news.EventIndexPage",
        "pages.ContactPage",
        "pages.StandardPage",
    ]
    max_count = 1
    page_description = _("The front page of the site. There is only one.")

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        about_entry = next(
            (entry for entry in menu_tree(request) if entry.specific_class is AboutPage),
            None,
        )
        if about_entry:
            context["about_page"] = about_entry
            context["about_sections"] = about_entry.children
        return context


class AboutPage(IntroductionBodyMixin, SitePage):
    """ "Qui som": the consortium's presentation and the way into its six sections."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.HomePage"]
    max_count = 1
    page_description = _(
        'The "Qui som" section: who the consortium is, with links to its six sections.'
    )

    class Meta:
        verbose_name = _("about page")
        verbose_name_plural = _("about pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().in_menu()
        return context
