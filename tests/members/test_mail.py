"""Reservation e-mails: queued in the transaction of the change, sent through django-tasks once
it commits, in the member's language, plain text and HTML, never a word about the social
tariff; in the data export, and gone with the account. Reminders and a mail server that is
down are in ``test_mail_reminders.py``, the world in ``mail_world.py``.

"Today" is Monday 14 December 2026. The initiative opens on Mondays 09–12 and Wednesdays
14–18.
"""

import json

import pytest

from django.core import mail as django_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from lending import mail
from lending import rules as service
from lending.models import OutgoingMail, Reservation
from members import privacy
from tests.members.mail_world import (
    MONDAY_2,
    TODAY,
    TOMORROW,
    WEDNESDAY,
    D,
    Kind,
    MailStatus,
    Status,
    another_item,
    booked,
    html_of,
    reserve,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_today")]


# Each transition, its mail -------------------------------------------------------------------


def test_a_request_mails_received_and_the_confirmation_mails_confirmed(world, committed):
    with committed():
        reservation = reserve(world)
    [received] = django_mail.outbox
    assert received.to == ["an@example.be"]
    assert received.subject == "We received your reservation of Klopboormachine"
    assert "Item: Klopboormachine\n" in received.body
    assert "IN-0001" not in received.body, "the member reserved the item; the copy comes later"
    assert "Gereedschapsbib, Unit 3, aan de binnenkoer" in received.body
    assert "Wednesday 16 December 2026 (14:00–18:00)" in received.body
    assert "Monday 21 December 2026" in received.body
    assert "http://testserver/en/" in received.body
    assert "Klopboormachine" in html_of(received)
    row = OutgoingMail.objects.get(reservation=reservation, kind=Kind.RECEIVED)
    assert (row.status, row.attempts, row.next_attempt_at) == (MailStatus.SENT, 1, None)
    assert row.sent_at is not None and row.user == world["member"].user

    with committed():
        service.confirm(reservation, by=world["volunteer"])
    assert len(django_mail.outbox) == 2
    confirmed = django_mail.outbox[1]
    assert confirmed.subject == "Your reservation of Klopboormachine is confirmed"
    body, html = confirmed.body, html_of(confirmed)
    for text in (body, html):
        # What to bring, and what the return date means.
        assert world["member"].member_number in text
        assert "€ 25.00" in text
        assert "on or before Monday 21 December 2026" in text
        assert "Boorkoffer" in text and "Set boren" in text
    with translation.override("en"):
        account = reverse("members:account")
    assert account in body
    assert f'href="http://testserver{account}"' in html
    assert OutgoingMail.objects.get(kind=Kind.CONFIRMED).status == MailStatus.SENT


def test_an_initiative_that_confirms_itself_mails_confirmed_at_once(world, committed):
    world["initiative"].auto_confirm = True
    world["initiative"].save()
    with committed():
        reservation = reserve(world)
    assert reservation.status == Status.CONFIRMED
    [message] = django_mail.outbox
    assert message.subject == "Your reservation of Klopboormachine is confirmed"
    assert list(OutgoingMail.objects.values_list("kind", flat=True)) == [Kind.CONFIRMED]


def test_cancelling_mails_the_member_whoever_cancels(world, committed):
    mine = reserve(world)
    theirs = reserve(world, pickup=D(2027, 1, 4), return_date=D(2027, 1, 6))
    with committed():
        service.cancel(mine, by=world["member"].user)
    with committed():
        service.cancel(theirs, by=world["volunteer"])
    by_member, by_desk = django_mail.outbox
    assert by_member.subject == "Your reservation of Klopboormachine is cancelled"
    assert "You cancelled your reservation" in by_member.body
    assert "have cancelled your reservation" in by_desk.body
    assert "have cancelled your reservation" in html_of(by_desk)
    assert OutgoingMail.objects.filter(kind=Kind.CANCELLED, status=MailStatus.SENT).count() == 2


def test_handing_out_taking_back_and_no_show_send_nothing(world, committed):
    lent = booked(world["item"], world["member"], TODAY, TOMORROW, Status.CONFIRMED)
    missed = booked(
        another_item(world, "IN-0002"), world["member"], TODAY, TOMORROW, Status.CONFIRMED
    )
    with committed():
        service.hand_out(lent)
        service.take_back(lent, accessories_checked=True)
        service.no_show(missed, today=TODAY)
    assert django_mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_a_walk_in_loan_handed_out_at_once_sends_nothing(world, committed):
    # What the desk's walk-in form does, in one transaction.
    with committed(), transaction.atomic():
        loan = reserve(world, pickup=TODAY, return_date=WEDNESDAY, by=world["volunteer"])
        service.confirm(loan, by=world["volunteer"])
        service.hand_out(loan, by=world["volunteer"])
    assert django_mail.outbox == []
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SKIPPED}


