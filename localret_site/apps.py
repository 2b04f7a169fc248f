from django.apps import AppConfig


class LocalretSiteConfig(AppConfig):
    """What spans every content area: seeding the site, health checks, the page cache."""

    name = "localret_site"
    verbose_name = "Localret"

    def ready(self):
        from django.core import checks

        from localret_site.caching import invalidation
        from localret_site.checks import check_mail_backend, check_site_base_url

        invalidation.connect()
        checks.register(check_mail_backend, "mail", deploy=True)
        checks.register(check_site_base_url, "public_urls", deploy=True)
