"""Reserving an item on the public site: the form on the item page and its calendar.

"Today" is Monday 2 November 2026, 10:00 in Brussels. The initiative opens on Mondays 09–12
and Wednesdays 14–18; Tuesdays are closed, Wednesday 11 November is a public holiday
(Armistice) and Wednesday 18 November is closed for the inventory.
"""

import datetime
import html as html_lib
import re
from urllib.parse import urlencode

import pytest

from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext, pgettext

from home.models import CatalogueIndexPage
from lending.models import Reservation
from tests import factories
from tests.catalogue.factories import first_copy
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


@pytest.fixture
def world(db, freeze_time):
    freeze_time(2026, 11, 2, 10)
    world = build_lending_world(
        initiative_fields={"slug": "instrumentheek", "max_active_reservations": 3},
        item_fields={"loan_days": 7},
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


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"(?s)<(script|style).*?</\1>", " ", html)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def translated(msgid, language="nl", context=None, **values):
    """A message as the page shows it in `language` (whether or not it is translated yet)."""
    with translation.override(language):
        message = pgettext(context, msgid) if context else gettext(msgid)
    return message % values if values else message


def field_error(response, field):
    match = re.search(
        rf'<p class="reserve-form__error" id="id_{field}_error" data-field="{field}">(.*?)</p>',
        response.content.decode(),
        re.S,
    )
    return html_lib.unescape(match.group(1)) if match else None


def input_value(response, field):
    match = re.search(rf'<input[^>]*name="{field}"[^>]*>', response.content.decode())
    assert match, f"no {field} input"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def post(client, pickup, return_date, url=ITEM_NL, **extra):
    data = {"pickup_date": str(pickup), "return_date": str(return_date)}
    return client.post(url + "reserve/", data, **extra)


def days_in(response):
    """{date: (state, open, reserved)} from the calendar's cells."""
    cells = re.findall(
        r'<td class="cal-day[^"]*" data-date="([\d-]+)" data-state="(\w+)" '
        r'data-open="(\w+)" data-reserved="(\w+)"',
        response.content.decode(),
    )
    return {D.fromisoformat(day): (state, o == "true", r == "true") for day, state, o, r in cells}


# Who sees what ------------------------------------------------------------------------------


def test_an_anonymous_visitor_sees_a_log_in_link(client, world):
    response = client.get(ITEM_NL)
    assert response.status_code == 200
    login = resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": ITEM_NL + "#reserve"})
    html = response.content.decode()
    assert f'href="{login.replace("&", "&amp;")}"' in html
    assert 'name="pickup_date"' not in html


def test_an_anonymous_post_goes_to_the_log_in_page(client, world):
    response = post(client, MONDAY_2, D(2026, 11, 12))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
    assert not Reservation.objects.exists()


def test_a_member_sees_the_form_with_labels_and_the_longest_loan(member_client, world):
    response = member_client.get(ITEM_NL)
    html = response.content.decode()
    assert '<form class="reserve-form" method="post" action="' + ITEM_NL + 'reserve/#reserve"' in (
        html
    )
    for field in ("pickup_date", "return_date"):
        assert f'<label for="id_{field}">' in html
        assert re.search(rf'<input type="date" name="{field}"[^>]*aria-describedby', html)
    assert "7" in re.search(r'id="id_return_date_helptext">([^<]+)<', html).group(1)


def test_a_user_without_a_member_profile_gets_an_explanation(client, world):
    client.force_login(factories.UserFactory())
    response = client.get(ITEM_NL)
    assert 'name="pickup_date"' not in response.content.decode()
    assert 'id="reserve-no-member"' in response.content.decode()
    refused = post(client, MONDAY_2, D(2026, 11, 12))
    assert refused.status_code == 403
    assert 'id="reserve-no-member"' in refused.content.decode()
    assert not Reservation.objects.exists()


def test_no_reserve_section_when_the_initiative_takes_no_reservations(member_client, world):
    world["initiative"].reservations_enabled = False
    world["initiative"].save()
    response = member_client.get(ITEM_NL)
    assert 'id="reserve"' not in response.content.decode()
    assert "availability-heading" not in response.content.decode()
    assert post(member_client, MONDAY_2, D(2026, 11, 12)).status_code == 404


# Reserving -------------------------------------------------------------------------------------


def test_a_member_reserves_on_an_open_day(member_client, world):
    response = post(member_client, MONDAY_2, D(2026, 11, 12))
    assert response.status_code == 302
    reservation = Reservation.objects.get()
    assert response["Location"] == f"{ITEM_NL}reserve/?reservation={reservation.pk}"
    assert reservation.item == world["item"]
    assert reservation.member == world["member"]
    assert (reservation.pickup_date, reservation.return_date) == (MONDAY_2, D(2026, 11, 12))
    assert reservation.status == Reservation.Status.REQUESTED
    done = member_client.get(response["Location"])
    assert done.status_code == 200
    text = text_of(done)
    assert "9 november 2026" in text and "12 november 2026" in text
    assert 'data-status="requested"' in done.content.decode()


