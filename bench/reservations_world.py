"""The data of the reservation benchmark (bench/reservations.py), made in bulk once per
database: members, memberships of the lending initiatives, and reservations with their events,
spread over the copies of the items (each synthetic item has three; a reservation holds one copy
and names its item).

Every choice comes from one random generator seeded by --seed, drawn in a fixed order, so a
seed always makes the same data on the same day.
"""

from __future__ import annotations

import bisect
import datetime
import random
from itertools import pairwise

USERNAME_PREFIX = "bench-member-"
DAY = datetime.timedelta(days=1)


def open_days_between(schedule, first, last):
    days, day = [], first
    while day <= last:
        if schedule.is_open_on(day):
            days.append(day)
        day += DAY
    return days


def lending_initiatives():
    from django.conf import settings

    from initiatives.models import InitiativePage

    return list(
        InitiativePage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE,
            lends_items=True,
            reservations_enabled=True,
        ).order_by("pk")
    )


def populate(total: int, member_count: int, seed: int) -> None:
    """Members, memberships, reservations and their events, in bulk (run once per database)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from lending.models import Reservation

    if get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).exists():
        print(f"already populated: {Reservation.objects.count():,} reservations")
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    initiatives = lending_initiatives()
    open_days = {
        i.pk: open_days_between(i.schedule, today - 900 * DAY, today + 365 * DAY)
        for i in initiatives
    }
    with transaction.atomic():
        members = _members(rng, member_count)
        memberships, members_of = _memberships(rng, members, initiatives, today)
    copies = _reservable_copies(initiatives, open_days, members_of)
    rows = Planner(rng, today, initiatives, open_days, members_of).rows(copies, total)
    _write(rows)
    if connection.vendor == "postgresql":
        # What autovacuum would do shortly after a load this size; SQLite keeps no statistics
        # unless asked (Django never runs ANALYZE there), so it is left as a site would have it.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    active = sum(1 for r, _ in rows if r.status in Reservation.ACTIVE_STATUSES)
    print(
        f"{len(members):,} members, {len(memberships):,} memberships, "
        f"{len(rows):,} reservations ({active:,} active) on {len(copies):,} copies "
        f"of {len({row[1] for row in copies}):,} items"
    )


def _members(rng, member_count):
    """`member_count` users, each a member with a member number."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from members.models import Member, member_number_for

    User = get_user_model()
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
    return members


def _memberships(rng, members, initiatives, today):
    """Each member belongs to one to three lending initiatives; most have renewed once.

    Returns the memberships and {initiative: [member]}."""
    from initiatives.models import MembershipPlan
    from members.models import Membership

    plans = {}
    for plan in MembershipPlan.objects.filter(page__in=initiatives).order_by("sort_order"):
        plans.setdefault(plan.page_id, plan)
    memberships, members_of = [], {i.pk: [] for i in initiatives}
    for member in members:
        count = rng.choices([1, 2, 3], [5, 3, 2])[0]
        for initiative in rng.sample(initiatives, min(count, len(initiatives))):
            start = today - rng.randint(0, 240) * DAY
            end = start + 365 * DAY  # runs at least until today + 125 days
            plan = plans.get(initiative.pk)
            memberships.append(
                Membership(member=member, initiative=initiative, plan=plan, start=start, end=end)
            )
            if rng.random() < 0.6:
                previous = start - 365 * DAY
                memberships.append(
                    Membership(
                        member=member,
                        initiative=initiative,
                        plan=plan,
                        start=previous,
                        end=start - DAY,
                    )
                )
            members_of[initiative.pk].append(member.pk)
    Membership.objects.bulk_create(memberships, batch_size=2000)
    return memberships, members_of


def _reservable_copies(initiatives, open_days, members_of):
    """[(copy, item, initiative, loan days)] of the lendable copies that get reservations."""
    from django.conf import settings

    from catalogue.models import Copy
    from lending.models import Reservation

    copies = list(
        Copy.objects.filter(
            item__locale__language_code=settings.LANGUAGE_CODE,
            item__live=True,
            status=Copy.Status.AVAILABLE,
            item__initiative__in=initiatives,
        )
        .order_by("pk")
        .values_list("pk", "item_id", "item__initiative_id", "item__loan_days")
    )
    # The demo's own members have reservations on a few demo items: leave those items to them.
    taken = set(Reservation.objects.values_list("item_id", flat=True))
    copies = [row for row in copies if open_days[row[2]] and members_of[row[2]]]
    return [row for row in copies if row[1] not in taken]


def _open_on_or_after(days, target):
    index = bisect.bisect_left(days, target)
    return days[index] if index < len(days) else None


def _open_on_or_before(days, target):
    index = bisect.bisect_right(days, target)
    return days[index - 1] if index else None


