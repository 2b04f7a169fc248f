"""Gunicorn settings for production; every value can be changed from the environment.

Run with `gunicorn --config gunicorn.conf.py localret_site.wsgi` (the Docker image does).
"""

import gc
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

# One single-threaded worker per CPU. Rendering a page is CPU work (its queries take well under a
# millisecond each), and Python runs one thread of a process at a time: more workers or threads
# than CPUs add no throughput, only requests waiting on each other half-rendered. Measured on
# 2 cores at 8 connections, "Qui som" uncached: 2 workers x 1 thread answered with a p99 of
# 72 ms, 3 x 1 with 92 ms, 4 x 1 with 197 ms; the home page with 5 x 4 threads (the former
# default) with 315 ms, against 69 ms with 2 x 1.
# Slow clients never hold a worker: the proxy in front (nginx) buffers requests and responses.
# Capped so that a large host does not start dozens of processes, each with its own database
# connection and memory.
workers = _env_int("WEB_CONCURRENCY", min(_available_cpus(), 8))
# More than one thread makes gunicorn use its threaded worker, for an application that waits on
# slow services; this one does not.
threads = _env_int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)

# Replace a worker now and then so that a slow leak can never grow without bound; the jitter
# keeps them from all restarting at the same moment. No growth shows in 60 s at 32 connections
# (`make bench-soak`), and a new worker's first requests are slower (it fetches from the cache
# what the content is now): every 10,000 requests is once a minute or two at full load. After
# 1,000, a worker serving cached pages was replaced every second or two.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 10_000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 1_000)

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


# The master loads the application and does what a worker would otherwise do on its first
# requests (localret_site/warmup.py); the workers are forked from it. A worker then starts in a
# few milliseconds, warm, where importing everything took some 2 s and its first request 300 ms:
# that was paid again each time max_requests recycled a worker, every few seconds under load.
preload_app = True


def when_ready(server):
    """In the master, once the application is loaded and before the first worker is forked.

    Django, Wagtail and the project's modules are hundreds of thousands of objects that live as
    long as the process. Frozen, the garbage collector never walks them again: a full collection
    walked them all, stopping a request for some 30 to 100 ms once in every few hundred
    requests. Freezing them before the fork also leaves the memory pages the workers share
    untouched by the workers' collections.
    """
    from localret_site.warmup import warm_up

    warm_up()
    gc.collect()
    gc.freeze()
