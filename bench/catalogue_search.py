#!/usr/bin/env python3
"""Catalogue benchmark: server time and SQL queries of a catalogue search and an item page.

    .venv/bin/python bench/catalogue_search.py                      # 1,000, 10,000 and 50,000 items
    .venv/bin/python bench/catalogue_search.py --sizes 1000 --databases sqlite --runs 20

For each database and size it builds a fresh database with the demo site plus synthetic
items (`load_demo --synthetic N`), rebuilds the search index, then requests, in process
through Django's test client (so the figures are server time without network):

- a catalogue search: free text plus two facets (initiative and "available now");
- an item page.

It prints the median and 95th percentile time and the number of SQL queries, as a table.
PostgreSQL is taken from BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432);
the benchmark creates and drops its own databases there. Not part of the test command.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def prepare(database_url: str, size: int, media: str) -> None:
    env = _env(database_url, media)
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_demo", "--quiet", "--synthetic", str(size)],
        ["catalogue_index", "rebuild"],
    ):
        log(f"  manage.py {' '.join(command)}")
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def _env(database_url: str, media: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(
        DJANGO_SETTINGS_MODULE="deelfabriek.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=media,
        LOG_LEVEL="WARNING",
        ELASTICSEARCH_URL="",
    )
    return env


def measure(database_url: str, media: str, runs: int) -> dict:
    """Run the measuring half in a child process that has Django set up on that database."""
    output = subprocess.run(
        [PYTHON, __file__, "--measure", "--runs", str(runs)],
        cwd=ROOT,
        env=_env(database_url, media),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def _measure_in_process(runs: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import Item
    from home.models import CatalogueIndexPage

    catalogue = CatalogueIndexPage.objects.live().filter(locale__language_code="nl").first()
    item = (
        Item.objects.public()
        .filter(locale__language_code="nl", initiative__slug="instrumentheek")
        .order_by("pk")
        .first()
    )
    base = catalogue.url
    urls = {
        "search": f"{base}?q=boormachine&initiative=instrumentheek&available=1",
        "item page": f"{base}{item.initiative.slug}/{item.code}/",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    figures = {"items": Item.objects.filter(locale__language_code="nl").count()}
    for name, url in urls.items():
        for _ in range(3):  # warm caches, as a running server would have them
            assert client.get(url).status_code == 200, url
        times, queries = [], []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
            queries.append(len(captured.captured_queries))
        times.sort()
        figures[name] = {
            "median": statistics.median(times),
            "p95": times[max(0, round(0.95 * len(times)) - 1)],
            "queries": max(queries),
        }
    print(json.dumps(figures))


def _postgres_database(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,10000,50000", help="numbers of items, comma-separated"
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--runs", type=int, default=30, help="requests measured per page")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure_in_process(args.runs)
        return
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, e.g. 1000,10000")
    databases = [name.strip() for name in args.databases.split(",")]
    if not set(databases) <= {"sqlite", "postgres"} or not sizes or min(sizes) < 1:
        parser.error("--databases takes sqlite and/or postgres; --sizes positive numbers")

    rows = []
    with tempfile.TemporaryDirectory(prefix="deelfabriek-bench-") as workdir:
        for database in databases:
            for size in sizes:
                log(f"{database}, {size:,} items: building")
                if database == "sqlite":
                    url = f"sqlite:///{workdir}/bench-{size}.sqlite3"
                else:
                    url = _postgres_database(f"deelfabriek_bench_{size}")
                media = f"{workdir}/media"
                prepare(url, size, media)
                log(f"{database}, {size:,} items: measuring")
                figures = measure(url, media, args.runs)
                for page in ("search", "item page"):
                    rows.append((database, figures["items"], page, figures[page]))

    print()
    widths = ("<10", ">8", "<10", ">10", ">8", ">8")
    header = ("database", "items", "page", "median ms", "p95 ms", "queries")
    print("  ".join(f"{title:{width}}" for title, width in zip(header, widths, strict=True)))
    for database, items, page, figure in rows:
        cells = (database, f"{items:,}", page, f"{figure['median']:.1f}", f"{figure['p95']:.1f}")
        cells += (figure["queries"],)
        print("  ".join(f"{cell:{width}}" for cell, width in zip(cells, widths, strict=True)))


if __name__ == "__main__":
    main()
