# The De Deelfabriek image: one image, four roles (README, "Production"):
#   scripts/web (the default), scripts/worker, scripts/scheduler and scripts/release.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=deelfabriek.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private-media \
    PORT=8000

# The PostgreSQL client makes and restores backups (backup_site): version 15 on Debian 12,
# the same major version as the database in compose.yaml.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .
# Editable, so that the project's folders (templates, static, locale) stay where the settings
# expect them (docs/architecture.md, "Apps").
RUN pip install --no-deps -e . \
    && SECRET_KEY=build-only ALLOWED_HOSTS=build WAGTAILADMIN_BASE_URL=https://build \
       DATABASE_URL=sqlite:////tmp/build.sqlite3 scripts/build \
    && useradd --system --uid 10001 --home-dir /app deelfabriek \
    && mkdir -p /data/media /data/private-media \
    && chown -R deelfabriek /data

USER deelfabriek
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["scripts/web"]
