"""The production settings as an operator meets them (README, "Production")."""

import os
import subprocess
import sys
from pathlib import Path

from deelfabriek.settings.media import media_settings

ROOT = Path(__file__).resolve().parents[2]


def production(code, tmp_path, **env):
    """Run `code` in a fresh interpreter with the production settings and `env`."""
    base = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DATABASE_URL"}}
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "deelfabriek.settings.production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "deelfabriek.example",
            "WAGTAILADMIN_BASE_URL": "https://deelfabriek.example",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "LOG_FORMAT": "json",
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_database(tmp_path):
    result = production("import django; django.setup()", tmp_path)
    assert result.returncode != 0
    assert "The environment variable DATABASE_URL must be set in production." in result.stderr


def test_uploads_on_this_host_are_served_under_media_with_a_long_cache(tmp_path):
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "boor.txt").write_text("a photo")
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='deelfabriek.example', HTTP_X_FORWARDED_PROTO='https')\n"
        "r = c.get('/media/images/boor.txt')\n"
        "print(r.status_code, r['Cache-Control'], b''.join(r.streaming_content).decode())\n"
    )
    result = production(code, tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "200 public, max-age=31536000 a photo"


def test_log_lines_are_json_with_the_request_id(tmp_path):
    code = (
        "import django, logging; django.setup()\n"
        "logging.getLogger('lending.mail').warning('Could not send mail %s', 7)\n"
    )
    result = production(code, tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    line = result.stderr.strip().splitlines()[-1]
    assert '"level": "WARNING"' in line
    assert '"logger": "lending.mail"' in line
    assert '"message": "Could not send mail 7"' in line
    assert '"request_id": "-"' in line


def test_without_a_bucket_uploads_are_files_served_by_the_site():
    media = media_settings({})
    assert media["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert media["serve"] is True
    assert media["origin"] == ""
    assert media_settings({"SERVE_MEDIA": "0"})["serve"] is False


def test_with_a_bucket_uploads_go_to_it_and_images_may_come_from_it():
    media = media_settings(
        {
            "AWS_STORAGE_BUCKET_NAME": "deelfabriek-media",
            "AWS_S3_ENDPOINT_URL": "https://s3.stad.example:9000/",
        }
    )
    assert media["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = media["storage"]["OPTIONS"]
    assert options["bucket_name"] == "deelfabriek-media"
    assert options["querystring_auth"] is False
    assert "access_key" not in options and "secret_key" not in options
    assert media["serve"] is False
    assert media["origin"] == "https://s3.stad.example:9000"
    behind_cdn = media_settings(
        {"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_CUSTOM_DOMAIN": "media.deelfabriek.be"}
    )
    assert behind_cdn["origin"] == "https://media.deelfabriek.be"
