#!/usr/bin/env python3
"""Catalogue benchmark: server time and SQL queries of catalogue searches and item pages.

    .venv/bin/python bench/catalogue_search.py                      # 1,000, 10,000 and 50,000 items
    .venv/bin/python bench/catalogue_search.py --sizes 1000 --databases sqlite --runs 20
    .venv/bin/python bench/catalogue_search.py \
        --database sqlite:////tmp/deelfabriek-bench-res/bench.sqlite3 \
        --database postgres://postgres@127.0.0.1:5432/deelfabriek_bench_res

For each database and size it builds a fresh database with the demo site plus synthetic
items (`load_demo --synthetic N`, three copies each) and rebuilds the search index; with
--database it measures a database as it is instead, such as the one bench/reservations.py
builds (10,000 items, 30,000 copies, 50,000 reservations). In process it then times:

- `search.api.search_catalogue()` with Dutch `CatalogueQuery`s: free text, facets
  (initiative, category, age group), "available now", a sort and a later page;
- the catalogue page for a search (a GET through Django's test client, for reference);
- an item page (GET through the test client: server time without network), anonymous and
  logged in as a member, of an item with 1 copy and one with 30 (made once by the bench,
  slugs bench-copies-1 and bench-copies-30).

It prints the median and 95th percentile time and the most SQL queries per call, as a table,
with PASS/FAIL against the targets: a search p95 <= 100 ms in <= 12 queries, an item page in
<= 10 queries whatever its number of copies. PostgreSQL is taken from BENCH_POSTGRES_URL
(default postgres://postgres@127.0.0.1:5432); the benchmark creates and drops its own
databases there. Not part of the test command.
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


def child_json(script: str, database_url: str, media: str, *arguments: str):
    """Run a benchmark's measuring half (``script --measure``) in a child process that has
    Django set up on that database; its last line of output is JSON."""
    output = subprocess.run(
        [PYTHON, script, "--measure", *arguments],
        cwd=ROOT,
        env=_env(database_url, media),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure(database_url: str, media: str, runs: int) -> dict:
    return child_json(__file__, database_url, media, "--runs", str(runs))


# Targets (the must-hold).
SEARCH_P95_MS = 100
SEARCH_MAX_QUERIES = 12
ITEM_PAGE_MAX_QUERIES = 10
# search_catalogue() queries: Dutch, as the catalogue page makes them.
SEARCHES = {
    "text": {"text": "boormachine"},
    "text+initiative+available": {
        "text": "boormachine",
        "initiative": "instrumentheek",
        "available": True,
    },
    "category": {"category": "kinderwagens"},
    "category+available": {"category": "boren-en-schroeven", "available": True},
    "age group": {"age_group": "child"},
    "available, by name": {"available": True, "sort": "name"},
    "text, page 3": {"text": "ladder", "page": 3},
    "nothing found": {"text": "zeilboot"},
    # Search that forgives (search/understanding.py): a corrected word, a search word and a
    # word of another language (the Dutch page finding the English "drill").
    "corrected": {"text": "hogedrukreinger"},
    "search word": {"text": "rolschaatsen"},
    "other language": {"text": "drill"},
}


def _timed(runs: int, call) -> dict:
    """Median and 95th percentile of `runs` calls after three warm-ups, and the most queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm caches, as a running server would have them
        call()
    times, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "queries": max(queries),
    }


def _search_figures(runs: int) -> dict:
    from search.api import CatalogueQuery, search_catalogue

    figures = {}
    for name, fields in SEARCHES.items():
        query = CatalogueQuery(language="nl", **fields)

        def call(query=query):
            result = search_catalogue(query)
            return len(result.items), result.total, result.facets

        figure = _timed(runs, call)
        figure["total"] = search_catalogue(query).total
        figure["pass"] = figure["p95"] <= SEARCH_P95_MS and figure["queries"] <= SEARCH_MAX_QUERIES
        figures[f"search: {name}"] = figure
    return figures


def _item_with_copies(model, copies: int):
    """A live item like the synthetic `model` with `copies` copies, made once (slug
    bench-copies-N) by the bench; the data the synthetic items already have is left alone."""
    from catalogue.models import Copy, Item

    slug = f"bench-copies-{copies}"
    item = Item.objects.filter(slug=slug, locale=model.locale).first()
    if item is None:
        item = Item.objects.create(
            initiative=model.initiative,
            category=model.category,
            slug=slug,
            name=f"{model.name} ({copies})",
            description=model.description,
            locale=model.locale,
            live=True,
        )
        Copy.objects.bulk_create(
            Copy(item=item, code=f"BENCH-{copies}-{n}", status=Copy.Status.AVAILABLE)
            for n in range(1, copies + 1)
        )
    return item


def _member_user():
    from members.models import Member

    member = Member.objects.select_related("user").order_by("pk").first()
    assert member is not None, "the database has no members: load the demo first"
    return member.user


