"""The desk at the counter (lending/desk_counter.py): local times in the history, today's work
first, the accessories and the deposit at hand-out and at take-back.

"Today" is Monday 2 November 2026 at 10:00 in Brussels (tests/lending/desk_world.py): the saw
(IN-0002) is out with Bob and due back today, Alice picks up the drill (IN-0001) today.
"""

import datetime
from decimal import Decimal

import pytest

from catalogue.models import Copy, Item
from lending import rules
from lending.models import Deposit, Reservation, ReservationEvent
from tests import factories
from tests.lending.desk_world import LAST_WEEK, Status, act, messages_of, url

pytestmark = pytest.mark.django_db


def with_accessories(item, deposit="25.00"):
    Item.objects.filter(translation_key=item.translation_key).update(
        contents="Koffer\nDiepteaanslag\nExtra handgreep", deposit=Decimal(deposit)
    )


def test_the_history_shows_brussels_time(client, desk):
    factories.volunteer_of(desk["tools"], client)
    made_at = datetime.datetime(2026, 11, 2, 11, 24, tzinfo=datetime.UTC)  # 12:24 in Brussels
    ReservationEvent.objects.filter(reservation=desk["requested"]).update(at=made_at)
    html = client.get(url("inspect", desk["requested"].pk)).content.decode()
    assert "12:24" in html and "11:24" not in html


def test_the_default_list_is_todays_work_and_leaves_out_finished_loans(client, desk):
    finished = Reservation.objects.create(
        item=desk["drill"],
        copy=desk["requested"].copy,
        member=desk["alice"],
        pickup_date=datetime.date(2026, 10, 1),
        return_date=datetime.date(2026, 10, 3),
        status=Status.RETURNED,
    )
    overdue = Reservation.objects.create(
        item=desk["saw"],
        copy=Copy.objects.create(item=desk["saw"], code="IN-0002-2"),
        member=desk["alice"],
        pickup_date=LAST_WEEK,
        return_date=datetime.date(2026, 10, 30),
        status=Status.PICKED_UP,
    )
    factories.volunteer_of(desk["tools"], client)
    response = client.get(url("index"))
    rows = list(response.context["object_list"])
    assert rows == [overdue, desk["requested"], desk["picked_up"], desk["confirmed"]]
    html = response.content.decode()
    assert "overdue" in html and "pickup today" in html and "back today" in html
    everything = client.get(url("index"), {"status": Status.RETURNED}).context["object_list"]
    assert list(everything) == [finished]


def confirmed_drill(desk):
    reservation = desk["requested"]
    rules.confirm(reservation)
    return reservation


def test_hand_out_shows_what_to_give_and_records_the_deposit(client, desk):
    with_accessories(desk["drill"])
    reservation = confirmed_drill(desk)
    volunteer = factories.volunteer_of(desk["tools"], client)
    html = client.get(url("inspect", reservation.pk)).content.decode()
    assert "Diepteaanslag" in html and "Deposit to collect: € 25.00" in html
    response = act(
        client, reservation, "hand_out", {"deposit_amount": "25", "deposit_method": "card"}
    )
    assert "The item is handed out." in messages_of(response)
    deposit = Deposit.objects.get(reservation=reservation)
    assert (deposit.amount, deposit.method, deposit.taken_by) == (Decimal("25"), "card", volunteer)
    assert "Deposit taken: € 25" in reservation.events.last().note


def test_bad_deposit_input_is_a_form_error_and_changes_nothing(client, desk):
    reservation = confirmed_drill(desk)
    factories.volunteer_of(desk["tools"], client)
    response = client.post(
        url("action", reservation.pk, "hand_out"), {"deposit_amount": "vijf euro"}
    )
    assert response.status_code == 400
    assert 'value="vijf euro"' in response.content.decode()
    assert Reservation.objects.get(pk=reservation.pk).status == Status.CONFIRMED
    assert not Deposit.objects.exists()


