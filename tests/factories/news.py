import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Collection

from news.models import EventPage, NewsPage

__all__ = ["EventPageFactory", "NewsImageFactory", "NewsPageFactory"]


class NewsImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"foto-{n}.jpg")
    collection = factory.LazyFunction(Collection.get_first_root_node)


class NewsPageFactory(wagtail_factories.PageFactory):
    """A live news item; give it `parent=` the news page."""

    title = factory.Sequence(lambda n: f"Notícia {n:03d}")
    date = factory.LazyFunction(timezone.localdate)
    summary = factory.LazyAttribute(lambda page: f"Resum de: {page.title}.")
    live = True

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if names:
            self.tags.add(*names)
            self.save()


def in_days(days, hour=10):
    """A moment `days` from today at `hour` o'clock, Catalan time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventPageFactory(wagtail_factories.PageFactory):
    """A live event, in a week from 10 to 12 o'clock; give it `parent=` the agenda page."""

    title = factory.Sequence(lambda n: f"Acte {n:03d}")
    start = factory.LazyFunction(lambda: in_days(7))
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=2))
    place = "Sala d’actes, Via Laietana 26, Barcelona"
    summary = factory.LazyAttribute(lambda page: f"Resum de: {page.title}.")
    live = True

    class Meta:
        model = EventPage