def _item_page_figures(runs: int, base: str) -> dict:
    from django.test import Client

    from catalogue.models import Item

    model = Item.objects.filter(locale__language_code="nl", slug="sy-000001").get()
    figures = {}
    for wanted in (1, 30):
        item = _item_with_copies(model, wanted)
        url = f"{base}{item.initiative.slug}/{item.slug}/"
        copies = item.copies.count()
        for who in ("anonymous", "member"):
            client = Client(HTTP_HOST="127.0.0.1")
            if who == "member":
                client.force_login(_member_user())

            def call(client=client, url=url):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            figure = _timed(runs, call)
            figure["pass"] = figure["queries"] <= ITEM_PAGE_MAX_QUERIES
            figures[f"item page, {copies} cop{'y' if copies == 1 else 'ies'}, {who}"] = figure
    return figures


def _measure_in_process(runs: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from catalogue.models import Copy, Item
    from home.models import CatalogueIndexPage
    from lending.models import Reservation

    if connection.vendor == "postgresql":
        # Statistics as autovacuum keeps them on a running database: a database just loaded
        # has none, and the planner then walks the whole index (p95 130 ms instead of 80).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    catalogue = CatalogueIndexPage.objects.live().filter(locale__language_code="nl").first()
    base = catalogue.url
    figures = {
        "counts": {
            "items": Item.objects.filter(locale__language_code="nl").count(),
            "copies": Copy.objects.count(),
            "reservations": Reservation.objects.count(),
        }
    }
    figures.update(_search_figures(runs))
    client = Client(HTTP_HOST="127.0.0.1")
    page = f"{base}?q=boormachine&initiative=instrumentheek&available=1"

    def get_page():
        assert client.get(page).status_code == 200, page

    figures["search page (GET, for reference)"] = _timed(runs, get_page)
    figures.update(_item_page_figures(runs, base))
    print(json.dumps(figures))


def _postgres_database(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def _parser():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,10000,50000", help="numbers of items, comma-separated"
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument(
        "--database",
        action="append",
        metavar="URL",
        help="measure this database as it is (e.g. the one bench/reservations.py built)\n"
        "instead of building; may be given more than once",
    )
    parser.add_argument("--runs", type=int, default=30, help="requests measured per page")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser


def _built(parser, args, workdir):
    """[(database, url)] built fresh for each database and size asked for."""
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, e.g. 1000,10000")
    databases = [name.strip() for name in args.databases.split(",")]
    if not set(databases) <= {"sqlite", "postgres"} or not sizes or min(sizes) < 1:
        parser.error("--databases takes sqlite and/or postgres; --sizes positive numbers")
    built = []
    for database in databases:
        for size in sizes:
            log(f"{database}, {size:,} items: building")
            if database == "sqlite":
                url = f"sqlite:///{workdir}/bench-{size}.sqlite3"
            else:
                url = _postgres_database(f"deelfabriek_bench_{size}")
            prepare(url, size, f"{workdir}/media")
            built.append((database, url))
    return built


def report(measured) -> bool:
    """Print one table of every database's figures; True when every target holds."""
    widths = ("<10", "<46", ">10", ">8", ">8", ">5")
    header = ("database", "measure", "median ms", "p95 ms", "queries", "")
    print("  ".join(f"{title:{width}}" for title, width in zip(header, widths, strict=True)))
    held = True
    for database, figures in measured:
        counts = figures["counts"]
        print(
            f"{database}: {counts['items']:,} items, {counts['copies']:,} copies, "
            f"{counts['reservations']:,} reservations"
        )
        for name, f in figures.items():
            if name == "counts":
                continue
            verdict = "" if "pass" not in f else ("PASS" if f["pass"] else "FAIL")
            held = held and f.get("pass", True)
            cells = (database, name, f"{f['median']:.1f}", f"{f['p95']:.1f}", f["queries"])
            cells += (verdict,)
            print("  ".join(f"{c:{w}}" for c, w in zip(cells, widths, strict=True)))
    print(
        f"targets: search p95 <= {SEARCH_P95_MS} ms and <= {SEARCH_MAX_QUERIES} queries; "
        f"item page <= {ITEM_PAGE_MAX_QUERIES} queries"
    )
    print("PASS: every target holds" if held else "FAIL: a target does not hold")
    return held


def main() -> None:
    parser = _parser()
    args = parser.parse_args()
    if args.measure:
        _measure_in_process(args.runs)
        return
    measured = []
    with tempfile.TemporaryDirectory(prefix="deelfabriek-bench-") as workdir:
        if args.database:
            targets = [(url.split(":", 1)[0].removesuffix("ql"), url) for url in args.database]
        else:
            targets = _built(parser, args, workdir)
        for database, url in targets:
            log(f"{database}: measuring {url}")
            measured.append((database, measure(url, f"{workdir}/media", args.runs)))
    print()
    report(measured)


if __name__ == "__main__":
    main()