class Planner:
    """The reservations of each copy: most ended in the past, some handed out now, some ahead;
    every pickup on an open day and no two active ones of a copy overlapping."""

    def __init__(self, rng, today, initiatives, open_days, members_of):
        self.rng, self.today = rng, today
        self.by_pk = {i.pk: i for i in initiatives}
        self.open_days, self.members_of = open_days, members_of
        self.active_count = {}  # (member, initiative) -> active reservations, kept under the limit

    def rows(self, copies, total):
        """[(Reservation, [(from, to, at)])]: `total` reservations spread over `copies`."""
        n = len(copies)
        per_copy = [total // n + (i < total % n) for i in range(n)]
        self.rng.shuffle(per_copy)
        rows = []
        for (copy_pk, item_pk, initiative_pk, loan_days), count in zip(
            copies, per_copy, strict=True
        ):
            initiative = self.by_pk[initiative_pk]
            longest = min(loan_days or initiative.max_loan_days, 14)
            planned = self.plan(initiative, count, longest)
            spans = sorted((pickup, back) for pickup, back, _ in planned)
            assert all(a[1] < b[0] for a, b in pairwise(spans)), (copy_pk, spans)
            rows += self.reservations((copy_pk, item_pk), initiative, planned)
        return rows

    def plan(self, initiative, count, longest):
        """[(pickup, return, status)] of one copy's `count` reservations."""
        from lending.models import Reservation

        rng, today = self.rng, self.today
        days = self.open_days[initiative.pk]
        future = min(count, rng.choices([0, 1, 2], [4, 4, 2])[0])
        picked_up = 1 if count > future and rng.random() < 0.10 else 0
        past = count - future - picked_up
        planned = []
        earliest_past, cursor = today, today + rng.randint(1, 21) * DAY
        if picked_up:
            pickup = _open_on_or_before(days, today - rng.randint(1, 10) * DAY)
            if pickup is not None:
                back = max(today, pickup + DAY) + rng.randint(0, 7) * DAY
                back = min(back, pickup + longest * DAY)
                planned.append((pickup, back, Reservation.Status.PICKED_UP))
                earliest_past, cursor = pickup, max(cursor, back + rng.randint(1, 7) * DAY)
            else:
                past += 1
        past += self._plan_ahead(planned, initiative, future, cursor, longest)
        self._plan_past(planned, days, past, earliest_past - DAY, longest)
        return planned

    def _plan_ahead(self, planned, initiative, future, cursor, longest):
        """Requested or confirmed reservations from `cursor` on; returns how many found no day."""
        from lending.models import Reservation

        Status, rng = Reservation.Status, self.rng
        missed = 0
        for _ in range(future):
            pickup = _open_on_or_after(self.open_days[initiative.pk], cursor)
            if pickup is None:
                missed += 1
                continue
            back = pickup + rng.randint(1, longest) * DAY
            status = (
                Status.CONFIRMED
                if initiative.auto_confirm or rng.random() < 0.6
                else Status.REQUESTED
            )
            planned.append((pickup, back, status))
            cursor = back + rng.randint(1, 14) * DAY
        return missed

    def _plan_past(self, planned, days, past, cursor, longest):
        """Ended reservations before `cursor`: mostly returned, some cancelled or no-shows."""
        from lending.models import Reservation

        Status, rng = Reservation.Status, self.rng
        ended = [Status.RETURNED, Status.CANCELLED, Status.NO_SHOW]
        for _ in range(past):
            pickup = _open_on_or_before(days, cursor - (rng.randint(0, 30) + longest) * DAY)
            if pickup is None:
                break
            back = pickup + rng.randint(1, longest) * DAY
            status = rng.choices(ended, [85, 10, 5])[0]
            planned.append((pickup, back, status))
            cursor = pickup - DAY

    def reservations(self, unit, initiative, planned):
        """[(Reservation, events)] of the planned reservations that find a member."""
        from lending.models import Reservation

        Status, rng = Reservation.Status, self.rng
        copy_pk, item_pk = unit
        rows = []
        for pickup, back, status in planned:
            if status in Reservation.ACTIVE_STATUSES:
                member = self._active_member(initiative)
                if member is None:
                    continue
            else:
                member = rng.choice(self.members_of[initiative.pk])
            created = self._aware(pickup - rng.randint(1, 30) * DAY, rng.randint(8, 22))
            reservation = Reservation(
                item_id=item_pk,
                copy_id=copy_pk,
                member_id=member,
                pickup_date=pickup,
                return_date=back,
                status=status,
                created_at=created,
                accessories_checked=status == Status.RETURNED,
            )
            rows.append((reservation, self._events(initiative, pickup, back, status, created)))
        return rows

    def _events(self, initiative, pickup, back, status, created):
        """[(from, to, at)]: the way a reservation came to `status`."""
        from lending.models import Reservation

        Status = Reservation.Status
        first = (
            Status.CONFIRMED
            if initiative.auto_confirm
            else (Status.REQUESTED if status == Status.REQUESTED else Status.CONFIRMED)
        )
        events = [("", first, created)]
        if status in (Status.PICKED_UP, Status.RETURNED):
            events.append((first, Status.PICKED_UP, self._aware(pickup, 14)))
        if status == Status.RETURNED:
            events.append((Status.PICKED_UP, Status.RETURNED, self._aware(back, 15)))
        elif status in (Status.CANCELLED, Status.NO_SHOW):
            events.append((first, status, self._aware(min(pickup, back), 17)))
        return events

    def _active_member(self, initiative):
        candidates = self.members_of[initiative.pk]
        count = self.active_count
        for _ in range(50):
            member = self.rng.choice(candidates)
            if count.get((member, initiative.pk), 0) < initiative.max_active_reservations:
                count[member, initiative.pk] = count.get((member, initiative.pk), 0) + 1
                return member
        return None

    def _aware(self, day, hour):
        from django.utils import timezone

        moment = datetime.datetime.combine(day, datetime.time(hour, self.rng.randint(0, 59)))
        return timezone.make_aware(moment)


def _write(rows):
    import sys

    from django.db import transaction

    from lending.models import Reservation, ReservationEvent

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
            done = min(start + 5000, len(rows))
            print(f"  reservations written: {done:,} of {len(rows):,}", file=sys.stderr, flush=True)
