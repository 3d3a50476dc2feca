import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - development only, production requires its own
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

# EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend with EMAIL_FILE_PATH=<folder>
# keeps every mail as a file (the browser journeys read the member's mails this way).
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
UITPAS_CHECKER = os.environ.get("UITPAS_CHECKER", "fake")  # noqa: F405 - the fake cards in members/uitpas.py
# An edited template shows at once: the anonymous page cache is for production
# (PAGE_CACHE_SECONDS=300 tries it here).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
