"""Throughput, latency and SQL queries of the public pages, before and after a change, in one run
on one machine: `make bench [BASELINE=<git ref>]` (or `python bench/run.py --baseline REF`).

Two checkouts are measured one after the other with THIS checkout's scripts: a temporary
`git worktree` of the baseline (by default 361c537, the last commit before the page cache lost
the layer of values derived from the content; removed at the end), then this working tree as it
is. For each, on a PostgreSQL database of its own (dropped at the end):

1. the site is installed and filled to 1,000 entities (bench/seed_scale.py), and the SQL queries
   of every page are counted without the page cache (bench/queries.py); the registry is filled
   up to 10,000 entities and they are counted again, since the count must not grow with it;
2. two gunicorn instances with the production settings and the checkout's gunicorn.conf.py:
   one with the page cache (Redis database 7 when Redis answers, else the database cache), one
   without it (PAGE_CACHE_ENABLED=false). wrk loads the static file and each page for a bounded
   time on loopback: cached pages at 8 connections, uncached ones at 1 and at 8;
3. bench/members.py times the members listing and its searches at 10,000 entities on a fresh
   PostgreSQL test database.

A page that a checkout does not have (404) is left out of its table. Both tables and the
targets checked are written to bench/RESULTS.md, which keeps its hand-written last section
(NOTES_HEADING: why a target was missed, runs of the other bench scripts).
"""

import argparse
import datetime
import json
import os
import platform
import runpy
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from bench.harness import (  # noqa: E402
    IDESCAT_EXPORT,
    POSTGRES_SERVER,
    Gunicorn,
    LoadResult,
    admin_connection,
    database,
    describe_checkout,
    fetch,
    fill_to_scale,
    git_worktree,
    install_site,
    postgres_available,
    production_environment,
    run_script,
    shared_cache,
    wrk,
)

RESULTS = REPOSITORY / "bench" / "RESULTS.md"
# The section of RESULTS.md written by hand (why a target was missed, runs of the other bench
# scripts), which a new run keeps.
NOTES_HEADING = "## Notes and other runs"
DEFAULT_BASELINE = "361c537"
CACHED_PORT = 8111
UNCACHED_PORT = 8112
PAGES = [
    ("home", "/"),
    ("Qui som", "/qui-som/"),
    ("members listing", "/qui-som/municipis-adherits/"),
    ("member search", "/qui-som/municipis-adherits/?q=sant"),
    ("statutes", "/qui-som/estatuts/"),
    ("transparency section", "/qui-som/transparencia/contractacio-publica/"),
    ("news", "/actualitat/"),
    ("agenda", "/agenda/"),
    ("services", "/serveis/"),
]
# The targets of the page cache and the pages behind it (issue 15).
CACHED_TARGET = 0.6  # x the static file's throughput, at 8 connections
UNCACHED_TARGET = 0.05  # x the static file's throughput, at 8 connections
QUERIES_TARGET = 15  # per page, whatever the number of members
SEARCH_TARGET_MS = 50  # server time of a member search at 10,000 entities, on PostgreSQL
# Below these, a run is a smoke test of the script, not a measurement.
FULL_SECONDS = 5
FULL_ENTITIES = 10_000
STARTED = time.monotonic()


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--baseline",
        default=DEFAULT_BASELINE,
        help=f"git ref measured before this working tree (default {DEFAULT_BASELINE}; "
        "empty: this tree only)",
    )
    parser.add_argument("--seconds", type=int, default=FULL_SECONDS, help="length of a wrk row")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--entities", type=int, default=FULL_ENTITIES)
    parser.add_argument(
        "--fewer-entities",
        type=int,
        default=1_000,
        help="the smaller registry the SQL queries are also counted at",
    )
    return parser.parse_args()


def check_tools():
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    if not postgres_available():
        sys.exit("PostgreSQL does not answer at 127.0.0.1:5432 (set BENCH_POSTGRES to another)")


@dataclass
class Page:
    label: str
    url: str
    status: int
    # SQL queries by number of entities: {"first": …, "next": …} (see bench/queries.py).
    queries: dict
    kilobytes: float = 0.0
    cached: LoadResult | None = None
    uncached_single: LoadResult | None = None
    uncached: LoadResult | None = None

    @property
    def measured(self):
        return self.status == 200


@dataclass
class Checkout:
    """What was measured of one checkout."""

    name: str
    description: str
    scale: str = ""
    cache_name: str = ""
    max_requests: int = 0
    static: LoadResult | None = None
    pages: list = field(default_factory=list)
    search: dict = field(default_factory=dict)

    def measured(self):
        return [page for page in self.pages if page.measured]


