"""Dates of the demo data, read relative to the day the demo is loaded.

The data modules (pages.py, initiatives.py) write dates so that they stay upcoming whatever
the day of the load: "weekday W +N" (weekday W, N weeks from now), "yearly MM-DD" (the next
such date), "days +N". Weekly opening slots are "weekday HH:MM-HH:MM" (0 = Monday), with an
optional season "MM-DD..MM-DD" or an end "..+N" (N days from the load day). Nothing here
touches the database.
"""

import datetime

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.formats import date_format


def next_month_day(month_day, on_or_after):
    """The first date "MM-DD" on or after `on_or_after`."""
    month, day = (int(part) for part in month_day.split("-"))
    candidate = datetime.date(on_or_after.year, month, day)
    if candidate < on_or_after:
        candidate = datetime.date(on_or_after.year + 1, month, day)
    return candidate


def relative_date(spec, today):
    """A date relative to the load day: "weekday W +N", "yearly MM-DD" or "days +N"."""
    kind, *args = spec.split()
    if kind == "weekday":
        weekday, weeks = int(args[0]), int(args[1].lstrip("+"))
        base = today + datetime.timedelta(weeks=weeks)
        return base + datetime.timedelta(days=(weekday - base.weekday()) % 7)
    if kind == "yearly":
        return next_month_day(args[0], today)
    if kind == "days":
        return today + datetime.timedelta(days=int(args[0].lstrip("+")))
    raise CommandError(f"Unknown date in the demo data: {spec!r}")


def nth_weekday(month_start, nth, weekday):
    first = month_start + datetime.timedelta(days=(weekday - month_start.weekday()) % 7)
    return first + datetime.timedelta(weeks=nth - 1)


def add_months(day, months):
    """The first day of the month `months` after the month of `day`."""
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def parse_time(text):
    return datetime.time.fromisoformat(text)


def parse_slot(text, today):
    """ "2 14:00-18:00", seasonal "5 10:00-12:00 04-01..09-30", ending "5 10:00-12:00 ..+75"."""
    parts = text.split()
    weekday = int(parts[0])
    opens, closes = (parse_time(t) for t in parts[1].split("-"))
    slot = {"weekday": weekday, "opens": opens, "closes": closes}
    if len(parts) == 3:
        start, end = parts[2].split("..")
        if not start:
            # ends N days from now, on the last such weekday before
            limit = today + datetime.timedelta(days=int(end.lstrip("+")))
            slot["valid_until"] = limit - datetime.timedelta(days=(limit.weekday() - weekday) % 7)
        else:
            until = next_month_day(end, today)
            since = datetime.date(until.year, *(int(p) for p in start.split("-")))
            slot["valid_from"], slot["valid_until"] = since, until
    return slot


def exception_fields(spec, today):
    """(model fields in Dutch, reasons by language) of an opening exception in the demo data."""
    start = relative_date(spec["start"], today)
    end = None
    if "end" in spec:
        end = next_month_day(spec["end"].split()[1], start)
    elif spec.get("days", 1) > 1:
        end = start + datetime.timedelta(days=spec["days"] - 1)
    fields = {
        "start_date": start,
        "end_date": end,
        "closed": spec["closed"],
        "opens": parse_time(spec["opens"]) if "opens" in spec else None,
        "closes": parse_time(spec["closes"]) if "closes" in spec else None,
        "reason": spec["reason"]["nl"],
    }
    return fields, spec["reason"]


def event_dates(spec, today):
    """The days of an event: one "date", or "monthly" ("nth weekday") with past and count."""
    if "monthly" in spec:
        nth, weekday = (int(part) for part in spec["monthly"].split())
        this_month = today.replace(day=1)
        days = [nth_weekday(add_months(this_month, m), nth, weekday) for m in range(-1, 8)]
        past = [d for d in days if d < today][-spec.get("past", 0) :] if spec.get("past") else []
        upcoming = [d for d in days if d >= today][: spec["count"]]
        return past + upcoming
    return [relative_date(spec["date"], today)]


def localised_date(day, code, fmt="j F Y"):
    """`day` as written in the language `code` ("5 januari 2026", "5 janvier 2026")."""
    with translation.override(code):
        return date_format(day, fmt)
