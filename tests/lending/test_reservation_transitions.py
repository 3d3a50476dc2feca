"""The status transitions of a reservation and their audit trail, on fixed dates.

"Today" is Monday 2 November 2026 (the dates of test_reservations.py).
"""

import pytest

from django.utils import translation

from lending import rules as reservations
from lending.rules import ReservationRefused, reserve
from tests import factories
from tests.lending.reservation_helpers import Status, codes, existing
from tests.lending.world import MONDAY_2, MONDAY_3, TODAY, WEDNESDAY, build_lending_world


@pytest.fixture
def world(db):
    return build_lending_world()


# Status transitions --------------------------------------------------------------------------

ACTIONS = {
    "confirm": (reservations.confirm, {Status.REQUESTED}, Status.CONFIRMED),
    "hand_out": (reservations.hand_out, {Status.CONFIRMED}, Status.PICKED_UP),
    "take_back": (reservations.take_back, {Status.PICKED_UP}, Status.RETURNED),
    "cancel": (reservations.cancel, {Status.REQUESTED, Status.CONFIRMED}, Status.CANCELLED),
    "no_show": (reservations.no_show, {Status.CONFIRMED}, Status.NO_SHOW),
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("start", list(Status))
def test_each_transition_is_allowed_only_from_its_statuses(world, action, start):
    function, allowed, target = ACTIONS[action]
    reservation = existing(world["item"], TODAY, WEDNESDAY, start, world["member"])
    volunteer = factories.UserFactory()
    if start in allowed:
        function(reservation, by=volunteer, note="aan de balie")
        assert reservation.status == target
        reservation.refresh_from_db()
        assert reservation.status == target
        event = reservation.events.get()
        assert (event.from_status, event.to_status) == (start, target)
        assert (event.by, event.note) == (volunteer, "aan de balie")
    else:
        with pytest.raises(ReservationRefused) as refused:
            function(reservation, by=volunteer)
        assert refused.value.codes == ["status"]
        assert refused.value.errors[0].message
        reservation.refresh_from_db()
        assert reservation.status == start
        assert not reservation.events.exists()


@pytest.mark.django_db
def test_the_whole_loan_leaves_an_audit_trail(world):
    member_user, volunteer = world["member"].user, factories.UserFactory()
    reservation = reserve(
        world["item"], world["member"], TODAY, WEDNESDAY, by=member_user, today=TODAY
    )
    reservations.confirm(reservation, by=volunteer)
    reservations.hand_out(reservation, by=volunteer)
    reservations.take_back(
        reservation, by=volunteer, condition_note="Boor licht bekrast", accessories_checked=True
    )
    reservation.refresh_from_db()
    assert reservation.status == Status.RETURNED
    assert reservation.condition_note == "Boor licht bekrast"
    assert reservation.accessories_checked is True
    trail = [(e.from_status, e.to_status, e.by) for e in reservation.events.all()]
    assert trail == [
        ("", Status.REQUESTED, member_user),
        (Status.REQUESTED, Status.CONFIRMED, volunteer),
        (Status.CONFIRMED, Status.PICKED_UP, volunteer),
        (Status.PICKED_UP, Status.RETURNED, volunteer),
    ]
    # Returned, the item can be reserved for the same days again.
    assert codes(world["item"], world["member"], TODAY, WEDNESDAY) == []


@pytest.mark.django_db
def test_taking_back_an_item_that_was_never_handed_out_is_refused(world):
    reservation = reserve(world["item"], world["member"], TODAY, WEDNESDAY, today=TODAY)
    reservations.confirm(reservation)
    with translation.override("en"), pytest.raises(ReservationRefused) as refused:
        reservations.take_back(reservation, condition_note="ok", accessories_checked=True)
    assert refused.value.errors[0].message == (
        "This item was never handed out, so it cannot be taken back."
    )
    reservation.refresh_from_db()
    assert reservation.status == Status.CONFIRMED
    assert reservation.condition_note == ""


@pytest.mark.django_db
def test_a_no_show_only_from_the_pickup_date(world):
    reservation = existing(world["item"], MONDAY_2, MONDAY_3, Status.CONFIRMED, world["member"])
    with pytest.raises(ReservationRefused) as refused:
        reservations.no_show(reservation, today=TODAY)
    assert refused.value.codes == ["too_early"]
    reservations.no_show(reservation, today=MONDAY_2)
    assert reservation.status == Status.NO_SHOW


@pytest.mark.django_db
def test_a_cancelled_reservation_frees_the_dates(world):
    reservation = reserve(world["item"], world["member"], MONDAY_2, MONDAY_3, today=TODAY)
    reservations.cancel(reservation, by=world["member"].user, note="Toch niet nodig")
    assert reservation.events.last().note == "Toch niet nodig"
    assert codes(world["item"], world["member"], MONDAY_2, MONDAY_3) == []


@pytest.mark.django_db
def test_string_representations_hold_no_personal_data(world):
    reservation = reserve(world["item"], world["member"], TODAY, WEDNESDAY, today=TODAY)
    text = str(reservation) + str(reservation.events.get())
    user = world["member"].user
    for personal in (user.first_name, user.last_name, user.email, world["member"].phone):
        assert personal not in text
