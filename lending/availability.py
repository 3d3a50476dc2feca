"""Which copies, and so which items, can be lent on given days: the one rule, asked by the item
cards and the item page (``with_lent_out``), by the rules service when it picks a copy
(``free_copies``) and by both search backends for the catalogue's "available now" facet and
its "available between" filter (``blocked_items``).

Reservations hold a copy; copies belong to the default-language row of their item, whose id
index documents carry as ``source_id`` (docs/architecture.md, "Items and copies").
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from catalogue.models import Copy, count_of

from .models import Reservation, WaitingEntry


def today() -> datetime.date:
    return timezone.localdate()


def holding_reservations(start: datetime.date, end: datetime.date):
    """The reservations that keep a copy from being lent on some day of [start, end]: an
    active one that shares a day with the period, or one picked up (even when overdue)."""
    return Reservation.objects.filter(
        Q(status__in=Reservation.ACTIVE_STATUSES, pickup_date__lte=end, return_date__gte=start)
        | Q(status=Reservation.Status.PICKED_UP)
    )


def free_copies(start: datetime.date, end: datetime.date, *, offer=None):
    """The copies that can be lent on every day of [start, end]: in the collection, not in
    repair, held by no reservation on any of those days, and not held for the first in a
    waiting line (an open offer, ``lending/waiting.py``) unless that is ``offer``.

    Correlated NOT EXISTS rather than NOT IN: each copy looks up its own reservations through
    the (copy, status, pickup date) index instead of every reservation being read."""
    held = holding_reservations(start, end).filter(copy=OuterRef("pk"))
    offered = WaitingEntry.objects.filter(
        copy=OuterRef("pk"), status=WaitingEntry.Status.OFFERED, claim_until__gte=start
    )
    if offer is not None:
        offered = offered.exclude(pk=offer.pk)
    return Copy.objects.filter(status=Copy.Status.AVAILABLE).exclude(Exists(held) | Exists(offered))


def blocked_items(start: datetime.date, end: datetime.date) -> list[int]:
    """Ids of the items (default-language rows) that have lendable copies but none of them
    free for the whole of [start, end]: few, so both search backends take them as a list,
    worked out once per search."""
    held = holding_reservations(start, end).filter(copy=OuterRef("pk"))
    free = free_copies(start, end).values("item_id")
    return list(
        Copy.objects.filter(status=Copy.Status.AVAILABLE)
        .filter(Exists(held))
        .exclude(item_id__in=free)
        .values_list("item_id", flat=True)
        .distinct()
    )


def with_lent_out(items, day: datetime.date | None = None):
    """Annotate ``copies_free`` on an item queryset (any language): how many of the item's
    copies can be lent on ``day`` (today). ``Item.is_lent_out`` reads it."""
    day = day or today()
    free = free_copies(day, day).filter(item__translation_key=OuterRef("translation_key"))
    return items.annotate(copies_free=count_of(free))


def window(query) -> tuple[datetime.date, datetime.date]:
    """The days an "available" filter or count is about: the asked period, else today."""
    if query.available_between:
        return query.available_between
    day = today()
    return day, day
