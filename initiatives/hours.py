"""Opening hours: the one place that answers when a place is open.

A schedule is built from weekly slots (several per weekday, optionally seasonal),
exceptions (closed, or special hours, for one day or a range) and Belgian public
holidays (closed unless an exception gives hours). Times are wall-clock times in
Europe/Brussels; datetimes handed in are converted there, so DST is handled by zoneinfo.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

BRUSSELS = ZoneInfo("Europe/Brussels")
SEARCH_HORIZON_DAYS = 400


@dataclass(frozen=True)
class Slot:
    weekday: int
    opens: datetime.time
    closes: datetime.time
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None

    def applies_on(self, day: datetime.date) -> bool:
        if day.weekday() != self.weekday:
            return False
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


@dataclass(frozen=True)
class Exception_:
    start_date: datetime.date
    end_date: datetime.date | None
    closed: bool
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    reason: str = ""

    @property
    def last_date(self) -> datetime.date:
        return self.end_date or self.start_date

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.last_date


@dataclass(frozen=True)
class Day:
    """What one date looks like: the periods it is open, and why it differs from usual."""

    date: datetime.date
    periods: tuple[tuple[datetime.time, datetime.time], ...]
    reason: str = ""
    holiday: str = ""
    is_exception: bool = False

    @property
    def is_open(self) -> bool:
        return bool(self.periods)

    @property
    def weekday(self) -> int:
        return self.date.weekday()

    def is_today(self) -> bool:
        return self.date == timezone.localdate()


# The `holidays` package names Belgian holidays in these languages; others read Dutch.
_HOLIDAY_LANGUAGES = {"nl": "nl", "fr": "fr", "en": "en_US", "de": "de"}


@lru_cache(maxsize=16)
def _belgian_holidays(year: int, language: str) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("BE", years=year, language=language))


def public_holiday(day: datetime.date) -> str:
    """The name, in the active language, of the Belgian public holiday on this date, or ""."""
    language = _HOLIDAY_LANGUAGES.get((get_language() or "nl").split("-")[0], "nl")
    return _belgian_holidays(day.year, language).get(day, "")


def _merge(periods: Iterable[tuple[datetime.time, datetime.time]]):
    merged: list[list[datetime.time]] = []
    for opens, closes in sorted(periods):
        if merged and opens <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], closes)
        else:
            merged.append([opens, closes])
    return tuple((opens, closes) for opens, closes in merged)


def _aware(day: datetime.date, moment: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, moment, tzinfo=BRUSSELS)


@dataclass
class Schedule:
    slots: Sequence[Slot] = ()
    exceptions: Sequence[Exception_] = ()
    observe_holidays: bool = True
    _days: dict = field(default_factory=dict, repr=False)

    def day(self, day: datetime.date) -> Day:
        """The opening periods on a date, exceptions and public holidays applied."""
        if day not in self._days:
            self._days[day] = self._compute_day(day)
        return self._days[day]

    def _compute_day(self, day: datetime.date) -> Day:
        # A later exception in the list wins over an earlier one covering the same date.
        exception = next((e for e in reversed(self.exceptions) if e.covers(day)), None)
        holiday = public_holiday(day) if self.observe_holidays else ""
        if exception is not None:
            periods = () if exception.closed else _merge([(exception.opens, exception.closes)])
            return Day(day, periods, reason=exception.reason, holiday=holiday, is_exception=True)
        if holiday:
            return Day(day, (), reason=holiday, holiday=holiday)
        periods = _merge((s.opens, s.closes) for s in self.slots if s.applies_on(day))
        return Day(day, periods)

    def is_open_on(self, day: datetime.date) -> bool:
        return self.day(day).is_open

    def is_open_at(self, moment: datetime.datetime) -> bool:
        local = moment.astimezone(BRUSSELS)
        return any(
            _aware(local.date(), opens) <= local < _aware(local.date(), closes)
            for opens, closes in self.day(local.date()).periods
        )

    def next_opening(self, moment: datetime.datetime) -> datetime.datetime | None:
        """The start of the next open period strictly after `moment` (None within a year)."""
        local = moment.astimezone(BRUSSELS)
        for offset in range(SEARCH_HORIZON_DAYS):
            day = local.date() + datetime.timedelta(days=offset)
            for opens, _closes in self.day(day).periods:
                start = _aware(day, opens)
                if start > local:
                    return start
        return None

    def current_period_end(self, moment: datetime.datetime) -> datetime.datetime | None:
        """When the period that is open at `moment` closes, or None when closed."""
        local = moment.astimezone(BRUSSELS)
        for opens, closes in self.day(local.date()).periods:
            if _aware(local.date(), opens) <= local < _aware(local.date(), closes):
                return _aware(local.date(), closes)
        return None

    def week(self, day: datetime.date) -> list[Day]:
        """The seven days of the week (Monday first) that contains `day`."""
        monday = day - datetime.timedelta(days=day.weekday())
        return [self.day(monday + datetime.timedelta(days=n)) for n in range(7)]

    def upcoming_exceptions(self, day: datetime.date, limit: int = 5) -> list[Exception_]:
        upcoming = [e for e in self.exceptions if e.last_date >= day]
        return sorted(upcoming, key=lambda e: e.start_date)[:limit]

    def regular_slots(self, day: datetime.date) -> list[Slot]:
        """The weekly slots valid on `day`, for structured data and overviews."""
        return sorted(
            (
                s
                for s in self.slots
                if (not s.valid_from or s.valid_from <= day)
                and (not s.valid_until or day <= s.valid_until)
            ),
            key=lambda s: (s.weekday, s.opens),
        )


def _slot(row) -> Slot:
    return Slot(row.weekday, row.opens, row.closes, row.valid_from, row.valid_until)


def _exception(row, reasons=None) -> Exception_:
    reason = (reasons or {}).get(row.translation_key, row.reason)
    return Exception_(row.start_date, row.end_date, row.closed, row.opens, row.closes, reason)


def build_schedule(slot_rows, exception_rows, translated_exception_rows=()) -> Schedule:
    """A schedule from model rows; exception reasons are taken from the translation if any."""
    reasons = {row.translation_key: row.reason for row in translated_exception_rows if row.reason}
    exceptions = sorted(
        (_exception(row, reasons) for row in exception_rows), key=lambda e: e.start_date
    )
    return Schedule(slots=[_slot(row) for row in slot_rows], exceptions=exceptions)


def schedule_for(page, translated_from=None) -> Schedule:
    """The schedule of an initiative page (its default-language page holds the hours).

    Kept in the layout cache, which every page, slot and exception change refreshes; each
    caller gets its own copy, computed days included.
    """
    from core.layout_cache import cached

    translation = translated_from if translated_from and translated_from.pk != page.pk else None

    def build():
        translated = translation.opening_exceptions.all() if translation else ()
        return build_schedule(page.opening_slots.all(), page.opening_exceptions.all(), translated)

    return cached(f"schedule:{page.pk}:{translation.pk if translation else ''}", build)


def building_schedule(home_page, translated_from=None) -> Schedule:
    translated = ()
    if translated_from is not None and translated_from.pk != home_page.pk:
        translated = translated_from.building_exceptions.all()
    return build_schedule(
        home_page.building_slots.all(), home_page.building_exceptions.all(), translated
    )


def annotate_today(pages: Sequence, today: datetime.date | None = None) -> None:
    """Give each initiative page `.schedule` and `.today` in a fixed number of queries.

    Hours are read from the default-language pages, found by translation key.
    """
    from wagtail.models import Locale

    from .models import InitiativePage, OpeningException

    if not pages:
        return
    today = today or timezone.localdate()
    default_locale = Locale.get_default()
    keys = {page.translation_key for page in pages}
    sources = {
        page.translation_key: page
        for page in InitiativePage.objects.filter(
            translation_key__in=keys, locale=default_locale
        ).prefetch_related("opening_slots", "opening_exceptions")
    }
    translated_reasons = {}
    non_default = [page.pk for page in pages if page.locale_id != default_locale.pk]
    if non_default:
        for row in OpeningException.objects.filter(page_id__in=non_default):
            translated_reasons.setdefault(row.page_id, []).append(row)
    for page in pages:
        source = sources.get(page.translation_key, page)
        schedule = build_schedule(
            source.opening_slots.all(),
            source.opening_exceptions.all(),
            translated_reasons.get(page.pk, ()),
        )
        page.__dict__["schedule"] = schedule
        page.__dict__["hours_source"] = source
        page.today = schedule.day(today)


def open_today(pages: Sequence, today: datetime.date | None = None) -> list:
    """The initiative pages among `pages` that are open on `today`."""
    annotate_today(pages, today)
    return [page for page in pages if page.today.is_open]


def describe_day(day: Day) -> str:
    if not day.is_open:
        return day.reason or _("Closed")
    return ", ".join(f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in day.periods)


def _session_periods(sessions, day: datetime.date):
    """The part of each (start, end) session that falls on `day`, as wall-clock periods."""
    for start, end in sessions:
        start, end = start.astimezone(BRUSSELS), end.astimezone(BRUSSELS)
        if start.date() <= day <= end.date() and start < end:
            opens = start.time() if start.date() == day else datetime.time.min
            closes = end.time() if end.date() == day else datetime.time.max
            if opens < closes:
                yield opens, closes


@dataclass
class Presence(Schedule):
    """When a place can be visited: the days of `base`, joined with the periods of `parts`
    (other schedules) and of `sessions` ((start, end) pairs). Answers the same questions as
    a schedule: `day`, `week`, `is_open_at`, `next_opening`, `current_period_end`.

    The one rule behind "open" (docs/architecture.md, "Phone first"): an initiative is open
    during its hours, or during its sessions when it has no weekly hours (a repair café); the
    building is open during its own hours, its initiatives' and any session in it."""

    base: Schedule = field(default_factory=Schedule)
    parts: Sequence[Schedule] = ()
    sessions: Sequence[tuple[datetime.datetime, datetime.datetime]] = ()

    def _compute_day(self, day: datetime.date) -> Day:
        own = self.base.day(day)
        periods = [*own.periods, *_session_periods(self.sessions, day)]
        for part in self.parts:
            periods.extend(part.day(day).periods)
        merged = _merge(periods)
        if merged == own.periods:
            return own
        if own.is_open:  # special hours stay explained
            return Day(day, merged, own.reason, own.holiday, own.is_exception)
        return Day(day, merged, holiday=own.holiday)


