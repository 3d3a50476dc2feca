"""Fixtures for the account and privacy tests: members who can log in, and their reservations."""

import datetime

import pytest

from django.contrib.auth import get_user_model

from catalogue.models import Reservation, ReservationEvent
from members.models import Member
from tests import factories

PASSWORD = "kortrijk-deelt-2026"


@pytest.fixture
def make_member(db):
    """`make_member(email, **member_fields)`: an active account (username = address)."""

    def make(email="an.peeters@example.be", first_name="An", last_name="Peeters", **fields):
        user = get_user_model().objects.create_user(
            username=email.lower(),
            email=email,
            password=PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )
        values = {"phone": "0470 11 22 33", "postal_code": "8500", "preferred_language": "nl"}
        values.update(fields)
        return Member.objects.create(user=user, **values)

    return make


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.fixture
def lending(index):
    initiative = factories.build_initiative(index, "Instrumentheek")
    category = factories.build_category("Gereedschap", "gereedschap", translations={"en": "Tools"})
    item = factories.build_item(
        initiative, category, "Klopboormachine", "IN-0001", translations={"en": {"name": "Drill"}}
    )
    return initiative, item


def reservation(item, member, pickup, days=3, status=Reservation.Status.CONFIRMED, **fields):
    booked = Reservation.objects.create(
        item=item,
        member=member,
        pickup_date=pickup,
        return_date=pickup + datetime.timedelta(days=days),
        status=status,
        **fields,
    )
    ReservationEvent.objects.create(reservation=booked, from_status="", to_status=status)
    return booked
