"""System checks of the production configuration (`manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.mail.backends import console, dummy, filebased, locmem
from django.utils.module_loading import import_string

# Backends that never deliver: the console one writes citizens' data and password-reset links
# into the logs; the others keep messages in memory or a folder, or drop them.
UNDELIVERED_MAIL_BACKENDS = (
    console.EmailBackend,
    locmem.EmailBackend,
    dummy.EmailBackend,
    filebased.EmailBackend,
)


def check_mail_backend(app_configs=None, **kwargs):
    try:
        backend = import_string(settings.EMAIL_BACKEND)
    except ImportError as error:
        return [
            checks.Error(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND!r} cannot be imported: {error}",
                hint="Set EMAIL_BACKEND to django.core.mail.backends.smtp.EmailBackend.",
                id="localret.E002",
            )
        ]
    if isinstance(backend, type) and issubclass(backend, UNDELIVERED_MAIL_BACKENDS):
        return [
            checks.Error(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND!r} does not deliver mail: access "
                "request notifications and password resets would be lost or written to the logs.",
                hint="Unset EMAIL_BACKEND (SMTP) and set EMAIL_HOST, EMAIL_PORT and the "
                "EMAIL_HOST_USER and EMAIL_HOST_PASSWORD of the mail server.",
                id="localret.E001",
            )
        ]
    return []


def check_site_base_url(app_configs=None, **kwargs):
    """Public addresses (canonical links, sitemap, robots.txt, JSON-LD, open data) start with
    SITE_BASE_URL; without it they would name whichever host a request arrived by."""
    base_url = settings.SITE_BASE_URL
    if not base_url:
        return [
            checks.Error(
                "SITE_BASE_URL is not set: canonical links, the sitemap, robots.txt, JSON-LD "
                "and open data would name whatever host each request arrives by.",
                hint="Set SITE_BASE_URL to the site's public origin, e.g. "
                "https://www.localret.cat.",
                id="localret.E003",
            )
        ]
    parts = urlsplit(base_url)
    if parts.scheme != "https" or not parts.hostname or parts.path or parts.query:
        return [
            checks.Error(
                f"SITE_BASE_URL {base_url!r} is not an https:// origin: search engines would be "
                "sent to addresses that do not exist or are not encrypted.",
                hint="Give the scheme and host only, e.g. https://www.localret.cat.",
                id="localret.E004",
            )
        ]
    return []
