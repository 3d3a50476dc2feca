"""The waiting list of an item (docs/architecture.md, "The waiting list").

When no copy of an item can be had, a member joins its line (``join``). When a copy comes back
(taken back at the desk, a reservation cancelled or not picked up, a repair finished), the first
in line is offered it (``offer_next``): the copy is held for them until ``claim_until`` (the
initiative's ``offer_days`` from today) and they get a mail in their language with a link to
claim it for a pickup day in that time (``claim``: it becomes a reservation of that copy). An
offer that is not claimed expires and passes to the next in line (``expire_offers``, run by the
hourly ``send_reminders``). A member may leave the line (``leave``); a volunteer may skip
someone, with a reason that stays on the entry (``skip``).

Every change of the line happens under the item's row lock, the lock reservations take, so an
offer and a reservation never take the same copy, and of fifty claims of one offer one wins.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Item

from . import mail, rules
from .availability import free_copies
from .models import Reservation, WaitingEntry
from .rules import ReservationRefused, RuleError

Status = WaitingEntry.Status


def _refused(message, code, field=None):
    return ReservationRefused([RuleError(field, message, code)])


def _lock(item):
    """The item's default-language row, locked (the lock ``rules.reserve`` takes)."""
    source = rules.physical_item(item)
    return (
        Item.objects.select_for_update(of=("self",))
        .select_related("initiative")
        .with_copy_counts()
        .get(pk=source.pk)
    )


def open_entry(item, member):
    """The member's open place in the item's line, or None."""
    if member is None:
        return None
    return (
        WaitingEntry.objects.filter(
            item__translation_key=item.translation_key,
            member=member,
            status__in=WaitingEntry.OPEN_STATUSES,
        )
        .select_related("copy")
        .first()
    )


def line(item):
    """The open places in the item's line, first in line first."""
    return WaitingEntry.objects.filter(
        item__translation_key=item.translation_key, status__in=WaitingEntry.OPEN_STATUSES
    ).order_by("joined_at", "pk")


def place_of(entry) -> int:
    """The entry's place in line: 1 for the first one waiting (0 once it has been offered)."""
    if entry.status == Status.OFFERED:
        return 0
    ahead = WaitingEntry.objects.filter(item_id=entry.item_id, status=Status.WAITING).filter(
        Q(joined_at__lt=entry.joined_at) | Q(joined_at=entry.joined_at, pk__lt=entry.pk)
    )
    return ahead.count() + 1


def can_join(item, *, today=None) -> bool:
    """Whether the line is open for the item: it can be lent at all (not retired, not every
    copy in repair for good: a repair counts as "not free") and no copy is free today."""
    today = today or timezone.localdate()
    source = rules.physical_item(item)
    count, _ready = source.copy_counts()
    if not source.live or not count:
        return False
    return not free_copies(today, today).filter(item=source).exists()


def has_it(item, member) -> bool:
    """Whether the member has the item already: borrowed, or reserved (nothing to wait for)."""
    return (
        Reservation.objects.active()
        .filter(item__translation_key=item.translation_key, member=member)
        .exists()
    )


def join(item, member, *, today=None) -> WaitingEntry:
    """Put the member in the item's line (once: joining again returns the same place)."""
    today = today or timezone.localdate()
    if member is None:
        raise _refused(_("Log in as a member to join the waiting list."), "member")
    with transaction.atomic():
        locked = _lock(item)
        existing = open_entry(locked, member)
        if existing is not None:
            return existing
        initiative = rules.physical_item(locked).initiative
        if not (initiative.lends_items and initiative.reservations_enabled):
            raise _refused(_("This initiative does not take reservations online."), "disabled")
        if has_it(locked, member):
            message = _("You have reserved or borrowed this item already.")
            raise _refused(message, "has_it")
        if not can_join(locked, today=today):
            message = _("A copy of this item is free: reserve it instead of waiting.")
            raise _refused(message, "free")
        return WaitingEntry.objects.create(item=locked, member=member)


def _close(entry, status, *, by=None, reason=""):
    was_offered = entry.status == Status.OFFERED
    entry.status, entry.closed_at, entry.reason = status, timezone.now(), reason
    entry.closed_by = by if by is not None and by.is_authenticated else None
    entry.save(update_fields=["status", "closed_at", "closed_by", "reason"])
    if was_offered:
        offer_after_commit(entry.item)


