"""Items and copies as a member sees them (docs/architecture.md, "Items and copies"): one card
and one page per item whatever its number of copies, "N of M available now", the old copy
addresses that moved to the item's own, reservations that each hold a different copy (the
least used, then the best kept), and a calendar that is full only when every copy is taken.

"Today" is Monday 2 November 2026, 10:00 in Brussels (tests/lending/world.py).
"""

import datetime
import html as html_lib
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalogue.models import Copy
from home.models import CatalogueIndexPage
from lending import rules
from lending.models import Reservation
from tests import factories
from tests.lending.world import MONDAY_2, TODAY, D, build_lending_world

pytestmark = pytest.mark.django_db

ITEM_NL = "/nl/catalogus/instrumentheek/klopboormachine/"
ITEM_FR = "/fr/catalogus/instrumentheek/klopboormachine/"
EVERY_COPY = (
    "Every copy of this item is already reserved for part of that period. Choose other dates."
)
THIS_ITEM = "This item is already reserved for part of that period. Choose other dates."


@pytest.fixture
def world(db, freeze_time):
    """The lending world with its drill in three copies (IN-0001-1..3), and a catalogue."""
    freeze_time(2026, 11, 2, 10)
    world = build_lending_world(
        initiative_fields={"slug": "instrumentheek", "max_active_reservations": 10},
        item_fields={"copies": 3},
    )
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    world["trees"]["nl"].home.add_child(instance=catalogue)
    factories.publish(catalogue)
    factories.translate(catalogue, "fr", title="Catalogue")
    return world


def copies_of(item):
    return list(Copy.objects.filter(item=item.source()).order_by("code"))


def new_member(initiative):
    member = factories.MemberFactory()
    factories.MembershipFactory(
        member=member, initiative=initiative, start=D(2026, 1, 1), end=D(2026, 12, 31)
    )
    return member


def hold(copy, member, pickup, return_date, status="confirmed"):
    return Reservation.objects.create(
        item=copy.item,
        copy=copy,
        member=member,
        pickup_date=pickup,
        return_date=return_date,
        status=status,
    )


def status_of(response):
    found = re.search(r'(?s)<div class="item__head">.*?</div>', response.content.decode())
    return plain_text(found.group(0))


def plain_text(html):
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).strip()


def facts(response):
    """{label: value} of the item's facts (both lists on the page)."""
    pairs = re.findall(r"(?s)<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", response.content.decode())
    return {plain_text(label): plain_text(value) for label, value in pairs}


# 1. The search shows items, not copies --------------------------------------------------------


@pytest.fixture
def drills(db, freeze_time):
    """A catalogue with two drill models (Bosch in four copies: one in repair, one out
    today; Makita in one) and a ladder."""
    freeze_time(2026, 11, 2, 10)
    trees = factories.build_site_tree(languages=("nl",))
    initiative = trees["nl"].initiative
    initiative.slug, initiative.lends_items, initiative.reservations_enabled = "bib", True, True
    initiative.save()
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    trees["nl"].home.add_child(instance=catalogue)
    factories.publish(catalogue)
    category = factories.build_category("Boren", "boren")

    def drill(name, code, copies=1):
        return factories.build_item(initiative, category, name, code, copies=copies)

    bosch = drill("Boormachine Bosch", "BO", copies=4)
    drill("Boormachine Makita", "MA")
    drill("Reformladder", "LA")
    repaired, lent, _free, _free_too = copies_of(bosch)
    repaired.status = Copy.Status.IN_REPAIR
    repaired.save()
    hold(lent, factories.MemberFactory(), TODAY, TODAY + datetime.timedelta(days=2))
    return bosch


def cards_of(response):
    """(name, text) of each result card, in order."""
    html = response.content.decode()
    cards = re.findall(
        r'(?s)<li class="item-card">.*?</li>\s*(?=<li class="item-card"|</ul>)', html
    )
    return [
        (
            re.search(r'item-card__title"><a href="[^"]+">([^<]+)</a>', card).group(1),
            plain_text(card),
        )
        for card in cards
    ]


def test_the_search_shows_each_drill_once_with_its_copies_free_today(client, drills):
    response = client.get("/nl/catalogus/", {"q": "boormachine"})
    cards = cards_of(response)
    names = [name for name, _text in cards]
    assert sorted(names) == ["Boormachine Bosch", "Boormachine Makita"], "no card per copy"
    texts = dict(cards)
    assert "2 van 4 nu beschikbaar" in texts["Boormachine Bosch"]
    assert "van" not in texts["Boormachine Makita"]
    assert "Beschikbaar" in texts["Boormachine Makita"]
    count = re.search(r'class="results__count"[^>]*>\s*(\d+)', response.content.decode())
    assert int(count.group(1)) == 2, "the count is of items, not of copies"


