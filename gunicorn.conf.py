"""Gunicorn settings for production; every value can be changed from the environment.

Run with `gunicorn --config gunicorn.conf.py localret_site.wsgi` (the Docker image does).
"""

import math
import os

wsgi_app = "localret_site.wsgi:application"


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _available_cpus():
    """CPUs this process may really use: its affinity mask, lowered by a cgroup CPU quota."""
    cpus = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    try:
        with open("/sys/fs/cgroup/cpu.max") as cpu_max:
            quota, period = cpu_max.read().split()
        if quota != "max":
            cpus = min(cpus, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return cpus


# Listen on every interface inside the container; the port is the platform's choice.
bind = [f"0.0.0.0:{_env_int('PORT', 8000)}"]

# The usual 2 * cores + 1, capped so that a large host does not start dozens of processes that
# each hold their own database connections and memory.
workers = _env_int("WEB_CONCURRENCY", min(2 * _available_cpus() + 1, 8))
# Threads let a worker keep serving while one request waits on the database or a slow client;
# with more than one thread gunicorn uses its threaded worker.
threads = _env_int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"

timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so that a slow leak can never grow without bound; the jitter keeps
# them from all restarting at the same moment.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The heartbeat file lives in memory: a container's overlay disk can stall it and get healthy
# workers killed.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (a tmpfs, as gunicorn's documentation advises)

# Logs go to the container's output: access log to stdout, errors to stderr.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Gunicorn's runtime control socket defaults to one path per user ($HOME/.gunicorn), which two
# instances on one machine would fight over, and nothing here uses it; set a path to enable it.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# Gunicorn (since 20.1) sends "Server: gunicorn" with no version number, so the response does
# not advertise which release runs here; the proxy in front may drop the header altogether.
