"""Reservation e-mails: queued in the transaction of the change, sent through django-tasks once
it commits, in the member's language, plain text and HTML, never a word about the social
tariff; reminders by `send_reminders`, each once; a mail server that is down leaves the
reservation saved and a failed outbox row that a later run sends.

"Today" is Monday Dec. 14, 2026. The initiative opens on Mondays 09–12 and Wednesdays
14–18.
"""

import datetime
import io
import json
import logging
import smtplib
from decimal import Decimal
from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.core import mail as django_mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from catalogue import reservations as service
from catalogue.models import Reservation
from members import mail, privacy
from members.models import Member, OutgoingMail, Tariff
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 12, 14)  # a Monday
TOMORROW = D(2026, 12, 15)
WEDNESDAY = D(2026, 12, 16)
MONDAY_2 = D(2026, 12, 21)

Kind = OutgoingMail.Kind
MailStatus = OutgoingMail.Status
Status = Reservation.Status
ADDRESS = "Fatima.ElAmrani@example.be"
LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture(autouse=True)
def today(freeze_time):
    return freeze_time(2026, 12, 14, 10)


@pytest.fixture
def world(db):
    """An initiative that lends (with a French translation), a translated item with a deposit
    and accessories, an English-speaking member and a volunteer."""
    trees = factories.build_site_tree(languages=("nl", "fr"))
    initiative = trees["nl"].initiative
    initiative.lends_items = True
    initiative.reservations_enabled = True
    initiative.requires_membership = False
    initiative.auto_confirm = False
    initiative.max_active_reservations = 10
    initiative.default_deposit = Decimal("25")
    initiative.location_in_building = "Unit 3, aan de binnenkoer"
    initiative.save()
    category = factories.build_category("Boren", "boren", translations={"fr": "Perceuses"})
    item = factories.build_item(
        initiative,
        category,
        "Klopboormachine",
        "IN-0001",
        contents="Boorkoffer\nSet boren",
        translations={
            "fr": {"name": "Perceuse à percussion", "contents": "Mallette\nJeu de mèches"}
        },
    )
    # English, the language of the msgids; the French member's test covers another language.
    member = factories.MemberFactory(
        user__first_name="An", user__email="an@example.be", preferred_language="en"
    )
    volunteer = factories.UserFactory(username="vrijwilliger")
    return {
        "initiative": initiative,
        "initiative_fr": trees["fr"].initiative,
        "category": category,
        "item": item,
        "member": member,
        "volunteer": volunteer,
    }


def another_item(world, code):
    return factories.build_item(world["initiative"], world["category"], f"Ding {code}", code)


@pytest.fixture
def verifier(db):
    return get_user_model().objects.create_user(
        "coordinatie", "coordinatie@example.be", "x", first_name="Griet", last_name="Verbeke"
    )


