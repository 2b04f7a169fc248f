"""The content generation in templates, to key the fragments cached with Wagtail's
`{% wagtailcache %}` (the header and the footer): a content change shows in them at once.

    {% wagtailcache fragment_cache_timeout "site-footer" content_generation current_site.pk %}
"""

from django.conf import settings

from localret_site.caching.generation import CACHE_ERRORS, current_generation, new_generation


def content_generation(request):
    """A context processor. While the generation cannot be read, a token of this request's own
    keys the fragments: what it renders is never served to anyone else."""
    try:
        generation = current_generation()
    except CACHE_ERRORS:
        generation = None
    return {
        "content_generation": generation or new_generation(),
        "fragment_cache_timeout": settings.PAGE_CACHE_TIMEOUT,
    }