def test_automatic_confirmation_shows_confirmed(member_client, world):
    world["initiative"].auto_confirm = True
    world["initiative"].save()
    response = post(member_client, MONDAY_2, D(2026, 11, 12))
    assert Reservation.objects.get().status == Reservation.Status.CONFIRMED
    done = member_client.get(response["Location"])
    assert 'data-status="confirmed"' in done.content.decode()


def test_reserving_on_the_french_page_reserves_the_dutch_item(member_client, world):
    response = post(member_client, MONDAY_2, D(2026, 11, 12), url=ITEM_FR)
    assert response.status_code == 302
    assert response["Location"].startswith(ITEM_FR + "reserve/?reservation=")
    reservation = Reservation.objects.get()
    assert reservation.item_id == world["item"].pk
    assert reservation.item.locale.language_code == "nl"
    done = member_client.get(response["Location"])
    assert "Perceuse à percussion" in text_of(done)
    assert "9 novembre 2026" in text_of(done)


def test_another_members_confirmation_is_a_404(client, member_client, world):
    response = post(member_client, MONDAY_2, D(2026, 11, 12))
    other = factories.MemberFactory()
    client.force_login(other.user)
    assert client.get(response["Location"]).status_code == 404


def test_a_closed_pickup_day_is_refused_next_to_the_field_keeping_the_dates(member_client, world):
    response = post(member_client, TUESDAY, D(2026, 11, 6))
    assert response.status_code == 200
    error = field_error(response, "pickup_date")
    assert error and "3 november 2026" in error
    assert "4 november 2026" in error, "suggests the next open day"
    assert field_error(response, "return_date") is None
    assert input_value(response, "pickup_date") == "2026-11-03"
    assert input_value(response, "return_date") == "2026-11-06"
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Reservation.objects.exists()


def test_a_public_holiday_is_refused_with_its_name(member_client, world):
    response = post(member_client, ARMISTICE, D(2026, 11, 13))
    assert "Wapenstilstand" in field_error(response, "pickup_date")
    assert not Reservation.objects.exists()


def test_messages_follow_the_page_language(member_client, world):
    response = post(member_client, TUESDAY, D(2026, 11, 6), url=ITEM_FR)
    assert "3 novembre 2026" in field_error(response, "pickup_date")


@pytest.mark.parametrize(
    ("pickup", "return_date", "field", "kept"),
    [
        ("9999-12-31", "9999-12-31", "pickup_date", "9999-12-31"),
        ("2026-11-09", "9999-12-31", "return_date", "9999-12-31"),
        ("not a date", "2026-11-12", "pickup_date", "not a date"),
        ("2026-11-09", "31/02/2026", "return_date", "31/02/2026"),
        ("2026-13-45", "2026-11-12", "pickup_date", "2026-13-45"),
        ("99999-01-01", "2026-11-12", "pickup_date", "99999-01-01"),
        ("", "2026-11-12", "pickup_date", ""),
        ("2026-10-26", "2026-10-28", "pickup_date", "2026-10-26"),  # in the past
        ("2026-11-09", "2026-11-04", "return_date", "2026-11-04"),  # before the pickup
        ("2026-11-09", "2026-11-30", "return_date", "2026-11-30"),  # longer than 7 days
    ],
)
def test_bad_input_gets_a_field_message_and_saves_nothing(
    member_client, world, pickup, return_date, field, kept
):
    response = post(member_client, pickup, return_date)
    assert response.status_code == 200
    assert field_error(response, field), response.content.decode()
    assert input_value(response, field) == kept
    assert not Reservation.objects.exists()


def test_the_same_form_sent_twice_stores_one_reservation(member_client, world):
    first = post(member_client, MONDAY_2, D(2026, 11, 12))
    assert first.status_code == 302
    second = post(member_client, MONDAY_2, D(2026, 11, 12))
    assert second.status_code == 200
    assert Reservation.objects.count() == 1
    text = text_of(second)
    with translation.override("nl"):
        expected = translated(
            "You have already reserved this item from %(pickup)s to %(return)s "
            "(%(status)s). You do not need to send the form again.",
            pickup="9 november 2026",
            **{"return": "12 november 2026", "status": gettext("requested")},
        )
    assert expected in text
    assert 'id="reserve-errors"' in second.content.decode()


def test_someone_elses_reservation_is_an_overlap(client, world):
    factories.MembershipFactory(
        member=(other := factories.MemberFactory()),
        initiative=world["initiative"],
        start=D(2026, 1, 1),
    )
    client.force_login(world["member"].user)
    post(client, MONDAY_2, D(2026, 11, 12))
    client.force_login(other.user)
    response = post(client, D(2026, 11, 4), D(2026, 11, 9))
    overlap = "This item is already reserved for part of that period. Choose other dates."
    assert translated(overlap) in text_of(response)
    assert Reservation.objects.count() == 1


