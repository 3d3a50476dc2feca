"""Factories of members and their memberships."""

import datetime

import factory

from tests.core.factories import UserFactory


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Member"

    user = factory.SubFactory(
        UserFactory,
        first_name=factory.Sequence(lambda n: f"Lid{n}"),
        last_name="Janssens",
    )
    phone = "0470 12 34 56"
    postal_code = "8500"
    preferred_language = "nl"


class MembershipFactory(factory.django.DjangoModelFactory):
    """A year's membership from `start` (pass the default-language initiative)."""

    class Meta:
        model = "members.Membership"

    member = factory.SubFactory(MemberFactory)
    start = datetime.date(2026, 1, 1)
    end = factory.LazyAttribute(
        lambda membership: (
            membership.start.replace(year=membership.start.year + 1) - datetime.timedelta(days=1)
        )
    )
    tariff = "standard"
