"""Processes for the benchmarks and the deployment tests: PostgreSQL databases made for one run,
the site installed into them, gunicorn instances with production settings, and wrk.

Everything listens on and is sent to 127.0.0.1 only. Each helper stops what it started.

The site's code comes from a checkout, `tree`: this one unless said otherwise. `make bench` also
measures a temporary checkout of an older commit (`git_worktree`) with this checkout's scripts,
so the scripts that run inside the site (seed_scale.py, queries.py, members.py) are given the
checkout whose code they load (`setup_django`).
"""

import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

REPOSITORY = Path(__file__).resolve().parents[1]
BENCH = REPOSITORY / "bench"
PYTHON = sys.executable
LOOPBACK = "127.0.0.1"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", f"postgres://postgres@{LOOPBACK}:5432")
REDIS_SERVER = os.environ.get("BENCH_REDIS", f"redis://{LOOPBACK}:6379")
REFERENCE_DIR = REPOSITORY.parent / "shared" / "data" / "reference"
IDESCAT_EXPORT = REFERENCE_DIR / "idescat_comarques_i_municipis.csv"


def postgres_available(server=POSTGRES_SERVER):
    try:
        psycopg.connect(f"{server}/postgres", connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


def redis_available(server=REDIS_SERVER):
    import redis

    try:
        return redis.Redis.from_url(server, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


# The Redis database the benchmarks and deployment tests may empty; nothing else uses it.
REDIS_DATABASE = 7


def shared_cache():
    """The environment that gives server processes a shared cache, emptied, and its name:
    Redis database 7 when Redis answers, else the database cache."""
    if redis_available():
        import redis

        url = f"{REDIS_SERVER}/{REDIS_DATABASE}"
        redis.Redis.from_url(url).flushdb()
        return {"REDIS_URL": url}, f"Redis (database {REDIS_DATABASE})"
    return {}, "the database cache (Redis does not answer)"


def admin_connection(server):
    return psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)


def drop_database(name, server=POSTGRES_SERVER):
    with admin_connection(server) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextmanager
def database(name, server=POSTGRES_SERVER):
    """A new, empty database for the length of the block; its URL."""
    drop_database(name, server)
    with admin_connection(server) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{server}/{name}"
    finally:
        drop_database(name, server)


def production_environment(database_url, **overrides):
    """The environment of a production process on this machine, over plain HTTP on loopback."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localret_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{LOOPBACK},localhost",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
        "PYTHONUNBUFFERED": "1",
    }
    environment.pop("REDIS_URL", None)
    environment.update(overrides)
    return environment


def manage(environment, *arguments, quiet=True, tree=REPOSITORY):
    """Run a manage.py command in its own process, with the given environment."""
    subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=tree,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def install_site(environment, tree=REPOSITORY):
    """Migrate, collect the static files the production storage serves, and seed the pages."""
    manage(environment, "migrate", "--noinput", tree=tree)
    manage(environment, "collectstatic", "--noinput", tree=tree)
    manage(environment, "seed_site", tree=tree)


def run_script(name, environment, *arguments, tree=REPOSITORY):
    """One of this checkout's bench scripts, run inside the site of `tree`; its output."""
    return subprocess.run(
        [PYTHON, str(BENCH / name), f"--tree={tree}", *arguments],
        cwd=tree,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def fill_to_scale(environment, entities=10_000, people=200, items=1_000, tree=REPOSITORY):
    """bench/seed_scale.py in its own process; returns what it reports. A registry it filled
    before keeps its entities and gets the missing ones."""
    return run_script(
        "seed_scale.py",
        environment,
        f"--entities={entities}",
        f"--people={people}",
        f"--items={items}",
        tree=tree,
    )


@contextmanager
def site_at_scale(name, server=POSTGRES_SERVER, tree=REPOSITORY, **scale):
    """A database of its own with the site installed and filled; the production environment
    and the report of what was loaded."""
    with database(name, server) as database_url:
        environment = production_environment(database_url)
        install_site(environment, tree)
        yield environment, fill_to_scale(environment, **scale, tree=tree)


def setup_django(tree, settings_module="localret_site.settings.production"):
    """Start Django in this process with the code of the checkout at `tree` (a script run
    inside the site: its own folder, bench/, comes after it, so `members` is the app)."""
    sys.path.insert(0, str(tree))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def tree_argument(parser):
    """The --tree option of the scripts that run inside the site."""
    parser.add_argument(
        "--tree",
        type=Path,
        default=REPOSITORY,
        help="the checkout whose code is measured (default: this one)",
    )


def git(*arguments, tree=REPOSITORY):
    return subprocess.run(
        ["git", *arguments], cwd=tree, check=True, capture_output=True, text=True
    ).stdout.strip()


def describe_checkout(tree):
    """The commit a checkout is at, its subject, and whether files differ from it."""
    commit = git("log", "-1", "--format=%h %s", tree=tree)
    changed = git("status", "--porcelain", "--untracked-files=no", tree=tree)
    return commit + (" (with uncommitted changes)" if changed else "")


@contextmanager
def git_worktree(ref):
    """A temporary checkout of `ref` (a commit, branch or tag of this repository), removed at
    the end with whatever was written into it."""
    directory = Path(tempfile.mkdtemp(prefix="localret-baseline-"))
    git("worktree", "add", "--detach", "--quiet", str(directory), ref)
    try:
        yield directory
    finally:
        git("worktree", "remove", "--force", str(directory))


def fetch(url, host=LOOPBACK, timeout=5, data=None, headers=None):
    """(status, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(  # noqa: S310 (http:// on loopback only)
        url, data=data, headers={"Host": host, **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Gunicorn:
    """A gunicorn master with production settings, bound to 127.0.0.1:port."""

    def __init__(
        self,
        port,
        environment,
        workers=None,
        threads=None,
        max_requests=None,
        log_path=None,
        tree=REPOSITORY,
    ):
        """Without workers, threads and max_requests (after how many requests a worker is
        replaced; 0 for never), the checkout's gunicorn.conf.py chooses them as in production."""
        self.port = port
        self.tree = tree
        self.url = f"http://{LOOPBACK}:{port}"
        self.environment = dict(environment)
        if workers:
            self.environment["WEB_CONCURRENCY"] = str(workers)
        if threads:
            self.environment["GUNICORN_THREADS"] = str(threads)
        if max_requests is not None:
            self.environment["GUNICORN_MAX_REQUESTS"] = str(max_requests)
        self.log_path = log_path or Path(tempfile.gettempdir()) / f"localret-gunicorn-{port}.log"
        self.process = None

    def start(self, timeout=30):
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"{LOOPBACK}:{self.port}",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=self.tree,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited; see {self.log_path}")
            try:
                if fetch(f"{self.url}/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn on port {self.port} did not answer in {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def worker_pids(self):
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def worker_memory_kib(self):
        """Resident memory of each worker, by pid."""
        memory = {}
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            memory[pid] = int(re.search(r"VmRSS:\s+(\d+)", status)[1])
        return memory


@dataclass
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int

    @property
    def row(self):
        return (
            f"{self.requests_per_second:,.0f} | {self.p50_ms:.1f} | {self.p99_ms:.1f} | "
            f"{self.requests:,} | {self.errors}"
        )


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def wrk(url, connections=8, seconds=10, threads=2, host=LOOPBACK, script=None):
    """Load one URL (or the paths a Lua script picks) with wrk for a bounded time; errors are
    socket errors plus non-2xx/3xx answers."""
    output = subprocess.run(
        [
            *(["wrk", f"--script={script}"] if script else ["wrk"]),
            f"--threads={min(threads, connections)}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            f"--timeout={max(2, seconds)}s",
            "--latency",
            "--header",
            f"Host: {host}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    ).stdout
    percentile = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return LoadResult(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        p50_ms=_milliseconds(percentile["50"]),
        p99_ms=_milliseconds(percentile["99"]),
        requests=int(re.search(r"(\d+) requests in", output)[1]),
        errors=(sum(map(int, socket_errors.groups())) if socket_errors else 0)
        + (int(non_success[1]) if non_success else 0),
    )
