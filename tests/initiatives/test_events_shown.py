"""An initiative that works by sessions, between its last session and the next one being
planned: its page says so instead of showing a week of "Closed" (docs/architecture.md,
"Phone first")."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.utils import translation

from tests.clock import BRUSSELS, frozen_at
from tests.home.factories import build_home
from tests.initiatives.factories import build_event, build_index, build_initiative

pytestmark = pytest.mark.django_db


def test_a_session_initiative_without_planned_sessions_says_so_instead_of_closed(client):
    cache.clear()
    with frozen_at(2027, 1, 10, 12, 0):
        index = build_index(build_home())
        cafe = build_initiative(index, "Repair Café", slots=(), slug="repair-cafe")
        build_event(
            cafe,
            "Repair Café december",
            start=datetime.datetime(2026, 12, 19, 13, 30, tzinfo=BRUSSELS),
        )
        response = client.get(cafe.url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    aside = html.select_one(".initiative__aside")
    with translation.override("nl"):
        assert aside.select_one("#hours-heading").get_text(strip=True) == translation.gettext(
            "Upcoming sessions"
        )
        expected = translation.gettext("The next sessions have not been planned yet.")
    assert expected in aside.get_text(" ", strip=True)
    assert aside.select_one("table.hours") is None
