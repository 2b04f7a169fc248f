from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from news.blocks import ArticleBodyBlock
from news.feeds import NewsFeed
from news.listing import NewsListing
from news.mixins import ListedChildrenSitemapMixin
from pages.mixins import IntroductionBodyMixin
from pages.models.base import SitePage
from pages.placeholders import PublishedTextSearchField

# The feed's address under the news page.
FEED_PATH = "feed/"
# The rendition of the picture at the top of a news item, also named in its JSON-LD.
PAGE_IMAGE_FILTER = "fill-1200x675"


class NewsIndexPage(ListedChildrenSitemapMixin, RoutablePageMixin, IntroductionBodyMixin, SitePage):
    """ "Actualitat": the consortium's news, newest first, by year and tag, with an Atom feed
    at `feed/`."""

    content_panels = Page.content_panels + IntroductionBodyMixin.intro_body_panels
    search_fields = Page.search_fields + IntroductionBodyMixin.search_fields

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1
    page_description = _(
        "The list of news, newest first, with filters by year and tag and an Atom feed. "
        "There is only one; add the news items under it."
    )

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    @path("")
    def listing(self, request):
        listing = NewsListing.from_request(self, request)
        return self.render(request, context_overrides={"listing": listing, **listing.pagination()})

    @path(FEED_PATH, name="feed")
    def feed(self, request):
        return NewsFeed()(request, index=self)

    def news(self):
        """The live, public news items of this page, newest first."""
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def feed_url(self, request=None):
        return self.get_url(request) + FEED_PATH

    @classmethod
    def link_for_request(cls, request):
        """The live news page of the request's site, or None when there is none."""
        page = cls.objects.live().public().first()
        return page if page and page.get_url(request) else None


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged")


class NewsPage(SitePage):
    """A news item: its date, a summary for the lists, a picture and the text."""

    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "The date shown with the news item, which orders the list. Leave it empty to use "
            "the day it is first published."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_(
            "One or two sentences shown in the lists, on the home page, in the news feed and "
            "to search engines."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An optional picture shown at the top of the news item and in the list."),
    )
    image_alt = models.CharField(
        _("alternative text of the picture"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it, e.g. «The mayors signing "
            "the agreement». Required when there is a picture."
        ),
    )
    body = StreamField(
        ArticleBodyBlock(),
        blank=True,
        verbose_name=_("text"),
        help_text=_("The text of the news item, with pictures and documents if needed."),
    )
    tags = ClusterTaggableManager(
        verbose_name=_("tags"),
        through=NewsPageTag,
        blank=True,
        help_text=_(
            "Topics of the news item, separated by commas. Readers can list the news of a tag."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")])],
            heading=_("Picture"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        PublishedTextSearchField("summary"),
        PublishedTextSearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    page_description = _("A news item of the consortium, listed under «Actualitat».")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the picture for people who cannot see it.")}
            )

    def save(self, *args, **kwargs):
        if self.date is None and self.live:
            self.date = timezone.localdate(self.first_published_at or timezone.now())
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.image:
            context["image_rendition"] = self.image.get_rendition(PAGE_IMAGE_FILTER)
        context["tags"] = list(self.tags.all())
        return context
