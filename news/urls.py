"""The agenda's calendar, `<agenda page>/agenda.ics`: Wagtail's page addresses cannot hold a
dot, so it is routed here and handed to the page. Include these patterns ahead of Wagtail's."""

from django.urls import re_path

from news.views import serve_calendar

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)agenda\.ics$", serve_calendar, name="news_agenda_calendar"
    ),
]