@pytest.fixture
def french_social_member(make_member, verifier):
    return make_member(
        ADDRESS,
        first_name="Fatima",
        last_name="El Amrani",
        preferred_language="fr",
        tariff=Tariff.SOCIAL,
        social_verified_by=verifier,
        social_verified_on=TODAY - datetime.timedelta(days=30),
        social_valid_until=TODAY + datetime.timedelta(days=300),
        social_evidence=Member.SocialEvidence.UITPAS,
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block left for after the commit (the tasks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def reserve(world, member=None, pickup=WEDNESDAY, return_date=MONDAY_2, item=None, **kwargs):
    return service.reserve(
        item or world["item"], member or world["member"], pickup, return_date, today=TODAY, **kwargs
    )


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def booked(item, member, pickup, return_date, status):
    """A reservation written straight to the table, as if it had got there earlier."""
    return Reservation.objects.create(
        item=item, member=member, pickup_date=pickup, return_date=return_date, status=status
    )


def run_reminders(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


# Each transition, its mail -------------------------------------------------------------------


def test_a_request_mails_received_and_the_confirmation_mails_confirmed(world, committed):
    with committed():
        reservation = reserve(world)
    [received] = django_mail.outbox
    assert received.to == ["an@example.be"]
    assert received.subject == "We received your reservation of Klopboormachine"
    assert "Klopboormachine (IN-0001)" in received.body
    assert "Gereedschapsbib, Unit 3, aan de binnenkoer" in received.body
    assert "Wednesday Dec. 16, 2026 (14:00–18:00)" in received.body
    assert "Monday Dec. 21, 2026" in received.body
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
        assert "on or before Monday Dec. 21, 2026" in text
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
        assert "Perceuse à percussion" in text and "IN-0001" in text
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


# Reminders -------------------------------------------------------------------------------


@pytest.fixture
def due(world):
    """Reservations on a Monday: one to remind of its pickup, one of its return, one overdue,
    and some that get nothing."""
    member = world["member"]
    item = world["item"]
    return {
        "pickup": booked(item, member, TOMORROW, WEDNESDAY, Status.CONFIRMED),
        "return": booked(
            another_item(world, "IN-0002"), member, D(2026, 12, 9), TOMORROW, Status.PICKED_UP
        ),
        "overdue": booked(
            another_item(world, "IN-0003"),
            member,
            D(2026, 12, 2),
            D(2026, 12, 10),
            Status.PICKED_UP,
        ),
        # Nothing for these: not confirmed yet, not tomorrow, without a member, returned.
        "requested": booked(
            another_item(world, "IN-0004"), member, TOMORROW, WEDNESDAY, Status.REQUESTED
        ),
        "later": booked(
            another_item(world, "IN-0005"), member, WEDNESDAY, MONDAY_2, Status.CONFIRMED
        ),
        "anonymous": booked(
            another_item(world, "IN-0006"), None, D(2026, 12, 2), D(2026, 12, 10), Status.PICKED_UP
        ),
        "returned": booked(
            another_item(world, "IN-0007"), member, D(2026, 12, 2), D(2026, 12, 10), Status.RETURNED
        ),
    }


def test_reminders_go_once_however_often_the_command_runs(due, committed):
    with committed():
        output = run_reminders("--today", "2026-12-14")
    assert "1 pickup reminder, 1 return reminder, 1 overdue notice queued" in output
    assert "0 retried, 0 failed again" in output
    subjects = sorted(message.subject for message in django_mail.outbox)
    assert subjects == [
        "Ding IN-0003 was due back on Thursday Dec. 10, 2026",
        "Tomorrow is the last day to bring back Ding IN-0002",
        "Tomorrow you can pick up Klopboormachine",
    ]
    rows = OutgoingMail.objects.order_by("kind")
    assert {(row.kind, row.reservation_id) for row in rows} == {
        (Kind.OVERDUE, due["overdue"].pk),
        (Kind.PICKUP_REMINDER, due["pickup"].pk),
        (Kind.RETURN_REMINDER, due["return"].pk),
    }
    assert {row.status for row in rows} == {MailStatus.SENT}

    with committed():
        again = run_reminders("--today", "2026-12-14")
    assert "0 pickup reminders, 0 return reminders, 0 overdue notices queued" in again
    assert len(django_mail.outbox) == 3
    assert OutgoingMail.objects.count() == 3


def test_the_reminders_say_what_to_do(due, committed):
    with committed():
        run_reminders("--today", "2026-12-14")
    by_kind = {row.kind: row for row in OutgoingMail.objects.all()}
    messages = {kind: mail.render(row) for kind, row in by_kind.items()}

    pickup = messages[Kind.PICKUP_REMINDER].body
    assert "tomorrow, Tuesday Dec. 15, 2026, Klopboormachine is ready for you" in pickup
    assert "€ 25.00" in pickup
    # Return semantics: the last day of the loan; Wednesday 16 December is an open day.
    assert "on or before Wednesday Dec. 16, 2026" in pickup
    assert "On that day it is open 14:00–18:00." in pickup

    back = messages[Kind.RETURN_REMINDER].body
    # Tuesday 15 December is a closed day: come earlier.
    assert "Gereedschapsbib is closed on that day, so come at an opening before it." in back

    overdue = messages[Kind.OVERDUE]
    assert "ended on Thursday Dec. 10, 2026, 4 days ago" in overdue.body
    assert "4 days ago" in html_of(overdue)


def test_an_overdue_notice_goes_once_even_days_later(due, committed, freeze_time):
    with committed():
        run_reminders("--today", "2026-12-14")
    freeze_time(2026, 12, 16, 10)
    with committed():
        output = run_reminders()
    # The loan whose last day was yesterday is overdue now; the other had its notice.
    assert "0 pickup reminders, 0 return reminders, 1 overdue notice queued" in output
    overdue = OutgoingMail.objects.filter(kind=Kind.OVERDUE)
    assert sorted(overdue.values_list("reservation_id", flat=True)) == sorted(
        [due["overdue"].pk, due["return"].pk]
    )
    with committed():
        assert "0 overdue notices queued" in run_reminders()
    assert overdue.count() == 2


def test_a_dry_run_reports_and_sends_nothing(due, committed):
    with committed():
        output = run_reminders("--today", "2026-12-14", "--dry-run")
    assert "1 pickup reminder, 1 return reminder, 1 overdue notice would be queued" in output
    assert "Dry run for 2026-12-14" in output
    assert django_mail.outbox == [] and not OutgoingMail.objects.exists()


@pytest.mark.parametrize("value", ["14-12-2026", "tomorrow", "2026-02-30", ""])
def test_a_bad_today_is_refused_with_a_clear_message(db, value):
    with pytest.raises(CommandError, match=r"--today takes a date as YYYY-MM-DD"):
        run_reminders("--today", value)


def test_verbose_output_names_reservations_not_addresses(due, committed):
    out = io.StringIO()
    with committed():
        call_command("send_reminders", "--today", "2026-12-14", verbosity=2, stdout=out)
    output = out.getvalue()
    assert f"Queued pickup reminder for reservation {due['pickup'].pk}" in output
    assert "@" not in output


# The mail server is down ----------------------------------------------------------------------


def server_down():
    return mock.patch(
        LOCMEM_SEND,
        side_effect=smtplib.SMTPServerDisconnected(f"Connection closed while sending to {ADDRESS}"),
    )


def test_a_mail_server_that_is_down_keeps_the_reservation_and_retries_later(
    world, french_social_member, committed, freeze_time, today, caplog
):
    caplog.set_level(logging.DEBUG)
    with server_down(), committed():
        reservation = reserve(world, member=french_social_member)
    reservation.refresh_from_db()
    assert reservation.status == Status.REQUESTED
    assert django_mail.outbox == []
    row = OutgoingMail.objects.get(reservation=reservation)
    assert (row.kind, row.status, row.attempts) == (Kind.RECEIVED, MailStatus.FAILED, 1)
    assert row.last_error == "SMTPServerDisconnected"
    # The wait starts at the failed attempt.
    assert row.next_attempt_at == today + datetime.timedelta(minutes=5)
    assert ADDRESS.lower() not in caplog.text.lower()
    assert "received mail" in caplog.text

    # Before the wait is over, the cron leaves it alone.
    with committed():
        output = run_reminders()
    assert "0 retried" in output

    # Still down after five minutes: it fails again and waits longer.
    freeze_time(2026, 12, 14, 10, 6)
    with server_down(), committed():
        output = run_reminders()
    assert "1 retried, 1 failed again" in output
    row.refresh_from_db()
    assert (row.status, row.attempts) == (MailStatus.FAILED, 2)
    assert row.next_attempt_at == freeze_time(2026, 12, 14, 10, 6) + datetime.timedelta(minutes=30)

    # Back up: the next run sends it, once.
    freeze_time(2026, 12, 14, 10, 40)
    with committed():
        output = run_reminders()
    assert "1 retried, 0 failed again" in output
    [message] = django_mail.outbox
    assert message.to == [ADDRESS]
    assert "Perceuse à percussion" in message.subject
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (MailStatus.SENT, 3, None)
    assert run_reminders().count("0 retried") == 1
    assert ADDRESS.lower() not in caplog.text.lower()


def test_after_the_last_attempt_the_mail_is_given_up(world, committed, freeze_time, caplog):
    reservation = booked(world["item"], world["member"], WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    row = mail.queue(world["member"].user, Kind.CONFIRMED, reservation)
    moment = freeze_time(2026, 12, 14, 10)
    with server_down():
        for attempt in range(1, mail.MAX_ATTEMPTS + 1):
            assert mail.send(row.pk, now=moment) == MailStatus.FAILED
            row.refresh_from_db()
            assert row.attempts == attempt
            if attempt < mail.MAX_ATTEMPTS:
                assert row.next_attempt_at > moment
                moment = row.next_attempt_at
    assert row.status == MailStatus.FAILED and row.next_attempt_at is None
    assert "Gave up on confirmed mail" in caplog.text
    assert not mail.retry_due(moment + datetime.timedelta(days=30)).exists()
    assert django_mail.outbox == []


def test_a_pending_mail_no_worker_sent_is_sent_by_the_cron(world, freeze_time, committed):
    reservation = booked(world["item"], world["member"], WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    # Queued, but the task never ran (a worker that lost it): the row stays pending.
    mail.queue(world["member"].user, Kind.CONFIRMED, reservation)
    assert run_reminders().count("0 retried") == 1
    freeze_time(2026, 12, 14, 10, 11)
    with committed():
        output = run_reminders()
    assert "1 retried, 0 failed again" in output
    assert len(django_mail.outbox) == 1
    assert OutgoingMail.objects.get().status == MailStatus.SENT


def test_a_retry_for_a_reservation_that_moved_on_sends_nothing(world, freeze_time, committed):
    reservation = booked(world["item"], world["member"], WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    with server_down(), committed():
        mail.queue(world["member"].user, Kind.PICKUP_REMINDER, reservation)
    with committed():
        service.cancel(reservation)
    freeze_time(2026, 12, 14, 11)
    with committed():
        output = run_reminders()
    assert "1 retried, 0 failed again, 1 no longer needed" in output
    assert [m.subject for m in django_mail.outbox] == [
        "Your reservation of Klopboormachine is cancelled"
    ]
    assert OutgoingMail.objects.get(kind=Kind.PICKUP_REMINDER).status == MailStatus.SKIPPED


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
