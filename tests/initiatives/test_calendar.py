"""The iCalendar feeds of the building and of each initiative."""

import datetime

import pytest
from icalendar import Calendar

from django.urls import reverse

from tests import factories
from tests.clock import BRUSSELS

pytestmark = pytest.mark.django_db


def at(*args):
    return datetime.datetime(*args, tzinfo=BRUSSELS)


@pytest.fixture
def agenda(index, freeze_time):
    freeze_time(2026, 11, 16, 10)
    tools = factories.build_initiative(index, "Gereedschapsbib")
    bikes = factories.build_initiative(index, "Fietsatelier")
    factories.build_event(tools, "Repair Café", start=at(2026, 11, 21, 14))
    factories.build_event(bikes, "Fietsherstelavond", start=at(2026, 12, 3, 19), hours=2)
    factories.build_event(bikes, "Lang geleden", start=at(2026, 1, 10, 19))
    return tools, bikes


def events_in(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["summary"]): (event.decoded("dtstart"), event.decoded("dtend"), str(event["url"]))
        for event in calendar.walk("VEVENT")
    }


def test_the_building_feed_has_the_events_of_every_initiative(client, agenda):
    events = events_in(client.get(reverse("building_calendar")))
    assert set(events) == {"Repair Café", "Fietsherstelavond"}
    start, end, url = events["Fietsherstelavond"]
    assert start == at(2026, 12, 3, 19)
    assert end == at(2026, 12, 3, 21)
    assert url.startswith("http://testserver/nl/initiatieven/fietsatelier/")


def test_an_initiative_feed_has_only_its_own_events(client, agenda):
    tools, bikes = agenda
    events = events_in(client.get(reverse("initiative_calendar", args=[tools.pk])))
    assert list(events) == ["Repair Café"]
    assert events["Repair Café"][0] == at(2026, 11, 21, 14)
    events = events_in(client.get(reverse("initiative_calendar", args=[bikes.pk])))
    assert list(events) == ["Fietsherstelavond"]


def test_the_feed_of_a_translated_initiative_has_the_translated_events(client, agenda):
    tools, _bikes = agenda
    event = tools.get_children().get().specific
    factories.translate(event, "fr", title="Café réparation")
    french = tools.get_translation(factories.locales()["fr"])

    events = events_in(client.get(reverse("initiative_calendar", args=[french.pk])))

    assert list(events) == ["Café réparation"]
    assert events["Café réparation"][2].startswith("http://testserver/fr/")


def test_the_feed_of_an_unknown_initiative_is_not_found(client, agenda, home):
    assert client.get("/agenda/999999.ics").status_code == 404
    assert client.get(reverse("initiative_calendar", args=[home.pk])).status_code == 404


def test_the_building_feed_follows_the_browser_language(client, agenda):
    tools, _bikes = agenda
    event = tools.get_children().get().specific
    factories.translate(event, "fr", title="Café réparation")
    events = events_in(client.get(reverse("building_calendar"), HTTP_ACCEPT_LANGUAGE="fr"))
    assert list(events) == ["Café réparation"]
