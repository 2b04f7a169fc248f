from django.apps import AppConfig


class LocalretSiteConfig(AppConfig):
    """What spans every content area: seeding the site, health checks."""

    name = "localret_site"
    verbose_name = "Localret"
