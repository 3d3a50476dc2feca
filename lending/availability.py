"""Which physical items cannot be lent on given days: the one rule, asked by the item cards and
the item page (``with_lent_out``) and by both search backends for the catalogue's "available now"
facet and its "available between" filter (``blocked_items``).

Reservations point at the default-language item row (the physical item); index documents carry
that row's id as ``source_id``, and translations share its ``translation_key``, so one subquery
serves every language.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Reservation


def today() -> datetime.date:
    return timezone.localdate()


def holding_reservations(start: datetime.date, end: datetime.date):
    """The reservations that keep an item from being lent on some day of [start, end]: an
    active one that shares a day with the period, or one picked up (even when overdue)."""
    return Reservation.objects.filter(
        Q(status__in=Reservation.ACTIVE_STATUSES, pickup_date__lte=end, return_date__gte=start)
        | Q(status=Reservation.Status.PICKED_UP)
    )


def blocked_items(start: datetime.date, end: datetime.date):
    """Ids of the physical items that cannot be lent for the whole of [start, end]."""
    return holding_reservations(start, end).values("item_id").distinct()


def with_lent_out(items, day: datetime.date | None = None):
    """Annotate ``lent_out`` on an item queryset (any language): the physical item is out or
    reserved on ``day`` (today). ``Item.is_lent_out`` reads it."""
    day = day or today()
    busy = holding_reservations(day, day).filter(item__translation_key=OuterRef("translation_key"))
    return items.annotate(lent_out=Exists(busy))


def window(query) -> tuple[datetime.date, datetime.date]:
    """The days an "available" filter or count is about: the asked period, else today."""
    if query.available_between:
        return query.available_between
    day = today()
    return day, day
