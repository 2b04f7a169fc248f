"""System checks of the production configuration (`manage.py check --deploy`)."""

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
