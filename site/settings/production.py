"""Production: every secret and host comes from the environment; a missing one stops start-up.

README, "Production", lists every variable; `.env.example` is a filled-in template.
"""

import os

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, LOGGING
from .base import MIDDLEWARE as BASE_MIDDLEWARE
from .media import media_settings


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
# Static files are served by the application itself, compressed and with far-future caching;
# after the middleware that sets the security headers, so that static files carry them too.
_AFTER_HEADERS = (
    BASE_MIDDLEWARE.index("home.security_headers.CrossOriginResourcePolicyMiddleware") + 1
)
MIDDLEWARE = [
    *BASE_MIDDLEWARE[:_AFTER_HEADERS],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *BASE_MIDDLEWARE[_AFTER_HEADERS:],
]
SECRET_KEY = required("SECRET_KEY")
# No quiet fall-back to a SQLite file in the container: production names its database.
DATABASES = {
    "default": dj_database_url.parse(
        required("DATABASE_URL"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request (and /healthz) in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
# The demo's accounts share a published password: `load_demo` refuses to run here.
DEMO_ALLOWED = False
ALLOWED_HOSTS = required("ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"

# Uploads: an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set, else MEDIA_ROOT served
# by the application under /media/ (site/settings/media.py; README, "Media").
_media = media_settings(os.environ)
STORAGES = {
    "default": _media["storage"],
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = _media["url"]
SERVE_MEDIA = _media["serve"]
if _media["origin"]:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_media["origin"])

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)  # noqa: F405
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # noqa: F405

# Background work in its own process: `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's Redis cache, with an outage of Redis read as misses (core/cache.py).
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # A Redis that hangs costs a second, not a worker (and /healthz answers 503).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
# Without a shared cache each worker would keep its own copy of the page tree (and serve an
# unpublished or newly private page until it expired): route through the database instead.
ROUTE_CACHE = env_bool("ROUTE_CACHE", bool(os.environ.get("REDIS_URL")))  # noqa: F405

# One JSON object per line on stdout, with the request id (core/request_log.py); LOG_FORMAT=plain
# for a person reading a terminal.
LOGGING = {
    **LOGGING,
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
if os.environ.get("LOG_FORMAT", "json") == "json":
    LOGGING["formatters"] = {
        **LOGGING["formatters"],
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    }
    LOGGING["handlers"] = {
        "console": {**LOGGING["handlers"]["console"], "formatter": "json"},
    }

# Error reporting to Sentry or a compatible service (GlitchTip, an EU-hosted or self-hosted
# Sentry) when a DSN is given: no personal data is sent (no user, cookies or IP addresses).
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
