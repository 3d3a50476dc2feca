"""Reservation e-mails through an outbox: a row per mail, delivered by a django-tasks task.

``queue()`` writes an ``OutgoingMail`` row in the caller's transaction (the reservation and
its mail are saved together or not at all) and enqueues ``deliver`` once that transaction has
committed. The task renders the mail at send time, in the member's language: the row holds
neither the address nor the text, so erasing the user leaves nothing behind. A mail server
that is down costs a failed row with a later ``next_attempt_at``, and ``deliver`` is enqueued
again to run at that time (with a task backend that can defer, the database worker in
production); ``send_reminders`` (hourly) is the safety net: it retries rows whose time has
passed and rows that no worker has sent within a few minutes.

What a mail never holds: anything about the social tariff (tariff, evidence, who verified it).
What a log line never holds: the address (SMTP errors may quote it, so only their class and
code are kept).
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from lending.mail_rules import ACCOUNT_KINDS, APPLICATION_KINDS, no_longer_needed
from lending.models import OutgoingMail
from members.accounts import absolute_url, account_mail, language_of

logger = logging.getLogger(__name__)

Kind = OutgoingMail.Kind
MailStatus = OutgoingMail.Status

# Waiting time after the n-th failed attempt; after the last one the mail is given up.
RETRY_DELAYS = (
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=12),
    datetime.timedelta(hours=24),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A pending row that no worker has sent by then is sent by `send_reminders`; an attempt that
# died half-way (a worker killed while talking to the server) is retried after as long.
STALE_AFTER = datetime.timedelta(minutes=10)

TEMPLATE_DIR = "lending/email"


# Queueing -----------------------------------------------------------------------------------


def queue(user, kind, reservation):
    """Write the mail's outbox row and send it once the current transaction commits.

    Returns the row, or None when it existed already (each kind goes once per reservation).
    """
    return _queue(user.pk, kind, reservation)


def queue_for_reservation(reservation, kind, *, new=False):
    """Queue a mail to the reservation's member; nothing for a reservation without one.

    ``new``: the reservation was created in this transaction, so it has no mail yet.
    """
    if reservation.member_id is None:
        return None
    # reserve() hands over the member it locked, so this costs no query there.
    return _queue(reservation.member.user_id, kind, reservation, new=new)


def _queue(user_id, kind, reservation, new=False):
    fields = {"user_id": user_id, "next_attempt_at": timezone.now() + STALE_AFTER}
    if new:
        row = OutgoingMail.objects.create(reservation=reservation, kind=kind, **fields)
    else:
        row, created = OutgoingMail.objects.get_or_create(
            reservation=reservation, kind=kind, defaults=fields
        )
        if not created:
            return None
    transaction.on_commit(lambda: _enqueue(row.pk), robust=True)
    return row


def queue_offer(entry):
    """The mail offering a copy to the first in a waiting line (``lending/waiting.py``)."""
    row, created = OutgoingMail.objects.get_or_create(
        waiting=entry,
        kind=Kind.OFFER,
        defaults={"user_id": entry.member.user_id, "next_attempt_at": timezone.now() + STALE_AFTER},
    )
    if created:
        transaction.on_commit(lambda: _enqueue(row.pk), robust=True)
    return row if created else None


def queue_application(application):
    """The mail telling a member how their membership application was decided."""
    Status = application.Status
    kind = {
        Status.APPROVED: Kind.APPLICATION_APPROVED,
        Status.REJECTED: Kind.APPLICATION_REJECTED,
    }.get(application.status)
    if kind is None:
        return None
    row, created = OutgoingMail.objects.get_or_create(
        application=application,
        kind=kind,
        defaults={
            "user_id": application.member.user_id,
            "next_attempt_at": timezone.now() + STALE_AFTER,
        },
    )
    if created:
        transaction.on_commit(lambda: _enqueue(row.pk), robust=True)
    return row if created else None


def queue_account_mail(user, template):
    """An account mail of members/accounts.py (its template name is the kind): each request
    is its own row, sent once the current transaction commits."""
    row = OutgoingMail.objects.create(
        user=user, kind=template, next_attempt_at=timezone.now() + STALE_AFTER
    )
    transaction.on_commit(lambda: _enqueue(row.pk), robust=True)
    return row


def _enqueue(mail_id):
    try:
        deliver.enqueue(mail_id)
    except Exception:
        # The row stays pending: `send_reminders` sends it once it is stale.
        logger.warning("Could not enqueue outgoing mail %s", mail_id, exc_info=True)


# Delivering ---------------------------------------------------------------------------------


@task()
def deliver(mail_id: int, after_attempt: int | None = None) -> str:
    """Send one outbox row; returns its status afterwards ("sent", "failed", "skipped", ...).

    ``after_attempt``: a retry scheduled after that many attempts, which does nothing when the
    row has been tried again meanwhile (by send_reminders): its own retry is scheduled."""
    return str(send(mail_id, after_attempt=after_attempt))


def send(mail_id, *, now=None, today=None, after_attempt=None):
    """Claim the row, render it in the member's language and send it. Returns the status."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    row = OutgoingMail.objects.filter(pk=mail_id).first()
    if row is None:
        return "missing"
    if row.status in (MailStatus.SENT, MailStatus.SKIPPED):
        return row.status
    if after_attempt is not None and row.attempts != after_attempt:
        return "superseded"
    if row.attempts >= max_attempts():
        # An attempt that never came back (a worker that died) counted as the last one.
        _give_up(row, row.last_error or "no answer")
        return row.status
    # Claiming by the attempt count: of two workers that read the same row, only one
    # updates it, so a mail is not sent twice when the worker and the cron meet.
    claimed = OutgoingMail.objects.filter(
        pk=row.pk, attempts=row.attempts, status=row.status
    ).update(attempts=row.attempts + 1, next_attempt_at=now + STALE_AFTER)
    if not claimed:
        return "busy"
    row.attempts += 1

    reason = no_longer_needed(row, today)
    if reason:
        _finish(row, MailStatus.SKIPPED, error=reason)
        return row.status

    message = render(row, today=today)
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        _failed(row, _describe(error), now)
        return row.status
    _finish(row, MailStatus.SENT, sent_at=timezone.now())
    return row.status


