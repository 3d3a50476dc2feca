"""The report of the reservation benchmark (bench/reservations.py): what was measured on
which database, a table of the timings, where the mean time of each call goes, and the queries
of one successful call.
"""

from __future__ import annotations

TARGET_MS = 30


def table(rows):
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


def verdicts(measured) -> bool:
    """One PASS/FAIL line per database and task backend, and one for all; True if all hold."""
    print()
    held = True
    for database, tasks, figures in measured:
        median = figures["reserve"]["median"]
        ok = median <= TARGET_MS
        held = held and ok
        print(
            f"{'PASS' if ok else 'FAIL'}: {database}, tasks {tasks}: reserve() median "
            f"{median:.1f} ms (target <= {TARGET_MS} ms)"
        )
    print("PASS: every target holds" if held else "FAIL: a target does not hold")
    return held


def report(measured, show_queries):
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
                f"{n.get('copies', 0):,} copies, "
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
    table(
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
    if show_queries:
        _queries(measured)
    verdicts(measured)


def _queries(measured):
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
