"""The reservation rules on fixed dates: the dates, the opening days, the loan length, the
membership, the active reservations per member and the item. Overlap is in
test_reservation_overlap.py, the status transitions in test_reservation_transitions.py.

"Today" is Monday 2 November 2026. The initiative opens on Mondays 09–12 and Wednesdays
14–18; Wednesday 11 November is a public holiday (Armistice) and Wednesday 18 November is
closed for the inventory.
"""

import datetime

import pytest

from django.utils import translation

from catalogue.models import Copy
from initiatives.hours import public_holiday
from lending import rules as reservations
from lending.models import Reservation
from lending.rules import ReservationRefused, check, reserve
from tests import factories
from tests.catalogue.factories import set_copies_status
from tests.lending.reservation_helpers import Status, another_item, codes, errors_by_code, existing
from tests.lending.world import (
    ARMISTICE,
    INVENTORY,
    MONDAY_2,
    MONDAY_3,
    MONDAY_4,
    TODAY,
    TUESDAY,
    WEDNESDAY,
    D,
    build_lending_world,
)


@pytest.fixture
def world(db):
    return build_lending_world()


# Accepted ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reservation_on_an_open_day_is_requested_and_recorded(world):
    volunteer = factories.UserFactory()
    reservation = reserve(
        world["item"], world["member"], WEDNESDAY, MONDAY_2, by=volunteer, today=TODAY
    )
    reservation.refresh_from_db()
    assert reservation.status == Status.REQUESTED
    assert reservation.item == world["item"]
    assert reservation.member == world["member"]
    assert (reservation.pickup_date, reservation.return_date) == (WEDNESDAY, MONDAY_2)
    [event] = reservation.events.all()
    assert (event.from_status, event.to_status, event.by) == ("", Status.REQUESTED, volunteer)


@pytest.mark.django_db
def test_automatic_confirmation_makes_a_new_reservation_confirmed(world):
    world["initiative"].auto_confirm = True
    world["initiative"].save()
    reservation = reserve(world["item"], world["member"], TODAY, WEDNESDAY, today=TODAY)
    assert reservation.status == Status.CONFIRMED
    assert reservation.events.get().to_status == Status.CONFIRMED


@pytest.mark.django_db
def test_pickup_today_and_a_same_day_return_are_accepted(world):
    assert codes(world["item"], world["member"], TODAY, TODAY) == []


@pytest.mark.django_db
def test_special_hours_open_a_day_that_is_normally_closed(world):
    factories.OpeningExceptionFactory(
        page=world["initiative"],
        start_date=TUESDAY,
        closed=False,
        opens=datetime.time(18),
        closes=datetime.time(20),
        reason="Avondopening",
    )
    assert codes(world["item"], world["member"], TUESDAY, MONDAY_2) == []


# Dates ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_pickup_in_the_past_is_refused(world):
    errors = errors_by_code(world["item"], world["member"], D(2026, 10, 26), MONDAY_2)
    assert list(errors) == ["past"]
    assert errors["past"].field == "pickup_date"


@pytest.mark.django_db
def test_a_return_before_the_pickup_is_refused(world):
    with translation.override("en"):
        errors = errors_by_code(world["item"], world["member"], MONDAY_2, WEDNESDAY)
    assert list(errors) == ["order"]
    assert errors["order"].field == "return_date"
    assert errors["order"].message == "The return date cannot be before the pickup date."


@pytest.mark.django_db
def test_the_year_9999_is_refused_cleanly(world):
    errors = check(world["item"], world["member"], D(9999, 12, 27), D(9999, 12, 31), today=TODAY)
    assert [(e.field, e.code) for e in errors] == [
        ("pickup_date", "horizon"),
        ("return_date", "horizon"),
    ]
    errors = check(world["item"], world["member"], MONDAY_2, D(9999, 12, 31), today=TODAY)
    assert [(e.field, e.code) for e in errors] == [("return_date", "horizon")]
    with pytest.raises(ReservationRefused):
        reserve(world["item"], world["member"], D(9999, 12, 31), D(9999, 12, 31), today=TODAY)
    assert not Reservation.objects.exists()


@pytest.mark.django_db
def test_the_horizon_is_one_year_ahead(world):
    last = TODAY + datetime.timedelta(days=reservations.HORIZON_DAYS)
    assert "horizon" not in codes(world["item"], world["member"], last, last)
    assert "horizon" in codes(world["item"], world["member"], last + datetime.timedelta(1), last)


