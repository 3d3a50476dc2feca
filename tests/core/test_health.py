"""/healthz as a load balancer and an operator see it."""

import datetime
import json

import pytest

from django.utils import timezone

from core import health

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def answer(client, **headers):
    response = client.get("/healthz", **headers)
    return response.status_code, json.loads(response.content), response


def test_a_healthy_site_answers_200_with_each_check(client):
    status, body, response = answer(client)
    assert status == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "tasks"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_any_host_and_plain_http_get_the_answer_without_a_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["deelfabriek.example"]
    status, body, _ = answer(client, HTTP_HOST="10.0.3.17:8000")
    assert status == 200 and body["status"] == "ok"


def test_a_cache_that_does_not_answer_is_503_naming_the_cache_only(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://:geheim@127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    status, body, response = answer(client)
    assert status == 503
    assert body["status"] == "failing"
    assert body["checks"]["cache"] == {
        "ok": False,
        "error": "ConnectionError",
        "ms": body["checks"]["cache"]["ms"],
    }
    assert body["checks"]["database"]["ok"] is True
    assert (
        "geheim" not in response.content.decode() and "127.0.0.1" not in response.content.decode()
    )


def test_a_task_waiting_too_long_for_a_worker_is_503(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    settings.HEALTH_MAX_TASK_AGE = 600
    from lending.mail import deliver

    deliver.enqueue(1)
    assert answer(client)[0] == 200
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=20))
    status, body, _ = answer(client)
    assert status == 503
    assert body["checks"]["tasks"]["error"] == "a task has waited 20 minutes for a worker"


def test_a_task_scheduled_for_later_is_not_late(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    from lending.mail import deliver

    deliver.using(run_after=timezone.now() + datetime.timedelta(hours=2)).enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    assert answer(client)[0] == 200


def test_an_app_can_add_a_check(client, monkeypatch):
    def broken():
        raise health.Unhealthy("Elasticsearch did not answer")

    monkeypatch.setattr(health, "_extra", {"elasticsearch": broken})
    status, body, _ = answer(client)
    assert status == 503
    assert body["checks"]["elasticsearch"]["error"] == "Elasticsearch did not answer"
