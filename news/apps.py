from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """The consortium's news (Actualitat) with their Atom feed, and its agenda of events with
    iCalendar files."""

    name = "news"
    verbose_name = _("News and agenda")
