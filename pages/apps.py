from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Home, "Qui som" and its institutional pages, plus what every area shares."""

    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from wagtail.signals import page_published

        from pages.models.content_changes import page_was_published

        page_published.connect(page_was_published, dispatch_uid="pages.content_changes")
