"""What a visitor reads about "open" and "next": one truthful building status, an initiative
that works by sessions showing its next session, past sessions said to be past and ranked last
(docs/architecture.md, "Phone first")."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.clock import BRUSSELS, frozen_at
from tests.home.factories import build_home
from tests.initiatives.factories import build_event, build_index, build_initiative

pytestmark = pytest.mark.django_db

FRIDAY_18H = (2026, 12, 4, 18, 0)


def at(*moment):
    return datetime.datetime(*moment, tzinfo=BRUSSELS)


@pytest.fixture
def building():
    """Sportrijk is open on Fridays 17:00–19:00, the building itself has no hours; the Repair
    Café has no weekly hours, one session next month and one last month."""
    cache.clear()
    with frozen_at(*FRIDAY_18H):
        home = build_home()
        index = build_index(home)
        sport = build_initiative(index, "Sportrijk", slots=(("4", "17:00", "19:00"),))
        cafe = build_initiative(index, "Repair Café", slots=(), slug="repair-cafe")
        past = build_event(cafe, "Repair Café november", start=at(2026, 11, 21, 13, 30))
        upcoming = build_event(cafe, "Repair Café december", start=at(2026, 12, 19, 13, 30))
    return home, sport, cafe, past, upcoming


def html_of(client, url, **params):
    with frozen_at(*FRIDAY_18H):
        response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def dutch(text):
    with translation.override("nl"):
        return translation.gettext(text)


def test_the_building_is_open_while_an_initiative_in_it_is_open(client, building):
    home = building[0]
    html = html_of(client, home.url)
    status = html.select_one(".site-footer .building-status").get_text(" ", strip=True)
    assert dutch("The building is open now.") in status
    assert "19:00" in status
    open_now = html.select_one(".open-today .is-open-now")
    assert open_now is not None and "Sportrijk" in open_now.get_text()


def test_a_session_initiative_shows_its_next_session_on_its_card_and_page(client, building):
    home, _sport, cafe, _past, upcoming = building
    cards = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(".status")
        for card in html_of(client, home.url).select(".cards--initiatives .card")
    }
    assert dutch("Next session") in cards["Repair Café"].get_text()
    assert cards["Repair Café"].time["datetime"].startswith("2026-12-19T13:30")

    page = html_of(client, cafe.url)
    assert dutch("Next session") in page.select_one(".initiative__header .status").get_text()
    aside = page.select_one(".initiative__grid > *")  # first: on a phone, right after the intro
    assert "initiative__aside" in aside["class"]
    assert aside.select_one("#hours-heading").get_text() == dutch("Upcoming sessions")
    assert aside.select_one("table.hours") is None, "no week of closed days"
    assert [a["href"] for a in aside.select("ul.events a")] == [upcoming.url]


def test_a_past_session_says_so_and_links_the_next_one(client, building):
    *_, past, upcoming = building
    notice = html_of(client, past.url).select_one('.notice[role="status"]')
    assert dutch("This session was in the past.") in notice.get_text()
    assert notice.a["href"] == upcoming.url
    assert html_of(client, upcoming.url).select_one('.notice[role="status"]') is None


def test_site_search_puts_the_initiative_before_its_sessions_and_past_ones_last(client, building):
    _home, _sport, cafe, past, upcoming = building
    with translation.override("nl"):
        url = reverse("site_search")
    results = html_of(client, url, q="Repair").select(".search-results li")
    assert [li.a["href"] for li in results] == [cafe.url, upcoming.url, past.url]
    assert f"({dutch('in the past')})" in results[-1].get_text()


def test_during_a_session_the_card_the_strip_and_the_footer_agree(client, building):
    """The Repair Café has no weekly hours: while its session runs it is open, and so is the
    building, whose own hours that Saturday are none."""
    home, *_ = building
    with frozen_at(2026, 12, 19, 14, 0):
        html = BeautifulSoup(client.get(home.url).content, "html.parser")
    strip = html.select_one(".open-today .is-open-now").get_text(" ", strip=True)
    assert "Repair Café" in strip and "13:30–16:30" in strip
    cards = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(".status")
        for card in html.select(".cards--initiatives .card")
    }
    assert dutch("Open now") in cards["Repair Café"].get_text()
    assert "16:30" in cards["Repair Café"].get_text()
    footer = html.select_one(".site-footer .building-status").get_text(" ", strip=True)
    assert dutch("The building is open now.") in footer and "16:30" in footer
    saturday = html.select_one(".site-footer tr.is-today td").get_text(" ", strip=True)
    assert saturday == "13:30–16:30", "the week in the footer follows the same rule"


def test_the_footer_week_joins_the_building_and_its_initiatives(client, building):
    home, *_ = building
    html = html_of(client, home.url)
    friday = html.select_one(".site-footer tr.is-today td").get_text(" ", strip=True)
    assert friday == "17:00–19:00"  # Sportrijk's hours: the building has none of its own
    hero = html.select_one(".primary-actions").get_text(" ", strip=True)
    assert dutch("Open now") in hero and "19:00" in hero


def test_many_past_sessions_never_push_the_initiative_out_of_search(client, building):
    _home, _sport, cafe, _past, upcoming = building
    with frozen_at(*FRIDAY_18H):
        for month in range(1, 13):
            build_event(cafe, f"Repair Café {month}/2025", start=at(2025, month, 15, 13, 30))
        for month in range(1, 11):
            build_event(cafe, f"Repair Café {month}/2026", start=at(2026, month, 17, 13, 30))
    with translation.override("nl"):
        url = reverse("site_search")
    links = [li.a["href"] for li in html_of(client, url, q="Repair").select(".search-results li")]
    assert links[:2] == [cafe.url, upcoming.url]
    assert len(links) == 20  # the oldest past sessions are left out
