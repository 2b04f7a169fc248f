from django.apps import AppConfig


class LocalretSiteConfig(AppConfig):
    """What spans every content area: seeding the site, health checks, the page cache."""

    name = "localret_site"
    verbose_name = "Localret"

    def ready(self):
        from localret_site.caching import invalidation

        invalidation.connect()