def sessions_by_initiative(sources: Sequence, since: datetime.datetime) -> dict:
    """The live, public events of the initiative pages `sources` (their default-language
    pages, which hold the dates) that end after `since`, by initiative path, in order (one
    query)."""
    from .models import EventPage

    if not sources:
        return {}
    paths = {page.path for page in sources}
    events = (
        EventPage.objects.live()
        .public()
        .filter(locale_id__in={page.locale_id for page in sources}, end__gte=since)
        .filter(depth__in={page.depth + 1 for page in sources})
        .order_by("start")
    )
    found = {}
    for event in events:
        parent = event.path[: -EventPage.steplen]
        if parent in paths:
            found.setdefault(parent, []).append(event)
    return found


def annotate_status(pages: Sequence, now: datetime.datetime | None = None) -> None:
    """Give each initiative page `.presence` (a `Presence`), `.sessions` (its events that
    have not ended before today), `.today`, `.open_now`, `.open_until`, `.next_opening`,
    `.later_today` (it opens again today) and, for an initiative without weekly hours,
    `.next_session` (one query for all pages; call `annotate_today` first for a list)."""
    now = timezone.localtime(now or timezone.now())
    midnight = datetime.datetime.combine(now.date(), datetime.time.min, tzinfo=BRUSSELS)
    sessions = sessions_by_initiative([page.hours_source for page in pages], midnight)
    for page in pages:
        weekly = page.schedule
        page.sessions = sessions.get(page.hours_source.path, [])
        by_sessions = not weekly.slots
        page.presence = Presence(
            base=weekly,
            sessions=[(event.start, event.end) for event in page.sessions] if by_sessions else (),
        )
        page.today = page.presence.day(now.date())
        page.open_now = page.presence.is_open_at(now)
        page.open_until = page.presence.current_period_end(now)
        page.next_opening = page.presence.next_opening(now)
        page.later_today = bool(page.next_opening and page.next_opening.date() == now.date())
        upcoming = [event for event in page.sessions if event.end > now]
        page.next_session = upcoming[0] if by_sessions and upcoming else None


def building_presence(building: Schedule, pages: Sequence) -> Presence:
    """The building: open while its own hours, one of its initiatives (`pages`, annotated
    by `annotate_status`) or a session of one of them says so."""
    sessions = [(event.start, event.end) for page in pages for event in page.sessions]
    return Presence(base=building, parts=[page.presence for page in pages], sessions=sessions)


def status_at(presence: Schedule, now: datetime.datetime) -> dict:
    """Open now and until when, or the next opening and whether that is later today: what a
    status line says."""
    open_now = presence.is_open_at(now)
    next_opening = None if open_now else presence.next_opening(now)
    return {
        "open_now": open_now,
        "open_until": presence.current_period_end(now) if open_now else None,
        "next_opening": next_opening,
        "later_today": bool(next_opening and next_opening.date() == now.date()),
    }
