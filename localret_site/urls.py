from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from localret_site.crawlers import favicon_ico, robots_txt
from localret_site.media import development_media_urlpatterns
from localret_site.password_reset import ThrottledPasswordResetView
from localret_site.search import search

urlpatterns = [
    # Ahead of the admin's own URLs, under the name Wagtail's templates link to.
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("cerca/", search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
]

if settings.DEBUG:
    urlpatterns += development_media_urlpatterns()

urlpatterns += [
    path("", include("members.urls")),
    path("", include("news.urls")),
    path("", include(wagtail_urls)),
]