def test_reserve_without_notify_queues_nothing(world, committed):
    with committed():
        reserve(world, notify=False)
    assert django_mail.outbox == [] and not OutgoingMail.objects.exists()


def test_a_reservation_rolled_back_leaves_no_mail(world, committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        reserve(world)
        raise RuntimeError("the request failed after the reservation")
    assert not Reservation.objects.exists()
    assert django_mail.outbox == [] and not OutgoingMail.objects.exists()


def test_a_reservation_without_a_member_sends_nothing(world, committed):
    anonymous = booked(world["item"], None, WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    with committed():
        assert mail.queue_for_reservation(anonymous, Kind.CONFIRMED) is None
        service.cancel(anonymous)
    assert django_mail.outbox == [] and not OutgoingMail.objects.exists()


def test_each_kind_goes_once_per_reservation(world, committed):
    reservation = booked(world["item"], world["member"], WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    with committed():
        assert mail.queue(world["member"].user, Kind.CONFIRMED, reservation) is not None
        assert mail.queue(world["member"].user, Kind.CONFIRMED, reservation) is None
    assert len(django_mail.outbox) == 1
    [row] = OutgoingMail.objects.all()
    # Sending the row again (a worker and the cron meeting) sends nothing twice.
    assert mail.send(row.pk) == MailStatus.SENT
    assert len(django_mail.outbox) == 1


# The member's language, and nothing of the tariff -------------------------------------------


def test_the_mail_is_in_the_members_language(world, french_social_member, committed):
    with committed():
        reserve(world, member=french_social_member)
    [message] = django_mail.outbox
    # The item, the initiative and the dates in French, the link to the French account page.
    assert "Perceuse à percussion" in message.subject
    for text in (message.body, html_of(message)):
        assert "Perceuse à percussion" in text
        assert world["initiative_fr"].title in text
        assert "mercredi 16 décembre 2026" in text
        assert "lundi 21 décembre 2026" in text
        assert "Klopboormachine" not in text
    assert '<html lang="fr">' in html_of(message)
    assert "http://testserver/fr/" in message.body
    assert "http://testserver/en/" not in message.body


def test_the_item_falls_back_to_dutch_without_a_translation(world, french_social_member):
    item = another_item(world, "IN-0009")
    reservation = booked(item, french_social_member, WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    row = mail.queue(french_social_member.user, Kind.CONFIRMED, reservation)
    message = mail.render(row)
    assert "Ding IN-0009" in message.subject
    assert "mercredi 16 décembre 2026" in message.body


def test_no_mail_says_anything_about_the_social_tariff(
    world, french_social_member, verifier, committed
):
    first = booked(world["item"], french_social_member, WEDNESDAY, MONDAY_2, Status.REQUESTED)
    second = booked(
        another_item(world, "IN-0002"), french_social_member, TODAY, TOMORROW, Status.PICKED_UP
    )
    with committed():
        for kind in (Kind.RECEIVED, Kind.CONFIRMED, Kind.PICKUP_REMINDER, Kind.CANCELLED):
            mail.queue(french_social_member.user, kind, first)
        for kind in (Kind.RETURN_REMINDER, Kind.OVERDUE):
            mail.queue(french_social_member.user, kind, second)
    rows = list(OutgoingMail.objects.all())
    messages = [mail.render(row) for row in rows]
    assert len(messages) == 6
    for message in messages:
        for text in (message.subject, message.body, html_of(message)):
            lowered = text.lower()
            for word in ("tarif", "tariff", "social", "sociaal", "uitpas", "kansen", "evidence"):
                assert word not in lowered, (message.subject, word)
            assert "Griet" not in text and "Verbeke" not in text
            assert verifier.email not in text


# Personal data ---------------------------------------------------------------------------------


def test_the_data_export_lists_the_mails_and_erasure_deletes_them(world, committed):
    user = world["member"].user
    with committed():
        reservation = reserve(world)
    data = json.loads(privacy.export_json(user))
    [exported] = data["emails"]
    assert exported["kind"] == "received" and exported["status"] == "sent"
    assert exported["reservation"] == reservation.pk
    assert exported["sent_at"]
    assert set(exported) == {"kind", "reservation", "status", "attempts", "created_at", "sent_at"}

    privacy.erase(user)
    assert not OutgoingMail.objects.exists()
    assert Reservation.objects.filter(pk=reservation.pk, member=None).exists()


def test_the_outbox_stores_no_address_and_no_text(world, committed):
    with committed():
        reserve(world)
    row = OutgoingMail.objects.values().get()
    stored = " ".join(str(value) for value in row.values())
    assert "@" not in stored and "Klopboormachine" not in stored
