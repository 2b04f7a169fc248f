"""SQL queries of public pages rendered without the page cache: `python bench/queries.py URL…`
(DATABASE_URL names a site installed with production settings; bench/run.py runs it).

Each address is asked through Django's test client, in one process whose cache lives in its
memory (so that no cache read is an SQL query) and with the page cache off. "first" is a request
just after the cache was emptied, as after a content change: whatever the site keeps in its
cache (the header and footer fragments, the sites' root paths) is read from the database and stored;
"next" is the same request again, the ordinary cost of a page the page cache does not hold. One
throwaway pass first loads what each process keeps for good (content types, templates).
Prints one line of JSON: {url: {"status": …, "first": …, "next": …}}.
"""

import argparse
import json

from harness import LOOPBACK, setup_django, tree_argument

IN_MEMORY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+", metavar="URL", help="a path, e.g. /qui-som/")
    tree_argument(parser)
    return parser.parse_args()


def count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def main():
    arguments = parse_arguments()
    setup_django(arguments.tree)
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST=LOOPBACK)
    counts = {}
    with override_settings(CACHES=IN_MEMORY_CACHE, PAGE_CACHE_ENABLED=False):
        for url in arguments.urls:
            client.get(url)
        for url in arguments.urls:
            cache.clear()
            status, first = count(client, url)
            _status, following = count(client, url)
            counts[url] = {"status": status, "first": first, "next": following}
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
