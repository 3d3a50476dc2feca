"""The item page on a phone: what comes first, the calendar's free-day links that fill in the
pickup date (without JavaScript), and the tariff table that turns into cards when narrow.

"Today" is Monday 2 November 2026, 10:00 in Brussels. The initiative opens on Mondays 09–12
and Wednesdays 14–18; Tuesdays are closed, Wednesday 11 November is a public holiday
(Armistice) and Wednesday 18 November is closed for the inventory.
"""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.translation import gettext

from catalogue.models import Copy
from home.models import CatalogueIndexPage
from lending.models import Reservation
from tests import factories
from tests.catalogue.factories import first_copy, set_copies_status
from tests.lending.world import (
    ARMISTICE,
    INVENTORY,
    MONDAY_2,
    TODAY,
    TUESDAY,
    WEDNESDAY,
    D,
    build_lending_world,
)

pytestmark = pytest.mark.django_db

ITEM_NL = "/nl/catalogus/instrumentheek/klopboormachine/"
ITEM_FR = "/fr/catalogus/instrumentheek/klopboormachine/"
CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


@pytest.fixture
def world(db, freeze_time):
    freeze_time(2026, 11, 2, 10)
    world = build_lending_world(
        initiative_fields={"slug": "instrumentheek"}, item_fields={"loan_days": 7}
    )
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    world["trees"]["nl"].home.add_child(instance=catalogue)
    factories.publish(catalogue)
    factories.translate(catalogue, "fr", title="Catalogue")
    return world


@pytest.fixture
def member_client(client, world):
    client.force_login(world["member"].user)
    return client


def page(client, url=ITEM_NL, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def pickup_value(html):
    field = html.select_one('form.reserve-form input[name="pickup_date"]')
    assert field is not None, "the member sees the form"
    return field.get("value", "")


def cell(html, day):
    return html.select_one(f'.availability__table td[data-date="{day.isoformat()}"]')


# Phone first: name, status, terms and the reserve action before the item itself -----------------


def test_the_reserve_action_comes_right_after_the_name_status_and_terms(client, world):
    text = str(page(client))
    order = [
        text.index("<h1>"),
        text.index('class="status'),
        text.index('id="terms"'),  # "Borrowing it": who lends it, the longest loan, the deposit
        text.index('id="reserve"'),
        text.index('class="item__main"'),  # the photos, description and details
        text.index('id="availability-heading"'),
        text.index('id="item-tariffs"'),
    ]
    assert order == sorted(order)
    terms = page(client).select_one(".item__terms")
    with translation.override("nl"):
        for label in ("Longest loan", "Deposit"):
            assert gettext(label) in terms.get_text()
    assert "Gereedschapsbib" in terms.get_text()
    assert terms.select_one('#reserve a.button[href^="' + resolve_url(settings.LOGIN_URL) + '"]')
    assert terms.select_one('a[href="#item-tariffs"]'), "a way down to the membership tariffs"


def test_a_member_finds_the_form_and_a_way_to_the_calendar_at_the_top(member_client, world):
    terms = page(member_client).select_one(".item__terms")
    assert terms.select_one('form.reserve-form button[type="submit"]')
    assert terms.select_one('form.reserve-form a[href="#availability"]')


# The calendar: seven narrow columns, free days link to the form --------------------------------


def test_only_free_days_link_to_the_form_with_their_pickup_date(client, world):
    Reservation.objects.create(
        item=world["item"],
        copy=first_copy(world["item"]),
        member=world["member"],
        pickup_date=MONDAY_2,
        return_date=D(2026, 11, 10),
    )
    html = page(client)
    table = html.select_one("table.availability__table")
    assert len(table.select("thead th[scope=col]")) == 7, "no column of week labels"
    assert len(table.select("tbody th[scope=rowgroup]")) == 8
    for day in (TODAY, WEDNESDAY, D(2026, 11, 16)):
        link = cell(html, day).select_one("a")
        assert link["href"] == f"{ITEM_NL}?pickup={day.isoformat()}#reserve"
        assert day.strftime("%Y") in link.get_text(), "the link says which day it is"
    for day in (TUESDAY, MONDAY_2, ARMISTICE, INVENTORY):
        assert cell(html, day).select_one("a") is None, day
    marks = {cell(html, day).select_one(".cal-day__state").get_text() for day in (TODAY, TUESDAY)}
    assert marks == {"✓", "–"}, "the state is a sign as well as a colour"


def test_no_links_while_the_item_is_in_repair(client, world):
    set_copies_status(world["item"], Copy.Status.IN_REPAIR)
    assert page(client).select(".availability__table a") == []


def test_a_free_day_link_fills_in_the_pickup_date(member_client, world):
    html = page(member_client, pickup=WEDNESDAY.isoformat())
    assert pickup_value(html) == "2026-11-04"
    assert "cal-day--chosen" in cell(html, WEDNESDAY)["class"]
    assert page(member_client, ITEM_FR, pickup="2026-11-09").select_one(
        'input[name="pickup_date"]'
    )["value"] == ("2026-11-09")
    assert pickup_value(page(member_client)) == ""


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-03",  # closed
        "2026-11-11",  # a public holiday
        "2026-10-26",  # past
        "2027-11-03",  # beyond the calendar
        "2026-02-30",
        "20261104",
        "04-11-2026",
        "2026-11-04T10:00",
        "not a date",
        "",
        "9" * 500,
    ],
)
def test_a_bad_pickup_value_is_ignored(member_client, world, value):
    assert pickup_value(page(member_client, pickup=value)) == ""
    member_client.logout()
    login = page(member_client, pickup=value).select_one("#reserve a.button")["href"]
    assert parse_qs(urlsplit(login).query)["next"] == [ITEM_NL + "#reserve"]


