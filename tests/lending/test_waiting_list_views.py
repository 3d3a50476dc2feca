"""The waiting list on the public site, in Dutch: joining from the item page, the places in
line on my account, leaving, and claiming an offered copy (``lending/waiting_views.py``).

"Today" is Monday 2 November 2026, 10:00 (tests/lending/waiting_world.py). The initiative
opens on Mondays and Wednesdays; an offer made today may be claimed through Thursday 5
November.
"""

import html as html_lib
import re

import pytest

from home.models import CatalogueIndexPage
from lending import rules, waiting
from lending.models import Reservation, WaitingEntry
from tests import factories
from tests.catalogue.factories import first_copy
from tests.lending.waiting_world import (
    Waiting,
    account_url,
    claim_url,
    fresh,
    leave_url,
    lend_out,
    new_member,
)
from tests.lending.world import MONDAY_2, TODAY, WEDNESDAY, build_lending_world

pytestmark = pytest.mark.django_db

ITEM_NL = "/nl/catalogus/instrumentheek/klopboormachine/"
JOIN_BUTTON = "Op de wachtlijst</button>"


@pytest.fixture
def world(db, freeze_time):
    freeze_time(2026, 11, 2, 10)
    world = build_lending_world(initiative_fields={"slug": "instrumentheek"})
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    world["trees"]["nl"].home.add_child(instance=catalogue)
    factories.publish(catalogue)
    return world


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (offers, mails) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def member_client(client, world):
    client.force_login(world["member"].user)
    return client


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"(?s)<(script|style).*?</\1>", " ", html)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def open_entries(member=None):
    entries = WaitingEntry.objects.filter(status__in=WaitingEntry.OPEN_STATUSES)
    return entries.filter(member=member) if member is not None else entries


def offer(world, committed, member):
    """The drill is lent out, ``member`` waits first in line, and the copy comes back."""
    loan = lend_out(world)
    entry = waiting.join(world["item"], member)
    with committed():
        rules.take_back(loan)
    entry = fresh(entry)
    assert entry.status == Waiting.OFFERED
    return entry


# The item page ------------------------------------------------------------------------------


def test_a_free_item_offers_no_waiting_list(member_client, world):
    response = member_client.get(ITEM_NL)
    assert response.status_code == 200
    assert JOIN_BUTTON not in response.content.decode()
    assert f'action="{ITEM_NL}wait/"' not in response.content.decode()


def test_a_member_joins_the_line_of_a_lent_out_item(member_client, world):
    lend_out(world)
    response = member_client.get(ITEM_NL)
    assert JOIN_BUTTON in response.content.decode()
    assert f'action="{ITEM_NL}wait/"' in response.content.decode()

    response = member_client.post(ITEM_NL + "wait/", follow=True)
    assert response.redirect_chain[0][0] == ITEM_NL + "#reserve"
    [entry] = open_entries()
    assert (entry.member, entry.status) == (world["member"], Waiting.WAITING)
    text = text_of(response)
    assert "Je staat op de wachtlijst: nummer 1." in text
    assert JOIN_BUTTON not in response.content.decode()

    # A second member is number 2; posting again changes nothing.
    other = new_member(world)
    member_client.force_login(other.user)
    member_client.post(ITEM_NL + "wait/")
    member_client.post(ITEM_NL + "wait/")
    assert "Je staat op de wachtlijst: nummer 2." in text_of(member_client.get(ITEM_NL))
    assert open_entries().count() == 2


def test_a_visitor_or_a_get_puts_no_one_in_line(client, world):
    lend_out(world)
    response = client.post(ITEM_NL + "wait/")
    assert response.status_code == 302
    assert JOIN_BUTTON not in client.get(ITEM_NL).content.decode()
    client.force_login(world["member"].user)
    response = client.get(ITEM_NL + "wait/")
    assert response.status_code == 302
    assert not WaitingEntry.objects.exists()


def test_joining_a_free_item_is_refused_with_a_message(member_client, world):
    """The refusal is a flash message; the item page the member lands on must show it."""
    response = member_client.post(ITEM_NL + "wait/", follow=True)
    assert response.redirect_chain[-1][0] == ITEM_NL + "#reserve"
    refusal = "Er is een exemplaar van dit voorwerp vrij: reserveer het in plaats van te wachten."
    assert refusal in text_of(response)
    assert not WaitingEntry.objects.exists()


# My account ---------------------------------------------------------------------------------


