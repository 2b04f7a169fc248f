"""Whole-page caching for anonymous visitors, and knowing when the cached pages are stale.

A request goes through `middleware.PageCacheMiddleware`: an anonymous GET/HEAD whose query
string names only parameters pages read is answered from the shared cache (Redis, or a table of
the database) while its entry was stored under the current content generation; any other request
is rendered by Wagtail as usual, under the generation read when it began, and stored if it may
be shared.

- `generation`: one token for the content of the whole site; a change of content replaces it.
- `invalidation`: hears of content writes (model and Wagtail signals, and explicit calls from
  bulk writes) and replaces the token once they commit.
- `purge`: tells a CDN, if one is configured, that every page changed.
- `middleware`: serves and stores whole pages and sets Cache-Control.
- `fragments`: gives templates the generation, which keys the header and the footer that
  templates/base.html caches with Wagtail's `{% wagtailcache %}`.
"""
