# syntax=docker/dockerfile:1
# check=skip=SecretsUsedInArgOrEnv
# Production image of the Localret website: gunicorn serving Django + Wagtail, static files
# collected at build time and served by whitenoise. Build: `docker build -t localret .`

# --- 1. Dependencies, installed into a virtualenv that the final image copies whole ---------------
FROM python:3.11-slim AS dependencies

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"

COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt

# --- 2. Runtime ------------------------------------------------------------------------------------
FROM python:3.11-slim

ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=localret_site.settings.production \
    PORT=8000

# The application runs as an unprivileged user that owns nothing but the media folder.
RUN groupadd --system --gid 10001 localret \
    && useradd --system --uid 10001 --gid localret --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin localret

COPY --from=dependencies /opt/venv /opt/venv

WORKDIR /app
COPY . .

# collectstatic needs settings that import, not real secrets: these dummy values exist only for
# this RUN step and are not stored in the image's environment (hence the skipped build check on
# secrets in ARG, above). The compiled Catalan catalogue (.mo) is committed: no gettext needed.
ARG BUILD_SECRET_KEY=collectstatic-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz
ARG BUILD_DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3
RUN SECRET_KEY="$BUILD_SECRET_KEY" DATABASE_URL="$BUILD_DATABASE_URL" \
        python manage.py collectstatic --noinput --verbosity 1 \
    && python -m compileall -q /app \
    && mkdir -p /app/media \
    && chown localret:localret /app/media \
    && chmod 0755 /app/docker-entrypoint.sh

USER localret:localret

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=6s --start-period=60s --retries=3 \
    CMD ["/app/docker-entrypoint.sh", "healthcheck"]

ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["web"]
