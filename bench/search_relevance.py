#!/usr/bin/env python3
"""Relevance benchmark: does the catalogue search find what members mean?

    .venv/bin/python bench/search_relevance.py                       # SQLite and PostgreSQL
    .venv/bin/python bench/search_relevance.py --databases sqlite --show-misses

For each database it builds a fresh one with the demo (`load_demo`: the demo's items and its
search words), then runs every query of bench/relevance_queries.py through
`search.api.search_catalogue()` in the query's language, as the catalogue page does, and
prints per language and per database:

- P@3: of the first three results, the share that are an expected kind of item, out of the
  most that could be (three, or fewer when fewer items are expected);
- MRR: the mean of 1 / the rank of the first expected item (0 when none is on the first page).

Targets: P@3 >= 0.9 and MRR >= 0.9 per language and database (PASS/FAIL). With
--show-misses it lists the queries whose first result is not expected, with what came first.
PostgreSQL is taken from BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432); the
benchmark creates and drops its own database there. Not part of the test command.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogue_search import PYTHON, ROOT, _env, _postgres_database, child_json, log  # noqa: E402
from relevance_queries import QUERIES  # noqa: E402

TARGET = 0.9
TOP = 3


def prepare(database_url: str, media: str) -> None:
    env = _env(database_url, media)
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo", "--quiet"]):
        log(f"  manage.py {' '.join(command)}")
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def _judge(kinds, names, catalogue) -> tuple[float, float, list]:
    """(P@3, reciprocal rank, the first names) of one query's results, by Dutch name;
    ``catalogue`` holds every Dutch item name, to count the expected items there are."""

    def expected(name):
        return any(name.startswith(kind) for kind in kinds)

    there_are = sum(1 for name in catalogue if expected(name))
    hits = [expected(name) for name in names]
    precision = sum(hits[:TOP]) / min(TOP, there_are) if there_are else 0.0
    rank = next((at for at, hit in enumerate(hits, start=1) if hit), None)
    return precision, (1 / rank if rank else 0.0), names[:TOP]


def _measure_in_process() -> None:
    import django

    django.setup()
    from catalogue.models import Item
    from search.api import CatalogueQuery, search_catalogue

    dutch = dict(
        Item.objects.filter(locale__language_code="nl").values_list("translation_key", "name")
    )
    rows = []
    for language, text, kinds in QUERIES:
        result = search_catalogue(CatalogueQuery(text=text, language=language))
        names = [dutch.get(item.translation_key, "?") for item in result.items]
        precision, reciprocal, first = _judge(kinds, names, dutch.values())
        rows.append(
            {
                "language": language,
                "text": text,
                "p3": precision,
                "rr": reciprocal,
                "first": first,
                "corrected": result.corrected,
                "other": result.other_language,
            }
        )
    print(json.dumps(rows))


def measure(database_url: str, media: str) -> list[dict]:
    return child_json(__file__, database_url, media)


def report(measured, show_misses: bool) -> bool:
    held = True
    print(f"{'database':<10}  {'language':<8}  {'queries':>7}  {'P@3':>5}  {'MRR':>5}")
    for database, rows in measured:
        by_language = defaultdict(list)
        for row in rows:
            by_language[row["language"]].append(row)
        for language, found in sorted(by_language.items()):
            p3 = sum(r["p3"] for r in found) / len(found)
            mrr = sum(r["rr"] for r in found) / len(found)
            ok = p3 >= TARGET and mrr >= TARGET
            held = held and ok
            verdict = "PASS" if ok else "FAIL"
            cells = f"{database:<10}  {language:<8}  {len(found):>7}  {p3:>5.2f}  {mrr:>5.2f}"
            print(f"{cells}  {verdict}")
        if show_misses:
            for row in rows:
                if row["rr"] < 1 or row["p3"] < 1:
                    note = f" (corrected: {row['corrected']})" if row["corrected"] else ""
                    note += f" (via {row['other']})" if row["other"] else ""
                    print(
                        f"  {database} {row['language']} {row['text']!r}: P@3 {row['p3']:.2f},"
                        f" RR {row['rr']:.2f}, first {row['first']}{note}"
                    )
    print(f"{len(QUERIES)} queries; targets: P@3 >= {TARGET} and MRR >= {TARGET} per language")
    print("PASS: every target holds" if held else "FAIL: a target does not hold")
    return held


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--show-misses", action="store_true", help="list the imperfect queries")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure_in_process()
        return
    databases = [name.strip() for name in args.databases.split(",")]
    if not databases or not set(databases) <= {"sqlite", "postgres"}:
        parser.error("--databases takes sqlite and/or postgres")
    measured = []
    with tempfile.TemporaryDirectory(prefix="deelfabriek-relevance-") as workdir:
        for database in databases:
            if database == "sqlite":
                url = f"sqlite:///{workdir}/relevance.sqlite3"
            else:
                url = _postgres_database("deelfabriek_bench_relevance")
            log(f"{database}: building the demo")
            prepare(url, f"{workdir}/media")
            log(f"{database}: {len(QUERIES)} queries")
            measured.append((database, measure(url, f"{workdir}/media")))
    print()
    sys.exit(0 if report(measured, args.show_misses) else 1)


if __name__ == "__main__":
    main()
