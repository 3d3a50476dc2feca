"""The waiting list of an item (``lending/waiting.py``): joining the line, the offer of a copy
that comes back, claiming it, expiry, leaving and skipping, and what it means for renewals.

"Today" is Monday 2 November 2026, 10:00 (tests/lending/waiting_world.py). The drill has one
copy; an offer made today may be claimed through Thursday 5 November.
"""

import datetime
import threading
from collections import Counter

import pytest

from django.core import mail as django_mail
from django.db import connection, connections

from catalogue.models import Copy, Item
from lending import rules, waiting
from lending.models import OutgoingMail, Reservation, WaitingEntry
from lending.rules import ReservationRefused
from tests import factories
from tests.catalogue.factories import first_copy
from tests.lending.concurrency import with_a_connection
from tests.lending.reservation_helpers import existing
from tests.lending.waiting_world import (
    CLAIM_UNTIL,
    Status,
    Waiting,
    claim_url,
    fresh,
    lend_out,
    new_member,
    run_reminders,
)
from tests.lending.world import MONDAY_2, TODAY, WEDNESDAY, D, build_lending_world

pytestmark = pytest.mark.django_db

FRIDAY = D(2026, 11, 6)  # the day after the claim time
NEXT_CLAIM_UNTIL = D(2026, 11, 9)  # FRIDAY + 3 offer days


@pytest.fixture
def world(db, freeze_time):
    freeze_time(2026, 11, 2, 10)
    return build_lending_world(initiative_fields={"renewals_allowed": 1, "renewal_days": 7})


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (offers, mails) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def refused_codes(call, *args, **kwargs):
    with pytest.raises(ReservationRefused) as refused:
        call(*args, **kwargs)
    return refused.value.codes


def line_of(world, count, languages=()):
    """``count`` members who join the line of the lent-out drill, in this order."""
    members = [new_member(world, (list(languages) + ["nl"] * count)[n]) for n in range(count)]
    return [waiting.join(world["item"], member) for member in members]


def offer_mails():
    return OutgoingMail.objects.filter(kind=OutgoingMail.Kind.OFFER)


# Joining ------------------------------------------------------------------------------------


def test_the_line_opens_once_the_only_copy_is_lent_out(world):
    item, member = world["item"], world["member"]
    assert not waiting.can_join(item)
    assert refused_codes(waiting.join, item, member) == ["free"]
    assert not WaitingEntry.objects.exists()

    booking = existing(item, TODAY, WEDNESDAY, Status.CONFIRMED, new_member(world))
    rules.hand_out(booking)
    assert waiting.can_join(item)
    first = waiting.join(item, member)
    assert (first.status, first.member, waiting.place_of(first)) == (Waiting.WAITING, member, 1)
    # Joining again is the same place, not a second one.
    assert waiting.join(item, member).pk == first.pk
    assert waiting.join(world["item_fr"], member).pk == first.pk
    second, third = (waiting.join(item, new_member(world)) for _ in range(2))
    assert [waiting.place_of(e) for e in (first, second, third)] == [1, 2, 3]
    assert waiting.open_entry(item, member).pk == first.pk
    assert WaitingEntry.objects.count() == 3


def test_a_copy_in_repair_is_not_free_so_the_line_is_open(world):
    copy = first_copy(world["item"])
    copy.status = Copy.Status.IN_REPAIR
    copy.save()
    assert waiting.join(world["item"], world["member"]).status == Waiting.WAITING


# The offer ----------------------------------------------------------------------------------


def test_a_copy_taken_back_is_offered_to_the_first_in_line_in_their_language(world, committed):
    loan = lend_out(world)
    first, second = line_of(world, 2, languages=["fr"])
    volunteer = factories.volunteer_of(world["initiative"])
    with committed():
        rules.take_back(loan, by=volunteer)

    first, second = fresh(first), fresh(second)
    assert first.status == Waiting.OFFERED
    assert first.copy == first_copy(world["item"])
    assert first.claim_until == CLAIM_UNTIL == TODAY + datetime.timedelta(days=3)
    assert (second.status, waiting.place_of(second)) == (Waiting.WAITING, 1)
    assert waiting.place_of(first) == 0

    [row] = offer_mails()
    assert (row.waiting, row.user) == (first, first.member.user)
    [message] = django_mail.outbox
    assert message.to == [first.member.user.email]
    assert "Perceuse à percussion" in message.subject  # the item's French name
    assert "jeudi 5 novembre 2026" in message.body  # the claim time, in French
    assert claim_url(first, "fr") in message.body