def count_queries(environment, tree):
    output = run_script("queries.py", environment, *(url for _label, url in PAGES), tree=tree)
    return json.loads(output.splitlines()[-1])


def static_file_url(tree):
    """The hashed stylesheet, as the production pages link it."""
    manifest = json.loads((tree / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def load(server, label, url, connections, seconds):
    """wrk's result and the size of the answer, in KB. The first requests fill the caches."""
    for _ in range(3):
        _status, body = fetch(server.url + url, timeout=30)
    result = wrk(server.url + url, connections, seconds)
    print(f"  {label:<48} {result.row}", flush=True)
    return result, len(body) / 1024


def load_pages(checkout, tree, environment, arguments):
    cache_environment, checkout.cache_name = shared_cache()
    cached = Gunicorn(CACHED_PORT, {**environment, **cache_environment}, tree=tree)
    # The same services (Wagtail keeps its site lookups in the cache too), no page cache.
    uncached = Gunicorn(
        UNCACHED_PORT,
        {**environment, **cache_environment, "PAGE_CACHE_ENABLED": "false"},
        tree=tree,
    )
    seconds, connections = arguments.seconds, arguments.connections
    with cached, uncached:
        print(f"  {'request':<48} requests/s | p50 ms | p99 ms | requests | errors")
        checkout.static, _size = load(
            cached, "static file", static_file_url(tree), connections, seconds
        )
        for page in checkout.measured():
            page.cached, page.kilobytes = load(
                cached, f"{page.label} (cached)", page.url, connections, seconds
            )
        for page in checkout.measured():
            page.uncached_single, _size = load(
                uncached, f"{page.label} (uncached, 1 connection)", page.url, 1, seconds
            )
        for page in checkout.measured():
            page.uncached, _size = load(
                uncached, f"{page.label} (uncached, {connections})", page.url, connections, seconds
            )


def member_search(tree, entities):
    """bench/members.py on a PostgreSQL test database of its own."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localret_site.settings.test",
        "DATABASE_URL": f"{POSTGRES_SERVER}/localret_bench_members",
    }
    output = run_script("members.py", environment, f"--entities={entities}", "--json", tree=tree)
    return json.loads(output.splitlines()[-1])


def progress(text):
    print(f"[{time.monotonic() - STARTED:5.0f} s] {text}", flush=True)


def measure(name, tree, arguments):
    checkout = Checkout(name, describe_checkout(tree))
    progress(f"{name}: {checkout.description} ({tree})")
    checkout.max_requests = runpy.run_path(str(tree / "gunicorn.conf.py"))["max_requests"]
    with database(f"localret_bench_{name}") as database_url:
        environment = production_environment(database_url)
        progress("installing the site")
        install_site(environment, tree)
        fewer = fill_to_scale(environment, entities=arguments.fewer_entities, tree=tree)
        progress(f"{fewer}; counting SQL queries")
        fewer_queries = count_queries(environment, tree)
        checkout.scale = fill_to_scale(
            environment, entities=arguments.entities, people=0, items=0, tree=tree
        )
        progress(f"{checkout.scale}; counting SQL queries")
        queries = count_queries(environment, tree)
        checkout.pages = [
            Page(
                label,
                url,
                status=queries[url]["status"],
                queries={
                    arguments.fewer_entities: fewer_queries[url],
                    arguments.entities: queries[url],
                },
            )
            for label, url in PAGES
        ]
        progress("loading the pages")
        load_pages(checkout, tree, environment, arguments)
    progress("the members listing at scale (bench/members.py)")
    checkout.search = member_search(tree, arguments.entities)
    return checkout


def postgres_version():
    with admin_connection(POSTGRES_SERVER) as connection:
        return connection.execute("SHOW server_version").fetchone()[0].split()[0]


# Writing bench/RESULTS.md


def verdict(met):
    return "met" if met else "**MISSED**"


def ratio(result, static):
    return result.requests_per_second / static.requests_per_second


def cached_target(checkout):
    label, worst = min(
        ((page.label, ratio(page.cached, checkout.static)) for page in checkout.measured()),
        key=lambda pair: pair[1],
    )
    return f"{worst:.2f} x ({label}): {verdict(worst >= CACHED_TARGET)}"


def uncached_target(checkout):
    label, worst = min(
        ((page.label, ratio(page.uncached, checkout.static)) for page in checkout.measured()),
        key=lambda pair: pair[1],
    )
    missed = "" if worst >= UNCACHED_TARGET else f", {1 - worst / UNCACHED_TARGET:.0%} short"
    return f"{worst:.3f} x ({label}): {verdict(worst >= UNCACHED_TARGET)}{missed}"


def queries_target(checkout, scale):
    pages = checkout.measured()
    first = max(page.queries[scale]["first"] for page in pages)
    following = max(page.queries[scale]["next"] for page in pages)
    return f"{first} / {following}: {verdict(max(first, following) <= QUERIES_TARGET)}"


def constancy_target(checkout, fewer, more):
    grown = [
        f"{page.label} {page.queries[fewer]['first']}/{page.queries[fewer]['next']} → "
        f"{page.queries[more]['first']}/{page.queries[more]['next']}"
        for page in checkout.measured()
        if page.queries[more] != page.queries[fewer]
    ]
    return "met: the same on every page" if not grown else "**MISSED**: " + "; ".join(grown)


def searches(checkout):
    return [case for case in checkout.search["cases"] if "q=" in case["url"]]


def search_target(checkout):
    slowest = max(searches(checkout), key=lambda case: case["median_ms"])
    return (
        f"{slowest['median_ms']:.1f} ms ({slowest['label']}): "
        f"{verdict(slowest['median_ms'] < SEARCH_TARGET_MS)}"
    )


def errors_target(checkout):
    errors = checkout.static.errors + sum(
        result.errors
        for page in checkout.measured()
        for result in (page.cached, page.uncached_single, page.uncached)
    )
    return f"{errors}: {verdict(errors == 0)}"


def targets_table(checkouts, arguments):
    fewer, more = arguments.fewer_entities, arguments.entities
    rows = [
        (f"cached page ≥ {CACHED_TARGET} x the static file (slowest page)", cached_target),
        (
            f"uncached page ≥ {UNCACHED_TARGET} x the static file at {arguments.connections} "
            "connections (slowest page)",
            uncached_target,
        ),
        (
            f"≤ {QUERIES_TARGET} SQL queries per page at {more:,} entities (most of any page: "
            "first request / next)",
            lambda checkout: queries_target(checkout, more),
        ),
        (
            f"queries constant from {fewer:,} to {more:,} entities",
            lambda checkout: constancy_target(checkout, fewer, more),
        ),
        (
            f"member search < {SEARCH_TARGET_MS} ms server time at {more:,} entities on "
            "PostgreSQL (slowest search)",
            search_target,
        ),
        ("errors under load", errors_target),
    ]
    lines = [
        "| target | " + " | ".join(checkout.name for checkout in checkouts) + " |",
        "|---|" + "---|" * len(checkouts),
    ]
    lines += [
        f"| {label} | " + " | ".join(check(checkout) for checkout in checkouts) + " |"
        for label, check in rows
    ]
    return lines


def milliseconds(result):
    return f"{result.p50_ms:.1f} / {result.p99_ms:.1f}"


def pages_table(checkout, arguments):
    fewer, more = arguments.fewer_entities, arguments.entities
    connections = arguments.connections
    static = checkout.static
    lines = [
        f"| page | KB | cached req/s | cached / static | uncached p50 / p99 ms, 1 connection "
        f"| uncached p50 / p99 ms, {connections} connections | uncached req/s "
        f"| uncached / static | SQL queries at {fewer:,} entities | SQL queries at {more:,} "
        "entities | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| static file (whitenoise), p50 / p99 {milliseconds(static)} ms | | "
        f"{static.requests_per_second:,.0f} | 1.00 | | | | | | | {static.errors} |",
    ]
    for page in checkout.pages:
        name = f"{page.label} `{page.url}`"
        if not page.measured:
            missing = "not on this checkout" if page.status == 404 else "not measured"
            lines.append(f"| {name} | answered {page.status}: {missing} |" + " |" * 9)
            continue
        errors = sum(r.errors for r in (page.cached, page.uncached_single, page.uncached))
        lines.append(
            f"| {name} | {page.kilobytes:.0f} | {page.cached.requests_per_second:,.0f} "
            f"| {ratio(page.cached, static):.2f} | {milliseconds(page.uncached_single)} "
            f"| {milliseconds(page.uncached)} | {page.uncached.requests_per_second:,.0f} "
            f"| {ratio(page.uncached, static):.3f} "
            f"| {page.queries[fewer]['first']} / {page.queries[fewer]['next']} "
            f"| {page.queries[more]['first']} / {page.queries[more]['next']} | {errors} |"
        )
    return lines


def search_table(checkouts):
    cases = checkouts[0].search["cases"]
    lines = [
        "| request | "
        + " | ".join(f"{checkout.name}: server time, queries" for checkout in checkouts)
        + " |",
        "|---|" + "---:|" * len(checkouts),
    ]
    for number, case in enumerate(cases):
        cells = []
        for checkout in checkouts:
            result = checkout.search["cases"][number]
            status = "" if result["status"] == 200 else f" (status {result['status']})"
            cells.append(f"{result['median_ms']:.1f} ms, {result['queries']}{status}")
        lines.append(f"| {case['label']} `{case['url']}` | " + " | ".join(cells) + " |")
    return lines


def write_results(checkouts, arguments, load_before):
    load_after = os.getloadavg()[0]
    last = checkouts[-1]
    smoke = arguments.seconds < FULL_SECONDS or arguments.entities < FULL_ENTITIES
    lines = ["# Benchmark results", ""]
    if smoke:
        lines += [
            f"**Smoke run** ({arguments.seconds} s per row, {arguments.entities:,} entities): "
            "it shows that the benchmark runs, it is no measurement. `make bench` on a quiet "
            "machine makes one.",
            "",
        ]
    lines += [
        f"Measured by `make bench` on {datetime.date.today():%Y-%m-%d}, every checkout on the "
        f"same machine in one run, one after the other: {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PostgreSQL {postgres_version()} on loopback, cached pages "
        f"in {last.cache_name}. Each checkout ran its own gunicorn with the production settings "
        "and its own gunicorn.conf.py (one single-threaded worker per CPU, replaced after about "
        f"{last.max_requests:,} requests), on a fresh database of its own filled to the same "
        f"scale: {last.scale}. wrk with 2 threads for {arguments.seconds} s per row: the static "
        f"file and the cached pages at {arguments.connections} connections; the uncached pages, "
        "on a second server with the page cache off (`PAGE_CACHE_ENABLED=false`), at 1 and at "
        f"{arguments.connections}. Load average (1 min) {load_before:.1f} before the runs and "
        f"{load_after:.1f} after them (the benchmark itself adds about 2 while it runs).",
        "",
    ]
    lines += [f"- **{checkout.name}**: {checkout.description}" for checkout in checkouts]
    lines += ["", "## Targets", ""]
    lines += targets_table(checkouts, arguments)
    lines += [
        "",
        "Throughput is compared with the static file of the same checkout's run, as the "
        "machine's speed drifts. SQL queries are counted by bench/queries.py without the page "
        "cache: the first request after the cache was emptied (as after a content change, "
        "when whatever the site keeps in its cache is read again), then the next one, the "
        "ordinary cost of a page the page cache does not hold (as in the uncached rows).",
    ]
    for checkout in checkouts:
        lines += ["", f"## {checkout.name}: {checkout.description}", ""]
        lines += pages_table(checkout, arguments)
    lines += [
        "",
        f"## Members listing at {arguments.entities:,} entities on PostgreSQL",
        "",
        "bench/members.py: a fresh test database, the 947 municipalities of IDESCAT's export "
        "and synthetic entities; the median server time of 9 requests through Django's test "
        "client (page cache off, the cache warm after the first request), and its SQL queries.",
        "",
    ]
    lines += search_table(checkouts)
    print("\n".join(lines))
    RESULTS.write_text("\n".join([*lines, "", *notes()]))


def notes():
    """The hand-written section of the previous RESULTS.md, if any."""
    previous = RESULTS.read_text() if RESULTS.exists() else ""
    start = previous.find(NOTES_HEADING)
    return [previous[start:].rstrip("\n"), ""] if start >= 0 else []


def main():
    arguments = parse_arguments()
    check_tools()
    if not IDESCAT_EXPORT.exists():
        print(f"{IDESCAT_EXPORT} is missing: the registries hold synthetic entities only.")
    load_before = os.getloadavg()[0]
    checkouts = []
    if arguments.baseline:
        with git_worktree(arguments.baseline) as baseline:
            checkouts.append(measure("before", baseline, arguments))
    checkouts.append(measure("after", REPOSITORY, arguments))
    write_results(checkouts, arguments, load_before)
    progress(f"written to {RESULTS.relative_to(REPOSITORY)}")


if __name__ == "__main__":
    main()