def test_an_items_copies_do_not_push_it_down_the_results(client, drills):
    """The two drills match alike (names of equal length, nothing else differs but their
    copies), so the older one, Bosch, comes first: its four copies are no part of how well
    it matches "boormachine"."""
    cards = cards_of(client.get("/nl/catalogus/", {"q": "boormachine"}))
    assert [name for name, _text in cards] == ["Boormachine Bosch", "Boormachine Makita"]
    assert "2 van 4 nu beschikbaar" in cards[0][1]


# 2. The item page says how many copies are free -------------------------------------------------


def test_the_item_page_says_how_many_of_its_copies_are_free(client, world):
    response = client.get(ITEM_NL)
    assert "3 van 3 nu beschikbaar" in status_of(response)
    assert facts(response)["Exemplaren"] == "3"
    french = client.get(ITEM_FR)
    assert "3 sur 3 disponibles maintenant" in status_of(french)
    assert facts(french)["Exemplaires"] == "3"


def test_the_item_page_says_when_every_copy_is_lent_out_today(client, world):
    for copy in copies_of(world["item"]):
        hold(copy, new_member(world["initiative"]), TODAY, TODAY + datetime.timedelta(days=2))
    status = status_of(client.get(ITEM_NL))
    assert "Alle 3 exemplaren vandaag uitgeleend" in status
    assert "beschikbaar" not in status
    assert "Les 3 exemplaires sont prêtés aujourd'hui" in status_of(client.get(ITEM_FR))


def test_one_copy_out_of_three_leaves_two_free(client, world):
    hold(copies_of(world["item"])[0], world["member"], TODAY, TODAY + datetime.timedelta(days=1))
    assert "2 van 3 nu beschikbaar" in status_of(client.get(ITEM_NL))


# 3. The old copy addresses ----------------------------------------------------------------------


def test_a_copy_code_address_moves_to_the_items_own_address(client, world):
    response = client.get("/nl/catalogus/instrumentheek/IN-0001-2/")
    assert response.status_code == 301
    assert response["Location"] == ITEM_NL
    reserve = client.get("/nl/catalogus/instrumentheek/IN-0001-3/reserve/")
    assert reserve.status_code == 301
    assert reserve["Location"] == ITEM_NL + "reserve/"
    french = client.get("/fr/catalogus/instrumentheek/IN-0001-1/")
    assert (french.status_code, french["Location"]) == (301, ITEM_FR)
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_code_or_a_retired_items_code_is_not_found(client, world):
    assert client.get("/nl/catalogus/instrumentheek/IN-9999/").status_code == 404
    assert client.get("/nl/catalogus/andere-bib/IN-0001-1/").status_code == 404
    for copy in copies_of(world["item"]):
        copy.status = Copy.Status.RETIRED
        copy.save()
    assert client.get("/nl/catalogus/instrumentheek/IN-0001-1/").status_code == 404
    assert client.get("/nl/catalogus/instrumentheek/IN-0001-1/reserve/").status_code == 404
    assert client.get(ITEM_NL).status_code == 404


# 4. Reserving: each reservation holds its own copy ----------------------------------------------


def test_three_copies_take_three_reservations_of_one_period_and_refuse_a_fourth(world):
    item, period = world["item"], (MONDAY_2, D(2026, 11, 12))
    made = [rules.reserve(item, new_member(world["initiative"]), *period) for _n in range(3)]
    assert len({reservation.copy_id for reservation in made}) == 3
    assert {reservation.item_id for reservation in made} == {item.pk}
    with translation.override("en"), pytest.raises(rules.ReservationRefused) as refused:
        rules.reserve(item, new_member(world["initiative"]), *period)
    assert refused.value.codes == ["overlap"]
    assert refused.value.errors[0].message == EVERY_COPY
    assert Reservation.objects.count() == 3
    # Another period is free again, on any copy.
    assert rules.reserve(item, world["member"], D(2026, 11, 16), D(2026, 11, 18))


def test_an_item_of_one_copy_keeps_its_own_message(world):
    single = factories.build_item(world["initiative"], world["category"], "Schuurmachine", "SC-1")
    rules.reserve(single, world["member"], MONDAY_2, D(2026, 11, 12))
    with translation.override("en"), pytest.raises(rules.ReservationRefused) as refused:
        rules.reserve(single, new_member(world["initiative"]), MONDAY_2, D(2026, 11, 10))
    assert refused.value.codes == ["overlap"]
    assert refused.value.errors[0].message == THIS_ITEM


# 5. Which copy a reservation gets ---------------------------------------------------------------


def pick(item):
    chosen = rules.choose_copy(item.source(), MONDAY_2, D(2026, 11, 12))
    return chosen.code if chosen else None


