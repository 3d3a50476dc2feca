"""Fixtures for the members tests: members who can log in, their reservations, pages in English;
the member admin's club (``club.py``) and the reservation e-mails' world (``mail_world.py``)."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.utils import translation

from lending.models import Reservation, ReservationEvent
from members.models import Member
from tests import factories
from tests.catalogue.factories import first_copy

# The fixtures of the member admin tests and of the reservation e-mail tests.
from tests.members.club import club  # noqa: F401
from tests.members.committing import CommittingClient
from tests.members.mail_world import (  # noqa: F401
    committed,
    french_social_member,
    mail_today,
    verifier,
    world,
)

PASSWORD = "kortrijk-deelt-2026"


@pytest.fixture
def english_pages():
    """Pages in English (the msgids), reached through /en/ addresses; each test that is about
    another language says so with translation.override."""
    with translation.override("en"):
        yield


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
        copy=first_copy(item),
        member=member,
        pickup_date=pickup,
        return_date=pickup + datetime.timedelta(days=days),
        status=status,
        **fields,
    )
    ReservationEvent.objects.create(reservation=booked, from_status="", to_status=status)
    return booked


@pytest.fixture
def client():
    """A test client whose requests end as a real request does (tests/members/committing.py)."""
    return CommittingClient()
