from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from localret_site.caching.derived import cached_until_content_changes
from pages.blocks import KeyFigureBlock
from pages.mixins import IntroductionBodyMixin
from pages.models.base import SitePage
from pages.navigation import menu_children_of, menu_tree, page_class


def page_with_id(page_id, content_type_id):
    """The specific page with this id and content type, or None; kept until the content
    changes."""

    def find():
        return page_class(content_type_id).objects.filter(pk=page_id).first()

    return cached_until_content_changes(f"page:{page_id}", find)


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

    def route(self, request, path_components):
        """Find the page at an address below the home page without a query, whatever its depth.

        Wagtail walks down the tree with two queries per level (the child with that slug, then
        its specific page). Every page stores its whole address (`url_path`): the addresses of
        the site's pages and each page itself are values derived from the content (see
        `localret_site.caching.derived`), so the deepest page along the path is found in them,
        and routes what is left of the path itself: a member's page under the members listing,
        or a 404. No page type here has both child pages and routes of its own, so Wagtail's
        order of trying them cannot give another answer.
        """
        if not path_components:
            return super().route(request, path_components)
        pages = cached_until_content_changes(f"page-addresses:{self.pk}", self.page_addresses)
        for depth in range(len(path_components), 0, -1):
            url_path = self.url_path + "".join(f"{part}/" for part in path_components[:depth])
            if (found := pages.get(url_path)) is not None:
                break
        else:
            raise Http404
        page = page_with_id(*found)
        if page is None:  # deleted since the addresses were read
            raise Http404
        return page.route(request, path_components[depth:])

    def page_addresses(self):
        """The id and content type of every page below this one, by its address (`url_path`)."""
        return {
            url_path: (page_id, content_type_id)
            for url_path, page_id, content_type_id in Page.objects.descendant_of(self).values_list(
                "url_path", "pk", "content_type_id"
            )
        }

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
        context["sections"] = menu_children_of(request, self)
        return context
