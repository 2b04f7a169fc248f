"""PostgreSQL restarts while the site is under load: `make bench-restart`.

A throwaway PostgreSQL server of its own (initdb into a temporary folder, port 5499) holds the
site, so the machine's shared server is never touched. gunicorn serves it with the production
settings and the page cache off (every request needs the database), while a bounded load of
parallel requests runs. Midway the server is stopped and started again. The run passes when:
- requests fail only while PostgreSQL is down, and then with the Catalan 503 page;
- the workers survive (the same worker processes before and after);
- every request answers 200 again within 2 seconds of PostgreSQL's return.
"""

import argparse
import glob
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from bench.harness import LOOPBACK, Gunicorn, fetch, site_at_scale  # noqa: E402

PORT = 5499
APP_PORT = 8114
URLS = ["/", "/qui-som/", "/qui-som/municipis-adherits/?q=sant", "/qui-som/estatuts/"]
CATALAN_503 = "Error temporal"
RECOVERY_LIMIT_SECONDS = 2.0


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--down-seconds", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=8)
    return parser.parse_args()


def postgres_bin(program):
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))
    if not candidates:
        sys.exit(f"PostgreSQL's {program} was not found under /usr/lib/postgresql")
    return candidates[-1]


def as_postgres(*command):
    """PostgreSQL refuses to run as root."""
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class ThrowawayPostgres:
    def __init__(self, port):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="localret-pg-"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.server = f"postgres://postgres@{LOOPBACK}:{port}"

    def pg_ctl(self, *arguments):
        as_postgres(postgres_bin("pg_ctl"), "--pgdata", str(self.data), "--wait", *arguments)

    def start(self):
        self.pg_ctl(
            "--log",
            str(self.folder / "server.log"),
            "--options",
            f"-p {self.port} -c listen_addresses={LOOPBACK} -k {self.folder} -c fsync=off",
            "start",
        )

    def stop(self):
        self.pg_ctl("--mode=fast", "stop")

    @contextmanager
    def running(self):
        as_postgres(
            postgres_bin("initdb"),
            "--pgdata",
            str(self.data),
            "--auth=trust",
            "--username=postgres",
        )
        self.start()
        try:
            yield self
        finally:
            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    postgres_bin("pg_ctl"),
                    "--pgdata",
                    str(self.data),
                    "--mode=immediate",
                    "stop",
                ],
                check=False,
                capture_output=True,
            )
            shutil.rmtree(self.folder, ignore_errors=True)


class Load:
    """Clients that request the URLs in turn until told to stop; every answer is recorded."""

    def __init__(self, base_url, clients):
        self.base_url = base_url
        self.clients = clients
        self.records = []  # (seconds since start, status, Catalan 503 page?)
        self.stopping = threading.Event()
        self.started = time.monotonic()

    def client(self, number):
        turn = number
        while not self.stopping.is_set():
            url = URLS[turn % len(URLS)]
            turn += 1
            try:
                status, body = fetch(self.base_url + url, timeout=10)
            except OSError:
                status, body = 0, b""
            catalan = status == 503 and CATALAN_503 in body.decode("utf-8", "replace")
            self.records.append((time.monotonic() - self.started, status, catalan))

    def __enter__(self):
        self.threads = [
            threading.Thread(target=self.client, args=(number,)) for number in range(self.clients)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=15)

    def now(self):
        return time.monotonic() - self.started


def report(records, down_at, up_at, workers_before, workers_after):
    before = [r for r in records if r[0] < down_at]
    during = [r for r in records if down_at <= r[0] < up_at]
    after = [r for r in records if r[0] >= up_at]
    failures_outside = [r for r in before if r[1] != 200]
    bad_failures = [r for r in during if r[1] != 200 and not r[2]]
    last_failure = max((r[0] for r in after if r[1] != 200), default=up_at)
    recovery = last_failure - up_at
    late_failures = [r for r in after if r[1] != 200 and r[0] > up_at + RECOVERY_LIMIT_SECONDS]
    print(f"requests before the stop: {len(before)}, all 200: {not failures_outside}")
    print(
        f"while PostgreSQL was down ({up_at - down_at:.1f} s): {len(during)} requests, "
        f"{sum(1 for r in during if r[2])} Catalan 503 pages, "
        f"{sum(1 for r in during if r[1] == 200)} answered 200, "
        f"{len(bad_failures)} other failures"
    )
    print(
        f"after its return: {len(after)} requests; last failure {recovery:.2f} s after the "
        f"return (limit {RECOVERY_LIMIT_SECONDS} s)"
    )
    print(f"worker processes before {workers_before}, after {workers_after}")
    passed = (
        not failures_outside
        and not bad_failures
        and not late_failures
        and workers_before == workers_after
    )
    print("PASSED" if passed else "FAILED")
    return passed


def main():
    arguments = parse_arguments()
    postgres = ThrowawayPostgres(PORT)
    with postgres.running():
        print(f"Throwaway PostgreSQL on {LOOPBACK}:{PORT} in {postgres.folder}", flush=True)
        with site_at_scale(
            "localret_restart", server=postgres.server, entities=2_000, people=50, items=200
        ) as (environment, scale):
            print(scale, flush=True)
            # Workers are never replaced: the same ones must be serving after the restart.
            server = Gunicorn(
                APP_PORT, {**environment, "PAGE_CACHE_ENABLED": "false"}, max_requests=0
            )
            with server:
                workers_before = server.worker_pids()
                with Load(server.url, arguments.clients) as load:
                    time.sleep(4)
                    down_at = load.now()
                    postgres.stop()
                    time.sleep(arguments.down_seconds)
                    postgres.start()
                    up_at = load.now()
                    time.sleep(6)
                workers_after = server.worker_pids()
    passed = report(load.records, down_at, up_at, workers_before, workers_after)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
