"""Page types of the news (Actualitat) and of the agenda."""

from news.models.events import EventIndexPage, EventPage
from news.models.news import NewsIndexPage, NewsPage, NewsPageTag

__all__ = ["EventIndexPage", "EventPage", "NewsIndexPage", "NewsPage", "NewsPageTag"]