def test_a_membership_of_another_initiative_does_not_count(client, world):
    index = world["trees"]["nl"].index
    other_initiative = factories.build_initiative(index, "Speelotheek", lends_items=True)
    outsider = factories.MemberFactory()
    factories.MembershipFactory(member=outsider, initiative=other_initiative)
    client.force_login(outsider.user)
    response = post(client, MONDAY_2, D(2026, 11, 12))
    assert response.status_code == 200
    message = "You need a membership of %(initiative)s on the pickup date to reserve here."
    assert translated(message, initiative="Gereedschapsbib") in text_of(response)
    assert 'id="reserve-errors"' in response.content.decode()
    assert input_value(response, "pickup_date") == "2026-11-09"
    assert not Reservation.objects.exists()


# The calendar -----------------------------------------------------------------------------------


def test_the_calendar_shows_eight_weeks_monday_first(client, world):
    response = client.get(ITEM_NL)
    days = days_in(response)
    assert len(days) == 56
    assert min(days) == TODAY and min(days).weekday() == 0
    html = response.content.decode()
    headers = re.findall(r'<th scope="col"><abbr title="([^"]+)">', html)
    assert headers[0] == "maandag" and headers[-1] == "zondag"
    table = re.search(r'(?s)<table class="availability__table">.*?</table>', html).group(0)
    # A heading per week above its seven days: no column of week labels eats the width.
    assert len(re.findall(r'<th scope="rowgroup" colspan="7"', table)) == 8
    day_rows = [row for row in re.findall(r"(?s)<tr>.*?</tr>", table) if "<td" in row]
    assert [len(re.findall(r"<td", row)) for row in day_rows] == [7] * 8
    fr = client.get(ITEM_FR)
    assert re.findall(r'<th scope="col"><abbr title="([^"]+)">', fr.content.decode())[0] == "lundi"


def test_the_calendar_marks_closed_and_reserved_days(client, world):
    member = world["member"]
    item = world["item"]
    Reservation.objects.create(
        item=item,
        copy=first_copy(item),
        member=member,
        pickup_date=MONDAY_2,
        return_date=D(2026, 11, 12),
    )
    Reservation.objects.create(
        item=item,
        copy=first_copy(item),
        member=member,
        pickup_date=D(2026, 11, 23),
        return_date=D(2026, 11, 25),
        status=Reservation.Status.CANCELLED,
    )
    for url in (ITEM_NL, ITEM_FR):
        response = client.get(url)
        days = days_in(response)
        for day in (MONDAY_2, D(2026, 11, 10), ARMISTICE, D(2026, 11, 12)):
            assert days[day][0] == "reserved" and days[day][2], (url, day)
        assert days[D(2026, 11, 13)][2] is False
        assert days[D(2026, 11, 23)] == ("free", True, False), "a cancelled one frees the days"
        assert days[TUESDAY] == ("closed", False, False)
        assert days[INVENTORY] == ("closed", False, False)
        assert days[ARMISTICE][1] is False
        assert days[WEDNESDAY] == ("free", True, False)
        assert days[TODAY][0] == "free"
        html = response.content.decode()
        language = "nl" if url == ITEM_NL else "fr"
        cell = re.search(r'data-date="2026-11-03".*?</td>', html, re.S).group(0)
        closed = translated("closed", language, context="availability")
        assert closed in cell, "the state is written out, not only coloured"
        reserved = re.search(r'data-date="2026-11-10".*?</td>', html, re.S).group(0)
        hidden = re.search(r'class="visually-hidden">([^<]*)<', reserved).group(1)
        assert translated("reserved", language, context="availability") in hidden
        assert "2026" in hidden


def test_past_days_of_this_week_are_past(client, world, freeze_time):
    freeze_time(2026, 11, 4, 10)  # Wednesday
    days = days_in(client.get(ITEM_NL))
    assert days[TODAY][0] == "past" and days[TUESDAY][0] == "past"
    assert days[WEDNESDAY][0] == "free"


def test_the_item_page_query_count_does_not_grow_with_reservations(client, world):
    item, member = world["item"], world["member"]

    def count(url):
        client.get(url)  # warm the route and layout caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    Reservation.objects.create(
        item=item,
        copy=first_copy(item),
        member=member,
        pickup_date=MONDAY_2,
        return_date=D(2026, 11, 10),
    )
    few = {url: count(url) for url in (ITEM_NL, ITEM_FR)}
    start = D(2026, 11, 16)
    for week in range(6):
        pickup = start + datetime.timedelta(days=7 * week)
        Reservation.objects.create(
            item=item,
            copy=first_copy(item),
            member=member,
            pickup_date=pickup,
            return_date=pickup + datetime.timedelta(days=2),
        )
    many = {url: count(url) for url in (ITEM_NL, ITEM_FR)}
    assert many == few
    client.force_login(member.user)
    logged_in_few = count(ITEM_FR)
    Reservation.objects.create(
        item=item,
        copy=first_copy(item),
        member=member,
        pickup_date=D(2026, 12, 30),
        return_date=D(2026, 12, 31),
    )
    assert count(ITEM_FR) == logged_in_few
