"""``/healthz``: is this web process able to serve? (README, "Production", "Operations")

Answered by the first middleware, before the HTTPS redirect, the host name check and the
language prefixes: a load balancer probes by IP address over plain HTTP. Each check says only
whether it passed, how long it took and, when it failed, the kind of error: no host names,
addresses or passwords of the services behind it.

The checks: the database, the shared cache, the media storage, the task queue (the oldest task
waiting for a worker, with the database task backend) and whatever an app registers
(``register``: the catalogue search registers its Elasticsearch cluster when one is set).

The checks of services outside the database run side by side in threads, and one that has not
answered within ``HEALTH_TIMEOUT`` seconds fails as "timed out": a bucket or a cluster that hangs
makes the answer a quick 503, not a probe that waits minutes while the process looks alive.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait

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
    """The bucket itself must exist and answer (looking up a missing file in a missing bucket
    answers "no such file" on some S3 services); local files: the folder can be written to."""
    bucket = getattr(default_storage, "bucket_name", None)
    if bucket:
        default_storage.connection.meta.client.head_bucket(Bucket=bucket)
        return
    location = getattr(default_storage, "location", None)
    if location:
        try:
            os.makedirs(location, exist_ok=True)  # as the storage does on the first upload
        except OSError:
            raise Unhealthy("the media folder cannot be made") from None
        if not os.access(location, os.W_OK):
            raise Unhealthy("the media folder is not writable")


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


# In the request's thread, on its database connection.
CHECKS = {"database": database, "tasks": task_queue}
# In threads, each bounded by HEALTH_TIMEOUT.
SERVICE_CHECKS = {"cache": shared_cache, "storage": media_storage}


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        check()
        result = {"ok": True}
    except Unhealthy as problem:
        result = {"ok": False, "error": str(problem)}
    except Exception as error:  # any failure of a service is an answer, not a 500
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def run_checks() -> tuple[bool, dict]:
    services = {**SERVICE_CHECKS, **_extra}
    timeout = getattr(settings, "HEALTH_TIMEOUT", 5)
    pool = ThreadPoolExecutor(max_workers=len(services), thread_name_prefix="healthz")
    futures = {name: pool.submit(_timed, check) for name, check in services.items()}
    results = {name: _timed(check) for name, check in CHECKS.items()}
    wait(futures.values(), timeout=timeout)
    pool.shutdown(wait=False, cancel_futures=True)
    for name, future in futures.items():
        if future.done():
            results[name] = future.result()
        else:
            results[name] = {"ok": False, "error": f"timed out after {timeout} s", "ms": None}
    return all(result["ok"] for result in results.values()), results


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
