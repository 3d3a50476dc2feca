"""Factories and builders of initiatives: their pages, opening hours, plans and events."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from django.utils import timezone

from initiatives.models import (
    EventPage,
    InitiativeIndexPage,
    InitiativePage,
    MembershipPlan,
    OpeningException,
    OpeningSlot,
)
from tests.core.factories import as_time, publish


class InitiativeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativeIndexPage

    title = "Initiatieven"
    slug = "initiatieven"
    show_in_menus = True


class InitiativePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativePage

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    intro = factory.LazyAttribute(lambda page: f"Wat {page.title} doet")
    contact_email = "team@example.org"
    contact_phone = "056 11 22 33"
    location_in_building = "Unit 3"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Repair Café {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=3))
    intro = "Samen herstellen"
    location = "Markthal"


class OpeningSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningSlot

    weekday = 0
    opens = datetime.time(9)
    closes = datetime.time(12)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    locale = factory.LazyAttribute(lambda exception: exception.page.locale)
    start_date = datetime.date(2026, 11, 18)
    closed = True
    reason = "Inventaris"


class MembershipPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipPlan

    locale = factory.LazyAttribute(lambda plan: plan.page.locale)
    name = "Jaarabonnement"
    duration = "1 jaar"
    standard_price = Decimal("20")
    social_price = Decimal("10")
    deposit = Decimal("40")


def build_index(home):
    return publish(InitiativeIndexPageFactory(parent=home))


DEFAULT_SLOTS = (("0", "09:00", "12:00"), ("2", "14:00", "18:00"))
DEFAULT_PLANS = (("Jaarabonnement", "20", "10", "40"),)


def build_initiative(
    index,
    title=None,
    slots=DEFAULT_SLOTS,
    exceptions=(),
    plans=DEFAULT_PLANS,
    live_revision=True,
    **fields,
):
    """An initiative with weekly slots (weekday, opens, closes[, valid_from[, valid_until]]),
    exceptions (dicts of OpeningException fields) and plans (name, standard, social, deposit).
    """
    if title:
        fields["title"] = title
    page = InitiativePageFactory(parent=index, **fields)
    for weekday, opens, closes, *season in slots:
        OpeningSlotFactory(
            page=page,
            weekday=int(weekday),
            opens=as_time(opens),
            closes=as_time(closes),
            valid_from=season[0] if season else None,
            valid_until=season[1] if len(season) > 1 else None,
        )
    for exception in exceptions:
        OpeningExceptionFactory(page=page, **exception)
    for name, standard, social, deposit in plans:
        MembershipPlanFactory(
            page=page,
            name=name,
            standard_price=Decimal(standard),
            social_price=Decimal(social),
            deposit=Decimal(deposit) if deposit else None,
        )
    return publish(page) if live_revision else page


def build_event(initiative, title=None, start=None, hours=3, live_revision=True):
    start = start or timezone.now() + datetime.timedelta(days=7)
    fields = {"title": title} if title else {}
    event = EventPageFactory(
        parent=initiative, start=start, end=start + datetime.timedelta(hours=hours), **fields
    )
    return publish(event) if live_revision else event