def test_the_least_used_copy_is_chosen_and_cancelled_reservations_do_not_count(world):
    first, second, third = copies_of(world["item"])
    member = world["member"]
    for copy in (first, third):
        hold(copy, member, D(2026, 10, 5), D(2026, 10, 7), status="returned")
    for _n in range(3):
        hold(second, member, D(2026, 10, 12), D(2026, 10, 14), status="cancelled")
    assert pick(world["item"]) == second.code
    hold(second, member, D(2026, 10, 19), D(2026, 10, 20), status="no_show")
    hold(first, member, D(2026, 10, 21), D(2026, 10, 22), status="returned")
    assert pick(world["item"]) == second.code, "second and third: one use each, then by code"
    hold(second, member, D(2026, 10, 23), D(2026, 10, 24), status="returned")
    assert pick(world["item"]) == third.code


def test_on_equal_use_the_best_condition_then_the_lowest_code(world):
    item = factories.build_item(
        world["initiative"], world["category"], "Decoupeerzaag", "DZ", copies=5
    )
    # Alphabetically fair < good < new < worn: the order must be the condition's, not the name's.
    conditions = ["worn", "fair", "good", "new", "new"]
    for copy, condition in zip(copies_of(item), conditions, strict=True):
        copy.condition = condition
        copy.save()
    assert pick(item) == "DZ-4"
    for code, expected in (("DZ-4", "DZ-5"), ("DZ-5", "DZ-3"), ("DZ-3", "DZ-2"), ("DZ-2", "DZ-1")):
        Copy.objects.filter(code=code).update(status=Copy.Status.IN_REPAIR)
        assert pick(item) == expected
    Copy.objects.filter(code="DZ-1").update(status=Copy.Status.IN_REPAIR)
    assert pick(item) is None, "a copy in repair is never chosen"


def test_a_copy_in_repair_is_not_chosen_even_when_unused_and_as_new(world):
    first, second, third = copies_of(world["item"])
    Copy.objects.filter(pk=first.pk).update(condition="new", status=Copy.Status.IN_REPAIR)
    hold(second, world["member"], D(2026, 10, 5), D(2026, 10, 7), status="returned")
    hold(third, world["member"], D(2026, 10, 5), D(2026, 10, 7), status="returned")
    hold(third, world["member"], D(2026, 10, 8), D(2026, 10, 9), status="returned")
    assert pick(world["item"]) == second.code
    reservation = rules.reserve(world["item"], world["member"], MONDAY_2, D(2026, 11, 12))
    assert reservation.copy_id == second.pk


# 6. The calendar: a day is taken when every lendable copy is --------------------------------


def days_in(response):
    """{date: (state, reserved)} from the calendar's cells."""
    cells = re.findall(
        r'<td class="cal-day[^"]*" data-date="([\d-]+)" data-state="(\w+)" '
        r'data-open="\w+" data-reserved="(\w+)"',
        response.content.decode(),
    )
    return {D.fromisoformat(day): (state, reserved == "true") for day, state, reserved in cells}


def test_the_calendar_marks_a_day_reserved_only_when_every_copy_is(client, world):
    first, second, third = copies_of(world["item"])
    member = world["member"]
    hold(first, member, MONDAY_2, D(2026, 11, 10))
    hold(second, member, MONDAY_2, D(2026, 11, 12))
    hold(third, member, D(2026, 11, 10), D(2026, 11, 16))
    hold(third, member, MONDAY_2, MONDAY_2, status="cancelled")
    days = days_in(client.get(ITEM_NL))
    assert [day for day, (_state, reserved) in days.items() if reserved] == [D(2026, 11, 10)]
    assert days[D(2026, 11, 10)][0] == "reserved"
    assert days[MONDAY_2][0] == "free", "one copy is still free on Monday"
    assert days_in(client.get(ITEM_FR)) == days

    # With the third copy in repair, the two others decide.
    third.status = Copy.Status.IN_REPAIR
    third.save()
    days = days_in(client.get(ITEM_NL))
    reserved = [day for day, (_state, taken) in days.items() if taken]
    assert reserved == [MONDAY_2, D(2026, 11, 10)]


# 7. The item page costs the same whatever the number of copies -------------------------------


def queries(client, url):
    client.get(url)  # warm the shared caches, as a running site has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_the_item_page_makes_as_many_queries_for_thirty_copies_as_for_one(client, world):
    initiative, category = world["initiative"], world["category"]
    factories.build_item(initiative, category, "Schuurmachine", "SC-1")
    many = factories.build_item(initiative, category, "Hogedrukreiniger", "HD", copies=30)
    for copy in copies_of(many)[:20]:
        hold(copy, new_member(initiative), TODAY, D(2026, 11, 4))
    one, _response = queries(client, "/nl/catalogus/instrumentheek/schuurmachine/")
    thirty, response = queries(client, "/nl/catalogus/instrumentheek/hogedrukreiniger/")
    assert "10 van 30 nu beschikbaar" in status_of(response)
    assert one == thirty
    assert thirty <= 10
