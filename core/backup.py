"""One archive with the database and the uploads, and back (README, "Backup and restore").

The archive (``.tar.gz``) holds ``manifest.json`` (when, which database engine, how many
files), the database (``database.dump`` from ``pg_dump --format=custom`` on PostgreSQL,
``database.sqlite3`` from SQLite's online backup, consistent while the site runs) and
``media/`` with every file of the media storage, read through Django's storage so that a
bucket is backed up like a folder. Referral letters (PRIVATE_MEDIA_ROOT) are left out unless
asked for: they are social-tariff evidence and should not travel with every backup.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection


class BackupError(Exception):
    """Something an operator can act on, said in one sentence."""


def _engine():
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups handle PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _pg_environment():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]  # never on the command line
    env["PGDATABASE"] = db["NAME"]
    return env


def _run(command, env):
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not on the PATH: install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client) in the same major version as the server."
        )
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def storage_files(storage, folder=""):
    """Every file name in a storage, walking its folders."""
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from storage_files(storage, f"{folder}/{sub}" if folder else sub)


def _dump_database(work: Path, engine: str) -> str:
    if engine == "postgresql":
        target = work / "database.dump"
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target)],
            _pg_environment(),
        )
        return target.name
    target = work / "database.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return target.name


def _copy_files(storage, into: Path, say) -> int:
    count = 0
    for name in storage_files(storage):
        destination = into / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(destination, "wb") as out:
            shutil.copyfileobj(source, out)
        count += 1
        if count % 500 == 0:
            say(f"  {count} files...")
    return count


def backup(output: Path, *, with_private=False, say=print) -> Path:
    engine = _engine()
    output.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    archive = output / f"deelfabriek-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        say(f"database ({engine})...")
        database = _dump_database(work, engine)
        say("media files...")
        media = _copy_files(default_storage, work / "media", say)
        private = 0
        if with_private:
            private = _copy_files(
                FileSystemStorage(settings.PRIVATE_MEDIA_ROOT), work / "private-media", say
            )
        manifest = {
            "made": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "database": database,
            "media_files": media,
            "private_files": private,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with tarfile.open(archive, "w:gz") as tar:
            for entry in sorted(work.iterdir()):
                tar.add(entry, arcname=entry.name)
    say(
        f"{archive} ({archive.stat().st_size / 1e6:.1f} MB): the database, {media} media files"
        + (f", {private} private files" if with_private else "")
    )
    return archive


def _extract(archive: Path, into: Path) -> dict:
    if not archive.is_file():
        raise BackupError(f"There is no file {archive}.")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive} is not a backup archive ({error}).") from None
    try:
        return json.loads((into / "manifest.json").read_text())
    except (OSError, ValueError):
        raise BackupError(
            f"{archive} has no manifest.json: not a backup made by backup_site."
        ) from None


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def _restore_database(work: Path, manifest: dict, engine: str, force: bool):
    if manifest.get("engine") != engine:
        raise BackupError(
            f"The archive holds a {manifest.get('engine')} database; this site uses {engine}."
        )
    if engine == "postgresql":
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            command += ["--clean", "--if-exists"]
        env = _pg_environment()
        _run([*command, "--dbname", env["PGDATABASE"], str(work / manifest["database"])], env)
        return
    connection.close()
    with (
        sqlite3.connect(work / manifest["database"]) as source,
        sqlite3.connect(settings.DATABASES["default"]["NAME"]) as target,
    ):
        source.backup(target)


def _restore_files(source: Path, storage, say) -> int:
    count = 0
    if not source.exists():
        return 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        if storage.exists(name):
            storage.delete(name)
        with open(path, "rb") as content:
            storage.save(name, File(content, name=name))
        count += 1
        if count % 500 == 0:
            say(f"  {count} files...")
    return count


def restore(archive: Path, *, force=False, say=print) -> dict:
    engine = _engine()
    if not database_is_empty() and not force:
        raise BackupError(
            "The database already has tables: restore into an empty database (or give --force to "
            "replace what is there)."
        )
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        manifest = _extract(archive, work)
        say(f"database ({engine}) from {manifest.get('made', '?')}...")
        _restore_database(work, manifest, engine, force)
        say("media files...")
        media = _restore_files(work / "media", default_storage, say)
        private = _restore_files(
            work / "private-media", FileSystemStorage(settings.PRIVATE_MEDIA_ROOT), say
        )
    say(
        f"restored: the database, {media} media files"
        + (f", {private} private files" if private else "")
    )
    return {"media": media, "private": private}
