from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "build" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "build" / "test-private-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The suite searches the database whatever the environment says; the tests against a real
# cluster (tests/search/test_elasticsearch_cluster.py) take ELASTICSEARCH_URL themselves.
ELASTICSEARCH_URL = ""
# Tests render pages afresh; the anonymous page cache has its own tests, which switch it on
# (tests/core/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