def _describe(error):
    """The class and SMTP code of an error: str() of SMTP errors can quote the address."""
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def _finish(row, status, *, error="", sent_at=None):
    row.status, row.last_error, row.sent_at, row.next_attempt_at = status, error, sent_at, None
    row.save(update_fields=["status", "last_error", "sent_at", "next_attempt_at"])


def max_attempts():
    return len(retry_delays()) + 1


def retry_delays():
    configured = getattr(settings, "MAIL_RETRY_SECONDS", None)
    if configured:
        return tuple(datetime.timedelta(seconds=seconds) for seconds in configured)
    return RETRY_DELAYS


def _failed(row, error, now):
    delays = retry_delays()
    if row.attempts >= max_attempts():
        _give_up(row, error)
        return
    delay = delays[row.attempts - 1]
    row.status, row.last_error, row.next_attempt_at = MailStatus.FAILED, error[:200], now + delay
    row.save(update_fields=["status", "last_error", "next_attempt_at"])
    when, mail_id, attempts = row.next_attempt_at, row.pk, row.attempts
    transaction.on_commit(lambda: _schedule_retry(mail_id, when, attempts), robust=True)
    logger.warning(
        "Could not send %s mail %s (attempt %s, %s); next attempt at %s",
        row.kind,
        row.pk,
        row.attempts,
        error,
        row.next_attempt_at.isoformat(),
    )


def _schedule_retry(mail_id, when, attempts):
    """Enqueue the next attempt for its time, where the task backend can wait that long."""
    if not deliver.get_backend().supports_defer:
        return  # the immediate backend of development: send_reminders retries it
    try:
        deliver.using(run_after=when).enqueue(mail_id, attempts)
    except Exception:
        logger.warning("Could not schedule the retry of mail %s", mail_id, exc_info=True)


def _give_up(row, error):
    row.status, row.last_error, row.next_attempt_at = MailStatus.FAILED, error[:200], None
    row.save(update_fields=["status", "last_error", "next_attempt_at"])
    logger.error(
        "Gave up on %s mail %s (reservation %s) after %s attempts: %s",
        row.kind,
        row.pk,
        row.reservation_id,
        row.attempts,
        error,
    )


