"""A minute at 32 connections: `make bench-soak`. Passes with zero errors and worker memory
growth under 10 %.

A site of its own at realistic scale (localret_soak, dropped at the end), gunicorn with the
production settings, the page cache on and worker recycling off (so that a leak would show).
wrk requests a rotation of pages, member pages and searches (cache hits and misses alike) for
a warm-up, then for 60 s; the workers' resident memory is read before and after that minute.
"""

import argparse
import random
import sys
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from bench.harness import Gunicorn, shared_cache, site_at_scale, wrk  # noqa: E402

APP_PORT = 8116
PAGES = [
    "/",
    "/qui-som/",
    "/qui-som/estatuts/",
    "/qui-som/organs-de-govern/",
    "/qui-som/municipis-adherits/",
    "/qui-som/transparencia/",
    "/qui-som/transparencia/contractacio-publica/",
    "/avis-legal/",
]
SEARCHES = ["sant", "vila", "hospitalet", "consorci", "girona", "lleida", "tarragona", "serveis"]
GROWTH_LIMIT = 0.10


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    return parser.parse_args()


def rotation_script(paths):
    """A wrk Lua script that requests the paths in turn."""
    quoted = ", ".join(f'"{path}"' for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            f"local paths = {{{quoted}}}\n"
            "local turn = 0\n"
            "request = function()\n"
            "  turn = turn % #paths + 1\n"
            "  return wrk.format(nil, paths[turn])\n"
            "end\n"
        )
    return script.name


def main():
    arguments = parse_arguments()
    with site_at_scale("localret_soak") as (environment, scale):
        print(scale, flush=True)
        cache_environment, cache_name = shared_cache()
        generator = random.Random(60)
        paths = [
            *PAGES,
            *(f"/qui-som/municipis-adherits/?q={word}" for word in SEARCHES),
            *(f"/qui-som/municipis-adherits/?lletra={letter}" for letter in "ABCGLMPST"),
        ]
        generator.shuffle(paths)
        script = rotation_script(paths)
        # Workers are never replaced: the memory measured is the application's own.
        with Gunicorn(APP_PORT, {**environment, **cache_environment}, max_requests=0) as server:
            warm_up = wrk(server.url + "/", arguments.connections, 10, script=script)
            before = server.worker_memory_kib()
            result = wrk(server.url + "/", arguments.connections, arguments.seconds, script=script)
            after = server.worker_memory_kib()
    Path(script).unlink()
    growth = (sum(after.values()) - sum(before.values())) / sum(before.values())
    largest = max((after[pid] - before[pid]) / before[pid] for pid in before if pid in after)
    print(f"page cache in {cache_name}; {len(paths)} URLs in rotation")
    print(f"warm-up: {warm_up.row}")
    print(
        f"{arguments.seconds} s at {arguments.connections} connections: requests/s | p50 ms | "
        f"p99 ms | requests | errors = {result.row}"
    )
    print(f"worker memory (KiB) before {before}, after {after}")
    print(f"growth: all workers {growth:+.1%}, largest of one worker {largest:+.1%}")
    passed = result.errors == 0 and largest < GROWTH_LIMIT and set(before) == set(after)
    print("PASSED" if passed else "FAILED")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
