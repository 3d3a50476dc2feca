#!/usr/bin/env python3
"""Reservation benchmark: the time and SQL queries of one `reserve()` (rules, locks, insert).

    .venv/bin/python bench/reservations.py                       # 10,000 items, 50,000 reservations
    .venv/bin/python bench/reservations.py --databases sqlite --runs 50 --reuse
    .venv/bin/python bench/reservations.py --explain             # also EXPLAIN each rule query

For each database it builds a database with the demo site plus synthetic items
(`load_demo --synthetic N`: --items items with three copies each), then bulk-creates members
with memberships of the lending initiatives and --reservations reservations spread over the copies:
most returned (some cancelled or not picked up) in the past, some handed out now and many
requested or confirmed for the coming weeks, every pickup on a day the initiative is open and no
two active ones of an item overlapping. With --reuse a database built earlier is measured again.

It then calls `lending.rules.reserve()` in process, outside any outer transaction, as
the reservation form does, with the development settings (e-mail to the locmem backend):

- "reserve": a random item, member and open pickup day that pass every rule;
- "refused": an attempt on dates an active reservation of the item already covers.

and prints the median, 95th percentile and maximum time, the SQL queries per call, where the
mean time goes (each kind of statement, COMMIT included, and the Python around them) and the
queries of one successful call. What `transaction.on_commit` schedules (e-mails, tasks) runs
when reserve()'s own transaction commits, so it is part of the time. Each database is measured
with two task backends (--tasks): "immediate", the development settings, which deliver the
e-mail inside reserve(), and "database", production's, which only queue it for a worker.
--sqlite-init tries SQLite pragmas (for example WAL) without changing the settings.

Run builds in parallel (one per core) and measurements one after the other; a machine busy with
other work (test suites, their fsyncs) shows in the figures, so the load average is printed.
PostgreSQL is taken from
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432); the benchmark drops and creates
its own database there (deelfabriek_bench_res) and leaves it for --reuse. Not part of the test
command.

The parts, next to this file: reservations_world.py builds the members, memberships and
reservations, reservations_measure.py times reserve() in the child process, and
reservations_report.py prints the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# The shared set-up of the catalogue benchmark, and this benchmark's parts (next to this file,
# so on sys.path[0]).
from catalogue_search import POSTGRES, PYTHON, ROOT, _env, log
from reservations_measure import LOCMEM_EMAIL, TASK_BACKENDS, measure_in_process
from reservations_report import report
from reservations_world import populate

POSTGRES_DATABASE = "deelfabriek_bench_res"


# Building ------------------------------------------------------------------------------------


def bench_env(database_url: str, media: str) -> dict:
    env = _env(database_url, media)
    env.pop("EMAIL_HOST", None)  # would switch the settings to SMTP
    env["EMAIL_BACKEND"] = LOCMEM_EMAIL
    return env


def child(database_url: str, media: str, *args) -> str:
    """Run this file with `args` in a child process that has Django set up on that database."""
    output = subprocess.run(
        [PYTHON, __file__, *[str(a) for a in args]],
        cwd=ROOT,
        env=bench_env(database_url, media),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return output.stdout


def build(name: str, database_url: str, media: str, args) -> None:
    # load_demo makes synthetic items with three copies each; every 20th has them in repair.
    synthetic = args.items
    env = bench_env(database_url, media)
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_demo", "--quiet", "--synthetic", str(synthetic)],
    ):
        log(f"{name}:   manage.py {' '.join(command)}")
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,  # the demo log-ins
        )
    log(f"{name}:   members and {args.reservations:,} reservations")
    started = time.monotonic()
    out = child(
        database_url,
        media,
        "--populate",
        "--reservations",
        args.reservations,
        "--members",
        args.members,
        "--seed",
        args.seed,
    )
    log(f"{name}:   {out.strip().splitlines()[-1]} ({time.monotonic() - started:.0f} s)")


def _postgres_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def _postgres_recreate(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


# Running ----------------------------------------------------------------------------------------


def _parser():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--items", type=int, default=10_000, help="synthetic items (3 copies each)")
    parser.add_argument("--reservations", type=int, default=50_000, help="reservations to add")
    parser.add_argument("--members", type=int, default=10_000, help="members to add")
    parser.add_argument("--runs", type=int, default=200, help="successful reserve() calls timed")
    parser.add_argument(
        "--refused", type=int, default=50, help="refused (overlapping) attempts timed"
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed of data and picks")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database of an earlier run if there"
    )
    parser.add_argument(
        "--workdir",
        default=os.path.join(tempfile.gettempdir(), "deelfabriek-bench-res"),
        help="where the SQLite database and the media go (kept for --reuse)",
    )
    parser.add_argument(
        "--tasks",
        default="immediate,database",
        help="task backends: immediate (development settings: e-mails sent in reserve()),\n"
        "database (production: queued for a worker), or both",
    )
    parser.add_argument(
        "--sqlite-init",
        default="",
        metavar="SQL",
        help="an init_command for SQLite, to try a setting, e.g.\n"
        '"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL" (the file is set back after)',
    )
    parser.add_argument("--no-queries", action="store_true", help="do not list the queries")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the SELECTs of a call")
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser


def _checked(parser, args):
    """The databases and task backends asked for; the parser's error if the options are wrong."""
    databases = [name.strip() for name in args.databases.split(",")]
    if not set(databases) <= {"sqlite", "postgres"} or not databases:
        parser.error("--databases takes sqlite and/or postgres")
    task_backends = [name.strip() for name in args.tasks.split(",")]
    if not set(task_backends) <= set(TASK_BACKENDS) or not task_backends:
        parser.error("--tasks takes immediate and/or database")
    if min(args.items, args.reservations, args.members, args.runs, args.refused) < 1:
        parser.error("--items, --reservations, --members, --runs and --refused must be positive")
    return databases, task_backends