def leave(entry, *, by=None):
    """The member leaves the line; a copy offered to them goes to the next in line."""
    with transaction.atomic():
        _lock(entry.item)
        locked = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
        if not locked.is_open:
            raise _refused(_("You are no longer on this waiting list."), "closed")
        _close(locked, Status.LEFT, by=by)
    return locked


def skip(entry, *, by, reason):
    """A volunteer skips someone in line (they could not be reached, they asked to wait): the
    reason and who skipped stay on the entry; an offer goes to the next in line."""
    reason = (reason or "").strip()
    if not reason:
        raise _refused(_("Say why you skip this member."), "reason", "reason")
    with transaction.atomic():
        _lock(entry.item)
        locked = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
        if not locked.is_open:
            raise _refused(_("This member is no longer waiting."), "closed")
        _close(locked, Status.SKIPPED, by=by, reason=reason[:200])
    return locked


def offer_next(item, *, today=None) -> list[WaitingEntry]:
    """Offer each copy that is free from today through the claim time, and not held by an
    offer, to the next member waiting; returns the entries offered."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _lock(item)
        waiting = list(line(locked).filter(status=Status.WAITING).select_related("member"))
        if not waiting:
            return []
        days = rules.physical_item(locked).initiative.offer_days or 1
        until = today + datetime.timedelta(days=days)
        copies = list(free_copies(today, until).filter(item=locked).order_by("code"))
        offered = []
        for copy, entry in zip(copies, waiting, strict=False):
            entry.status, entry.copy, entry.claim_until = Status.OFFERED, copy, until
            entry.offered_at = timezone.now()
            entry.save(update_fields=["status", "copy", "claim_until", "offered_at"])
            mail.queue_offer(entry)
            offered.append(entry)
    return offered


def offer_after_commit(item):
    """Offer what came back once the current transaction has committed (a copy taken back,
    a reservation cancelled): the transition itself never waits for the line."""
    pk = rules.physical_item(item).pk

    def run():
        if WaitingEntry.objects.filter(item_id=pk, status=Status.WAITING).exists():
            offer_next(Item.objects.get(pk=pk))

    transaction.on_commit(run, robust=True)


def expire_offers(*, today=None) -> int:
    """Close the offers whose claim time is over and offer their copies to the next in line.
    Returns the number of offers that expired."""
    today = today or timezone.localdate()
    expired = 0
    overdue = WaitingEntry.objects.filter(status=Status.OFFERED, claim_until__lt=today)
    for entry in overdue.select_related("item"):
        with transaction.atomic():
            _lock(entry.item)
            locked = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
            if locked.status != Status.OFFERED or locked.claim_until >= today:
                continue
            locked.status, locked.closed_at = Status.EXPIRED, timezone.now()
            locked.save(update_fields=["status", "closed_at"])
            expired += 1
        offer_next(entry.item, today=today)
    return expired


def claim(entry, pickup, return_date, *, by=None, today=None):
    """The member claims the copy offered to them: a reservation of that copy from ``pickup``
    (within the claim time) to ``return_date``, under the usual rules."""
    today = today or timezone.localdate()
    with transaction.atomic():
        _lock(entry.item)
        locked = (
            WaitingEntry.objects.select_for_update(of=("self",))
            .select_related("copy")
            .get(pk=entry.pk)
        )
        if locked.status != Status.OFFERED or locked.claim_until < today:
            raise _refused(_("This offer is no longer open."), "offer_closed")
        if isinstance(pickup, datetime.date) and pickup > locked.claim_until:
            message = _("Pick it up by %(date)s at the latest.") % {
                "date": rules._date(locked.claim_until)
            }
            raise _refused(message, "offer_window", "pickup_date")
        reservation = rules.reserve(
            locked.item,
            locked.member,
            pickup,
            return_date,
            by=by,
            today=today,
            copy=locked.copy,
            offer=locked,
        )
        locked.status, locked.reservation = Status.CLAIMED, reservation
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "reservation", "closed_at"])
    return reservation
