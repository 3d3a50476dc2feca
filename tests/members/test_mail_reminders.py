"""Reservation reminders by `send_reminders`, each once, and a mail server that is down: the
reservation stays saved and a failed outbox row is sent by a later run (the world is in
``mail_world.py``).

"Today" is Monday 14 December 2026.
"""

import datetime
import io
import logging
import smtplib
from unittest import mock

import pytest

from django.core import mail as django_mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from lending import mail
from lending import rules as service
from lending.models import OutgoingMail
from tests.members.mail_world import (
    ADDRESS,
    LOCMEM_SEND,
    MONDAY_2,
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
    run_reminders,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_today")]


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
        "Ding IN-0003 was due back on Thursday 10 December 2026",
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
    assert "tomorrow, Tuesday 15 December 2026, Klopboormachine is ready for you" in pickup
    assert "€ 25.00" in pickup
    # Return semantics: the last day of the loan; Wednesday 16 December is an open day.
    assert "on or before Wednesday 16 December 2026" in pickup
    assert "On that day it is open 14:00–18:00." in pickup

    back = messages[Kind.RETURN_REMINDER].body
    # The copy at home is the one to bring back: its code is in the return reminder only.
    assert f"({due['return'].copy.code})" in back
    assert due["return"].copy.code not in pickup
    # Tuesday 15 December is a closed day: come earlier.
    assert "Gereedschapsbib is closed on that day, so come at an opening before it." in back

    overdue = messages[Kind.OVERDUE]
    assert "ended on Thursday 10 December 2026, 4 days ago" in overdue.body
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
    world, french_social_member, committed, freeze_time, mail_today, caplog
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
    assert row.next_attempt_at == mail_today + datetime.timedelta(minutes=5)
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


def test_a_failed_mail_is_retried_by_the_worker_at_its_time(world, settings, committed):
    """With the database task backend (production), a failure enqueues the next attempt for
    the time of next_attempt_at; the worker sends it then, not at the next send_reminders."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAIL_RETRY_SECONDS = [60, 60]
    reservation = booked(world["item"], world["member"], WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    row = mail.queue(world["member"].user, Kind.CONFIRMED, reservation)
    with server_down(), committed():
        assert mail.send(row.pk) == MailStatus.FAILED
    row.refresh_from_db()
    task = DBTaskResult.objects.get(task_path="lending.mail.deliver")
    assert task.args_kwargs["args"] == [row.pk, 1]  # the retry after the first attempt
    assert task.run_after == row.next_attempt_at
    assert not DBTaskResult.objects.ready().exists()  # not before its time

    # What the worker runs at that time (the real worker does it in CI's production run,
    # .ci/production.py; here it would close the test's database connection).
    DBTaskResult.objects.update(run_after=task.run_after - datetime.timedelta(minutes=2))
    ready = DBTaskResult.objects.ready().get()
    assert mail.deliver.call(*ready.args_kwargs["args"]) == MailStatus.SENT
    row.refresh_from_db()
    assert (row.status, row.attempts) == (MailStatus.SENT, 2)
    assert len(django_mail.outbox) == 1


def test_the_retry_delays_can_be_configured_and_the_last_failure_gives_up(world, settings):
    settings.MAIL_RETRY_SECONDS = [8]
    reservation = booked(world["item"], world["member"], WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    row = mail.queue(world["member"].user, Kind.CONFIRMED, reservation)
    with server_down():
        mail.send(row.pk)
        row.refresh_from_db()
        assert row.status == MailStatus.FAILED
        assert 7 <= (row.next_attempt_at - timezone.now()).total_seconds() <= 8
        mail.send(row.pk, now=row.next_attempt_at)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (MailStatus.FAILED, 2, None)


def test_a_scheduled_retry_does_nothing_once_the_mail_was_tried_again(world, settings, committed):
    """send_reminders retried the row first (and failed again, scheduling its own retry): the
    retry scheduled after the first attempt must not make a third attempt before its time."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reservation = booked(world["item"], world["member"], WEDNESDAY, MONDAY_2, Status.CONFIRMED)
    row = mail.queue(world["member"].user, Kind.CONFIRMED, reservation)
    with server_down(), committed():
        mail.send(row.pk)
        row.refresh_from_db()
        mail.send(row.pk, now=row.next_attempt_at)
    row.refresh_from_db()
    assert row.attempts == 2
    assert mail.deliver.call(row.pk, 1) == "superseded"
    row.refresh_from_db()
    assert (row.attempts, row.status) == (2, MailStatus.FAILED)
    assert django_mail.outbox == []
