"""Settings shared by every environment; per-deployment values come from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


# Our apps, from the top layer down: an app imports only the apps below it (the layers
# contract in pyproject.toml, checked by the test command; docs/architecture.md).
INSTALLED_APPS = [
    "demo",
    "home",
    "search",
    "catalogue",
    "lending",
    "members",
    "initiatives",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First: every response and every log line of the request carry its id (core/request_log.py).
    "core.request_log.RequestIdMiddleware",
    # /healthz for the load balancer: before the HTTPS redirect and the host name check.
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy and Cross-Origin-Resource-Policy on every response.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "home.security_headers.CrossOriginResourcePolicyMiddleware",
    # Whole pages for visitors without a session, from the shared cache (core/page_cache.py).
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "home.middleware.IncompleteFormMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp, with the admin's own policy under its prefixes.
    "home.security_headers.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "deelfabriek.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.layout_cache.layout",
                "core.userbar.context",
            ],
        },
    },
]

WSGI_APPLICATION = "deelfabriek.wsgi.application"

# SQLite by default (nothing to install); PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the database lock instead of failing with "database is locked". The
    # write-ahead log lets readers go on while one writes and, with synchronous=NORMAL, a
    # commit costs no disk sync (a power cut may lose the last commits, never the file):
    # bench/reservations.py measured 8.2 -> 5.4 ms per reservation.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Members log in with their e-mail address; volunteers and coordinators keep their usernames in
# the admin. django-axes goes first so that a locked-out e-mail or username gets no further.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "members.backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "members:login"
LOGIN_REDIRECT_URL = "members:account"
LOGOUT_REDIRECT_URL = "/"
# How long the link in the sign-up e-mail stays valid (members/accounts.py).
MEMBERS_CONFIRMATION_MAX_AGE = datetime.timedelta(days=3)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed attempts an e-mail address
# (or admin username) is locked for AXES_COOLOFF_TIME from the client that failed: the pair of
# address and client IP is locked, not the address. Locking the address alone let anyone who
# knows it (a volunteer's, the coordinator's) keep its owner out from anywhere by failing on
# purpose; locking the IP alone would lock a whole network (the building's Wi-Fi, a school, a
# mobile operator's NAT). The price: a guesser gets AXES_FAILURE_LIMIT tries per cool-off per
# IP address, so many addresses guess faster; an IPv6 client counts as its /64 network, and the
# password validators below keep out the common passwords such guessing tries first.
# Attempts are kept in the database so that every process sees them; resetting the password
# lifts every lock of the address, and erasing an account removes that account's entries.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "members.throttling.username_for_lockout"
AXES_CLIENT_IP_CALLABLE = "members.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "members.throttling.lockout_response"
AXES_VERBOSE = False
# How many reverse proxies in front of the application add to X-Forwarded-For. Behind them
# REMOTE_ADDR is the nearest proxy, the same for every visitor, so the lock would fall back to
# the address alone; with the count set, the client is the address the outermost proxy saw.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch first, then French and English. Right-to-left interface languages
# (for example Arabic) can be added with EXTRA_INTERFACE_LANGUAGES=ar; they serve
# Dutch page content with a translated, mirrored interface.
LANGUAGE_CODE = "nl"
# English dates day first ("4 December 2026"), as in Belgium: site/formats/en/formats.py.
FORMAT_MODULE_PATH = ["deelfabriek.formats"]
WAGTAIL_CONTENT_LANGUAGES = [
    ("nl", "Nederlands"),
    ("fr", "Français"),
    ("en", "English"),
]
_EXTRA_LANGUAGE_NAMES = {"ar": "العربية"}
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES + [
    (code, _EXTRA_LANGUAGE_NAMES.get(code, code)) for code in env_list("EXTRA_INTERFACE_LANGUAGES")
]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# publiq's UiTPAS API v4 checks a kansentarief (members/uitpas.py; README, "UiTPAS"):
# "http" with credentials, "fake" for development, empty for checking by hand.
UITPAS_CHECKER = os.environ.get("UITPAS_CHECKER", "")
UITPAS_API_URL = os.environ.get("UITPAS_API_URL", "https://api-test.uitpas.be")
UITPAS_TOKEN_URL = os.environ.get("UITPAS_TOKEN_URL", "https://account-test.uitid.be/oauth/token")
UITPAS_AUDIENCE = os.environ.get("UITPAS_AUDIENCE", "https://api.publiq.be")
UITPAS_CLIENT_ID = os.environ.get("UITPAS_CLIENT_ID", "")
UITPAS_CLIENT_SECRET = os.environ.get("UITPAS_CLIENT_SECRET", "")

# Social-tariff evidence: never under MEDIA_ROOT, never served (docs/architecture.md,
# "Joining online").
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long an anonymous visitor's page is kept whole in the cache (core/page_cache.py), at most
# until the next quarter of an hour; 0 switches it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# A CDN or caching proxy in front (Varnish, Squid, nginx with a purge module): Wagtail asks it
# to forget a page's addresses when the page is published or unpublished.
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }
# Serve pages from the cached page tree (core/routing.py): only with a cache that every
# process shares, or with one process, as in development and tests.
ROUTE_CACHE = True

# Background work: immediate in development and tests; production uses the database worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "De Deelfabriek <info@deelfabriek.be>")
# A mail server that hangs costs a worker ten seconds, not forever (and never a web request:
# every mail goes through the outbox, lending/mail.py).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Seconds to wait after each failed attempt before the next (lending/mail.py has the default,
# 5 minutes to 24 hours); a list such as "8,8,8" for a test run.
MAIL_RETRY_SECONDS = [int(seconds) for seconds in env_list("MAIL_RETRY_SECONDS")]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# /healthz (core/health.py): how long a due background task may wait for a worker, and how long
# a service (cache, media storage, search cluster) may take to answer, in seconds.
HEALTH_MAX_TASK_AGE = int(os.environ.get("HEALTH_MAX_TASK_AGE", "900"))
HEALTH_TIMEOUT = float(os.environ.get("HEALTH_TIMEOUT", "5"))

# Content security policy of the public site: no inline scripts or styles, no plugins,
# everything from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
}
# The admin's own policy (home/security_headers.py), for every path under URL_PREFIXES.
# Wagtail's admin runs without eval, but starts its widgets with inline scripts (choosers,
# inline panels, date and time fields, wagtail-localize's editor; jQuery runs them again for
# every form added or loaded into a dialog), and Draftail and the translation editor add
# <style> elements: so inline scripts and styles are allowed. Inline event handlers are not:
# the one hash is the "return;" with which the focal-point cropper tests for touch support.
# Images, frames (the preview), requests and forms stay on this site; no plugins, no <base>.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "script-src-attr": [
            "'unsafe-hashes'",
            "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='",
        ],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
}
# Browser features the site does not use, refused to it and to anything it might frame
# (django-permissions-policy); only names that Chromium knows, as it logs an error for any
# other. Full screen and writing to the clipboard (the admin's copy buttons) keep the
# browser's default: this site only.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
}
# No other site may load this site's pages, data or files as a resource (an image, a script,
# a frame's fetch), nor keep a reference to a window it opened (Django's default, stated).
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

WAGTAIL_SITE_NAME = "De Deelfabriek"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Avatars are not fetched from an outside service: visitors and volunteers leave no trace there.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "png"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Names the alias (<prefix>-catalogue), so several sites can share one cluster.
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "deelfabriek")
# An API key ("<id>:<key>" base64-encoded, as Kibana shows it) and the path of the cluster's CA
# certificate, for a cluster with security switched on.
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_log.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Each page save logs its background tasks and audit entries: too chatty for a console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
