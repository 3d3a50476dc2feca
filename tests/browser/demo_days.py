"""The closed and open days of a demo initiative, for the browser journeys.

The browser tests' server runs on its own database, so the days are computed here from the
demo's definition of the initiative's hours (demo/initiatives.py) with the site's own schedule
code. Only plain days are chosen: no Belgian public holiday and no exception of the demo.
"""

import datetime
from types import SimpleNamespace


def _today():
    from django.utils import timezone

    return timezone.localdate()


def demo_initiative(slug):
    """The demo's definition of the initiative `slug` (demo/initiatives.py)."""
    from demo.initiatives import INITIATIVES

    return next(data for data in INITIATIVES if data["slug"] == slug)


def demo_schedule(slug, today):
    """The schedule of the demo initiative `slug` as load_demo builds it on `today`, without
    the database."""
    from demo.dates import exception_fields, parse_slot
    from initiatives.hours import build_schedule

    data = demo_initiative(slug)
    slots = [
        SimpleNamespace(**{"valid_from": None, "valid_until": None, **parse_slot(text, today)})
        for text in data["hours"] + data.get("seasonal", [])
    ]
    exceptions = [
        SimpleNamespace(translation_key=None, **exception_fields(spec, today)[0])
        for spec in data.get("exceptions", [])
    ]
    return build_schedule(slots, exceptions)


def _plain(day):
    return not day.is_exception and not day.holiday


def choose_days(slug, window):
    """(closed day, pickup, return date) within `window` (days from today).

    The pickup is a plain open day and the day before it a plain closed one, so that the
    refusal of the closed day suggests the pickup as the next open day. The return date is
    the next plain open day after the pickup, well within the loan limit (7 days).
    """
    today = _today()
    schedule = demo_schedule(slug, today)
    for offset in range(*window):
        pickup = today + datetime.timedelta(days=offset)
        closed = pickup - datetime.timedelta(days=1)
        if not (schedule.day(pickup).is_open and _plain(schedule.day(pickup))):
            continue
        if schedule.day(closed).is_open or not _plain(schedule.day(closed)):
            continue
        for days in range(1, 7):
            back = pickup + datetime.timedelta(days=days)
            if schedule.day(back).is_open and _plain(schedule.day(back)):
                return closed, pickup, back
    raise AssertionError(f"no closed day followed by an open one in {window} days from {today}")
