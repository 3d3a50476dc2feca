"""The demo's waiting lists and extended loan (docs/architecture.md, "The waiting list"):
members waiting in line for items whose only copy is out, an offer waiting to be claimed, and
a loan that has been extended once. Built after the reservations (``demo/members.py``), from
what those left lent out today; running it again adds nothing."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from catalogue.models import Item
from lending import waiting
from lending.availability import free_copies, holding_reservations
from lending.models import Reservation, ReservationEvent, WaitingEntry
from members.backends import users_with_email
from members.models import Member

from .members import MEMBERS

# Who waits, in this order, for the items of which no copy can be had.
WAITERS = ("an", "jonas", "fatima")
# Who has been offered a copy that came back, and for which initiative's item.
OFFERED = ("sophie", "instrumentheek")
# The initiative whose running loan was extended once.
EXTENDED = "instrumentheek"


def _member(key):
    user = users_with_email(MEMBERS[key]["email"]).first()
    return Member.objects.filter(user=user).first() if user else None


def _items_to_wait_for(today):
    """(item, who has it) for the Dutch items of which no copy can be had today: lent out or
    reserved first, then those in repair."""
    found = []
    for item in Item.objects.filter(locale__language_code="nl", live=True).order_by("name"):
        if not waiting.can_join(item, today=today):
            continue
        holder = (
            holding_reservations(today, today)
            .filter(item=item)
            .select_related("member")
            .order_by("pickup_date")
            .first()
        )
        found.append((holder is None, item.name, item, holder.member if holder else None))
    return [(item, member) for _repair, _name, item, member in sorted(found, key=lambda f: f[:2])]


def _waiting_lines(today, now, made):
    waiters = [m for m in (_member(key) for key in WAITERS) if m is not None]
    for number, (item, borrower) in enumerate(_items_to_wait_for(today)[:3]):
        line = [m for m in waiters if m != borrower][: 3 - number]
        for place, member in enumerate(line):
            WaitingEntry.objects.create(
                item=item, member=member, joined_at=now - datetime.timedelta(days=6 - place)
            )
            made["waiting"] += 1


def _offer(today, now, made):
    """A copy that came back yesterday, kept for the first in line until claimed."""
    key, slug = OFFERED
    member = _member(key)
    if member is None:
        return
    items = Item.objects.filter(initiative__slug=slug, locale__language_code="nl", live=True)
    for item in items.order_by("name"):
        days = item.initiative.offer_days or 1
        until = today + datetime.timedelta(days=days)
        copy = free_copies(today, until).filter(item=item).order_by("code").first()
        if copy is None or item.copies.count() != 1:
            continue
        WaitingEntry.objects.create(
            item=item,
            member=member,
            joined_at=now - datetime.timedelta(days=9),
            status=WaitingEntry.Status.OFFERED,
            copy=copy,
            offered_at=now - datetime.timedelta(hours=20),
            claim_until=until - datetime.timedelta(days=1),
        )
        made["offers"] += 1
        return


def _extended_loan(today, now, made):
    loan = (
        Reservation.objects.filter(
            status=Reservation.Status.PICKED_UP,
            item__initiative__slug=EXTENDED,
            return_date__gte=today,
            renewals=0,
        )
        .order_by("return_date", "pk")
        .first()
    )
    if loan is None:
        return
    loan.renewals = 1
    loan.save(update_fields=["renewals"])
    handed_out = loan.events.filter(to_status=loan.status).order_by("at").first()
    ReservationEvent.objects.create(
        reservation=loan,
        from_status=loan.status,
        to_status=loan.status,
        # Extended at the desk, by the volunteer who handed it out.
        by=handed_out.by if handed_out else None,
        at=now - datetime.timedelta(days=2),
        note=f"Verlengd tot {loan.return_date:%d-%m-%Y}",
    )
    made["extended"] += 1


@transaction.atomic
def build_waiting(today, say=print) -> dict[str, int]:
    """The waiting lines, an open offer and an extended loan; nothing when they exist."""
    made = {"waiting": 0, "offers": 0, "extended": 0}
    if WaitingEntry.objects.exists():
        say("waiting lists: already loaded")
        return made
    now = timezone.now()
    _waiting_lines(today, now, made)
    _offer(today, now, made)
    _extended_loan(today, now, made)
    say(
        f"waiting lists: {made['waiting']} members in line, {made['offers']} offer to claim, "
        f"{made['extended']} loan extended"
    )
    return made
