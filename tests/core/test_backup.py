"""backup_site and restore_site: a site with a page and a photo, backed up, restored into a
fresh database and media folder, and served from there (README, "Backup and restore")."""

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command

from wagtail.images import get_image_model

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def manage(*args, env):
    full = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    full.update(env, DJANGO_SETTINGS_MODULE="deelfabriek.settings.dev")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full, capture_output=True, text=True
    )


# serialized_rollback: the flush after the test removes what the migrations made (the root
# page, content types); the other tests need it back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_a_fresh_database_serves_the_same_site(tmp_path, settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("restores into a new SQLite file; CI's production run does it on PostgreSQL")
    settings.MEDIA_ROOT = tmp_path / "media"
    tree = factories.build_site_tree(languages=("nl",))["nl"]
    image = get_image_model().objects.create(
        title="Boormachine", file=ImageFile(_png(), name="boormachine.png")
    )
    out = io.StringIO()
    call_command("backup_site", "--output", str(tmp_path / "backups"), stdout=out)
    archive = next((tmp_path / "backups").glob("deelfabriek-backup-*.tar.gz"))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "database.sqlite3"} <= set(names)
    assert f"media/{image.file.name}" in names
    assert "1 media files" in out.getvalue()

    restored = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    result = manage("restore_site", str(archive), env=restored)
    assert result.returncode == 0, result.stderr
    assert "restored: the database, 1 media files" in result.stdout
    assert (tmp_path / "restored-media" / image.file.name).read_bytes() == image.file.open().read()

    serve = (
        "from django.test import Client; "
        f"r = Client(HTTP_HOST='127.0.0.1').get('{tree.initiative.url}'); "
        "print(r.status_code, r.content.decode().count('" + tree.initiative.title + "') > 0)"
    )
    result = manage("shell", "-c", serve, env=restored)
    assert result.stdout.strip().splitlines()[-1] == "200 True", result.stderr

    again = manage("restore_site", str(archive), env=restored)
    assert again.returncode != 0
    assert "The database already has tables" in again.stderr


@pytest.mark.django_db
def test_bad_archives_are_refused_with_a_message(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        call_command("restore_site", str(tmp_path / "none.tar.gz"), "--force")
    junk = tmp_path / "junk.tar.gz"
    junk.write_text("not an archive")
    with pytest.raises(CommandError, match="is not a backup archive"):
        call_command("restore_site", str(junk), "--force")
