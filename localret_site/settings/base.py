"""Settings shared by every environment; the environment-specific modules extend these."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated list from the environment, dropping empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "localret_site",
    "pages",
    "members",
    "governance",
    "transparency",
    "services",
    "news",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "localret_site.middleware.HealthCheckMiddleware",
    "localret_site.proxy.ForwardedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so that static files get the security headers too.
    "localret_site.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a cached page is served without loading a session or a user.
    "localret_site.caching.middleware.PageCacheMiddleware",
    "localret_site.resilience.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "localret_site.urls"
WSGI_APPLICATION = "localret_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "localret_site.caching.fragments.content_generation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves several requests at once (the page editor saves a draft while its
    # preview refreshes): each transaction takes SQLite's write lock when it begins and waits
    # for it, rather than failing with "database is locked" half-way through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "localret_site.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The public site speaks Catalan only, so there is no LocaleMiddleware: a visitor's
# Accept-Language never switches the public pages to another language.
LANGUAGE_CODE = "ca"
LANGUAGES = [("ca", "Català")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Madrid"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded images and documents go to S3-compatible object storage when a bucket is named, so
# that every replica serves the same files; else to MEDIA_ROOT on local disk. The credentials
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are read from the environment by boto3 itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # Images under stable, public addresses that browsers and a CDN can keep; no signed URLs.
    # Documents are read from the bucket by Wagtail's view (WAGTAILDOCS_SERVE_METHOD): the
    # bucket's policy makes only the images/ and original_images/ prefixes public.
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    # Two editors uploading "logo.png" must not overwrite each other's file.
    AWS_S3_FILE_OVERWRITE = False
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    MEDIA_URL = (
        f"https://{AWS_S3_CUSTOM_DOMAIN}/"
        if AWS_S3_CUSTOM_DOMAIN
        else f"{(AWS_S3_ENDPOINT_URL or 'https://s3.amazonaws.com').rstrip('/')}/"
        f"{AWS_STORAGE_BUCKET_NAME}/"
    )

# The cache every server process shares: page cache, access request limits, log-in throttling.
# Redis when REDIS_URL is set; else a table in the database (created by `migrate`).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "localret",
            "OPTIONS": {
                # While Redis cannot be reached the cache behaves as an empty one: every read
                # misses, every write is dropped, so pages are rendered for each request and
                # the rate limits count from zero, rather than every request failing (Wagtail
                # keeps its site root paths in this cache too).
                "IGNORE_EXCEPTIONS": True,
                # An unreachable Redis costs a request one second, not a worker's whole timeout.
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    # ...and says so in the log, once per cache call.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "localret_cache",
            "KEY_PREFIX": "localret",
            # Room for every member's page and the listing's filter combinations in use.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Whole pages for anonymous visitors, kept until any content changes (localret_site.caching).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# An entry lives at most this long even if nothing changes (bounds what the cache holds).
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(60 * 60)))
# Cache-Control of public pages: browsers keep them for max-age, a CDN for s-maxage. With a
# frontend cache purge (below) every page's address is purged at each content change, but not
# the variants of a listing with a query string (searches, filters, pages of results): those
# stay in a CDN until s-maxage ends, so keep it short.
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "300"))
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", "60"))
# A CDN may keep serving a page for a day while the site cannot answer.
PAGE_CACHE_STALE_IF_ERROR = int(os.environ.get("PAGE_CACHE_STALE_IF_ERROR", str(24 * 60 * 60)))
# Paths whose answer to a query is one visitor's business (the site search): never cached.
PAGE_CACHE_PRIVATE_QUERY_PATHS = ["/cerca/"]
# The query parameters that public pages read (search, filters, pages of a list, open-data
# formats, a date): a request with any other parameter is answered but not stored.
PAGE_CACHE_QUERY_PARAMETERS = [
    "q",  # the members listing's search
    "comarca",
    "provincia",
    "tipus",
    "page",
    "pagina",  # a transparency section's pages
    "any",  # a year
    "data",  # the governing bodies on a date
    "format",  # open data: csv, json, schema
    "etiqueta",  # news by tag
    "categoria",  # services by category and audience
    "public",
]

# Purge of a CDN or caching proxy at every content change, of every live page (Wagtail's
# frontend cache backends, called by localret_site/caching/purge.py): an HTTP PURGE to
# FRONTEND_CACHE_PURGE_URL (Varnish, nginx with a purge module), and/or Cloudflare's API. The
# app wagtail.contrib.frontend_cache is not installed: its purge of a page on publication is
# covered by the purge of them all.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }

# The page editor of a long statutes page posts many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Localret"
# The public origin, e.g. https://www.localret.cat: canonical links, the sitemap, robots.txt,
# JSON-LD and open data start with it (localret_site/public_urls.py). Unset, they take the
# request's own origin, which is right only in development; `check --deploy` requires it.
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_BASE_URL or "http://127.0.0.1:8000"
)
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ca", "Català"), ("es", "Español"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "catalan",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Every document link goes through Wagtail's view, on local disk and in a bucket alike: it
# refuses a private collection's documents to those who may not see them, and sends the file
# with `Content-Security-Policy: default-src 'none'` and as a download (PDF only is shown in the
# browser). A bucket's own address would skip all three; nginx and the bucket serve images only.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# No SVG: an SVG file can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A small file can declare a huge picture (a decompression bomb): refuse anything over 40
# megapixels (width * height * frames) before decoding it, and so before it fills the memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The admin makes no request to other hosts: no update check, no avatars from Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Only editors have sessions. Without "remember me" theirs ends when the browser closes; in any
# case it ends on the server after a working day.
SESSION_COOKIE_AGE = 8 * 60 * 60
# Failed admin log-ins are counted in the cache per user name and per address; past the limit,
# log-ins are refused until the window has passed since the first failure.
WAGTAILADMIN_USER_LOGIN_FORM = "localret_site.login_throttle.ThrottledLoginForm"
LOGIN_FAILURE_LIMIT_PER_USERNAME = 5
LOGIN_FAILURE_LIMIT_PER_ADDRESS = 20
LOGIN_FAILURE_WINDOW = 15 * 60
# Admin password reset requests, counted per email address asked for and per client address
# (localret_site.password_reset); past a limit no email is sent until the window closes.
PASSWORD_RESET_LIMIT_PER_EMAIL = 3
PASSWORD_RESET_LIMIT_PER_ADDRESS = 10
PASSWORD_RESET_WINDOW = 60 * 60
# How many proxies in front of the site append to X-Forwarded-For; the visitor's address is
# taken from there (see localret_site.proxy). 0: none, REMOTE_ADDR is the visitor's.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Days the personal data of a resolved access request are kept after its resolution date;
# `manage.py purge_personal_data --apply` then anonymises it. Set it to the period the TAAD gives,
# which editors also state in words for the privacy notice (Settings > Transparency portal).
ACCESS_REQUEST_RETENTION_DAYS = int(os.environ.get("ACCESS_REQUEST_RETENTION_DAYS", "1825"))

CSRF_FAILURE_VIEW = "localret_site.errors.csrf_failure"

# The text that marks a page an editor still has to complete (see the admin dashboard).
CONTENT_PLACEHOLDER_MARKER = "afegir petit text"

# Whether `seed_site --demo` may load demo members and mark the site as a demo: never with
# production settings, whose database is the public's (dev and test settings allow it).
DEMO_CONTENT_ALLOWED = False

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "web@localret.cat")
