"""The demo initiatives: their pages, opening hours, membership plans and events.

Texts and schedules come from demo/initiatives.py; every page is made through
`DemoLoader.ensure` (demo/loader.py), so what exists is left as it is. Events are made for
the dates in the window of the day of the run, so a later run adds the sessions that have
come into it (the Repair Café's monthly ones) and there are always upcoming events.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from demo.dates import event_dates, localised_date, parse_slot, parse_time
from demo.images import demo_image
from demo.initiatives import INITIATIVES, LENDING_BODY
from demo.loader import LANGUAGES
from initiatives.models import (
    EventPage,
    InitiativePage,
    MembershipPlan,
    OpeningException,
    OpeningSlot,
    VolunteerTeam,
)


def initiatives(loader, index):
    """Every initiative of demo/initiatives.py under the overview `index`, with its events."""
    for number, data in enumerate(INITIATIVES, start=1):
        initiative(loader, index, data, number)


def initiative(loader, index, data, number):
    parts = InitiativeParts(loader, data, number)
    page = loader.ensure(
        index,
        InitiativePage,
        data["slug"],
        "initiative",
        parts.build,
        parts.translate,
        parts.after_add,
    )
    for event in data.get("events", []):
        events(loader, page, event)
    return page


# one initiative page ------------------------------------------------------------------------


def ending(slots):
    """The day the first ending slot stops (for "{stop}" in the texts), or None."""
    return min(
        (s["valid_until"] for s in slots if "valid_until" in s and "valid_from" not in s),
        default=None,
    )


def with_stop(value, stop):
    """A text in every language, with {stop} filled in."""
    if stop is None:
        return value
    return {code: value[code].format(stop=localised_date(stop, code)) for code in value}


def plan_fields(plan):
    """The Dutch model fields of a membership plan in the demo data."""

    def money(value):
        return None if value is None else Decimal(value)

    return {
        "name": plan["name"]["nl"],
        "duration": plan["duration"]["nl"],
        "duration_months": plan["months"],
        "standard_price": money(plan["price"]),
        "social_price": money(plan["social"]),
        "deposit": money(plan["deposit"]),
        "social_deposit": money(plan.get("social_deposit")),
        "description": plan["description"].get("nl", ""),
    }


class InitiativeParts:
    """The pieces `DemoLoader.ensure` needs for one initiative: build, translate, after_add."""

    def __init__(self, loader, data, number):
        self.loader = loader
        self.data = data
        self.number = number
        self.slots = [
            parse_slot(text, loader.today) for text in data["hours"] + data.get("seasonal", [])
        ]
        self.texts = self.page_texts(ending(self.slots))
        self.body = self.page_body()
        self.exceptions = [loader.exception(spec) for spec in data.get("exceptions", [])]

    def page_texts(self, stop):
        data = self.data
        empty = dict.fromkeys(LANGUAGES, "")
        return {
            "title": data["title"],
            "intro": with_stop(data["intro"], stop),
            "offers": data["offers"],
            "location_in_building": data["place"],
            "tariff_note": with_stop(data.get("tariff_note", empty), stop),
            "hours_note": with_stop(data.get("hours_note", empty), stop),
        }

    def page_body(self):
        """The body in a language: its own, the lending one for lenders, or none."""
        data = self.data
        body_data = data.get("body") or (
            LENDING_BODY if data.get("lending", {}).get("lends_items") else None
        )
        if not body_data:
            return lambda code: []
        return self.loader.bodies(f"initiative/{data['slug']}", body_data)

    def build(self):
        data, nl = self.data, self.loader.locales["nl"]
        page = InitiativePage(
            slug=data["slug"],
            locale=nl,
            contact_name=f"Team {data['title']['nl']}",
            contact_email=f"{data['slug']}@deelfabriek.example",
            contact_phone=f"056 00 01 {self.number:02d}",
            body=self.body("nl"),
            opening_slots=[OpeningSlot(sort_order=i, **slot) for i, slot in enumerate(self.slots)],
            opening_exceptions=[
                OpeningException(sort_order=i, locale=nl, **fields)
                for i, (fields, _reasons) in enumerate(self.exceptions)
            ],
            plans=[
                MembershipPlan(sort_order=i, locale=nl, **plan_fields(plan))
                for i, plan in enumerate(data["plans"])
            ],
            **data.get("lending", {}),
        )
        self.loader.set_texts(page, self.texts, "nl")
        return page

    def translate(self, page, code):
        loader = self.loader
        loader.set_texts(page, {**self.texts, "body": self.body}, code)
        source = loader.pages[self.data["slug"]]
        self.translate_plans(page, source, code)
        loader.set_child_texts(
            page.opening_exceptions.all(), loader.child_reasons(source, self.exceptions), code
        )

    def translate_plans(self, page, source, code):
        plans = list(source.plans.order_by("sort_order", "pk"))
        self.loader.set_child_texts(
            page.plans.all(),
            {
                plan.translation_key: {
                    "name": spec["name"],
                    "duration": spec["duration"],
                    "description": spec["description"],
                }
                for plan, spec in zip(plans, self.data["plans"], strict=False)
            },
            code,
        )

    def after_add(self, page):
        # The volunteer team and its image collection exist once the page is saved.
        team = VolunteerTeam.objects.get(translation_key=page.translation_key)
        page.image, _new = demo_image(
            self.data["title"]["nl"], self.data["colour"], team.collection
        )


# events -------------------------------------------------------------------------------------


def events(loader, initiative, spec):
    """The event pages of one event of the demo data under `initiative`, one per date."""
    tz = timezone.get_current_timezone()
    start, end = (parse_time(t) for t in spec["time"].split("-"))
    for day in event_dates(spec, loader.today):
        slug = f"{spec['slug']}-{day.isoformat()}"

        def titled(code, day=day):
            return f"{spec['title'][code]} – {localised_date(day, code, 'j F')}"

        def build(day=day, slug=slug, titled=titled):
            return EventPage(
                slug=slug,
                locale=loader.locales["nl"],
                title=titled("nl"),
                start=datetime.datetime.combine(day, start, tzinfo=tz),
                end=datetime.datetime.combine(day, end, tzinfo=tz),
                intro=spec["intro"]["nl"],
                location=spec["location"]["nl"],
                registration_required=spec.get("registration_required", False),
            )

        def translate(page, code, titled=titled):
            page.title = titled(code)
            page.intro = spec["intro"][code]
            page.location = spec["location"][code]

        loader.ensure(initiative, EventPage, slug, "  event", build, translate)
