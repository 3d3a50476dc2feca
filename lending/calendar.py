"""An item's availability for the coming weeks, as a calendar the item page renders.

Each day says whether the initiative is open (its schedule: slots, exceptions, public
holidays) and whether every copy of the item that can be lent is reserved (a reservation
blocks both its pickup and its return day). The cost is two queries (the copies, their
reservations) plus whatever the schedule needs for itself, however many copies and
reservations there are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from catalogue.models import Copy

from .models import Reservation

WEEKS = 8


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    is_open: bool
    is_reserved: bool
    is_past: bool
    is_today: bool = False

    @property
    def can_pick_up(self) -> bool:
        return self.is_open and not self.is_reserved and not self.is_past

    @property
    def state(self) -> str:
        """One word for CSS and tests: past, reserved, closed or free."""
        if self.is_past:
            return "past"
        if self.is_reserved:
            return "reserved"
        if not self.is_open:
            return "closed"
        return "free"

    @property
    def short_label(self) -> str:
        """The word shown in the cell, so that the state never rests on colour alone."""
        return {
            "past": "–",
            "reserved": pgettext("availability", "reserved"),
            "closed": pgettext("availability", "closed"),
            "free": pgettext("availability", "free"),
        }[self.state]

    @property
    def mark(self) -> str:
        """A sign that fits a narrow cell (the legend explains it): the state never rests on
        colour alone, not even on a phone."""
        return {"past": "", "reserved": "✕", "closed": "–", "free": "✓"}[self.state]

    @property
    def label(self) -> str:
        """The full description read out by a screen reader."""
        day = formats.date_format(self.date, "l j F Y")
        if self.is_past:
            return _("%(date)s: past") % {"date": day}
        # A context of their own: "free" here is "not taken", not "at no cost".
        opening = (
            pgettext("availability", "open") if self.is_open else pgettext("availability", "closed")
        )
        booking = (
            pgettext("availability", "reserved")
            if self.is_reserved
            else pgettext("availability", "free")
        )
        return _("%(date)s: %(opening)s, %(booking)s") % {
            "date": day,
            "opening": opening,
            "booking": booking,
        }


@dataclass(frozen=True)
class CalendarWeek:
    days: list[CalendarDay]

    @property
    def monday(self) -> datetime.date:
        return self.days[0].date

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def label(self) -> str:
        return _("Week of %(date)s") % {"date": formats.date_format(self.monday, "j F")}


def pickup_days(weeks: list[CalendarWeek]) -> set[datetime.date]:
    """The days of the calendar on which the item can be picked up: the free-day links."""
    return {day.date for week in weeks for day in week.days if day.can_pick_up}


def weekday_names(start: datetime.date | None = None) -> list[tuple[str, str]]:
    """(short, full) localized names of the weekdays, Monday first."""
    start = start or timezone.localdate()
    monday = start - datetime.timedelta(days=start.weekday())
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    return [(formats.date_format(day, "D"), formats.date_format(day, "l")) for day in days]


def reserved_days(item, first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """The days between `first` and `last` on which no copy of the item can be lent: every copy
    that is not in repair is reserved (one query when the item carries its copy counts)."""
    ready = item.copy_counts()[1]
    # By translation key, so a translation costs no extra query to find its source.
    periods = (
        Reservation.objects.active()
        .filter(
            copy__item__translation_key=item.translation_key, copy__status=Copy.Status.AVAILABLE
        )
        .overlapping(first, last)
        .values_list("copy_id", "pickup_date", "return_date")
    )
    held: dict[datetime.date, set[int]] = {}
    for copy_id, pickup, return_date in periods:
        day = max(pickup, first)
        while day <= min(return_date, last):
            held.setdefault(day, set()).add(copy_id)
            day += datetime.timedelta(days=1)
    return {day for day, copies in held.items() if len(copies) >= ready}


def calendar(item, schedule, *, today=None, weeks=WEEKS) -> list[CalendarWeek]:
    """`weeks` weeks from the Monday of this week, each a list of seven CalendarDays.

    `item` may be a translation: reservations are read from its default-language row.
    `schedule` is the initiative's ``Schedule`` (``initiative.schedule``).
    """
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=today.weekday())
    last = first + datetime.timedelta(days=7 * weeks - 1)
    reserved = reserved_days(item, first, last)
    result = []
    for week in range(weeks):
        days = []
        for offset in range(7):
            day = first + datetime.timedelta(days=7 * week + offset)
            days.append(
                CalendarDay(
                    date=day,
                    is_open=schedule.day(day).is_open,
                    is_reserved=day in reserved,
                    is_past=day < today,
                    is_today=day == today,
                )
            )
        result.append(CalendarWeek(days))
    return result
