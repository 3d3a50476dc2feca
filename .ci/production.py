#!/usr/bin/env python3
"""CI: the production topology on this machine, without containers (README, "Production").

The same scripts as the image's services (scripts/build, release, web, worker, scheduler) run
with the production settings against PostgreSQL, a Redis of its own, an S3-compatible server
(moto) for the uploads and an SMTP sink (aiosmtpd). Then, as the people using it would:

- setup_site on the empty database, and /healthz answers 200;
- a coordinator logs in to the admin and uploads a photo; the item with that photo shows it
  as a rendition served from the bucket;
- a member logs in and reserves; the worker delivers the mail to the SMTP sink;
- with the SMTP sink stopped, the next mail fails and is delivered at its retry time once the
  sink is back (through the worker, long before the hourly reminders);
- a page whose go-live time has passed is published by the scheduler;
- backup_site, then restore_site into a fresh database and a fresh bucket: a second web
  process on them serves the item with its photo;
- /healthz answers 503 when Redis stops, while the pages are still served.

Run from the repository with the project's virtual environment in .venv:
    python3 .ci/production.py
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production_client import Client, free_port, png_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("DEELFABRIEK_VENV", ROOT / ".venv"))
BIN = VENV / "bin"
PYTHON = str(BIN / "python")
DATABASE = "deelfabriek_production_ci"
BUCKET = "deelfabriek-media"
COORDINATOR = ("coordinator", "coordinator@deelfabriek.example")
MEMBER_PASSWORD = secrets.token_urlsafe(16)
STARTED = time.monotonic()


def step(message):
    print(f"--> [{time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


def fail(message, services=None):
    print(f"FAILED: {message}", flush=True)
    if services:
        services.show_logs()
    sys.exit(1)


class Services:
    """The processes of the run, each with its log file; all stopped at the end."""

    def __init__(self, folder: Path, env: dict):
        self.folder, self.env, self.processes = folder, env, {}

    def start(self, name, *args, env=None):
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            [str(a) for a in args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def stop(self, name):
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()

    def stop_all(self):
        for name in list(self.processes):
            self.stop(name)

    def run(self, *args, **extra_env):
        result = subprocess.run(
            [str(a) for a in args],
            cwd=ROOT,
            env={**self.env, **extra_env},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            print(result.stdout[-3000:], result.stderr[-3000:])
            fail(f"{' '.join(str(a) for a in args)} exited with {result.returncode}", self)
        return result.stdout

    def show_logs(self):
        for log in sorted(self.folder.glob("*.log")):
            print(f"===== {log.name} (last lines)")
            print("\n".join(log.read_text(errors="replace").splitlines()[-40:]))


def wait_for(what, check, timeout, services):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    fail(f"{what}: not within {timeout} s", services)


def fresh_database(name=DATABASE):
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def environment(folder: Path, ports: dict) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(
        {
            "PATH": f"{BIN}:{env.get('PATH', '')}",
            "PYTHON": PYTHON,
            "GUNICORN": str(BIN / "gunicorn"),
            "DJANGO_SETTINGS_MODULE": "deelfabriek.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "WAGTAILADMIN_BASE_URL": f"https://127.0.0.1:{ports['web']}",
            "DATABASE_URL": fresh_database(),
            "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(ports["smtp"]),
            "EMAIL_USE_TLS": "0",
            "EMAIL_TIMEOUT": "5",
            # Retries after 8 s, then 8 s...: the run waits for the first one.
            "MAIL_RETRY_SECONDS": "8,8,8,8,8",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{ports['s3']}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "production-ci",
            "AWS_SECRET_ACCESS_KEY": "production-ci",  # the local test server accepts any
            # Uploads readable by anyone, as the README asks of the bucket (here per object).
            "AWS_DEFAULT_ACL": "public-read",
            "STATIC_ROOT": str(folder / "static"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
            "PORT": str(ports["web"]),
            "HOST": "127.0.0.1",
            "WEB_CONCURRENCY": "2",
            "WORKER_INTERVAL": "0.5",
            "SCHEDULER_INTERVAL": "2",
            "SETUP_COORDINATOR_PASSWORD": MEMBER_PASSWORD,
            "WORLD_PASSWORD": MEMBER_PASSWORD,
            "LOG_LEVEL": "INFO",
        }
    )
    return env


def start_backing_services(services, ports, folder):
    step("Redis, the S3-compatible server and the SMTP sink, each on a port of its own")
    services.start(
        "redis", "redis-server", "--port", ports["redis"], "--save", "", "--appendonly", "no"
    )
    services.start("s3", BIN / "moto_server", "-H", "127.0.0.1", "-p", ports["s3"])
    start_smtp(services, ports, folder)
    wait_for("the S3 bucket", lambda: make_bucket(ports, BUCKET), 30, services)


def make_bucket(ports, name):
    import boto3

    try:
        boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{ports['s3']}",
            aws_access_key_id="production-ci",
            aws_secret_access_key="production-ci",
            region_name="us-east-1",
        ).create_bucket(Bucket=name)
        return True
    except Exception:
        return False


def start_smtp(services, ports, folder):
    services.start(
        "smtp",
        PYTHON,
        "-m",
        "aiosmtpd",
        "-n",
        "-l",
        f"127.0.0.1:{ports['smtp']}",
        "-c",
        "aiosmtpd.handlers.Mailbox",
        folder / "maildir",
    )
    wait_for("the SMTP sink", lambda: Client.port_open(ports["smtp"]), 20, services)


def mails_to(folder, address):
    new = folder / "maildir" / "new"
    if not new.exists():
        return []
    return [
        p.read_text(errors="replace")
        for p in new.iterdir()
        if address in p.read_text(errors="replace")
    ]


def outbox(services):
    return json.loads(services.run(PYTHON, ".ci/production_world.py", "mails"))


def main():
    folder = Path(tempfile.mkdtemp(prefix="deelfabriek-production-"))
    ports = {name: free_port() for name in ("web", "redis", "s3", "smtp", "restored")}
    services = Services(folder, environment(folder, ports))
    try:
        run_journey(services, ports, folder)
    finally:
        services.stop_all()
    step(f"production run passed in {time.monotonic() - STARTED:.0f} s")


def run_journey(services, ports, folder):
    start_backing_services(services, ports, folder)
    step("scripts/build, scripts/release, setup_site on the empty database")
    services.run("scripts/build")
    services.run("scripts/release")
    print(
        services.run(
            PYTHON,
            "manage.py",
            "setup_site",
            "--no-input",
            "--username",
            COORDINATOR[0],
            "--email",
            COORDINATOR[1],
        )
    )
    scheduled = json.loads(services.run(PYTHON, ".ci/production_world.py", "scheduled"))

    step("scripts/web (gunicorn, 2 workers), scripts/worker, scripts/scheduler")
    services.start("web", "scripts/web")
    services.start("worker", "scripts/worker")
    services.start("scheduler", "scripts/scheduler")
    web = Client(ports["web"])
    wait_for("the web process", lambda: web.port_open(ports["web"]), 30, services)
    status, headers, body = web.get("/healthz")
    if status != 200:
        fail(f"/healthz answered {status}: {body[:500]}", services)
    print(f"    /healthz 200 {body[:200]}")
    status, headers, _ = web.get("/nl/")
    if status != 200 or not headers.get("x-request-id"):
        fail(f"/nl/ answered {status} (request id {headers.get('x-request-id')!r})", services)

    image_title = upload_photo(web, services)
    world = json.loads(services.run(PYTHON, ".ci/production_world.py", "lending", image_title))
    check_rendition(web, world, ports, services)
    reserve_and_receive_mail(services, ports, folder, world)

    step("the scheduler published the page whose go-live time had passed")
    wait_for(
        f"{scheduled['path']} published",
        lambda: Client(ports["web"]).get(scheduled["path"])[0] == 200,
        30,
        services,
    )

    backup_and_restore(services, ports, folder, world)

    step("Redis stops: /healthz answers 503, and the pages are served from the database")
    services.stop("redis")
    status, _, body = Client(ports["web"]).get("/healthz")
    if status != 503:
        fail(f"/healthz answered {status} with Redis stopped: {body[:300]}", services)
    print(f"    /healthz 503 {body[:300]}")
    for path in ("/nl/", world["item_url"]):
        status = Client(ports["web"]).get(path)[0]
        if status != 200:
            fail(f"{path} answered {status} with Redis stopped", services)
    print("    /nl/ and the item page 200 without Redis")


def backup_and_restore(services, ports, folder, world):
    step("backup_site; restore_site into a fresh database and bucket; the copy serves the item")
    print(services.run(PYTHON, "manage.py", "backup_site", "--output", folder / "backups"))
    archive = next((folder / "backups").glob("deelfabriek-backup-*.tar.gz"))
    restored_bucket = BUCKET + "-restored"
    make_bucket(ports, restored_bucket)
    restored = {
        "DATABASE_URL": fresh_database(DATABASE + "_restored"),
        "AWS_STORAGE_BUCKET_NAME": restored_bucket,
        "PORT": str(ports["restored"]),
        "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/1",  # a cache of its own
    }
    print(services.run(PYTHON, "manage.py", "restore_site", archive, **restored))
    services.start("web-restored", "scripts/web", env=restored)
    wait_for("the restored site", lambda: Client.port_open(ports["restored"]), 30, services)
    # Anonymous, as a visitor of the restored site (no cache shared with the first one).
    status, _, page = Client(ports["restored"]).get(world["item_url"] + "?restored")
    if status != 200 or "Klopboormachine" not in page:
        fail(f"the restored site answered {status} for the item", services)
    photo = next(
        (src for src in re.findall(r'<img[^>]+src="([^"]+)"', page) if restored_bucket in src), None
    )
    if not photo or Client.fetch(photo)[0] != 200:
        fail(f"the restored item's photo is not served from the restored bucket: {photo}", services)
    print(f"    restored: {world['item_url']} 200, photo {photo} 200")
    services.stop("web-restored")


def upload_photo(web, services):
    step("a coordinator logs in to the admin and uploads a photo")
    status = web.log_in("/admin/login/", {"username": COORDINATOR[0], "password": MEMBER_PASSWORD})
    if status != 302:
        fail(f"the admin log-in answered {status}", services)
    form = web.get("/admin/images/add/")[2]
    token = web.csrf_token(form)
    collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', form)
    fields = {"title": "Klopboormachine in de kast", "csrfmiddlewaretoken": token}
    if collection:
        fields["collection"] = collection.group(1)
    status, headers, body = web.post_multipart(
        "/admin/images/add/", fields, {"file": ("boormachine.png", png_bytes(), "image/png")}
    )
    if status != 302:
        fail(f"the upload answered {status}: {re.findall(r'error[^<]{0,200}', body)[:3]}", services)
    return fields["title"]


def check_rendition(web, world, ports, services):
    step("the item page shows the photo as a rendition from the bucket")
    status, _, page = Client(ports["web"]).get(world["item_url"])
    if status != 200:
        fail(f"{world['item_url']} answered {status}", services)
    sources = re.findall(r'<img[^>]+src="([^"]+)"', page)
    rendition = next((src for src in sources if BUCKET in src), None)
    if not rendition:
        fail(f"no image from the bucket on the item page: {sources}", services)
    status, headers, _ = Client.fetch(rendition)
    if status != 200 or not headers.get("content-type", "").startswith("image/"):
        fail(f"the rendition {rendition} answered {status} {headers.get('content-type')}", services)
    print(f"    {rendition} 200 {headers.get('content-type')}")


def reserve_and_receive_mail(services, ports, folder, world):
    step("a member logs in and reserves; the worker delivers the mail to the SMTP sink")
    member = Client(ports["web"])
    status = member.log_in(
        "/nl/account/log-in/", {"username": world["member_email"], "password": MEMBER_PASSWORD}
    )
    if status != 302:
        fail(f"the member's log-in answered {status}", services)
    status = member.reserve(world["item_url"], world["pickup"], world["return"])
    if status != 302:
        fail(f"reserving answered {status}", services)
    wait_for("the reservation mail", lambda: mails_to(folder, world["member_email"]), 30, services)
    received = len(mails_to(folder, world["member_email"]))
    print(f"    {received} mail(s) delivered to {world['member_email']}")

    step("the SMTP sink stops: the next mail fails, and goes at its retry time once it is back")
    services.stop("smtp")
    cancel_status = member.cancel_first_reservation()
    if cancel_status != 302:
        fail(f"cancelling answered {cancel_status}", services)
    failed = wait_for(
        "a failed mail with its next attempt",
        lambda: [m for m in outbox(services) if m["status"] == "failed" and m["next_attempt_at"]],
        30,
        services,
    )
    print(f"    failed: {failed}")
    start_smtp(services, ports, folder)
    wait_for(
        "the retried mail",
        lambda: len(mails_to(folder, world["member_email"])) > received,
        40,
        services,
    )
    rows = outbox(services)
    if any(row["status"] != "sent" for row in rows):
        fail(f"not every mail was sent: {rows}", services)
    print(f"    every mail sent: {[(row['kind'], row['attempts']) for row in rows]}")


if __name__ == "__main__":
    main()