@pytest.mark.django_db
def test_missing_dates_are_asked_for(world):
    errors = check(world["item"], world["member"], None, None, today=TODAY)
    assert [(e.field, e.code) for e in errors] == [
        ("pickup_date", "required"),
        ("return_date", "required"),
    ]


@pytest.mark.django_db
def test_datetimes_count_as_their_calendar_day(world):
    pickup = datetime.datetime(2026, 11, 4, 15, 30)
    reservation = reserve(world["item"], world["member"], pickup, MONDAY_2, today=TODAY)
    reservation.refresh_from_db()
    assert reservation.pickup_date == WEDNESDAY


@pytest.mark.django_db
def test_today_defaults_to_the_local_date(world, freeze_time):
    freeze_time(2026, 11, 9, 10)
    assert reservations.check(world["item"], world["member"], WEDNESDAY, MONDAY_2)[0].code == (
        "past"
    )
    assert check(world["item"], world["member"], MONDAY_2, MONDAY_3) == []


# Opening days --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_pickup_on_a_closed_weekday_is_refused_with_the_next_open_day(world):
    with translation.override("en"):
        errors = errors_by_code(world["item"], world["member"], TUESDAY, MONDAY_2)
    assert list(errors) == ["closed"]
    assert errors["closed"].field == "pickup_date"
    assert "is not open on 3 November 2026" in errors["closed"].message
    assert "The next day it is open is 4 November 2026." in errors["closed"].message


@pytest.mark.django_db
def test_a_pickup_on_a_public_holiday_is_refused(world):
    with translation.override("en"):
        errors = errors_by_code(world["item"], world["member"], ARMISTICE, MONDAY_3)
        holiday = public_holiday(ARMISTICE)
    assert list(errors) == ["closed"]
    assert holiday and f"({holiday})" in errors["closed"].message
    assert "16 November 2026" in errors["closed"].message


@pytest.mark.django_db
def test_a_pickup_on_an_exception_day_is_refused(world):
    errors = errors_by_code(world["item"], world["member"], INVENTORY, MONDAY_4)
    assert list(errors) == ["closed"]
    assert "(Inventaris)" in errors["closed"].message


@pytest.mark.django_db
def test_the_return_date_may_fall_on_a_closed_day(world):
    # Only the pickup is checked against the hours: returns go to the drop-off at the desk.
    assert codes(world["item"], world["member"], WEDNESDAY, TUESDAY + datetime.timedelta(7)) == []


# Loan length ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_initiatives_longest_loan_is_accepted_and_one_day_more_refused(world):
    assert codes(world["item"], world["member"], TODAY, TODAY + datetime.timedelta(14)) == []
    errors = errors_by_code(world["item"], world["member"], TODAY, TODAY + datetime.timedelta(15))
    assert list(errors) == ["loan_length"]
    assert errors["loan_length"].field == "return_date"


@pytest.mark.django_db
def test_the_items_own_loan_limit_wins(world):
    item = another_item(world, loan_days=3)
    assert codes(item, world["member"], WEDNESDAY, WEDNESDAY + datetime.timedelta(3)) == []
    with translation.override("en"):
        errors = errors_by_code(item, world["member"], WEDNESDAY, MONDAY_2)
    assert list(errors) == ["loan_length"]
    assert "at most 3 days" in errors["loan_length"].message
    assert "7 November 2026" in errors["loan_length"].message


# Membership ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_membership_is_refused(world):
    stranger = factories.MemberFactory()
    errors = errors_by_code(world["item"], stranger, WEDNESDAY, MONDAY_2)
    assert list(errors) == ["membership_required"]
    assert errors["membership_required"].field is None


@pytest.mark.django_db
def test_a_membership_of_another_initiative_does_not_count(world):
    other = factories.build_initiative(world["trees"]["nl"].index, "Babytheek")
    stranger = factories.MemberFactory()
    factories.MembershipFactory(member=stranger, initiative=other)
    assert codes(world["item"], stranger, WEDNESDAY, MONDAY_2) == ["membership_required"]


@pytest.mark.django_db
def test_a_membership_ending_before_the_return_date_is_refused(world):
    member = factories.MemberFactory()
    factories.MembershipFactory(
        member=member, initiative=world["initiative"], start=D(2025, 11, 6), end=D(2026, 11, 5)
    )
    assert codes(world["item"], member, WEDNESDAY, D(2026, 11, 5)) == []
    errors = errors_by_code(world["item"], member, WEDNESDAY, MONDAY_2)
    assert list(errors) == ["membership_ends"]
    assert errors["membership_ends"].field == "return_date"


