"""Whole pages for anonymous visitors, from the shared cache (docs/architecture.md, "Anonymous
pages from the cache").

A GET or HEAD without a session (no session or messages cookie: nobody is logged in, nothing
waits to be shown once) is answered from the cache when the same address was rendered before
and nothing that pages show has changed since. Otherwise the response is rendered as usual and
kept when it is a plain 200 that sets no cookie, used no CSRF token (no form that posts), and
does not say ``private``/``no-store`` itself. The admin, documents, previews, /healthz and
/media/ are never kept.

What "nothing has changed" means: the entry carries the layout version (``core.layout_cache``:
pages, sites, settings, opening hours, categories, locales) and the page version bumped here
for every other model whose rows show on pages (items, copies, photos, reservations: each app
names its own with ``shows_on_pages``), at once and again when the transaction commits. An
entry also expires at the next quarter of an hour, when "open now" may change.

Kept responses say ``Cache-Control: public, max-age=0, s-maxage=…`` and ``Vary: Cookie``, so a
CDN in front may keep them as long (Wagtail's frontend cache purges it when a page is
published); everything else this middleware sees leaves with ``private, no-cache``.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from .layout_cache import VERSION_KEY as LAYOUT_VERSION_KEY

VERSION_KEY = "page-version"
NEVER = ("/admin/", "/django-admin/", "/documents/", "/media/", "/healthz", "/static/")
MAX_QUERY = 300
QUARTER = 15 * 60
_PAGE_MODELS: list[type] = []


def bump(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def shows_on_pages(*models: type) -> None:
    """A save or delete of these models (and their subclasses) renews every cached page."""
    _PAGE_MODELS.extend(model for model in models if model not in _PAGE_MODELS)


def _changed(sender, instance, **kwargs):
    if isinstance(instance, tuple(_PAGE_MODELS)):
        bump()
        # Again after the commit: a page rendered meanwhile from the old rows is not kept.
        transaction.on_commit(bump, robust=True)


def connect():
    post_save.connect(_changed, dispatch_uid="page-cache-save")
    post_delete.connect(_changed, dispatch_uid="page-cache-delete")


def seconds_to_keep(now=None):
    """At most PAGE_CACHE_SECONDS, and never past the next quarter of an hour."""
    now = timezone.localtime(now)
    into_quarter = (now.minute * 60 + now.second) % QUARTER
    return max(1, min(settings.PAGE_CACHE_SECONDS, QUARTER - into_quarter))


def _cache_key(request):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY:
        return None
    return "page:" + hashlib.sha256(f"{host}{request.path}?{query}".encode()).hexdigest()


def _lookup(key):
    """(the kept response or None, the current versions), in one round trip to the cache:
    an entry counts only when it was kept under the versions that hold now."""
    found = cache.get_many([LAYOUT_VERSION_KEY, VERSION_KEY, key])
    versions = (found.get(LAYOUT_VERSION_KEY, 1), found.get(VERSION_KEY, 1))
    entry = found.get(key)
    if entry is not None and entry[0] == versions:
        return entry[1], versions
    return None, versions


def _anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _may_keep(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        usable = (
            seconds > 0
            and request.method in ("GET", "HEAD")
            and not request.path_info.startswith(NEVER)
            and _anonymous(request)
        )
        key = _cache_key(request) if usable else None
        if key:
            cached, versions = _lookup(key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if key and _may_keep(request, response):
            keep = seconds_to_keep()
            response["Cache-Control"] = f"public, max-age=0, s-maxage={keep}"
            patch_vary_headers(response, ("Cookie",))
            # Under the versions read before rendering: a change meanwhile makes it stale.
            cache.set(key, (versions, response), keep)
            response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control") and not request.path_info.startswith(
            ("/static/", "/media/")
        ):
            response["Cache-Control"] = "private, no-cache"
        return response