def test_take_back_with_a_missing_accessory_and_part_of_the_deposit_kept(client, desk):
    with_accessories(desk["drill"])
    reservation = confirmed_drill(desk)
    factories.volunteer_of(desk["tools"], client)
    act(client, reservation, "hand_out", {"deposit_amount": "25", "deposit_method": "cash"})
    back = {
        "accessories": ["Koffer", "Extra handgreep"],  # the depth stop is missing
        "copy_condition": "fair",
        "condition_note": "Stoffig",
        "deposit_returned": "15",
        "kept_reason": "",
    }
    refused = client.post(url("action", reservation.pk, "take_back"), back)
    assert refused.status_code == 400
    assert "Say why the deposit is not returned in full." in refused.content.decode()
    assert Reservation.objects.get(pk=reservation.pk).status == Status.PICKED_UP

    response = act(client, reservation, "take_back", {**back, "kept_reason": "diepteaanslag"})
    assert "The item has been taken back." in messages_of(response)
    reservation.refresh_from_db()
    assert reservation.status == Status.RETURNED
    assert reservation.accessories_checked is False
    assert reservation.condition_note.startswith("Missing: Diepteaanslag.")
    note = reservation.events.last().note
    assert "Missing: Diepteaanslag." in note and "Kept € 10" in note
    deposit = Deposit.objects.get(reservation=reservation)
    assert (deposit.returned_amount, deposit.kept_reason) == (Decimal("15"), "diepteaanslag")
    assert Copy.objects.get(pk=reservation.copy_id).condition == "fair"


def test_another_initiatives_volunteer_cannot_hand_out_or_take_back(client, desk):
    reservation = confirmed_drill(desk)
    factories.volunteer_of(desk["baby"], client)
    response = client.post(
        url("action", reservation.pk, "hand_out"), {"deposit_amount": "5", "deposit_method": "cash"}
    )
    assert response.status_code == 404
    assert Reservation.objects.get(pk=reservation.pk).status == Status.CONFIRMED
    assert not Deposit.objects.exists()


def test_the_walk_in_takes_a_scanned_card_and_may_use_the_camera(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = client.get(url("walk_in"))
    html = response.content.decode()
    assert "data-scan" in html and "js/scan.js" in html
    assert "camera=(self)" in response["Permissions-Policy"]
    # Everywhere else the camera stays refused.
    assert "camera=()" in client.get(url("index"))["Permissions-Policy"]


def test_a_walk_in_loan_records_its_deposit_and_says_what_to_give(client, desk):
    with_accessories(desk["drill"])
    Reservation.objects.filter(pk__in=[desk["requested"].pk, desk["confirmed"].pk]).delete()
    volunteer = factories.volunteer_of(desk["tools"], client)
    data = {
        "member_number": desk["bob"].member_number,
        "copy": Copy.objects.get(code="IN-0001").pk,
        "return_date": "2026-11-09",
        "deposit_amount": "25",
    }
    refused = client.post(url("walk_in"), data)
    assert (
        refused.status_code == 200
        and not Reservation.objects.filter(member=desk["bob"], item=desk["drill"]).exists()
    )
    assert "Say how the deposit was paid." in refused.content.decode()
    response = client.post(url("walk_in"), {**data, "deposit_method": "cash"}, follow=True)
    loan = Reservation.objects.get(item=desk["drill"], status=Status.PICKED_UP)
    deposit = Deposit.objects.get(reservation=loan)
    assert (deposit.amount, deposit.method, deposit.taken_by) == (Decimal("25"), "cash", volunteer)
    assert "Give along: Koffer, Diepteaanslag, Extra handgreep." in messages_of(response)


def test_receipts_are_mailed_in_the_members_language_when_asked(
    client, desk, django_capture_on_commit_callbacks
):
    from django.core import mail as sent

    with_accessories(desk["drill"])
    bob = desk["bob"]
    bob.preferred_language = "fr"
    bob.save()
    reservation = desk["confirmed"]  # Bob's drill, picked up today for the test
    Reservation.objects.filter(pk=desk["requested"].pk).delete()
    Reservation.objects.filter(pk=reservation.pk).update(pickup_date=desk["requested"].pickup_date)
    factories.volunteer_of(desk["tools"], client)
    with django_capture_on_commit_callbacks(execute=True):
        act(
            client,
            reservation,
            "hand_out",
            {"deposit_amount": "25", "deposit_method": "cash", "send_receipt": "on"},
        )
    with django_capture_on_commit_callbacks(execute=True):
        act(
            client,
            reservation,
            "take_back",
            {
                "accessories": ["Koffer", "Diepteaanslag", "Extra handgreep"],
                "deposit_returned": "20",
                "kept_reason": "Koffer gebarsten",
                "send_receipt": "on",
            },
        )
    out, back = sent.outbox
    assert "Reçu" in out.subject and "IN-0001" in out.body and "25,00" in out.body
    assert "Diepteaanslag" in out.body
    assert "20,00" in back.body and "5,00" in back.body and "Koffer gebarsten" in back.body
    for message in (out, back):
        assert "tarif" not in message.body.lower()


def test_no_receipt_unless_asked(client, desk, django_capture_on_commit_callbacks):
    from django.core import mail as sent

    reservation = confirmed_drill(desk)
    factories.volunteer_of(desk["tools"], client)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, reservation, "hand_out", {})
    assert sent.outbox == []
