"""Helpers of the reservation tests (test_reservations.py, test_reservation_overlap.py,
test_reservation_transitions.py): the rules' error codes, another item, and a reservation
written straight to the table."""

from lending.models import Reservation
from lending.rules import check
from tests import factories
from tests.catalogue.factories import first_copy
from tests.lending.world import TODAY

Status = Reservation.Status


def codes(item, member, pickup, return_date, today=TODAY):
    return [error.code for error in check(item, member, pickup, return_date, today=today)]


def errors_by_code(item, member, pickup, return_date, today=TODAY):
    return {e.code: e for e in check(item, member, pickup, return_date, today=today)}


def another_item(world, code="IN-0002", **fields):
    return factories.build_item(
        world["initiative"], world["category"], "Schuurmachine", code, **fields
    )


def existing(item, pickup, return_date, status=Status.CONFIRMED, member=None):
    """A reservation written straight to the table, as if made earlier."""
    return Reservation.objects.create(
        item=item,
        copy=first_copy(item),
        member=member,
        pickup_date=pickup,
        return_date=return_date,
        status=status,
    )
