"""The world of the desk tests (test_desk.py, test_walk_in.py): two initiatives, their items and
four reservations. "Today" is Monday 2 November 2026 at 10:00; both initiatives open on Mondays
09–12."""

import datetime

import pytest

from django.urls import reverse

from lending.models import Reservation, ReservationEvent
from tests import factories
from tests.catalogue.factories import first_copy

D = datetime.date
TODAY = D(2026, 11, 2)  # a Monday
WEDNESDAY = D(2026, 11, 4)
NEXT_MONDAY = D(2026, 11, 9)
LAST_WEEK = D(2026, 10, 26)
Status = Reservation.Status


@pytest.fixture
def desk(index, freeze_time):
    freeze_time(2026, 11, 2, 10)
    lending = {"lends_items": True, "reservations_enabled": True, "auto_confirm": False}
    tools = factories.build_initiative(index, "Instrumentheek", **lending)
    baby = factories.build_initiative(index, "Babytheek", **lending)
    category = factories.build_category("Gereedschap", "gereedschap")
    drill = factories.build_item(tools, category, "Klopboormachine", "IN-0001")
    saw = factories.build_item(tools, category, "Decoupeerzaag", "IN-0002")
    pram = factories.build_item(baby, category, "Kinderwagen", "BA-0001")
    alice = factories.MemberFactory(
        user__first_name="Alice", user__email="alice@example.org", phone="0470 99 88 77"
    )
    bob = factories.MemberFactory(user__first_name="Bob", user__email="bob@example.org")
    for member in (alice, bob):
        for initiative in (tools, baby):
            factories.MembershipFactory(member=member, initiative=initiative)

    def reservation(item, member, pickup, return_date, status):
        made = Reservation.objects.create(
            item=item,
            copy=first_copy(item),
            member=member,
            pickup_date=pickup,
            return_date=return_date,
            status=status,
        )
        ReservationEvent.objects.create(reservation=made, to_status=status)
        return made

    return {
        "tools": tools,
        "baby": baby,
        "drill": drill,
        "saw": saw,
        "pram": pram,
        "alice": alice,
        "bob": bob,
        # A's reservations: a request picked up today, one handed out due back today, and one
        # confirmed for next week.
        "requested": reservation(drill, alice, TODAY, WEDNESDAY, Status.REQUESTED),
        "picked_up": reservation(saw, bob, LAST_WEEK, TODAY, Status.PICKED_UP),
        "confirmed": reservation(drill, bob, NEXT_MONDAY, D(2026, 11, 11), Status.CONFIRMED),
        # B's: a request for today, so that it would show on every list if scoping failed.
        "other": reservation(pram, alice, TODAY, WEDNESDAY, Status.REQUESTED),
    }


def url(name, *args):
    return reverse(f"reservations:{name}", args=args)


def act(client, reservation, action, data=None):
    return client.post(url("action", reservation.pk, action), data or {}, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def status_of(reservation):
    return Reservation.objects.get(pk=reservation.pk).status
