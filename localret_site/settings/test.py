"""Settings pytest runs with: fast hashing, in-memory mail, media in a temporary folder."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="localret-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
# Public addresses take the request's origin unless a test sets one (not the environment's).
SITE_BASE_URL = ""
# Serve static files from the app folders as runserver would; tests run no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The cache lives in the test process's memory. Tests run inside transactions that never commit,
# so no change would ever invalidate a cached page: the page cache is off, except in the tests
# of the cache itself (tests/test_cache.py) and of the editors' writes
# (tests/test_editor_writes.py), which commit and use the database cache of `make run`: a cache
# in memory never shares the database connection with the content, and so never showed a write
# lost that way.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_ENABLED = False
# `seed_site --demo` may load the demo content (see base.py).
DEMO_CONTENT_ALLOWED = True
