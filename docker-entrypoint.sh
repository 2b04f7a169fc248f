#!/bin/sh
# Entry point of the Docker image.
#   web          (default) wait for the database, apply migrations, then run gunicorn
#   release      wait for the database, apply migrations, create the missing parts of the
#                site's page tree (seed_site, no demo content), then exit (one step per
#                deployment, with every replica started with MIGRATE_ON_START=0)
#   healthcheck  ask this container's own /healthz; exit 0 only on 200
#   anything else is run as given, e.g. `python manage.py createsuperuser`
#
# Without DATABASE_URL, the database is POSTGRES_HOST (with POSTGRES_PORT, POSTGRES_DB,
# POSTGRES_USER and POSTGRES_PASSWORD, as the postgres image names them).
set -eu

if [ -z "${DATABASE_URL:-}" ] && [ -n "${POSTGRES_HOST:-}" ]; then
    # Built here, not written in docker-compose.yml, because a password may hold any character
    # (@ / : # % …) and a URL must carry each part percent-encoded.
    DATABASE_URL="$(python - <<'PY'
import os
from urllib.parse import quote

part = os.environ.get
print(
    "postgres://{}:{}@{}:{}/{}".format(
        quote(part("POSTGRES_USER") or "postgres", safe=""),
        quote(part("POSTGRES_PASSWORD") or "", safe=""),
        part("POSTGRES_HOST"),
        part("POSTGRES_PORT") or "5432",
        quote(part("POSTGRES_DB") or "localret", safe=""),
    )
)
PY
)"
    export DATABASE_URL
fi

wait_for_database() {
    # A database that is still starting should not make the container exit at once.
    python - "${DB_WAIT_SECONDS:-30}" <<'PY'
import sys
import time

import django
from django.db import connection
from django.db.utils import OperationalError

django.setup()
deadline = time.monotonic() + int(sys.argv[1])
while True:
    try:
        connection.ensure_connection()
        break
    except OperationalError as error:
        if time.monotonic() > deadline:
            sys.exit(f"The database did not answer in time: {error}")
        print("Waiting for the database...", flush=True)
        time.sleep(1)
PY
}

healthcheck() {
    python - <<'PY'
import os
import sys
import urllib.request

# Django only answers host names it is told to serve, so ask as the first of ALLOWED_HOSTS.
hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
request = urllib.request.Request(
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz", headers={"Host": host}
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:
    sys.exit(f"healthz: {error}")
PY
}

case "${1:-web}" in
    web)
        wait_for_database
        # With several replicas, let one of them (or a release step) migrate: MIGRATE_ON_START=0.
        if [ "${MIGRATE_ON_START:-1}" = "1" ]; then
            python manage.py migrate --noinput
        fi
        exec gunicorn --config gunicorn.conf.py
        ;;
    release)
        wait_for_database
        # Also creates the database cache's table, and makes cached pages of the previous
        # release stale (see localret_site/caching).
        python manage.py migrate --noinput
        # A new deployment shows the site's pages, not Wagtail's welcome page; on later releases
        # this adds only what is missing and never overwrites an editor's change.
        python manage.py seed_site
        ;;
    healthcheck)
        healthcheck
        ;;
    *)
        exec "$@"
        ;;
esac
