"""Which physical items cannot be lent on given days, from the reservations, for the catalogue's
"available now" facet and its "available between" filter on every backend.

Reservations point at the default-language item row (the physical item); index documents
carry that row's id as ``source_id``, so one subquery serves every language.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


def blocked_items(start: datetime.date, end: datetime.date):
    """Ids of the physical items that cannot be lent for the whole of [start, end]: an active
    reservation shares a day with it, or the item is out (picked up, even when overdue)."""
    from catalogue.models import Reservation

    return (
        Reservation.objects.filter(
            Q(status__in=Reservation.ACTIVE_STATUSES, pickup_date__lte=end, return_date__gte=start)
            | Q(status=Reservation.Status.PICKED_UP)
        )
        .values("item_id")
        .distinct()
    )


def window(query) -> tuple[datetime.date, datetime.date]:
    """The days an "available" filter or count is about: the asked period, else today."""
    if query.available_between:
        return query.available_between
    day = today()
    return day, day
