"""Throughput and latency of the site under load: `make bench` (or `python bench/run.py`).

Builds a PostgreSQL database of its own (localret_bench, dropped at the end), installs the site,
fills it to a realistic scale (bench/seed_scale.py), and starts two gunicorn instances with the
production settings: one with the page cache (Redis database 7 when Redis answers, else the
database cache), one without it (PAGE_CACHE_ENABLED=false). wrk then loads each URL on loopback
for a bounded time, and the table of requests per second, p50 and p99 latency and errors is
written to bench/RESULTS.md, with each page's throughput as a ratio of the static file's.
"""

import argparse
import datetime
import json
import os
import platform
import runpy
import shutil
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from bench.harness import (  # noqa: E402
    IDESCAT_EXPORT,
    Gunicorn,
    fetch,
    postgres_available,
    shared_cache,
    site_at_scale,
    wrk,
)

RESULTS = REPOSITORY / "bench" / "RESULTS.md"
CACHED_PORT = 8111
UNCACHED_PORT = 8112
PAGES = [
    ("home", "/"),
    ("Qui som", "/qui-som/"),
    ("members listing", "/qui-som/municipis-adherits/"),
    ("member search", "/qui-som/municipis-adherits/?q=sant"),
    ("statutes", "/qui-som/estatuts/"),
    ("transparency section", "/qui-som/transparencia/contractacio-publica/"),
]
CACHED_TARGET = 0.5
UNCACHED_P99_TARGET_MS = 100


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=8)
    return parser.parse_args()


def check_tools():
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    if not postgres_available():
        sys.exit("PostgreSQL does not answer at 127.0.0.1:5432 (set BENCH_POSTGRES to another)")


def max_requests():
    """After how many requests gunicorn.conf.py has a worker replaced, as in production."""
    return runpy.run_path(str(REPOSITORY / "gunicorn.conf.py"))["max_requests"]


def static_file_url():
    """The hashed stylesheet, as the production pages link it."""
    manifest = json.loads((REPOSITORY / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def check_answers(server, urls):
    for url in urls:
        status, _body = fetch(server.url + url, timeout=30)
        if status != 200:
            sys.exit(f"{server.url}{url} answered {status} before the load started")


def load(server, label, url, arguments):
    """wrk's result and the size of the answer, in KB."""
    _status, body = fetch(server.url + url, timeout=30)  # the first request fills the cache
    result = wrk(server.url + url, arguments.connections, arguments.seconds)
    print(f"  {label:<32} {result.row}", flush=True)
    return result, len(body) / 1024


def write_results(rows, static, cache_name, scale, arguments, load_before):
    load_after = os.getloadavg()[0]
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {datetime.date.today():%Y-%m-%d}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, PostgreSQL on loopback, gunicorn with the "
        "production settings and gunicorn.conf.py's defaults (one single-threaded worker per "
        f"CPU: {os.cpu_count()} here, each replaced after about {max_requests():,} requests). "
        "wrk with "
        f"2 threads and {arguments.connections} connections for {arguments.seconds} s per row, "
        f"on the same machine. Data: {scale}. Cached pages: {cache_name}.",
        "",
        '"Uncached" is a second server with the whole-page cache off (PAGE_CACHE_ENABLED=false): '
        "every request renders its page. The data that changes only with the content (the "
        "request's site, settings and page, the menu, the header and footer, today's members "
        "and their totals, a transparency section's pages of items: "
        "localret_site/caching/derived.py) stays in the shared cache and in each worker, as it "
        "does for a page the page cache does not hold yet; a search is still run on every "
        "request, over today's members in memory.",
        "",
        f"Other work on the machine: load average (1 min) {load_before:.1f} before the load "
        f"runs, {load_after:.1f} after them (the benchmark itself adds about 2 while it runs).",
        "",
        "| request | page cache | KB | requests/s | p50 ms | p99 ms | requests | errors | "
        "throughput / static |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, mode, (result, size) in rows:
        ratio = result.requests_per_second / static.requests_per_second
        lines.append(f"| {label} | {mode} | {size:.0f} | {result.row} | {ratio:.2f} |")
    cached = [(label, result) for label, mode, (result, _size) in rows if mode == "cached"]
    uncached = [(label, result) for label, mode, (result, _size) in rows if mode == "uncached"]
    worst_cached = min(result.requests_per_second for _label, result in cached)
    worst_p99 = max(result.p99_ms for _label, result in uncached)
    errors = sum(result.errors for _label, _mode, (result, _size) in rows)
    lines += [
        "",
        "Targets:",
        f"- cached page ≥ {CACHED_TARGET} x static throughput: slowest cached page "
        f"{worst_cached / static.requests_per_second:.2f} x "
        f"({'met' if worst_cached >= CACHED_TARGET * static.requests_per_second else 'MISSED'})",
        f"- uncached p99 < {UNCACHED_P99_TARGET_MS} ms at {arguments.connections} connections: "
        f"worst {worst_p99:.1f} ms "
        f"({'met' if worst_p99 < UNCACHED_P99_TARGET_MS else 'MISSED'})",
        f"- no errors: {errors} ({'met' if errors == 0 else 'MISSED'})",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


def main():
    arguments = parse_arguments()
    check_tools()
    print("Installing the site into localret_bench…", flush=True)
    with site_at_scale("localret_bench") as (environment, scale):
        print(scale)
        if not IDESCAT_EXPORT.exists():
            scale += " (no reference municipalities: the shared data is missing)"
        cache_environment, cache_name = shared_cache()
        cached = Gunicorn(CACHED_PORT, {**environment, **cache_environment})
        # The same services (Wagtail keeps its site lookups in the cache too), no page cache.
        uncached = Gunicorn(
            UNCACHED_PORT, {**environment, **cache_environment, "PAGE_CACHE_ENABLED": "false"}
        )
        with cached, uncached:
            urls = [url for _label, url in PAGES]
            check_answers(cached, urls)
            check_answers(uncached, urls)
            load_before = os.getloadavg()[0]
            print(f"  {'request':<32} requests/s | p50 ms | p99 ms | requests | errors")
            static = load(cached, "static file", static_file_url(), arguments)
            rows = [("static file (whitenoise)", "-", static)]
            for mode, server in (("cached", cached), ("uncached", uncached)):
                for label, url in PAGES:
                    rows.append((label, mode, load(server, f"{label} ({mode})", url, arguments)))
        write_results(rows, static[0], cache_name, scale, arguments, load_before)
    print(f"Written to {RESULTS.relative_to(REPOSITORY)}")


if __name__ == "__main__":
    main()
