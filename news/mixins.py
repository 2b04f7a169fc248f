from django.db.models import Max


class ListedChildrenSitemapMixin:
    """For an index page that lists its children: its sitemap date is also that of the latest
    child published, as the list changes whenever one is, not only when the page itself is."""

    def get_sitemap_urls(self, request=None):
        children = self.get_children().live().public()
        latest = children.aggregate(latest=Max("last_published_at"))["latest"]
        return [
            {**entry, "lastmod": max(filter(None, [entry.get("lastmod"), latest]))}
            if latest
            else entry
            for entry in super().get_sitemap_urls(request)
        ]