def test_a_reserved_day_in_the_query_is_ignored(member_client, world):
    Reservation.objects.create(
        item=world["item"],
        copy=first_copy(world["item"]),
        member=world["member"],
        pickup_date=MONDAY_2,
        return_date=D(2026, 11, 10),
    )
    assert pickup_value(page(member_client, pickup=MONDAY_2.isoformat())) == ""


def test_a_visitor_logs_in_and_comes_back_to_the_chosen_day(client, world):
    login = page(client, pickup="2026-11-04").select_one("#reserve a.button")["href"]
    query = parse_qs(urlsplit(login).query)
    assert query["next"] == [ITEM_NL + "?pickup=2026-11-04#reserve"]


# The tariff table -------------------------------------------------------------------------------


def test_the_tariff_table_labels_every_price_for_the_narrow_layout(client, world):
    html = page(client)
    wrap = html.select_one(".item__membership .tariffs-wrap")
    table = wrap.select_one("table.tariffs[role=table]")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    row = table.select_one("tbody tr[role=row]")
    assert row.select_one("th[scope=row][role=rowheader]").get_text().startswith("Jaarabonnement")
    cells = row.select("td[role=cell]")
    assert [td["data-label"] for td in cells] == headers[1:]
    assert [td.get_text(strip=True) for td in cells] == ["€ 20", "€ 10", "€ 40"]
    assert "social" in cells[1]["class"]


def test_the_tariff_table_becomes_cards_in_a_narrow_container():
    css = CSS.read_text()
    tables = css[css.index("/* Tables ---") :]
    tables = tables[: re.search(r"\n/\* [^\n]*-{10}", tables[10:]).start() + 10]
    assert ".tariffs-wrap { container: tariffs / inline-size; }" in tables
    assert "@container tariffs (width < 34rem)" in tables
    assert "overflow-wrap: anywhere" not in tables and "hyphens: auto" not in tables, (
        "no word is broken in the middle"
    )
    assert re.search(r"\.tariffs td::before \{[^}]*content: attr\(data-label\)", tables)
