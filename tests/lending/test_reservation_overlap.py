"""Overlapping reservations of the same item, on fixed dates: refused by the rules and, on
PostgreSQL, by the database itself.

"Today" is Monday 2 November 2026 (the dates of test_reservations.py).
"""

import datetime
import threading
from collections import Counter

import pytest

from django.db import IntegrityError, connection, connections, transaction

from catalogue.models import Copy, Item
from lending import rules as reservations
from lending.models import Reservation, ReservationEvent
from lending.rules import ReservationRefused, check, reserve
from tests import factories
from tests.catalogue.factories import first_copy
from tests.lending.concurrency import with_a_connection
from tests.lending.reservation_helpers import Status, another_item, codes, existing
from tests.lending.world import (
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


# Overlap -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("pickup", "return_date", "expected"),
    [
        (MONDAY_3, MONDAY_4, ["overlap"]),  # picks up on the day the other returns
        (WEDNESDAY, MONDAY_2, ["overlap"]),  # returns on the day the other picks up
        (WEDNESDAY, D(2026, 11, 17), ["overlap"]),  # around it
        (MONDAY_2, MONDAY_2, ["overlap"]),  # inside it
        (WEDNESDAY, D(2026, 11, 8), []),  # ends the day before
        (MONDAY_4, MONDAY_4, []),  # starts after
    ],
)
def test_overlap_with_an_active_reservation_counts_both_end_days(
    world, pickup, return_date, expected
):
    existing(world["item"], MONDAY_2, MONDAY_3)
    assert codes(world["item"], world["member"], pickup, return_date) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.CANCELLED, Status.RETURNED, Status.NO_SHOW])
def test_ended_reservations_do_not_block_the_item(world, status):
    existing(world["item"], MONDAY_2, MONDAY_3, status)
    assert codes(world["item"], world["member"], MONDAY_2, MONDAY_3) == []


@pytest.mark.django_db
def test_a_refused_overlap_saves_nothing(world):
    reserve(world["item"], world["member"], MONDAY_2, MONDAY_3, today=TODAY)
    with pytest.raises(ReservationRefused) as refused:
        reserve(world["item"], factories.MemberFactory(), MONDAY_3, MONDAY_4, today=TODAY)
    assert refused.value.codes == ["membership_required", "overlap"]
    assert Reservation.objects.count() == 1
    assert ReservationEvent.objects.count() == 1


@pytest.mark.django_db
def test_a_reservation_in_french_blocks_the_same_item_in_dutch(world):
    reservation = reserve(world["item_fr"], world["member"], WEDNESDAY, MONDAY_2, today=TODAY)
    assert reservation.item_id == world["item"].pk  # the default-language row
    other = factories.MemberFactory()
    factories.MembershipFactory(member=other, initiative=world["initiative"])
    assert codes(world["item"], other, MONDAY_2, MONDAY_3) == ["overlap"]
    assert codes(world["item_fr"], other, MONDAY_2, MONDAY_3) == ["overlap"]
    with pytest.raises(ReservationRefused):
        reserve(world["item"], other, MONDAY_2, MONDAY_3, today=TODAY)


@pytest.mark.django_db
def test_every_failing_rule_is_reported_at_once(world):
    item = another_item(world, loan_days=2)
    existing(item, TODAY, MONDAY_3)
    errors = check(item, factories.MemberFactory(), TUESDAY, MONDAY_2, today=TODAY)
    assert [(e.field, e.code) for e in errors] == [
        ("pickup_date", "closed"),
        ("return_date", "loan_length"),
        (None, "membership_required"),
        (None, "overlap"),
    ]


@pytest.mark.django_db
def test_the_database_refuses_a_return_before_the_pickup(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        existing(world["item"], MONDAY_2, WEDNESDAY)


# PostgreSQL: the database itself refuses double booking -------------------------------------


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        reason = (
            f"needs PostgreSQL (this run uses {connection.vendor}); "
            "set DATABASE_URL=postgres://... to run it"
        )
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)


# Fifty connections each: never two of these at once on PostgreSQL's 100 connections.
@pytest.mark.xdist_group("postgres-fifty-connections")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("copies", [1, 3])
def test_fifty_concurrent_attempts_store_one_reservation_per_free_copy(postgres_only, copies):
    world = build_lending_world(languages=("nl",))
    world["initiative"].requires_membership = False
    world["initiative"].save()
    for number in range(2, copies + 1):
        Copy.objects.create(item=world["item"], code=f"IN-0001-{number}")
    members = [factories.MemberFactory() for _ in range(50)]
    item_pk = world["item"].pk
    barrier = threading.Barrier(len(members))
    outcomes, lock = [], threading.Lock()

    def attempt(number, member):
        try:
            item = with_a_connection(lambda: Item.objects.get(pk=item_pk))
            # Every period shares Wednesday 4 November with every other one.
            pickup = TODAY if number % 2 else WEDNESDAY
            return_date = WEDNESDAY + datetime.timedelta(days=number % 5)
            barrier.wait(timeout=60)
            reserve(item, member, pickup, return_date, today=TODAY)
            outcome = "reserved"
        except ReservationRefused as refused:
            outcome = tuple(refused.codes)
        except Exception as error:  # noqa: BLE001 - any other failure must fail the test
            outcome = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [
        threading.Thread(target=attempt, args=(number, member))
        for number, member in enumerate(members)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    expected = ["reserved"] * copies + [("overlap",)] * (50 - copies)
    assert sorted(outcomes, key=str) == sorted(expected, key=str), Counter(map(str, outcomes))
    stored = Reservation.objects.filter(item_id=item_pk)
    assert stored.count() == copies
    assert len(set(stored.values_list("copy_id", flat=True))) == copies, "one per copy"
    assert ReservationEvent.objects.count() == copies


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_exclusion_constraint_refuses_an_overlap_that_bypasses_the_service(
    postgres_only, world
):
    existing(world["item"], MONDAY_2, MONDAY_3)
    with pytest.raises(IntegrityError, match=reservations.OVERLAP_CONSTRAINT), transaction.atomic():
        existing(world["item"], MONDAY_3, MONDAY_4)  # the shared day counts
    # Ended reservations, adjacent periods and other items are not held back.
    existing(world["item"], MONDAY_3, MONDAY_4, Status.CANCELLED)
    existing(world["item"], MONDAY_3 + datetime.timedelta(1), MONDAY_4)
    existing(another_item(world), MONDAY_2, MONDAY_3)
    assert Reservation.objects.count() == 4


@pytest.mark.postgres
@pytest.mark.django_db
def test_reserve_turns_the_constraint_violation_into_the_same_refusal(
    postgres_only, world, monkeypatch
):
    existing(world["item"], MONDAY_2, MONDAY_3)
    # As if the check and the choice of a copy had raced: only the database constraint is
    # left to catch it.
    taken = first_copy(world["item"])
    monkeypatch.setattr(reservations, "_overlap_errors", lambda *args: [])
    monkeypatch.setattr(reservations, "choose_copy", lambda *args, **kwargs: taken)
    with pytest.raises(ReservationRefused) as refused:
        reserve(world["item"], world["member"], MONDAY_3, MONDAY_4, today=TODAY)
    assert refused.value.codes == ["overlap"]
    assert Reservation.objects.count() == 1
