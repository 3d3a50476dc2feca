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


def test_a_service_that_hangs_fails_as_timed_out_while_the_others_answer(client, settings):
    import threading

    settings.HEALTH_TIMEOUT = 0.3
    released = threading.Event()

    def hanging():
        released.wait(10)

    health.register("elasticsearch", hanging)
    try:
        status, body, _ = answer(client)
    finally:
        released.set()
        health._extra.pop("elasticsearch")
    assert status == 503
    assert body["checks"]["elasticsearch"] == {
        "ok": False,
        "error": "timed out after 0.3 s",
        "ms": None,
    }
    assert body["checks"]["database"]["ok"] and body["checks"]["storage"]["ok"]


def test_a_media_folder_that_cannot_be_made_is_503(client, settings, tmp_path):
    (tmp_path / "volume").write_text("a file where the mounted folder should be")
    settings.MEDIA_ROOT = str(tmp_path / "volume" / "media")
    status, body, _ = answer(client)
    assert status == 503
    assert body["checks"]["storage"]["error"] == "the media folder cannot be made"


def test_a_missing_bucket_is_503_and_an_existing_one_200(client, settings, monkeypatch):
    moto = pytest.importorskip("moto", reason="moto is a development dependency")
    import boto3

    from deelfabriek.settings.media import media_settings

    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    storage = media_settings({"AWS_STORAGE_BUCKET_NAME": "deelfabriek-media"})["storage"]
    with moto.mock_aws():
        settings.STORAGES = {**settings.STORAGES, "default": storage}
        status, body, _ = answer(client)
        assert status == 503 and body["checks"]["storage"]["ok"] is False
        boto3.client("s3", region_name="eu-west-1").create_bucket(
            Bucket="deelfabriek-media",
            CreateBucketConfiguration={"LocationConstraint": "eu-west-1"},
        )
        settings.STORAGES = {**settings.STORAGES}  # a fresh storage object for the next request
        assert answer(client)[0] == 200
