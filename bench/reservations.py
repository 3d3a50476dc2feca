#!/usr/bin/env python3
"""Reservation benchmark: the time and SQL queries of one `reserve()` (rules, locks, insert).

    .venv/bin/python bench/reservations.py                       # 10,000 items, 50,000 reservations
    .venv/bin/python bench/reservations.py --databases sqlite --runs 50 --reuse
    .venv/bin/python bench/reservations.py --explain             # also EXPLAIN each rule query

For each database it builds a database with the demo site plus synthetic items
(`load_demo --synthetic N`, enough for --items reservable ones), then bulk-creates members with
memberships of the lending initiatives and --reservations reservations spread over the items:
most returned (some cancelled or not picked up) in the past, some handed out now and many
requested or confirmed for the coming weeks, every pickup on a day the initiative is open and no
two active ones of an item overlapping. With --reuse a database built earlier is measured again.

It then calls `catalogue.reservations.reserve()` in process, outside any outer transaction, as
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
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import re
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

# The shared set-up of the catalogue benchmark (next to this file, so on sys.path[0]).
from catalogue_search import POSTGRES, PYTHON, ROOT, _env, log

POSTGRES_DATABASE = "deelfabriek_bench_res"
LOCMEM_EMAIL = "django.core.mail.backends.locmem.EmailBackend"
# "immediate": the development settings', which run a task (an e-mail) inside the request;
# "database": production's, which only writes the task for a worker.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
# load_demo makes every 20th synthetic item "in repair", which cannot be reserved.
REPAIR_SHARE = 1 / 20
USERNAME_PREFIX = "bench-member-"
TARGET_MS = 30
# Timed reservations pick up within this many days: the weeks the demo data keeps busy.
PICKUP_WINDOW_DAYS = 90


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
    synthetic = int(args.items / (1 - REPAIR_SHARE)) + 1
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


def _open_days(schedule, first, last):
    days, day = [], first
    while day <= last:
        if schedule.is_open_on(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _lending_initiatives():
    from django.conf import settings

    from initiatives.models import InitiativePage

    return list(
        InitiativePage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE,
            lends_items=True,
            reservations_enabled=True,
        ).order_by("pk")
    )


def _populate_in_process(total: int, member_count: int, seed: int) -> None:
    """Members, memberships, reservations and their events, in bulk (run once per database)."""
    import bisect

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from catalogue.models import Item, Reservation, ReservationEvent
    from initiatives.models import MembershipPlan
    from members.models import Member, Membership, member_number_for

    User = get_user_model()
    if User.objects.filter(username__startswith=USERNAME_PREFIX).exists():
        print(f"already populated: {Reservation.objects.count():,} reservations")
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    Status = Reservation.Status
    initiatives = _lending_initiatives()
    open_days = {
        i.pk: _open_days(i.schedule, today - 900 * day, today + 365 * day) for i in initiatives
    }
    plans = {}
    for plan in MembershipPlan.objects.filter(page__in=initiatives).order_by("sort_order"):
        plans.setdefault(plan.page_id, plan)

    with transaction.atomic():
        password = make_password("bench-not-a-login")
        users = User.objects.bulk_create(
            User(
                username=f"{USERNAME_PREFIX}{n:05}",
                email=f"{USERNAME_PREFIX}{n:05}@deelfabriek.example",
                first_name="Lid",
                last_name=f"Bench {n}",
                password=password,
            )
            for n in range(1, member_count + 1)
        )
        if users[0].pk is None:
            users = list(User.objects.filter(username__startswith=USERNAME_PREFIX).order_by("pk"))
        members = Member.objects.bulk_create(
            Member(
                user=user,
                postal_code=rng.choice(["9000", "9030", "9040", "9050", "9070"]),
                preferred_language=rng.choices(["nl", "fr", "en"], [8, 1, 1])[0],
            )
            for user in users
        )
        if members[0].pk is None:
            members = list(Member.objects.filter(user__in=users).order_by("pk"))
        for member in members:
            member.member_number = member_number_for(member.pk)
        Member.objects.bulk_update(members, ["member_number"], batch_size=1000)

        # Each member belongs to one to three lending initiatives; most have renewed once.
        memberships, members_of = [], {i.pk: [] for i in initiatives}
        for member in members:
            count = rng.choices([1, 2, 3], [5, 3, 2])[0]
            for initiative in rng.sample(initiatives, min(count, len(initiatives))):
                start = today - rng.randint(0, 240) * day
                end = start + 365 * day  # runs at least until today + 125 days
                plan = plans.get(initiative.pk)
                memberships.append(
                    Membership(
                        member=member, initiative=initiative, plan=plan, start=start, end=end
                    )
                )
                if rng.random() < 0.6:
                    previous = start - 365 * day
                    memberships.append(
                        Membership(
                            member=member,
                            initiative=initiative,
                            plan=plan,
                            start=previous,
                            end=start - day,
                        )
                    )
                members_of[initiative.pk].append(member.pk)
        Membership.objects.bulk_create(memberships, batch_size=2000)

    by_pk = {i.pk: i for i in initiatives}
    items = list(
        Item.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE,
            live=True,
            status=Item.Status.AVAILABLE,
            initiative__in=initiatives,
        )
        .order_by("pk")
        .values_list("pk", "initiative_id", "loan_days")
    )
    # The demo's own members have reservations on a few demo items: leave those items to them.
    taken = set(Reservation.objects.values_list("item_id", flat=True))
    items = [row for row in items if open_days[row[1]] and members_of[row[1]]]
    items = [row for row in items if row[0] not in taken]
    per_item = [total // len(items) + (n < total % len(items)) for n in range(len(items))]
    rng.shuffle(per_item)
    active_count = {}  # (member, initiative) -> active reservations, kept under the limit

    def active_member(initiative):
        candidates = members_of[initiative.pk]
        for _ in range(50):
            member = rng.choice(candidates)
            if active_count.get((member, initiative.pk), 0) < initiative.max_active_reservations:
                active_count[member, initiative.pk] = active_count.get((member, initiative.pk), 0)
                active_count[member, initiative.pk] += 1
                return member
        return None

    def open_on_or_after(days, target):
        index = bisect.bisect_left(days, target)
        return days[index] if index < len(days) else None

    def open_on_or_before(days, target):
        index = bisect.bisect_right(days, target)
        return days[index - 1] if index else None

    def aware(day_, hour):
        moment = datetime.datetime.combine(day_, datetime.time(hour, rng.randint(0, 59)))
        return timezone.make_aware(moment)

    ended = [Status.RETURNED, Status.CANCELLED, Status.NO_SHOW]
    rows = []  # (Reservation, [(from, to, at)])
    for (item_pk, initiative_pk, loan_days), count in zip(items, per_item, strict=True):
        initiative = by_pk[initiative_pk]
        days = open_days[initiative_pk]
        longest = min(loan_days or initiative.max_loan_days, 14)
        future = min(count, rng.choices([0, 1, 2], [4, 4, 2])[0])
        picked_up = 1 if count > future and rng.random() < 0.10 else 0
        past = count - future - picked_up
        planned = []  # (pickup, return, status)
        earliest_past, cursor = today, today + rng.randint(1, 21) * day
        if picked_up:
            pickup = open_on_or_before(days, today - rng.randint(1, 10) * day)
            if pickup is not None:
                back = max(today, pickup + day) + rng.randint(0, 7) * day
                back = min(back, pickup + longest * day)
                planned.append((pickup, back, Status.PICKED_UP))
                earliest_past, cursor = pickup, max(cursor, back + rng.randint(1, 7) * day)
            else:
                past += 1
        for _ in range(future):
            pickup = open_on_or_after(days, cursor)
            if pickup is None:
                past += 1
                continue
            back = pickup + rng.randint(1, longest) * day
            status = (
                Status.CONFIRMED
                if initiative.auto_confirm or rng.random() < 0.6
                else Status.REQUESTED
            )
            planned.append((pickup, back, status))
            cursor = back + rng.randint(1, 14) * day
        cursor = earliest_past - day
        for _ in range(past):
            pickup = open_on_or_before(days, cursor - (rng.randint(0, 30) + longest) * day)
            if pickup is None:
                break
            back = pickup + rng.randint(1, longest) * day
            status = rng.choices(ended, [85, 10, 5])[0]
            planned.append((pickup, back, status))
            cursor = pickup - day
        spans = sorted((pickup, back) for pickup, back, _ in planned)
        assert all(a[1] < b[0] for a, b in pairwise(spans)), (item_pk, spans)
        for pickup, back, status in planned:
            if status in Reservation.ACTIVE_STATUSES:
                member = active_member(initiative)
                if member is None:
                    continue
            else:
                member = rng.choice(members_of[initiative_pk])
            created = aware(pickup - rng.randint(1, 30) * day, rng.randint(8, 22))
            first = (
                Status.CONFIRMED
                if initiative.auto_confirm
                else (Status.REQUESTED if status == Status.REQUESTED else Status.CONFIRMED)
            )
            events = [("", first, created)]
            if status in (Status.PICKED_UP, Status.RETURNED):
                events.append((first, Status.PICKED_UP, aware(pickup, 14)))
            if status == Status.RETURNED:
                events.append((Status.PICKED_UP, Status.RETURNED, aware(back, 15)))
            elif status in (Status.CANCELLED, Status.NO_SHOW):
                events.append((first, status, aware(min(pickup, back), 17)))
            reservation = Reservation(
                item_id=item_pk,
                member_id=member,
                pickup_date=pickup,
                return_date=back,
                status=status,
                created_at=created,
                accessories_checked=status == Status.RETURNED,
            )
            rows.append((reservation, events))

    with transaction.atomic():
        for start in range(0, len(rows), 5000):
            chunk = rows[start : start + 5000]
            saved = Reservation.objects.bulk_create([r for r, _ in chunk], batch_size=1000)
            assert saved[0].pk is not None, "bulk_create did not return primary keys"
            ReservationEvent.objects.bulk_create(
                [
                    ReservationEvent(reservation=r, from_status=a, to_status=b, at=at)
                    for r, events in chunk
                    for a, b, at in events
                ],
                batch_size=2000,
            )
    if connection.vendor == "postgresql":
        # What autovacuum would do shortly after a load this size; SQLite keeps no statistics
        # unless asked (Django never runs ANALYZE there), so it is left as a site would have it.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    active = sum(1 for r, _ in rows if r.status in Reservation.ACTIVE_STATUSES)
    print(
        f"{len(members):,} members, {len(memberships):,} memberships, "
        f"{len(rows):,} reservations ({active:,} active) on {len(items):,} items"
    )


# Measuring -----------------------------------------------------------------------------------


def _percentile(times, share):
    ordered = sorted(times)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def _summary(times, queries, **extra):
    return {
        "n": len(times),
        "mean": statistics.mean(times),
        "median": statistics.median(times),
        "p95": _percentile(times, 0.95),
        "max": max(times),
        "queries": [min(queries), max(queries)],
        **extra,
    }


def _label(sql):
    """A short name for a statement: its verb, its table and what kind of read it is."""
    words = sql.split()
    verb = " ".join(words[:2]) if words[0].upper() in ("RELEASE", "BEGIN") else words[0]
    match = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql)
    label = f"{verb.upper()} {match.group(1)}" if match else verb.upper()
    if "COUNT(*)" in sql:
        label += " count"
    elif re.match(r'SELECT (?:\(1\)|1) AS "a"', sql):
        label += " exists"
    if sql.rstrip().endswith("FOR UPDATE"):
        label += " FOR UPDATE"
    return label


def _profile(rows):
    """Mean time per call of each kind of statement, and what is left for Python."""
    totals, counts = {}, {}
    for row in rows:
        for label, ms in row["statements"]:
            totals[label] = totals.get(label, 0) + ms
            counts[label] = counts.get(label, 0) + 1
    calls = len(rows)
    profile = [(label, counts[label] / calls, totals[label] / calls) for label in totals]
    sql = sum(ms for _, _, ms in profile)
    profile.append(
        ("(Python: rules, ORM, signals)", 0, statistics.mean(r["ms"] for r in rows) - sql)
    )
    return sorted(profile, key=lambda entry: -entry[2])


def _context(connection):
    import sqlite3

    import django

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        database = f"SQLite {sqlite3.sqlite_version}"
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            names = [line.split(":", 1)[1] for line in cpuinfo if line.startswith("model name")]
        cpu = names[0].strip() if names else cpu
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu})",
    }


def _explain(connection, sql):
    if connection.vendor == "postgresql":
        prefix = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)"
    else:
        prefix = "EXPLAIN QUERY PLAN"
    with connection.cursor() as cursor:
        cursor.execute(f"{prefix} {sql}")
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":
        return [row[0] for row in rows]
    return [row[-1] for row in rows]


def _measure_in_process(runs, refused_runs, seed, tasks, explain, sqlite_init):
    import django

    django.setup()
    from django.db import connection

    if sqlite_init and connection.vendor == "sqlite":
        # Not connected yet: the pragmas apply to the connection reserve() uses.
        connection.settings_dict["OPTIONS"]["init_command"] = sqlite_init
        try:
            _measure(runs, refused_runs, seed, tasks, explain)
        finally:
            if "journal_mode" in sqlite_init.lower():
                connection.close()
                connection.settings_dict["OPTIONS"].pop("init_command")
                with connection.cursor() as cursor:
                    # The file keeps its journal mode: leave it as the site has it.
                    cursor.execute("PRAGMA journal_mode=DELETE")
    else:
        _measure(runs, refused_runs, seed, tasks, explain)


def _measure(runs, refused_runs, seed, tasks, explain):
    from django.conf import settings
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from catalogue.models import Item, Reservation, ReservationEvent
    from catalogue.reservations import ReservationRefused, reserve
    from members.models import Member, Membership

    if tasks != "immediate":
        # Production's task backend (deelfabriek.settings.production): reserve() only queues.
        override_settings(TASKS={"default": {"BACKEND": TASK_BACKENDS[tasks]}}).enable()
    assert settings.EMAIL_BACKEND == LOCMEM_EMAIL, settings.EMAIL_BACKEND
    assert settings.TASKS["default"]["BACKEND"] == TASK_BACKENDS[tasks], settings.TASKS
    load_before = os.getloadavg()
    rng = random.Random(seed)
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    initiatives = {i.pk: i for i in _lending_initiatives()}
    open_days = {
        pk: _open_days(i.schedule, today + day, today + PICKUP_WINDOW_DAYS * day)
        for pk, i in initiatives.items()
    }
    items = [
        row
        for row in Item.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE,
            live=True,
            status=Item.Status.AVAILABLE,
            initiative__in=list(initiatives),
        ).values_list("pk", "initiative_id", "loan_days")
        if open_days[row[1]]
    ]
    busy = {}  # item -> [(pickup, return)] of its active reservations from today on
    for item_pk, pickup, back in (
        Reservation.objects.active()
        .filter(return_date__gte=today)
        .values_list("item_id", "pickup_date", "return_date")
    ):
        busy.setdefault(item_pk, []).append((pickup, back))
    active = {}
    for member_pk, initiative_pk in (
        Reservation.objects.active()
        .filter(member__isnull=False)
        .values_list("member_id", "item__initiative_id")
    ):
        active[member_pk, initiative_pk] = active.get((member_pk, initiative_pk), 0) + 1
    last_day = today + (PICKUP_WINDOW_DAYS + 14) * day
    covered = {}  # initiative -> members whose membership runs past every timed return date
    for member_pk, initiative_pk in Membership.objects.filter(
        initiative__in=list(initiatives), start__lte=today, end__gte=last_day
    ).values_list("member_id", "initiative_id"):
        covered.setdefault(initiative_pk, []).append(member_pk)

    def member_for(initiative_pk):
        limit = initiatives[initiative_pk].max_active_reservations
        for _ in range(100):
            member_pk = rng.choice(covered[initiative_pk])
            if active.get((member_pk, initiative_pk), 0) < limit:
                return member_pk
        free = [m for m in covered[initiative_pk] if active.get((m, initiative_pk), 0) < limit]
        return rng.choice(free) if free else None

    def load(item_pk, member_pk):
        # What the reservation view hands over: the item page's item and the member profile.
        item = Item.objects.select_related("initiative", "locale").get(pk=item_pk)
        member = Member.objects.select_related("user").get(pk=member_pk)
        return item, member

    exhausted = RuntimeError("every member is at the active limit: rebuild without --reuse")

    def plan_success():
        for _ in range(10_000):
            item_pk, initiative_pk, loan_days = rng.choice(items)
            if initiative_pk not in covered:
                continue
            pickup = rng.choice(open_days[initiative_pk])
            longest = min(loan_days or initiatives[initiative_pk].max_loan_days, 14)
            back = pickup + rng.randint(1, longest) * day
            if any(p <= back and pickup <= r for p, r in busy.get(item_pk, ())):
                continue
            member_pk = member_for(initiative_pk)
            if member_pk is not None:
                return item_pk, initiative_pk, member_pk, pickup, back
        raise exhausted

    future = [
        (item_pk, initiative_pk, pickup)
        for item_pk, initiative_pk, _ in items
        for pickup, _ in busy.get(item_pk, ())
        if pickup > today and initiative_pk in covered
    ]

    def plan_refusal():
        for _ in range(10_000):
            item_pk, initiative_pk, pickup = rng.choice(future)
            member_pk = member_for(initiative_pk)
            if member_pk is not None:
                return item_pk, initiative_pk, member_pk, pickup, pickup + day
        raise exhausted

    on_commit_calls = []
    original_on_commit = connection.on_commit

    def counting_on_commit(func, robust=False):
        on_commit_calls.append(getattr(func, "__qualname__", repr(func)))
        return original_on_commit(func, robust=robust)

    connection.on_commit = counting_on_commit
    mail.outbox = []

    # Each statement's own time (the debug log rounds to whole milliseconds); COMMIT and
    # ROLLBACK do not pass the cursor, so the connection's methods are timed for them.
    statements = []

    def timed_statement(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((_label(sql), (time.perf_counter() - started) * 1000))

    def timed(name, method):
        def run():
            started = time.perf_counter()
            try:
                return method()
            finally:
                statements.append((name, (time.perf_counter() - started) * 1000))

        return run

    connection.ensure_connection()
    connection._commit = timed("COMMIT", connection._commit)
    connection._rollback = timed("ROLLBACK", connection._rollback)

    def attempt(kind):
        item_pk, initiative_pk, member_pk, pickup, back = (
            plan_success() if kind == "reserve" else plan_refusal()
        )
        item, member = load(item_pk, member_pk)
        before_mail, before_commit = len(mail.outbox), len(on_commit_calls)
        assert not connection.in_atomic_block
        statements.clear()
        with (
            CaptureQueriesContext(connection) as captured,
            connection.execute_wrapper(timed_statement),
        ):
            started = time.perf_counter()
            try:
                reserve(item, member, pickup, back, by=member.user)
                refused = None
            except ReservationRefused as error:
                refused = error.codes
            elapsed = (time.perf_counter() - started) * 1000
        if kind == "reserve":
            assert refused is None, (refused, item_pk, pickup, back)
            busy.setdefault(item_pk, []).append((pickup, back))
            active[member_pk, initiative_pk] = active.get((member_pk, initiative_pk), 0) + 1
        else:
            assert refused == ["overlap"], refused
        return {
            "ms": elapsed,
            "queries": [q["sql"] for q in captured.captured_queries],
            "mails": len(mail.outbox) - before_mail,
            "on_commit": on_commit_calls[before_commit:],
            "statements": list(statements),
        }

    # Warm the process as a running server is: the opening schedules and locales are cached.
    for _ in range(2 * len(initiatives)):
        attempt("reserve")
    attempt("refused")

    plan = ["reserve"] * runs + ["refused"] * refused_runs
    rng.shuffle(plan)
    results = {"reserve": [], "refused": []}
    for kind in plan:
        results[kind].append(attempt(kind))

    figures = {
        "context": {
            **_context(connection),
            "load": [load_before, os.getloadavg()],
            "init": connection.settings_dict["OPTIONS"].get("init_command", ""),
        },
        "counts": {
            "items": Item.objects.filter(locale__language_code=settings.LANGUAGE_CODE).count(),
            "reservable": len(items),
            "reservations": Reservation.objects.count(),
            "active": Reservation.objects.active().count(),
            "active_ahead": Reservation.objects.active().filter(pickup_date__gt=today).count(),
            "events": ReservationEvent.objects.count(),
            "members": Member.objects.count(),
            "memberships": Membership.objects.count(),
        },
        "email": {
            "backend": settings.EMAIL_BACKEND,
            "tasks": settings.TASKS["default"]["BACKEND"],
        },
    }
    for kind, rows in results.items():
        figures[kind] = _summary(
            [r["ms"] for r in rows],
            [len(r["queries"]) for r in rows],
            mails=sum(r["mails"] for r in rows) / len(rows),
            on_commit=sorted({name for r in rows for name in r["on_commit"]}),
            profile=_profile(rows),
        )
    # The queries of one successful call: the one nearest the median.
    median = figures["reserve"]["median"]
    example = min(results["reserve"], key=lambda r: abs(r["ms"] - median))
    figures["example"] = example["queries"]
    if explain:
        figures["explain"] = [
            (sql, _explain(connection, sql))
            for sql in example["queries"]
            if sql.lstrip().upper().startswith("SELECT")
        ]
    print(json.dumps(figures, default=str))


# Reporting -----------------------------------------------------------------------------------


def _table(rows):
    widths = ("<9", "<10", "<8", ">4", ">7", ">7", ">7", ">8", ">6", ">6")
    header = ("database", "tasks", "call", "n", "median", "p95", "max", "queries", "mails", "≤30ms")
    print("  ".join(f"{title:{width}}" for title, width in zip(header, widths, strict=True)))
    for database, tasks, kind, f in rows:
        low, high = f["queries"]
        cells = (
            database,
            tasks,
            kind,
            f["n"],
            f"{f['median']:.1f}",
            f"{f['p95']:.1f}",
            f"{f['max']:.1f}",
            f"{low}" if low == high else f"{low}–{high}",
            f"{f['mails']:.1f}",
            "yes" if f["median"] <= TARGET_MS else "NO",
        )
        print("  ".join(f"{cell:{width}}" for cell, width in zip(cells, widths, strict=True)))
    print("(times in ms; queries per call; mails sent through the e-mail backend per call)")


def _report(measured, show_queries):
    print()
    described = set()
    for database, tasks, figures in measured:
        c, n = figures["context"], figures["counts"]
        if database not in described:
            described.add(database)
            print(
                f"{database}: {c['database']}, Python {c['python']}, Django {c['django']}; "
                f"{c['machine']}"
            )
            print(
                f"  {n['items']:,} items ({n['reservable']:,} reservable), "
                f"{n['reservations']:,} reservations ({n['active']:,} active, "
                f"{n['active_ahead']:,} still to pick up), {n['events']:,} events, "
                f"{n['members']:,} members, {n['memberships']:,} memberships"
            )
        load = " → ".join(f"{minute:.1f}" for minute, *_ in c["load"])
        if c["init"]:
            print(f"  {database} connections run: {c['init']}")
        on_commit = figures["reserve"]["on_commit"]
        print(
            f"  tasks {tasks} ({figures['email']['tasks'].rsplit('.', 1)[-1]}), e-mail "
            f"{figures['email']['backend'].rsplit('.', 2)[-2]}, load average {load}: reserve() "
            "ran outside any transaction, so what it leaves to on_commit is in the time: "
            + (", ".join(on_commit) if on_commit else "nothing was left to on_commit")
        )
    print()
    _table(
        [
            (database, tasks, kind, figures[kind])
            for database, tasks, figures in measured
            for kind in ("reserve", "refused")
        ]
    )
    for database, tasks, figures in measured:
        for kind in ("reserve", "refused"):
            figure = figures[kind]
            print()
            print(f"{database}, tasks {tasks}, {kind}: where the mean {figure['mean']:.1f} ms goes")
            for label, count, ms in figure["profile"]:
                times = f"{count:.0f}×" if count else ""
                print(f"  {ms:7.2f} ms  {ms / figure['mean']:4.0%}  {times:>3} {label}")
    if not show_queries:
        return
    for database, tasks, figures in measured:
        print()
        print(f"{database}, tasks {tasks}: the {len(figures['example'])} queries of one reserve()")
        for number, sql in enumerate(figures["example"], start=1):
            print(f"  {number:>2}. {sql}")
        for sql, plan in figures.get("explain", ()):
            print()
            print(f"  EXPLAIN {sql[:160]}{'…' if len(sql) > 160 else ''}")
            for line in plan:
                print(f"      {line}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--items", type=int, default=10_000, help="reservable items at least")
    parser.add_argument("--reservations", type=int, default=50_000, help="reservations to add")
    parser.add_argument("--members", type=int, default=6_000, help="members to add")
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
    args = parser.parse_args()
    if args.populate:
        _populate_in_process(args.reservations, args.members, args.seed)
        return
    if args.measure:
        _measure_in_process(
            args.runs, args.refused, args.seed, args.tasks, args.explain, args.sqlite_init
        )
        return
    databases = [name.strip() for name in args.databases.split(",")]
    if not set(databases) <= {"sqlite", "postgres"} or not databases:
        parser.error("--databases takes sqlite and/or postgres")
    task_backends = [name.strip() for name in args.tasks.split(",")]
    if not set(task_backends) <= set(TASK_BACKENDS) or not task_backends:
        parser.error("--tasks takes immediate and/or database")
    if min(args.items, args.reservations, args.members, args.runs, args.refused) < 1:
        parser.error("--items, --reservations, --members, --runs and --refused must be positive")

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
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
    # The builds run side by side (one core each); the measurements one after the other.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(build, *target, args) for target in builds]:
            future.result()
    # Let the build's writes reach the disk first: else they slow the first commits' fsync.
    os.sync()
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
    log(f"done in {time.monotonic() - started:.0f} s")
    _report(measured, show_queries=not args.no_queries)


if __name__ == "__main__":
    main()
