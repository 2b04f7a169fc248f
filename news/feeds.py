"""The news as an Atom feed, at `feed/` under the news page (see `NewsIndexPage.feed`)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from localret_site.public_urls import absolute_url

FEED_LENGTH = 20


class CatalanAtomFeed(Atom1Feed):
    # Served as Atom, which browsers download and feed readers recognise.
    content_type = "application/atom+xml; charset=utf-8"


class NewsFeed(Feed):
    """The latest news items, newest first; every link is absolute on SITE_BASE_URL."""

    feed_type = CatalanAtomFeed
    language = "ca"

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return _("%(title)s | Localret") % {"title": index.title}

    def subtitle(self, index):
        return index.search_description or _("The latest news of the Localret consortium.")

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        return absolute_url(index.feed_url(self.request), self.request)

    def items(self, index):
        return index.news().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return datetime.datetime.combine(
            item.date, datetime.time.min, tzinfo=timezone.get_default_timezone()
        )

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
