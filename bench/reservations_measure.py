"""Timing `lending.rules.reserve()` for the reservation benchmark (bench/reservations.py), in
the child process that has Django set up on the database built for it.

Measure plans successful reservations (a random item, member and open pickup day on which a
copy of the item is free and that pass every rule) and refusals (dates on which every copy of
the item is held: the bench first fills the item's free copies with untimed reservations),
times each call and each statement in it (COMMIT and ROLLBACK included), and
measure_in_process() prints the figures as one line of JSON for the parent process.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import random
import re
import statistics
import time

from reservations_world import lending_initiatives, open_days_between

LOCMEM_EMAIL = "django.core.mail.backends.locmem.EmailBackend"
# "immediate": the development settings', which run a task (an e-mail) inside the request;
# "database": production's, which only writes the task for a worker.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
# Timed reservations pick up within this many days: the weeks the demo data keeps busy.
PICKUP_WINDOW_DAYS = 90
DAY = datetime.timedelta(days=1)


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


def measure_in_process(runs, refused_runs, seed, tasks, explain, sqlite_init):
    import django

    django.setup()
    from django.db import connection

    if sqlite_init and connection.vendor == "sqlite":
        # Not connected yet: the pragmas apply to the connection reserve() uses.
        connection.settings_dict["OPTIONS"]["init_command"] = sqlite_init
        try:
            measure(runs, refused_runs, seed, tasks, explain)
        finally:
            if "journal_mode" in sqlite_init.lower():
                connection.close()
                connection.settings_dict["OPTIONS"].pop("init_command")
                with connection.cursor() as cursor:
                    # The file keeps its journal mode: leave it as the site has it.
                    cursor.execute("PRAGMA journal_mode=DELETE")
    else:
        measure(runs, refused_runs, seed, tasks, explain)


def measure(runs, refused_runs, seed, tasks, explain):
    """Time `runs` reservations and `refused_runs` refusals, and print the figures as JSON."""
    from django.conf import settings
    from django.test.utils import override_settings

    if tasks != "immediate":
        # Production's task backend (deelfabriek.settings.production): reserve() only queues.
        override_settings(TASKS={"default": {"BACKEND": TASK_BACKENDS[tasks]}}).enable()
    assert settings.EMAIL_BACKEND == LOCMEM_EMAIL, settings.EMAIL_BACKEND
    assert settings.TASKS["default"]["BACKEND"] == TASK_BACKENDS[tasks], settings.TASKS
    load_before = os.getloadavg()
    bench = Bench(random.Random(seed))
    results = bench.run(runs, refused_runs)
    print(json.dumps(bench.figures(results, load_before, explain), default=str))


class Bench:
    """The state of the measured database the plans need, and the instrumented connection."""

    def __init__(self, rng):
        from django.utils import timezone

        self.rng = rng
        self.today = timezone.localdate()
        self._load_items()
        self._load_members()
        self._instrument()

    def _load_items(self):
        """The reservable items, their lendable copies and, for each copy, the periods its active
        reservations hold."""
        from django.conf import settings
        from django.db.models import Q

        from catalogue.models import Copy
        from lending.models import Reservation

        today = self.today
        self.initiatives = {i.pk: i for i in lending_initiatives()}
        self.open_days = {
            pk: open_days_between(i.schedule, today + DAY, today + PICKUP_WINDOW_DAYS * DAY)
            for pk, i in self.initiatives.items()
        }
        self.copies, items = {}, {}  # item -> [lendable copy]; item -> (initiative, loan days)
        for copy_pk, item_pk, initiative_pk, loan_days in Copy.objects.filter(
            item__locale__language_code=settings.LANGUAGE_CODE,
            item__live=True,
            status=Copy.Status.AVAILABLE,
            item__initiative__in=list(self.initiatives),
        ).values_list("pk", "item_id", "item__initiative_id", "item__loan_days"):
            if self.open_days[initiative_pk]:
                self.copies.setdefault(item_pk, []).append(copy_pk)
                items[item_pk] = (initiative_pk, loan_days)
        self.items = [(pk, *row) for pk, row in sorted(items.items())]
        self.busy = {}  # copy -> [(pickup, return)] of its active reservations from today on
        picked_up = Reservation.Status.PICKED_UP
        for copy_pk, pickup, back, status in (
            Reservation.objects.active()
            .filter(Q(return_date__gte=today) | Q(status=picked_up))
            .values_list("copy_id", "pickup_date", "return_date", "status")
        ):
            # A copy picked up (even overdue) is held until it comes back.
            held = today + 999 * DAY if status == picked_up else back
            self.busy.setdefault(copy_pk, []).append((pickup, held))

    def _load_members(self):
        """Active reservations per member and initiative, and the members who may reserve."""
        from lending.models import Reservation
        from members.models import Membership

        self.active = {}
        for member_pk, initiative_pk in (
            Reservation.objects.active()
            .filter(member__isnull=False)
            .values_list("member_id", "item__initiative_id")
        ):
            key = (member_pk, initiative_pk)
            self.active[key] = self.active.get(key, 0) + 1
        last_day = self.today + (PICKUP_WINDOW_DAYS + 14) * DAY
        self.covered = {}  # initiative -> members whose membership runs past every return date
        for member_pk, initiative_pk in Membership.objects.filter(
            initiative__in=list(self.initiatives), start__lte=self.today, end__gte=last_day
        ).values_list("member_id", "initiative_id"):
            self.covered.setdefault(initiative_pk, []).append(member_pk)

    def _instrument(self):
        """Count what reserve() leaves to on_commit, and time each statement: its own time (the
        debug log rounds to whole milliseconds); COMMIT and ROLLBACK do not pass the cursor, so
        the connection's methods are timed for them."""
        from django.core import mail
        from django.db import connection

        self.on_commit_calls, self.statements = [], []
        original_on_commit = connection.on_commit

        def counting_on_commit(func, robust=False):
            self.on_commit_calls.append(getattr(func, "__qualname__", repr(func)))
            return original_on_commit(func, robust=robust)

        connection.on_commit = counting_on_commit
        mail.outbox = []

        def timed(name, method):
            def run():
                started = time.perf_counter()
                try:
                    return method()
                finally:
                    self.statements.append((name, (time.perf_counter() - started) * 1000))

            return run

        connection.ensure_connection()
        connection._commit = timed("COMMIT", connection._commit)
        connection._rollback = timed("ROLLBACK", connection._rollback)

    def timed_statement(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((_label(sql), (time.perf_counter() - started) * 1000))

    def member_for(self, initiative_pk):
        limit = self.initiatives[initiative_pk].max_active_reservations
        covered, active = self.covered[initiative_pk], self.active
        for _ in range(100):
            member_pk = self.rng.choice(covered)
            if active.get((member_pk, initiative_pk), 0) < limit:
                return member_pk
        free = [m for m in covered if active.get((m, initiative_pk), 0) < limit]
        return self.rng.choice(free) if free else None

    def free_copies(self, item_pk, pickup, back):
        return [
            copy_pk
            for copy_pk in self.copies[item_pk]
            if not any(p <= back and pickup <= r for p, r in self.busy.get(copy_pk, ()))
        ]

    def plan_success(self):
        rng = self.rng
        for _ in range(10_000):
            item_pk, initiative_pk, loan_days = rng.choice(self.items)
            if initiative_pk not in self.covered:
                continue
            pickup = rng.choice(self.open_days[initiative_pk])
            longest = min(loan_days or self.initiatives[initiative_pk].max_loan_days, 14)
            back = pickup + rng.randint(1, longest) * DAY
            if not self.free_copies(item_pk, pickup, back):
                continue
            member_pk = self.member_for(initiative_pk)
            if member_pk is not None:
                return item_pk, initiative_pk, member_pk, pickup, back
        raise _exhausted()

    def plan_refusal(self):
        """A planned success whose period every copy then holds: the free copies are taken
        first by untimed reservations of other members."""
        from lending.rules import reserve

        item_pk, initiative_pk, member_pk, pickup, back = self.plan_success()
        for _ in self.free_copies(item_pk, pickup, back):
            filler = self.member_for(initiative_pk)
            if filler is None:
                raise _exhausted()
            item, member = _load(item_pk, filler)
            self.record(reserve(item, member, pickup, back, by=member.user), initiative_pk)
        member_pk = self.member_for(initiative_pk)
        if member_pk is None:
            raise _exhausted()
        return item_pk, initiative_pk, member_pk, pickup, back

    def record(self, reservation, initiative_pk):
        """Keep the plans' picture of the database up to date after a reservation."""
        period = (reservation.pickup_date, reservation.return_date)
        self.busy.setdefault(reservation.copy_id, []).append(period)
        key = (reservation.member_id, initiative_pk)
        self.active[key] = self.active.get(key, 0) + 1

    def attempt(self, kind):
        from django.core import mail
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from lending.rules import ReservationRefused, reserve

        plan = self.plan_success() if kind == "reserve" else self.plan_refusal()
        item_pk, initiative_pk, member_pk, pickup, back = plan
        item, member = _load(item_pk, member_pk)
        before_mail, before_commit = len(mail.outbox), len(self.on_commit_calls)
        assert not connection.in_atomic_block
        self.statements.clear()
        with (
            CaptureQueriesContext(connection) as captured,
            connection.execute_wrapper(self.timed_statement),
        ):
            started = time.perf_counter()
            try:
                reservation = reserve(item, member, pickup, back, by=member.user)
                refused = None
            except ReservationRefused as error:
                refused = error.codes
            elapsed = (time.perf_counter() - started) * 1000
        if kind == "reserve":
            assert refused is None, (refused, item_pk, pickup, back)
            self.record(reservation, initiative_pk)
        else:
            assert refused == ["overlap"], refused
        return {
            "ms": elapsed,
            "queries": [q["sql"] for q in captured.captured_queries],
            "mails": len(mail.outbox) - before_mail,
            "on_commit": self.on_commit_calls[before_commit:],
            "statements": list(self.statements),
        }

    def run(self, runs, refused_runs):
        """{kind: [attempt]} of the timed calls, in random order, after a warm-up."""
        # Warm the process as a running server is: the opening schedules and locales are cached.
        for _ in range(2 * len(self.initiatives)):
            self.attempt("reserve")
        self.attempt("refused")

        plan = ["reserve"] * runs + ["refused"] * refused_runs
        self.rng.shuffle(plan)
        results = {"reserve": [], "refused": []}
        for kind in plan:
            results[kind].append(self.attempt(kind))
        return results

    def figures(self, results, load_before, explain):
        from django.conf import settings
        from django.db import connection

        figures = {
            "context": {
                **_context(connection),
                "load": [load_before, os.getloadavg()],
                "init": connection.settings_dict["OPTIONS"].get("init_command", ""),
            },
            "counts": self._counts(),
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
        return figures

    def _counts(self):
        from django.conf import settings

        from catalogue.models import Copy, Item
        from lending.models import Reservation, ReservationEvent
        from members.models import Member, Membership

        active = Reservation.objects.active()
        return {
            "items": Item.objects.filter(locale__language_code=settings.LANGUAGE_CODE).count(),
            "copies": Copy.objects.count(),
            "reservable": len(self.items),
            "reservations": Reservation.objects.count(),
            "active": active.count(),
            "active_ahead": active.filter(pickup_date__gt=self.today).count(),
            "events": ReservationEvent.objects.count(),
            "members": Member.objects.count(),
            "memberships": Membership.objects.count(),
        }


def _load(item_pk, member_pk):
    """What the reservation view hands over: the item page's item and the member profile."""
    from catalogue.models import Item
    from members.models import Member

    item = Item.objects.select_related("initiative", "locale").get(pk=item_pk)
    member = Member.objects.select_related("user").get(pk=member_pk)
    return item, member


def _exhausted():
    return RuntimeError("every member is at the active limit: rebuild without --reuse")
