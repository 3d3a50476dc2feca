"""Anonymous pages under the production topology, against a static file in the same run.

gunicorn with 2 workers (scripts/web), the production settings, PostgreSQL with the demo
content, a Redis of its own as the shared cache. Each address is asked for REQUESTS times by
CLIENTS threads (after one request that fills the cache); the figure is requests per second.
Target (issue 14): the home, an initiative, an item and the catalogue landing page each serve at
least half the requests per second of a static file.

    .venv/bin/python bench/anonymous_pages.py [--requests 2000] [--clients 4] [--reuse]

--reuse keeps the benchmark database between runs (loading the demo takes a minute or two).
Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and redis-server on the PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = "deelfabriek_bench_pages"
STATIC = "/static/css/site.css"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(reuse):
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and reuse:
            return f"postgres://postgres@127.0.0.1:5432/{DATABASE}", False
        db.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"postgres://postgres@127.0.0.1:5432/{DATABASE}", True


def environment(folder, ports, url):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(
        PATH=f"{BIN}:{env.get('PATH', '')}",
        PYTHON=sys.executable,
        GUNICORN=str(BIN / "gunicorn"),
        DJANGO_SETTINGS_MODULE="deelfabriek.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        WAGTAILADMIN_BASE_URL=f"https://127.0.0.1:{ports['web']}",
        DATABASE_URL=url,
        REDIS_URL=f"redis://127.0.0.1:{ports['redis']}/0",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(ROOT / "media"),
        HOST="127.0.0.1",
        PORT=str(ports["web"]),
        WEB_CONCURRENCY="2",
        LOG_LEVEL="WARNING",
        WEB_ACCESS_LOG="",  # the access log of 10,000 requests is not what is measured
    )
    return env


def get(port, path):
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "GET", path, headers={"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https"}
    )
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def requests_per_second(port, path, requests, clients):
    get(port, path)  # fills the cache
    counts = [requests // clients] * clients
    errors = []

    def worker(count):
        for _ in range(count):
            status, _headers, _body = get(port, path)
            if status != 200:
                errors.append(status)

    threads = [threading.Thread(target=worker, args=(n,)) for n in counts]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{path}: {len(errors)} answers were not 200 (e.g. {errors[0]})")
    return sum(counts) / seconds


def addresses(port):
    """The pages to measure, found as a visitor finds them."""
    home = "/nl/"
    landing = get(port, home)[2].decode()
    initiative = re.search(r'href="(/nl/initiatieven/[a-z-]+/)"', landing).group(1)
    catalogue = re.search(r'href="(/nl/catalogus/)"', landing).group(1)
    listing = get(port, catalogue + "?q=boormachine")[2].decode()
    item = re.search(r'href="(/nl/catalogus/[a-z-]+/[a-z0-9-]+/)"', listing).group(1)
    return {
        "static file": STATIC,
        "home": home,
        "initiative": initiative,
        "item": item,
        "catalogue landing": catalogue,
    }


def prepare(env, fresh):
    run = {"cwd": ROOT, "env": env, "check": True}
    if fresh:
        print("loading the demo into PostgreSQL (a minute or two)...", flush=True)
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], **run)
        subprocess.run(
            [sys.executable, "manage.py", "load_demo", "--quiet", "--force"],
            **run,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run(["scripts/build"], **run, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    if args.requests < args.clients or args.clients < 1:
        parser.error("--requests must be at least --clients, and --clients at least 1")
    folder = Path(tempfile.mkdtemp(prefix="deelfabriek-bench-"))
    ports = {"web": free_port(), "redis": free_port()}
    url, fresh = database_url(args.reuse)
    env = environment(folder, ports, url)
    processes = [
        subprocess.Popen(
            ["redis-server", "--port", str(ports["redis"]), "--save", ""], stdout=subprocess.DEVNULL
        )
    ]
    try:
        prepare(env, fresh)
        processes.append(
            subprocess.Popen(["scripts/web"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        )
        for _ in range(60):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", ports["web"])) == 0:
                    break
            time.sleep(0.5)
        measure(ports["web"], args)
    finally:
        for process in processes:
            process.terminate()


def measure(port, args):
    pages = addresses(port)
    print(
        "gunicorn, 2 workers, production settings, Redis; "
        f"{args.requests} requests per address, {args.clients} clients"
    )
    print(f"{'address':<20} {'path':<48} {'req/s':>8} {'of static':>10}")
    results = {
        name: requests_per_second(port, path, args.requests, args.clients)
        for name, path in pages.items()
    }
    static = results["static file"]
    passed = True
    for name, path in pages.items():
        share = results[name] / static
        passed = passed and (name == "static file" or share >= 0.5)
        print(f"{name:<20} {path:<48} {results[name]:>8.0f} {share:>9.0%}")
    print(
        "PASS: every page serves at least 50 % of a static file's requests per second"
        if passed
        else "FAIL: a page serves less than 50 % of a static file's requests per second"
    )
    return passed


if __name__ == "__main__":
    main()
