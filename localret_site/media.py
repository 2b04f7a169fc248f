"""What the site serves of its uploads at MEDIA_URL: images, and nothing else.

Documents are sent by Wagtail's view (WAGTAILDOCS_SERVE_METHOD), which checks collection
privacy; the files an import leaves between its two steps are no one else's. In production
nginx serves the same folders (deploy/nginx.conf) and a bucket makes only them public.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

# Wagtail's image renditions and the originals they are made from.
PUBLIC_MEDIA_FOLDERS = ("images", "original_images")


def development_media_urlpatterns():
    """Django's own serving of the image folders, for development (DEBUG) only.

    Each folder is its own document root, so that no path (`images/../documents/…`) leads out
    of it."""
    if urlsplit(settings.MEDIA_URL).netloc:
        return []
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [
        re_path(
            rf"^{prefix}{re.escape(folder)}/(?P<path>.+)$",
            serve,
            {"document_root": Path(settings.MEDIA_ROOT) / folder},
        )
        for folder in PUBLIC_MEDIA_FOLDERS
    ]