def test_a_dutch_member_reads_the_offer_in_dutch(world, committed):
    loan = lend_out(world)
    [entry] = line_of(world, 1)
    with committed():
        rules.take_back(loan)
    [message] = django_mail.outbox
    assert "Klopboormachine" in message.subject
    assert "donderdag 5 november 2026" in message.body
    assert claim_url(fresh(entry), "nl") in message.body


def test_an_offered_copy_is_held_for_the_member_until_claimed(world, committed):
    loan = lend_out(world)
    [entry] = line_of(world, 1)
    with committed():
        rules.take_back(loan)
    entry = fresh(entry)
    outsider = new_member(world)
    assert refused_codes(rules.reserve, world["item"], outsider, TODAY, WEDNESDAY) == ["overlap"]
    assert waiting.can_join(world["item"])  # held, the copy is not free: others may wait
    # After the claim time the copy is free for anyone again.
    assert rules.check(world["item"], outsider, MONDAY_2, D(2026, 11, 13)) == []

    # A pickup after the claim time is refused; one within it becomes a reservation.
    codes = refused_codes(waiting.claim, entry, MONDAY_2, D(2026, 11, 13))
    assert codes == ["offer_window"]
    assert fresh(entry).status == Waiting.OFFERED
    with committed():
        reservation = waiting.claim(entry, WEDNESDAY, MONDAY_2, by=entry.member.user)
    entry = fresh(entry)
    assert (entry.status, entry.reservation) == (Waiting.CLAIMED, reservation)
    assert reservation.copy == first_copy(world["item"])
    assert (reservation.member, reservation.pickup_date) == (entry.member, WEDNESDAY)
    assert Reservation.objects.filter(member=entry.member).count() == 1
    assert waiting.open_entry(world["item"], entry.member) is None


def test_an_offer_that_is_not_claimed_expires_and_goes_to_the_next(world, committed, freeze_time):
    loan = lend_out(world)
    first, second = line_of(world, 2)
    with committed():
        rules.take_back(loan)
    assert fresh(first).status == Waiting.OFFERED

    freeze_time(2026, 11, 5, 20)  # the last day of the claim time: still open
    with committed():
        run_reminders()
    assert fresh(first).status == Waiting.OFFERED
    assert fresh(second).status == Waiting.WAITING

    freeze_time(2026, 11, 6, 8)
    with committed():
        output = run_reminders()
    assert "1 waiting-list offer expired" in output
    first, second = fresh(first), fresh(second)
    assert first.status == Waiting.EXPIRED and first.closed_at is not None
    assert (second.status, second.claim_until) == (Waiting.OFFERED, NEXT_CLAIM_UNTIL)
    assert second.copy == first_copy(world["item"])
    assert [m.to for m in django_mail.outbox] == [
        [first.member.user.email],
        [second.member.user.email],
    ]
    assert "maandag 9 november 2026" in django_mail.outbox[-1].body
    # The expired offer cannot be claimed any more.
    assert refused_codes(waiting.claim, first, FRIDAY, MONDAY_2) == ["offer_closed"]


def test_a_cancelled_reservation_offers_its_copy(world, committed):
    booking = existing(world["item"], TODAY, MONDAY_2, Status.CONFIRMED, new_member(world))
    [entry] = line_of(world, 1)
    with committed():
        rules.cancel(booking)
    entry = fresh(entry)
    assert (entry.status, entry.claim_until) == (Waiting.OFFERED, CLAIM_UNTIL)
    assert offer_mails().filter(waiting=entry).exists()


def test_a_reservation_not_picked_up_offers_its_copy(world, committed):
    booking = existing(world["item"], TODAY, MONDAY_2, Status.CONFIRMED, new_member(world))
    [entry] = line_of(world, 1)
    with committed():
        rules.no_show(booking, today=TODAY)
    assert fresh(entry).status == Waiting.OFFERED
    assert offer_mails().filter(waiting=entry).exists()


def test_a_copy_back_from_repair_is_offered(world, committed):
    copy = first_copy(world["item"])
    copy.status = Copy.Status.IN_REPAIR
    copy.save()
    [entry] = line_of(world, 1)
    assert fresh(entry).status == Waiting.WAITING
    with committed():
        copy.status = Copy.Status.AVAILABLE
        copy.save()
    entry = fresh(entry)
    assert (entry.status, entry.copy, entry.claim_until) == (Waiting.OFFERED, copy, CLAIM_UNTIL)
    assert len(django_mail.outbox) == 1


# Leaving and skipping -----------------------------------------------------------------------


def offered_line(world, committed, count):
    loan = lend_out(world)
    entries = line_of(world, count)
    with committed():
        rules.take_back(loan)
    return [fresh(e) for e in entries]