@pytest.mark.django_db
def test_a_membership_starting_after_the_pickup_is_refused(world):
    member = factories.MemberFactory()
    factories.MembershipFactory(
        member=member, initiative=world["initiative"], start=WEDNESDAY + datetime.timedelta(1)
    )
    assert codes(world["item"], member, WEDNESDAY, MONDAY_2) == ["membership_required"]


@pytest.mark.django_db
def test_a_renewal_that_follows_without_a_gap_covers_the_loan(world):
    member = factories.MemberFactory()
    for start, end in ((D(2025, 11, 6), D(2026, 11, 5)), (D(2026, 11, 6), D(2027, 11, 5))):
        factories.MembershipFactory(
            member=member, initiative=world["initiative"], start=start, end=end
        )
    assert codes(world["item"], member, WEDNESDAY, MONDAY_2) == []


@pytest.mark.django_db
def test_no_membership_needed_where_the_initiative_asks_for_none(world):
    world["initiative"].requires_membership = False
    world["initiative"].save()
    assert codes(world["item"], factories.MemberFactory(), WEDNESDAY, MONDAY_2) == []


@pytest.mark.django_db
def test_without_a_member_nothing_is_reserved(world):
    assert codes(world["item"], None, WEDNESDAY, MONDAY_2) == ["member"]


# Active reservations per member -----------------------------------------------------------


@pytest.mark.django_db
def test_the_limit_of_active_reservations_is_enforced(world):
    member = world["member"]
    first = reserve(world["item"], member, TODAY, WEDNESDAY, today=TODAY)
    reserve(another_item(world), member, TODAY, WEDNESDAY, today=TODAY)
    third = another_item(world, "IN-0003")
    errors = errors_by_code(third, member, WEDNESDAY, MONDAY_2)
    assert list(errors) == ["limit"]
    # A reservation that ends frees a place.
    reservations.cancel(first)
    assert codes(third, member, WEDNESDAY, MONDAY_2) == []


@pytest.mark.django_db
def test_items_handed_out_count_towards_the_limit_and_returned_ones_do_not(world):
    member = world["member"]
    existing(world["item"], TODAY, TODAY, Status.PICKED_UP, member)
    existing(another_item(world), TODAY, TODAY, Status.RETURNED, member)
    existing(another_item(world, "IN-0003"), TODAY, TODAY, Status.NO_SHOW, member)
    fourth = another_item(world, "IN-0004")
    assert codes(fourth, member, WEDNESDAY, MONDAY_2) == []
    existing(another_item(world, "IN-0005"), TODAY, TODAY, Status.REQUESTED, member)
    assert codes(fourth, member, WEDNESDAY, MONDAY_2) == ["limit"]


@pytest.mark.django_db
def test_reservations_at_another_initiative_do_not_count(world):
    member = world["member"]
    other = factories.build_initiative(world["trees"]["nl"].index, "Babytheek", lends_items=True)
    for code in ("BA-1", "BA-2"):
        existing(
            factories.build_item(other, world["category"], "Kinderwagen", code),
            TODAY,
            TODAY,
            member=member,
        )
    assert codes(world["item"], member, WEDNESDAY, MONDAY_2) == []


# The item ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_item_in_repair_is_refused_in_every_language(world):
    set_copies_status(world["item"], Copy.Status.IN_REPAIR)
    assert codes(world["item"], world["member"], WEDNESDAY, MONDAY_2) == ["in_repair"]
    assert codes(world["item_fr"], world["member"], WEDNESDAY, MONDAY_2) == ["in_repair"]


@pytest.mark.django_db
def test_a_retired_item_is_refused(world):
    set_copies_status(world["item"], Copy.Status.RETIRED)
    assert codes(world["item"], world["member"], WEDNESDAY, MONDAY_2) == ["retired"]


@pytest.mark.django_db
def test_an_unpublished_item_is_refused(world):
    world["item"].live = False
    world["item"].save()
    assert codes(world["item"], world["member"], WEDNESDAY, MONDAY_2) == ["not_live"]


@pytest.mark.django_db
def test_an_initiative_without_online_reservations_is_refused(world):
    world["initiative"].reservations_enabled = False
    world["initiative"].save()
    errors = errors_by_code(world["item"], world["member"], WEDNESDAY, MONDAY_2)
    assert list(errors) == ["reservations_disabled"]
    assert errors["reservations_disabled"].field is None
