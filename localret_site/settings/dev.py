"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise, mail to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production"  # noqa: S105 (never used outside DEBUG)
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A page edited in a template shows at the next reload; PAGE_CACHE_ENABLED=true tries the cache.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)  # noqa: F405
# `seed_site --demo` may load the demo content (see base.py).
DEMO_CONTENT_ALLOWED = True
