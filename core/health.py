"""``/healthz``: is this web process able to serve? (README, "Production", "Operations")

Answered by the first middleware, before the HTTPS redirect, the host name check and the
language prefixes: a load balancer probes by IP address over plain HTTP. Each check says only
whether it passed, how long it took and, when it failed, the kind of error: no host names,
addresses or passwords of the services behind it.

The checks: the database, the shared cache, the media storage, the task queue (the oldest task
waiting for a worker, with the database task backend) and whatever an app registers
(``register``: the catalogue search registers its Elasticsearch cluster when one is set).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone

PATH = "/healthz"
_extra: dict[str, Callable[[], None]] = {}


class Unhealthy(Exception):
    """A check that ran and found something wrong (its message is safe to show)."""


def register(name: str, check: Callable[[], None]) -> None:
    """Add a check: a callable that raises when the service is not usable."""
    _extra[name] = check


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def shared_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise Unhealthy("the cache did not keep a value")
    cache.delete(key)


def media_storage():
    default_storage.exists("healthz-probe")


def task_queue():
    """The oldest task that is due and not taken must not wait longer than allowed."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    waiting_since = [
        ready.filter(run_after=get_date_max())
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)[:1],
        ready.exclude(run_after=get_date_max())
        .order_by("run_after")
        .values_list("run_after", flat=True)[:1],
    ]
    oldest = min((row[0] for row in waiting_since if row), default=None)
    allowed = getattr(settings, "HEALTH_MAX_TASK_AGE", 900)
    if oldest is not None and (now - oldest).total_seconds() > allowed:
        minutes = (now - oldest).total_seconds() / 60
        raise Unhealthy(f"a task has waited {minutes:.0f} minutes for a worker")


CHECKS = {
    "database": database,
    "cache": shared_cache,
    "storage": media_storage,
    "tasks": task_queue,
}


def run_checks() -> tuple[bool, dict]:
    results, healthy = {}, True
    for name, check in {**CHECKS, **_extra}.items():
        started = time.perf_counter()
        try:
            check()
            result = {"ok": True}
        except Unhealthy as problem:
            result = {"ok": False, "error": str(problem)}
        except Exception as error:  # any failure of a service is an answer, not a 500
            result = {"ok": False, "error": type(error).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        healthy = healthy and result["ok"]
        results[name] = result
    return healthy, results


def health_response():
    healthy, checks = run_checks()
    body = json.dumps({"status": "ok" if healthy else "failing", "checks": checks})
    response = HttpResponse(body, status=200 if healthy else 503, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in (PATH, PATH + "/") and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
