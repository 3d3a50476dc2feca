"""The demo members: accounts that can log in, their memberships and their reservations.

Six members from Kortrijk and around, with obviously fake phone numbers (0470 00 00 ..) and
addresses at deelfabriek.example. Two of them are fixed because the browser journeys use them:

- ``lid@deelfabriek.example``: An Demeyer, Dutch, standard tariff. She has no reservation at
  the Instrumentheek and stays below every initiative's limit, so a journey can reserve with her.
- ``membre@deelfabriek.example``: Sophie Lambert, French, social tariff (UiTPAS with
  kansentarief, verified by the demo coordinator, valid until the end of next year), with at
  most one active reservation.

Every date is relative to the day the demo is loaded. Reservations cover each status, with
pickups on days the initiative is open (its schedule: weekly hours, exceptions and Belgian
public holidays) and without two reservations of one item sharing a day. They are written
directly with the models, not through ``lending.rules.reserve`` and the transitions,
so that loading the demo sends no e-mail; ``lending.rules.check`` still vets each one,
and a ``ReservationEvent`` row traces every step, by the member or by the initiative's demo
volunteer.

Idempotent: members are looked up by e-mail, memberships by member and initiative, and
reservations by member and item, so that a later run (on another day, with other relative
dates) adds no shifted copies.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from catalogue.models import Copy
from initiatives.hours import BRUSSELS
from initiatives.models import InitiativePage
from lending import rules
from lending.models import Reservation, ReservationEvent
from members.backends import users_with_email
from members.models import Member, Membership, Tariff

SITE_URL = "http://127.0.0.1:8000"
COORDINATOR = "coordinator"  # the username of the demo coordinator (demo/accounts.py)
Status = Reservation.Status

TARIFF_LABELS = {Tariff.STANDARD: "standaardtarief", Tariff.SOCIAL: "sociaal tarief"}

# The people ----------------------------------------------------------------------------------
#
# "memberships": (initiative slug, index of its plan, started N days ago, until). `until` is
# None for the plan's duration, or "next-year-end": the fixed members' memberships run until
# 31 December of next year, so that a journey can reserve any date up to a year ahead however
# late in the year the demo is loaded.
# "social": how the social tariff was verified (by the demo coordinator): evidence, verified
# N days ago, valid until ("next-year-end" or N days from now).

MEMBERS = {
    "an": {
        "email": "lid@deelfabriek.example",
        "first_name": "An",
        "last_name": "Demeyer",
        "phone": "0470 00 00 01",
        "postal_code": "8500",
        "language": "nl",
        "memberships": [
            ("instrumentheek", 0, 75, "next-year-end"),
            ("babytheek", 0, 75, "next-year-end"),
            ("velootje", 1, 60, "next-year-end"),
            ("spelotheek", 1, 90, "next-year-end"),
            ("sportrijk", 0, 30, "next-year-end"),
        ],
    },
    "sophie": {
        "email": "membre@deelfabriek.example",
        "first_name": "Sophie",
        "last_name": "Lambert",
        "phone": "0470 00 00 02",
        "postal_code": "8511",
        "language": "fr",
        "social": (Member.SocialEvidence.UITPAS, 65, "next-year-end"),
        "memberships": [
            ("babytheek", 0, 60, "next-year-end"),
            ("spelotheek", 0, 60, "next-year-end"),
            ("velootje", 0, 60, "next-year-end"),
            ("instrumentheek", 0, 60, "next-year-end"),
        ],
    },
    "jonas": {
        "email": "jonas.vanneste@deelfabriek.example",
        "first_name": "Jonas",
        "last_name": "Vanneste",
        "phone": "0470 00 00 03",
        "postal_code": "8501",
        "language": "nl",
        "memberships": [
            ("instrumentheek", 0, 200, None),
            ("legotheek", 0, 300, None),
            # Not renewed: it ended months ago.
            ("sportrijk", 0, 520, None),
        ],
    },
    "fatima": {
        "email": "fatima.elamrani@deelfabriek.example",
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "phone": "0470 00 00 04",
        "postal_code": "8520",
        "language": "nl",
        "social": (Member.SocialEvidence.REFERRAL_LETTER, 170, 195),
        "memberships": [
            ("babytheek", 0, 160, None),
            ("velootje", 1, 160, None),
            ("spelotheek", 1, 120, None),
            ("sportrijk", 0, 90, None),
        ],
    },
    "pieter": {
        "email": "pieter.declercq@deelfabriek.example",
        "first_name": "Pieter",
        "last_name": "Declercq",
        "phone": "0470 00 00 05",
        "postal_code": "8510",
        "language": "nl",
        "memberships": [
            ("instrumentheek", 0, 100, None),
            ("sportrijk", 0, 100, None),
        ],
    },
    "olena": {
        "email": "olena.kovalenko@deelfabriek.example",
        "first_name": "Olena",
        "last_name": "Kovalenko",
        "phone": "0470 00 00 06",
        "postal_code": "8530",
        "language": "en",
        "social": (Member.SocialEvidence.UITPAS, 70, 295),
        "memberships": [
            ("instrumentheek", 0, 60, None),
            ("babytheek", 0, 60, None),
            ("spelotheek", 0, 45, None),
        ],
    },
}

# The reservations ----------------------------------------------------------------------------
#
# "options": (initiative slug, copy code, member key): the first one whose copy can be lent and
# whose dates pass the rules; for a future pickup ("after") the one open first (the first on a
# tie), so that "pick up today" falls on an initiative that is open today when one is.
# "pickup": ("after", N) the first open day from N days from now; ("before", N) the last open
# day up to N days ago; ("due", N) a loan of "days" that ends N days from now (negative: ago).
# "days": the loan length asked for; the return date is the first open day from then on (the
# last one before it when the item's loan limit or the membership ends first). "overdue": the
# return date lies before today.
# "asked": how many days before the pickup (for a future pickup: before now) it was reserved.

RESERVATIONS = [
    # requested: waiting for a volunteer
    {
        "status": Status.REQUESTED,
        "options": [("babytheek", "BA-0041", "an"), ("babytheek", "BA-0044", "an")],
        "pickup": ("after", 16),
        "days": 91,
        "asked": 1,
        "notes": "Voor ons kleinkind dat een paar maanden bij ons komt logeren.",
    },
    {
        "status": Status.REQUESTED,
        "options": [("babytheek", "BA-0025", "sophie"), ("babytheek", "BA-0028", "sophie")],
        "pickup": ("after", 9),
        "days": 14,
        "asked": 2,
        "notes": "Je passerai en fin d'après-midi, avec ma fille.",
    },
    {
        "status": Status.REQUESTED,
        "options": [
            ("instrumentheek", "IN-0089", "pieter"),
            ("instrumentheek", "IN-0091", "pieter"),
        ],
        "pickup": ("after", 5),
        "days": 7,
        "asked": 1,
        "notes": "Voor het terras en de oprit.",
    },
    {
        "status": Status.REQUESTED,
        "options": [("instrumentheek", "IN-0057", "olena"), ("instrumentheek", "IN-0059", "olena")],
        "pickup": ("after", 12),
        "days": 7,
        "asked": 0,
        "notes": "We are painting the stairwell. Thank you!",
    },
    # confirmed: one to pick up today (or on the first open day), one tomorrow (or the next)
    {
        "status": Status.CONFIRMED,
        "options": [
            ("instrumentheek", "IN-0065", "pieter"),
            ("sportrijk", "SP-0023", "pieter"),
        ],
        "pickup": ("after", 0),
        "days": 7,
        "asked": 4,
    },
    {
        "status": Status.CONFIRMED,
        "options": [
            ("instrumentheek", "IN-0041", "jonas"),
            ("sportrijk", "SP-0030", "fatima"),
        ],
        "pickup": ("after", 1),
        "days": 14,
        "asked": 3,
    },
    # picked up: one due back today, one overdue, one long loan still running
    {
        "status": Status.PICKED_UP,
        "options": [("instrumentheek", "IN-0013", "olena"), ("instrumentheek", "IN-0016", "olena")],
        "pickup": ("due", 0),
        "days": 7,
        "handed_out_note": "Twee accu's en de lader meegegeven.",
    },
    {
        "status": Status.PICKED_UP,
        "options": [("sportrijk", "SP-0001", "pieter"), ("sportrijk", "SP-0003", "pieter")],
        "pickup": ("before", 40),
        "days": 21,
        "overdue": True,
        "notes": "Voor het kamp van de jeugdbeweging.",
    },
    {
        "status": Status.PICKED_UP,
        "options": [("velootje", "VE-0027", "fatima"), ("velootje", "VE-0029", "fatima")],
        "pickup": ("before", 100),
        "days": 182,
        "handed_out_note": "Zadel op maat gezet; geen waarborg (sociaal tarief).",
    },
    # returned: with the condition on return and the accessories checked
    {
        "status": Status.RETURNED,
        "options": [("spelotheek", "SO-0015", "an"), ("spelotheek", "SO-0016", "an")],
        "pickup": ("before", 45),
        "days": 28,
        "condition": "Volledig: alle kaarten, tegels en pionnen nageteld.",
    },
    {
        "status": Status.RETURNED,
        "options": [("babytheek", "BA-0077", "sophie"), ("babytheek", "BA-0080", "sophie")],
        "pickup": ("before", 30),
        "days": 21,
        "condition": "Proper teruggebracht; gespen en riemen in orde.",
    },
    {
        "status": Status.RETURNED,
        "options": [("legotheek", "LE-0023", "jonas"), ("legotheek", "LE-0029", "jonas")],
        "pickup": ("before", 50),
        "days": 28,
        "condition": "Twee kleine blokjes ontbraken; aangevuld uit de reservebak.",
    },
    {
        "status": Status.RETURNED,
        "options": [("instrumentheek", "IN-0089", "jonas"), ("instrumentheek", "IN-0091", "jonas")],
        "pickup": ("before", 30),
        "days": 7,
        "condition": "Werkt goed. Lans, borstel en slang aanwezig; slang laten drogen.",
    },
    {
        "status": Status.RETURNED,
        "options": [("babytheek", "BA-0035", "fatima"), ("babytheek", "BA-0037", "fatima")],
        "pickup": ("before", 130),
        "days": 91,
        "condition": "In goede staat; matras gereinigd voor de volgende uitlening.",
    },
    # cancelled: once by the member before a volunteer looked, once after confirmation
    {
        "status": Status.CANCELLED,
        "options": [("babytheek", "BA-0085", "olena"), ("babytheek", "BA-0088", "olena")],
        "pickup": ("after", 20),
        "days": 28,
        "asked": 6,
        "cancelled_from": Status.REQUESTED,
        "cancelled_by": "member",
        "cancel_note": "My sister has lent us hers.",
    },
    {
        "status": Status.CANCELLED,
        "options": [
            ("instrumentheek", "IN-0079", "pieter"),
            ("instrumentheek", "IN-0081", "pieter"),
        ],
        "pickup": ("before", 24),
        "days": 7,
        "cancelled_from": Status.CONFIRMED,
        "cancelled_by": "member",
        "cancel_note": "Het regent de hele week; ik maai later.",
    },
    # no-show: confirmed, and nobody came (while the membership still ran)
    {
        "status": Status.NO_SHOW,
        "options": [("sportrijk", "SP-0019", "jonas"), ("sportrijk", "SP-0021", "jonas")],
        "pickup": ("before", 250),
        "days": 14,
        "no_show_note": "Niet opgehaald en geen bericht; telefonisch niet bereikbaar.",
    },
]

# Rules that describe the moment of reserving, not today: a past loan was checked against the
# member's reservations of then, and its overlaps are checked here against every status.
PAST_ONLY_CODES = {"limit", "overlap"}
# Statuses of a loan that is over, or never happened: its return date lies before today.
ENDED = {Status.RETURNED, Status.NO_SHOW}


# dates ---------------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def next_year_end(today: datetime.date) -> datetime.date:
    return datetime.date(today.year + 1, 12, 31)


def _days(n):
    return datetime.timedelta(days=n)


def open_on_or_after(schedule, day, within=60):
    return next(
        (d for d in (day + _days(n) for n in range(within)) if schedule.is_open_on(d)), None
    )


def open_on_or_before(schedule, day, within=60):
    return next(
        (d for d in (day - _days(n) for n in range(within)) if schedule.is_open_on(d)), None
    )


def _moment(day, time):
    return datetime.datetime.combine(day, time, tzinfo=BRUSSELS)


def _opening(schedule, day, default=datetime.time(10, 0)):
    periods = schedule.day(day).periods
    return periods[0][0] if periods else default


def _closing(schedule, day, default=datetime.time(18, 0)):
    periods = schedule.day(day).periods
    return periods[-1][1] if periods else default


# the log-ins ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    email: str
    name: str
    language: str
    tariff: str
    reservations: int

    def describe(self) -> str:
        count = f"{self.reservations} reservatie" + ("" if self.reservations == 1 else "s")
        return f"{self.name} · {self.language} · {TARIFF_LABELS[self.tariff]} · {count}"


def login_url() -> str:
    with translation.override("nl"):
        return SITE_URL + reverse("members:login")


def logins() -> list[Login]:
    """The demo members that exist now, in the order of MEMBERS."""
    found = []
    for spec in MEMBERS.values():
        user = users_with_email(spec["email"]).select_related("member").first()
        member = getattr(user, "member", None) if user else None
        if member is None:
            continue
        found.append(
            Login(
                email=user.email,
                name=user.get_full_name(),
                language=member.preferred_language,
                tariff=member.tariff,
                reservations=member.reservations.count(),
            )
        )
    return found


# building ------------------------------------------------------------------------------------


class Builder:
    def __init__(self, today, password, say, warn):
        self.today = today
        now = timezone.localtime()
        self.now = now if now.date() == today else _moment(today, datetime.time(12, 0))
        self.password = password
        self._hashed = None
        self.say = say
        self.warn = warn
        self.made = {"members": 0, "memberships": 0, "reservations": 0}
        User = get_user_model()
        self.coordinator = User.objects.filter(username=COORDINATOR).first()
        self.initiatives = {
            page.slug: page
            for page in InitiativePage.objects.filter(locale__language_code="nl").select_related(
                "locale"
            )
        }
        self.volunteers = {
            user.username.removeprefix("vrijwilliger-"): user
            for user in User.objects.filter(username__startswith="vrijwilliger-")
        }
        self.members = {}
        self._schedules = {}

    # members -------------------------------------------------------------------------------

    def hashed_password(self):
        if self._hashed is None:
            self._hashed = make_password(self.password)  # hashed once for every member
        return self._hashed

    def member(self, spec):
        User = get_user_model()
        user = users_with_email(spec["email"]).first()
        since = self.today - _days(max(days for _slug, _plan, days, _until in spec["memberships"]))
        if user is None:
            user = User.objects.create(
                # As a sign-up makes it: the address in lower case, confirmed (active).
                username=spec["email"].lower(),
                email=spec["email"].lower(),
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                password=self.hashed_password(),
                is_active=True,
                date_joined=_moment(since, datetime.time(10, 0)),
            )
        member = Member.objects.filter(user=user).first()
        if member is None:
            member = Member(
                user=user,
                phone=spec["phone"],
                postal_code=spec["postal_code"],
                preferred_language=spec["language"],
                created_at=_moment(since, datetime.time(10, 0)),
            )
            if "social" in spec:
                evidence, verified_days_ago, until = spec["social"]
                member.tariff = Tariff.SOCIAL
                member.social_evidence = evidence
                member.social_verified_by = self.coordinator
                member.social_verified_on = self.today - _days(verified_days_ago)
                member.social_valid_until = (
                    next_year_end(self.today)
                    if until == "next-year-end"
                    else self.today + _days(until)
                )
            member.full_clean(exclude=["user"])
            member.save()
            self.made["members"] += 1
        return member

    def memberships(self, member, spec):
        for slug, plan_index, days_ago, until in spec["memberships"]:
            initiative = self.initiatives.get(slug)
            if (
                initiative is None
                or Membership.objects.filter(member=member, initiative=initiative).exists()
            ):
                continue
            plans = list(initiative.plans.order_by("sort_order", "pk"))
            plan = plans[min(plan_index, len(plans) - 1)] if plans else None
            start = self.today - _days(days_ago)
            if until == "next-year-end":
                end = next_year_end(self.today)
            else:
                end = add_months(start, (plan.duration_months if plan else None) or 12) - _days(1)
            membership = Membership(
                member=member,
                initiative=initiative,
                plan=plan,
                start=start,
                end=end,
                tariff=Tariff.SOCIAL if member.has_social_tariff(start) else Tariff.STANDARD,
                created_at=_moment(start, datetime.time(10, 30)),
            )
            membership.full_clean()
            membership.save()
            self.made["memberships"] += 1

    # reservations --------------------------------------------------------------------------

    def schedule(self, initiative):
        """The initiative's opening schedule (hours, exceptions, public holidays)."""
        if initiative.pk not in self._schedules:
            self._schedules[initiative.pk] = initiative.schedule
        return self._schedules[initiative.pk]

    def copy(self, initiative, code):
        """The copy with this code of a Dutch item of the initiative, when it can be lent."""
        copy = (
            Copy.objects.filter(
                code=code, item__initiative=initiative, item__locale=initiative.locale
            )
            .select_related("item", "item__initiative")
            .first()
        )
        if copy is None or not copy.item.live or copy.status != Copy.Status.AVAILABLE:
            return None
        return copy

    def covered_until(self, member, initiative, pickup):
        """The last day the member's memberships of the initiative cover from `pickup` on."""
        covered = pickup - _days(1)
        for membership in Membership.objects.filter(
            member=member, initiative=initiative, end__gte=pickup
        ).order_by("start"):
            if membership.start <= covered + _days(1):
                covered = max(covered, membership.end)
        return covered

    def dates(self, spec, item, member):
        """(pickup, return date) for the scenario on this item, or None."""
        initiative = item.initiative
        schedule = self.schedule(initiative)
        kind, offset = spec["pickup"]
        days = spec["days"]
        limit = item.effective_loan_days()
        if kind == "due":
            return_date = self.today + _days(offset)
            # The loan asked for, else the longest within the limit, else a shorter one.
            earliest = return_date - _days(limit)
            candidates = [return_date - _days(n) for n in range(days, limit + 1)]
            candidates += [return_date - _days(n) for n in range(days - 1, 0, -1)]
            pickup = next((d for d in candidates if d >= earliest and schedule.is_open_on(d)), None)
            return (pickup, return_date) if pickup else None
        if kind == "after":
            pickup = open_on_or_after(schedule, self.today + _days(offset))
        else:
            pickup = open_on_or_before(schedule, self.today - _days(offset))
        if pickup is None:
            return None
        # The loan may not outrun the item's limit, the membership or the booking horizon; a
        # loan that is over (returned, overdue, ...) ended before today.
        latest = min(
            pickup + _days(limit),
            self.covered_until(member, initiative, pickup),
            self.today + _days(rules.HORIZON_DAYS),
        )
        if spec["status"] in ENDED or spec.get("overdue"):
            latest = min(latest, self.today - _days(1))
        target = min(pickup + _days(days), latest)
        if target <= pickup:
            return pickup, max(target, pickup)
        # Due back on a day the initiative is open: the first from the loan asked for, else
        # the last one before it.
        later = open_on_or_after(schedule, target, within=(latest - target).days + 1)
        earlier = open_on_or_before(schedule, target, within=(target - pickup).days)
        return pickup, later or earlier or target

    def problems(self, spec, copy, member, pickup, return_date):
        """What the reservation rules have against it, as on the day it was made."""
        item = copy.item
        # A past pickup is checked as if it were today: the rules then applied.
        errors = rules.check(item, member, pickup, return_date, today=min(pickup, self.today))
        if not (spec["status"] in Reservation.ACTIVE_STATUSES and pickup >= self.today):
            errors = [error for error in errors if error.code not in PAST_ONLY_CODES]
        # This copy in particular: the rules ask whether any copy is free.
        errors = [error for error in errors if error.code != "overlap"]
        taken = (
            Reservation.objects.filter(copy=copy)
            .exclude(status=Status.CANCELLED)
            .overlapping(pickup, return_date)
        )
        messages = [error.message for error in errors]
        if taken.exists():
            messages.append("the copy is reserved for part of that period")
        return messages

    def steps(self, spec, initiative):
        """The statuses the reservation went through, in order."""
        status = spec["status"]
        start = [Status.CONFIRMED] if initiative.auto_confirm else [Status.REQUESTED]
        if status == Status.REQUESTED:
            return [Status.REQUESTED]
        confirmed = start if initiative.auto_confirm else [*start, Status.CONFIRMED]
        if status == Status.CONFIRMED:
            return confirmed
        if status == Status.PICKED_UP:
            return [*confirmed, Status.PICKED_UP]
        if status == Status.RETURNED:
            return [*confirmed, Status.PICKED_UP, Status.RETURNED]
        if status == Status.NO_SHOW:
            return [*confirmed, Status.NO_SHOW]
        before = start if spec.get("cancelled_from") != Status.CONFIRMED else confirmed
        return [*before, Status.CANCELLED]

    def events(self, spec, item, member, pickup, return_date):
        """(to_status, by, at, note) of each step, in order, none later than now."""
        initiative = item.initiative
        schedule = self.schedule(initiative)
        volunteer = self.volunteers.get(initiative.slug)
        asked = spec.get("asked", 6)
        if pickup > self.today:
            requested_at = self.now - datetime.timedelta(days=asked, hours=3)
        else:
            requested_at = _moment(pickup - _days(max(asked, 1)), datetime.time(20, 30))
        steps = self.steps(spec, initiative)
        rows = []
        previous = None
        for index, status in enumerate(steps):
            if index == 0:
                at, by, note = requested_at, member.user, ""
            elif status == Status.CONFIRMED:
                # The next morning, when a volunteer goes through the requests.
                at = _moment(previous.astimezone(BRUSSELS).date() + _days(1), datetime.time(9, 45))
                by, note = volunteer, ""
            elif status == Status.PICKED_UP:
                opens = _opening(schedule, pickup)
                at = _moment(pickup, opens) + datetime.timedelta(minutes=10)
                by, note = volunteer, spec.get("handed_out_note", "")
            elif status == Status.RETURNED:
                opens = _opening(schedule, return_date)
                at = _moment(return_date, opens) + datetime.timedelta(minutes=20)
                by, note = volunteer, ""
            elif status == Status.NO_SHOW:
                at = _moment(pickup, _closing(schedule, pickup))
                by, note = volunteer, spec.get("no_show_note", "")
            else:  # cancelled
                at = previous + datetime.timedelta(days=1)
                by = member.user if spec.get("cancelled_by") == "member" else volunteer
                note = spec.get("cancel_note", "")
            # Nothing happens in the future, and each step comes after the one before.
            at = min(at, self.now - datetime.timedelta(minutes=len(steps) - index))
            if previous is not None:
                at = max(at, previous + datetime.timedelta(minutes=1))
            rows.append((status, by, at, note))
            previous = at
        return rows

    @staticmethod
    def made_before(options):
        """Whether an earlier run made the reservation of one of these options."""
        return any(
            Reservation.objects.filter(
                member=member, item__initiative=initiative, copy__code=code
            ).exists()
            for initiative, code, member in options
        )

    def reservation(self, spec):
        options = [
            (self.initiatives.get(slug), code, self.members.get(key))
            for slug, code, key in spec["options"]
        ]
        options = [(i, code, m) for i, code, m in options if i is not None and m is not None]
        if self.made_before(options):
            return
        candidates = []
        for order, (initiative, code, member) in enumerate(options):
            copy = self.copy(initiative, code)
            dates = self.dates(spec, copy.item, member) if copy is not None else None
            if dates is not None:
                # A future pickup goes to the option open first; a past one to the first option.
                rank = (dates[0], order) if spec["pickup"][0] == "after" else (order,)
                candidates.append((rank, copy, member, dates))
        label = f"{spec['status']} {'/'.join(code for _slug, code, _key in spec['options'])}"
        if not candidates:
            self.warn(f"demo reservation {label} skipped: no item or open day for it")
            return
        refusals = []
        for _rank, copy, member, (pickup, return_date) in sorted(candidates, key=lambda c: c[0]):
            problems = self.problems(spec, copy, member, pickup, return_date)
            if not problems:
                break
            refusals.append(f"{copy.code}: {'; '.join(problems)}")
        else:
            self.warn(f"demo reservation {label} skipped: {' / '.join(refusals)}")
            return
        item = copy.item
        events = self.events(spec, item, member, pickup, return_date)
        returned = spec["status"] == Status.RETURNED
        reservation = Reservation.objects.create(
            item=item,
            copy=copy,
            member=member,
            pickup_date=pickup,
            return_date=return_date,
            status=spec["status"],
            notes=spec.get("notes", ""),
            condition_note=spec.get("condition", "") if returned else "",
            accessories_checked=returned,
            created_at=events[0][2],
        )
        ReservationEvent.objects.bulk_create(
            ReservationEvent(
                reservation=reservation,
                from_status=events[index - 1][0] if index else "",
                to_status=status,
                by=by,
                at=at,
                note=note,
            )
            for index, (status, by, at, note) in enumerate(events)
        )
        # updated_at is auto_now: set it to the last step afterwards.
        Reservation.objects.filter(pk=reservation.pk).update(updated_at=events[-1][2])
        self.made["reservations"] += 1

    # all -----------------------------------------------------------------------------------

    def build(self):
        for key, spec in MEMBERS.items():
            self.members[key] = member = self.member(spec)
            self.memberships(member, spec)
        for spec in RESERVATIONS:
            self.reservation(spec)
        made = self.made
        if any(made.values()):
            self.say(
                f"members: {made['members']} members, {made['memberships']} memberships, "
                f"{made['reservations']} reservations created"
            )
        else:
            self.say("members: already loaded")
        return made


@transaction.atomic
def build_members(today, password, say=print, warn=print) -> dict[str, int]:
    """The demo members, memberships and reservations; returns how many of each were made."""
    return Builder(today, password, say, warn).build()