def _targets(databases, args, workdir):
    """[(database, url, media)] to measure, and those of them to build first."""
    targets, builds = [], []
    for database in databases:
        media = str(workdir / f"media-{database}")
        if database == "sqlite":
            path = workdir / "bench.sqlite3"
            url = f"sqlite:///{path}"
            exists = path.exists()
            if not (args.reuse and exists):
                path.unlink(missing_ok=True)
        else:
            url = f"{POSTGRES}/{POSTGRES_DATABASE}"
            exists = _postgres_exists(POSTGRES_DATABASE)
            if not (args.reuse and exists):
                _postgres_recreate(POSTGRES_DATABASE)
        if args.reuse and exists:
            log(f"{database}: reusing {url}")
        else:
            log(f"{database}: building {url}")
            builds.append((database, url, media))
        targets.append((database, url, media))
    return targets, builds


def _measure_all(targets, task_backends, args):
    """[(database, tasks, figures)]: each database with each task backend, one after the other."""
    measured = []
    for database, url, media in targets:
        for number, tasks in enumerate(task_backends):
            log(
                f"{database}, tasks {tasks}: measuring {args.runs} reservations "
                f"and {args.refused} refusals"
            )
            out = child(
                url,
                media,
                "--measure",
                "--runs",
                args.runs,
                "--refused",
                args.refused,
                "--seed",
                args.seed + number,
                "--tasks",
                tasks,
                *(["--explain"] if args.explain else []),
                *(["--sqlite-init", args.sqlite_init] if args.sqlite_init else []),
            )
            measured.append((database, tasks, json.loads(out.strip().splitlines()[-1])))
    return measured


def main() -> None:
    parser = _parser()
    args = parser.parse_args()
    if args.populate:
        populate(args.reservations, args.members, args.seed)
        return
    if args.measure:
        measure_in_process(
            args.runs, args.refused, args.seed, args.tasks, args.explain, args.sqlite_init
        )
        return
    databases, task_backends = _checked(parser, args)

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    targets, builds = _targets(databases, args, workdir)
    # The builds run side by side (one core each); the measurements one after the other.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(build, *target, args) for target in builds]:
            future.result()
    # Let the build's writes reach the disk first: else they slow the first commits' fsync.
    os.sync()
    measured = _measure_all(targets, task_backends, args)
    log(f"done in {time.monotonic() - started:.0f} s")
    report(measured, show_queries=not args.no_queries)


if __name__ == "__main__":
    main()