def test_my_account_shows_my_place_and_lets_me_leave(member_client, world):
    lend_out(world)
    waiting.join(world["item"], new_member(world))
    entry = waiting.join(world["item"], world["member"])
    response = member_client.get(account_url())
    html, text = response.content.decode(), text_of(response)
    assert "Mijn wachtlijsten" in text
    assert "Klopboormachine" in text and "Nummer 2 op de lijst" in text
    assert f'action="{leave_url(entry)}"' in html
    assert "Van de lijst gaan" in text

    assert member_client.get(leave_url(entry)).status_code == 405
    response = member_client.post(leave_url(entry), follow=True)
    assert response.redirect_chain[-1][0] == account_url()
    assert "Je bent van de wachtlijst gegaan." in text_of(response)
    assert not open_entries(world["member"]).exists()
    assert fresh(entry).status == Waiting.LEFT
    assert "Mijn wachtlijsten" not in text_of(response)


def test_another_members_place_is_a_404(client, world, committed):
    entry = offer(world, committed, new_member(world))
    client.force_login(world["member"].user)
    assert client.post(leave_url(entry)).status_code == 404
    assert client.get(claim_url(entry)).status_code == 404
    data = {"pickup_date": str(WEDNESDAY), "return_date": str(MONDAY_2)}
    assert client.post(claim_url(entry), data).status_code == 404
    assert fresh(entry).status == Waiting.OFFERED
    client.logout()
    response = client.get(claim_url(entry))
    assert response.status_code == 302 and "next=" in response["Location"]


# Claiming an offer --------------------------------------------------------------------------


def test_my_account_links_to_the_offer(member_client, world, committed):
    entry = offer(world, committed, world["member"])
    response = member_client.get(account_url())
    assert "Er is een exemplaar vrij voor jou tot donderdag 5 november." in text_of(response)
    assert f'href="{claim_url(entry)}"' in response.content.decode()
    response = member_client.get(ITEM_NL)  # the item page says so too
    assert "Er is een exemplaar vrij voor jou tot donderdag 5 november." in text_of(response)
    assert f'href="{claim_url(entry)}"' in response.content.decode()


def test_the_claim_page_offers_the_open_days_of_the_claim_time(member_client, world, committed):
    entry = offer(world, committed, world["member"])
    response = member_client.get(claim_url(entry))
    assert response.status_code == 200
    html = response.content.decode()
    select = re.search(r'(?s)<select name="pickup_date".*?</select>', html).group(0)
    assert re.findall(r'value="([\d-]+)"', select) == ["2026-11-02", "2026-11-04"]
    assert "maandag 2 november" in select and "woensdag 4 november" in select
    assert "ligt voor je klaar tot donderdag 5 november" in text_of(response)

    data = {"pickup_date": "2026-11-04", "return_date": str(MONDAY_2)}
    response = member_client.post(claim_url(entry), data, follow=True)
    assert response.redirect_chain[-1][0] == account_url()
    assert "Het is van jou: de reservatie staat in je account." in text_of(response)
    entry = fresh(entry)
    assert entry.status == Waiting.CLAIMED
    reservation = entry.reservation
    assert (reservation.member, reservation.copy) == (world["member"], first_copy(world["item"]))
    assert (reservation.pickup_date, reservation.return_date) == (WEDNESDAY, MONDAY_2)


def test_a_day_outside_the_claim_time_is_not_a_choice(member_client, world, committed):
    entry = offer(world, committed, world["member"])
    for day in ("2026-11-03", str(MONDAY_2)):  # closed; after the claim time
        data = {"pickup_date": day, "return_date": "2026-11-13"}
        response = member_client.post(claim_url(entry), data)
        assert response.status_code == 200
    assert fresh(entry).status == Waiting.OFFERED
    assert not Reservation.objects.filter(member=world["member"]).exists()


def test_a_refused_claim_shows_the_rule(member_client, world, committed):
    entry = offer(world, committed, world["member"])
    data = {"pickup_date": str(TODAY), "return_date": "2026-12-01"}  # longer than 14 days
    response = member_client.post(claim_url(entry), data)
    assert response.status_code == 200
    assert "hoogstens 14 dagen geleend worden" in text_of(response)
    assert fresh(entry).status == Waiting.OFFERED


def test_an_expired_offer_sends_me_back_to_my_account(member_client, world, committed, freeze_time):
    entry = offer(world, committed, world["member"])
    freeze_time(2026, 11, 6, 10)  # the day after the claim time
    response = member_client.get(claim_url(entry), follow=True)
    assert response.redirect_chain[-1][0] == account_url()
    assert "Dit aanbod is niet meer open." in text_of(response)
    data = {"pickup_date": "2026-11-09", "return_date": "2026-11-13"}
    response = member_client.post(claim_url(entry), data, follow=True)
    assert "Dit aanbod is niet meer open." in text_of(response)
    assert not Reservation.objects.filter(member=world["member"]).exists()