def retry_due(now=None):
    """Rows to (re)try now: failed ones whose wait is over, pending ones no worker sent."""
    now = now or timezone.now()
    return OutgoingMail.objects.filter(
        status__in=(MailStatus.PENDING, MailStatus.FAILED), next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")


# Rendering ----------------------------------------------------------------------------------


def render(row, today=None) -> EmailMultiAlternatives:
    """The mail for an outbox row, in the recipient's language, plain text and HTML."""
    user = row.user
    if row.kind in ACCOUNT_KINDS:
        return account_mail(user, row.kind)
    language = _mail_language(user)
    with translation.override(language):
        if row.kind == Kind.OFFER:
            context = offer_context(row)
        elif row.kind in APPLICATION_KINDS:
            context = application_context(row)
        else:
            context = context_for(row, today or timezone.localdate())
        base = f"{TEMPLATE_DIR}/reservation_{row.kind}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    # Answers go to the initiative's volunteers rather than to a mailbox nobody reads.
    reply_to = [context["contact_email"]] if context["contact_email"] else None
    message = EmailMultiAlternatives(subject, text, None, [user.email], reply_to=reply_to)
    message.attach_alternative(html, "text/html")
    return message


def _mail_language(user):
    language = language_of(user, default=settings.LANGUAGE_CODE)
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def format_day(day):
    """A date with its weekday, in the active language ("mercredi 16 décembre 2026")."""
    return _("%(weekday)s %(date)s") % {
        "weekday": formats.date_format(day, "l"),
        "date": formats.date_format(day, "DATE_FORMAT"),
    }


def offer_context(row):
    """What the offer mail shows, in the active language: the item, until when to claim it,
    where, and the link to claim it."""
    entry = row.waiting
    item = entry.item
    initiative = item.initiative
    local_initiative = initiative.localized
    claim = reverse("lending:claim_offer", args=[entry.pk])
    return {
        "kind": row.kind,
        "first_name": row.user.first_name,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "item_name": item.localized.name,
        "initiative_name": local_initiative.title,
        "location": local_initiative.location_in_building or initiative.location_in_building,
        "contact_email": initiative.contact_email,
        "contact_phone": initiative.contact_phone,
        "claim_until": format_day(entry.claim_until),
        "claim_url": absolute_url(None, claim),
        "account_url": absolute_url(None, reverse("members:account")),
    }


def application_context(row):
    """What a decision mail shows: the initiative, the membership's dates or the reason.
    Nothing of the tariff (docs/architecture.md, "Who sees what")."""
    application = row.application
    initiative = application.initiative
    local_initiative = initiative.localized
    membership = application.membership
    return {
        "kind": row.kind,
        "first_name": row.user.first_name,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "initiative_name": local_initiative.title,
        "location": local_initiative.location_in_building or initiative.location_in_building,
        "contact_email": initiative.contact_email,
        "contact_phone": initiative.contact_phone,
        "start": format_day(membership.start) if membership else "",
        "end": format_day(membership.end) if membership else "",
        "reason": application.reason,
        "account_url": absolute_url(None, reverse("members:account")),
    }


def _receipt_context(row, reservation):
    """A receipt's copy code, deposit and what was noted at the return."""
    if row.kind not in (Kind.RECEIPT_OUT, Kind.RECEIPT_BACK):
        return {}
    from lending.models import Deposit

    deposit = Deposit.objects.filter(reservation=reservation).first()
    context = {
        "copy_code": reservation.copy.code,
        "condition_note": reservation.condition_note,
        "returned_on": format_day(timezone.localdate(reservation.updated_at)),
    }
    if deposit is not None:
        context.update(
            deposit_taken=formats.number_format(deposit.amount, 2),
            deposit_method=deposit.get_method_display(),
        )
        if deposit.returned_amount is not None:
            kept = deposit.amount - deposit.returned_amount
            context.update(
                deposit_returned=formats.number_format(deposit.returned_amount, 2),
                deposit_kept=formats.number_format(kept, 2) if kept else "",
                kept_reason=deposit.kept_reason,
            )
    return context


def context_for(row, today):
    """What the templates may show, in the active language.

    Deliberately no member object: nothing of the social tariff can reach a template.
    """
    from initiatives.hours import describe_day
    from lending.models import ReservationEvent

    reservation = row.reservation
    item = reservation.item
    # Items and initiatives are translated as rows of their own (wagtail-localize): the
    # live translation in the active language, else the Dutch row the reservation holds.
    local_item = item.localized
    initiative = item.initiative
    local_initiative = initiative.localized
    schedule = initiative.schedule
    pickup_day = schedule.day(reservation.pickup_date)
    return_day = schedule.day(reservation.return_date)
    deposit = item.effective_deposit()
    cancelled_by_member = False
    if row.kind == Kind.CANCELLED:
        event = (
            ReservationEvent.objects.filter(
                reservation=reservation, to_status=reservation.Status.CANCELLED
            )
            .order_by("-pk")
            .first()
        )
        cancelled_by_member = event is not None and event.by_id == row.user_id
    member = reservation.member
    return {
        "kind": row.kind,
        "first_name": row.user.first_name,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "item_name": local_item.name,
        # The copy's code once it is at home (to bring back the right one); before that the
        # member reserved the item, whichever copy they will get (docs/architecture.md).
        "item_code": reservation.copy.code
        if reservation.status == reservation.Status.PICKED_UP
        else "",
        "contents": local_item.contents_list(),
        "initiative_name": local_initiative.title,
        "location": local_initiative.location_in_building or initiative.location_in_building,
        "contact_email": initiative.contact_email,
        "contact_phone": initiative.contact_phone,
        "pickup_date": format_day(reservation.pickup_date),
        "return_date": format_day(reservation.return_date),
        "pickup_hours": describe_day(pickup_day) if pickup_day.is_open else "",
        "return_hours": describe_day(return_day) if return_day.is_open else "",
        "deposit": formats.number_format(deposit, 2) if deposit else "",
        "member_number": member.member_number if member is not None else "",
        "days_overdue": max((today - reservation.return_date).days, 0),
        "cancelled_by_member": cancelled_by_member,
        **_receipt_context(row, reservation),
        # Reversed under the active language: /fr/account/ for a French-speaking member.
        "account_url": absolute_url(None, reverse("members:account")),
    }