def test_leaving_with_an_offer_passes_it_to_the_next(world, committed):
    first, second = offered_line(world, committed, 2)
    assert first.status == Waiting.OFFERED
    with committed():
        waiting.leave(first, by=first.member.user)
    first, second = fresh(first), fresh(second)
    assert (first.status, first.closed_by) == (Waiting.LEFT, first.member.user)
    assert (second.status, second.copy) == (Waiting.OFFERED, first_copy(world["item"]))
    assert len(django_mail.outbox) == 2
    assert refused_codes(waiting.leave, first) == ["closed"]


def test_a_volunteer_skips_someone_with_a_reason(world, committed):
    first, second, third = offered_line(world, committed, 3)
    volunteer = factories.volunteer_of(world["initiative"])
    assert refused_codes(waiting.skip, first, by=volunteer, reason="  ") == ["reason"]
    assert fresh(first).status == Waiting.OFFERED
    with committed():
        waiting.skip(first, by=volunteer, reason="Niet bereikbaar")
    first, second = fresh(first), fresh(second)
    assert (first.status, first.closed_by, first.reason) == (
        Waiting.SKIPPED,
        volunteer,
        "Niet bereikbaar",
    )
    assert second.status == Waiting.OFFERED
    assert (fresh(third).status, waiting.place_of(third)) == (Waiting.WAITING, 1)


def test_a_member_waiting_without_an_offer_leaves_and_the_line_moves_up(world):
    lend_out(world)
    first, second = line_of(world, 2)
    waiting.leave(first)
    assert fresh(first).status == Waiting.LEFT
    assert waiting.place_of(fresh(second)) == 1


# Renewals -----------------------------------------------------------------------------------


def test_a_loan_is_not_extended_while_someone_waits(world):
    loan = lend_out(world, world["member"])
    assert [e.code for e in rules.renewal_errors(loan, today=TODAY)] == []
    [entry] = line_of(world, 1)
    assert "waiting" in [e.code for e in rules.renewal_errors(loan, today=TODAY)]
    assert refused_codes(rules.renew, loan, today=TODAY) == ["waiting"]
    waiting.leave(entry)
    rules.renew(loan, today=TODAY)
    assert fresh(loan).renewals == 1
    assert [e.code for e in rules.renewal_errors(loan, today=TODAY)] == ["renewals_used"]


# Claims of closed offers --------------------------------------------------------------------


def test_a_closed_offer_cannot_be_claimed(world, committed):
    first, second = offered_line(world, committed, 2)
    # Waiting, never offered a copy: nothing to claim.
    assert refused_codes(waiting.claim, second, WEDNESDAY, MONDAY_2) == ["offer_closed"]
    waiting.leave(first)  # not committed: the offer does not move on in this test
    assert refused_codes(waiting.claim, first, WEDNESDAY, MONDAY_2) == ["offer_closed"]
    assert (fresh(first).status, fresh(first).reservation) == (Waiting.LEFT, None)
    assert not Reservation.objects.exclude(status=Status.RETURNED).exists()


def test_an_offer_past_its_claim_time_cannot_be_claimed_before_the_reminders_run(world, committed):
    [entry] = offered_line(world, committed, 1)
    codes = refused_codes(waiting.claim, entry, MONDAY_2, D(2026, 11, 13), today=FRIDAY)
    assert codes == ["offer_closed"]


# Fifty claims at once (PostgreSQL) ----------------------------------------------------------


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
def test_fifty_concurrent_claims_of_one_offer_make_one_reservation(postgres_only, world):
    loan = lend_out(world)
    [entry] = line_of(world, 1)
    rules.take_back(loan)  # committed for real: the offer follows
    entry = fresh(entry)
    assert entry.status == Waiting.OFFERED
    barrier = threading.Barrier(50)
    outcomes, lock = [], threading.Lock()

    def attempt(number):
        try:
            mine = with_a_connection(lambda: WaitingEntry.objects.get(pk=entry.pk))
            pickup = TODAY if number % 2 else WEDNESDAY
            barrier.wait(timeout=60)
            waiting.claim(mine, pickup, MONDAY_2, today=TODAY)
            outcome = "claimed"
        except ReservationRefused as refused:
            outcome = tuple(refused.codes)
        except Exception as error:  # noqa: BLE001 - any other failure must fail the test
            outcome = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    expected = ["claimed"] + [("offer_closed",)] * 49
    assert sorted(outcomes, key=str) == sorted(expected, key=str), Counter(map(str, outcomes))
    item = Item.objects.get(pk=world["item"].pk)
    [reservation] = Reservation.objects.filter(item=item).exclude(status=Status.RETURNED)
    assert (reservation.member, reservation.copy) == (entry.member, entry.copy)
    assert fresh(entry).status == Waiting.CLAIMED
