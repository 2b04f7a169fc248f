"""Benchmark of the members listing at scale: `python bench/members.py [--entities N]`.

Builds a fresh test database (the one DATABASE_URL names, with Django's "test_" prefix; SQLite
in memory by default), seeds the site, imports the 947 municipalities of IDESCAT's export from
the shared reference data as members, adds synthetic entities up to N (10,000 by default), then
times the listing as the Django test client gets it, with the page cache off: the full list,
its last page, searches, filters and a search by code. It reports the median server time of
several requests, the SQL queries and the page's size, raw and gzip-compressed. The database is
dropped at the end. On PostgreSQL the issue's target is a search under 50 ms at 10,000 entities.
"""

import argparse
import gzip
import io
import json
import random
import statistics
import sys
import time

from harness import IDESCAT_EXPORT, setup_django, tree_argument
from seed_scale import fill_members

LISTING = "/qui-som/municipis-adherits/"
CASES = [
    ("full list", LISTING),
    ("last page of the full list", f"{LISTING}?page=9999"),
    ("search “hospitalet”", f"{LISTING}?q=hospitalet"),
    ("search “sant”", f"{LISTING}?q=sant"),
    ("search finding no member", f"{LISTING}?q=springfield"),
    ("filter comarca=13", f"{LISTING}?comarca=13"),
    ("search + filter", f"{LISTING}?q=sant&provincia=17"),
    ("search by code 08019", f"{LISTING}?q=08019"),
]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000, help="entities in the registry")
    parser.add_argument("--repeat", type=int, default=9, help="timed requests per case")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    tree_argument(parser)
    return parser.parse_args()


def fill_registry(total):
    """The 947 municipalities as members, then synthetic entities of every kind up to `total`."""
    from django.core.management import call_command
    from django.db import connection

    from members.models import Member

    if not IDESCAT_EXPORT.exists():
        sys.exit(f"The reference data is missing: {IDESCAT_EXPORT}")
    call_command("seed_site", stdout=io.StringIO())
    fill_members(total, random.Random(1997))
    if connection.vendor == "postgresql":
        # The statistics a live database keeps up to date: without them, the planner of a
        # freshly filled table guesses its plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return Member.objects.current().count()


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up caches and the database
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    body = response.content
    return {
        "status": response.status_code,
        "median_ms": statistics.median(timings),
        "queries": len(queries),
        "bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, compresslevel=6)),
    }


def main():
    arguments = parse_arguments()
    setup_django(arguments.tree, "localret_site.settings.test")
    from django.db import connection
    from django.test import Client
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        members = fill_registry(arguments.entities)
        loaded_seconds = time.perf_counter() - started
        client = Client()
        results = [
            {"label": label, "url": url, **measure(client, url, arguments.repeat)}
            for label, url in CASES
        ]
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()
    if arguments.json:
        print(json.dumps({"database": connection.vendor, "members": members, "cases": results}))
        return
    print(
        f"Database: {connection.vendor}. Registry: {members} current members "
        f"(loaded in {loaded_seconds:.1f} s). Median of {arguments.repeat} requests.\n"
    )
    print("| request | status | server time (median) | SQL queries | HTML | gzip |")
    print("|---|---|---|---|---|---|")
    for result in results:
        print(
            f"| {result['label']} | {result['status']} | {result['median_ms']:.1f} ms "
            f"| {result['queries']} | {result['bytes'] / 1024:.0f} KB "
            f"| {result['gzip_bytes'] / 1024:.1f} KB |"
        )


if __name__ == "__main__":
    main()
