"""Whole-page caching for anonymous visitors, and knowing when the cached pages are stale.

- `generation`: one token for the content of the whole site; a change of content replaces it.
- `invalidation`: hears of content writes (signals) and replaces the token once they commit.
- `middleware`: serves anonymous GET/HEAD requests from the shared cache and sets Cache-Control.
- `derived`: values many pages show (the menu, the member totals), kept until the content changes.
"""
