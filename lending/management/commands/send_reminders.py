"""``manage.py send_reminders [--today YYYY-MM-DD] [--dry-run]``: the reservation mails cron sends.

Meant to run every hour (or once a day). It

1. retries outbox rows that failed and whose wait is over, and sends pending rows that no
   worker has sent within a few minutes (``lending.mail.STALE_AFTER``);
2. queues a pickup reminder for each confirmed reservation picked up tomorrow, a return
   reminder for each loan whose last day is tomorrow, and an overdue notice for each loan
   whose return date has passed.

Each reminder goes at most once per reservation (a unique constraint on the outbox), so
running the command twice, or every hour, sends nothing twice.
"""

import datetime
import logging

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils import timezone

from lending import mail, waiting
from lending.models import OutgoingMail, Reservation

logger = logging.getLogger(__name__)

Kind = OutgoingMail.Kind
MailStatus = OutgoingMail.Status
Status = Reservation.Status

NOUNS = {
    Kind.PICKUP_REMINDER: ("pickup reminder", "pickup reminders"),
    Kind.RETURN_REMINDER: ("return reminder", "return reminders"),
    Kind.OVERDUE: ("overdue notice", "overdue notices"),
}


def counted(number, singular, plural):
    return f"{number} {singular if number == 1 else plural}"


def parse_day(value):
    if value is None:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"--today takes a date as YYYY-MM-DD (for example 2026-12-01), not {value!r}."
        ) from None


def candidates(kind, today):
    """The reservations that should get a reminder of this kind and have not had it."""
    tomorrow = today + datetime.timedelta(days=1)
    reservations = Reservation.objects.filter(member__isnull=False).select_related("member")
    if kind == Kind.PICKUP_REMINDER:
        reservations = reservations.filter(status=Status.CONFIRMED, pickup_date=tomorrow)
    elif kind == Kind.RETURN_REMINDER:
        reservations = reservations.filter(status=Status.PICKED_UP, return_date=tomorrow)
    else:
        reservations = reservations.filter(status=Status.PICKED_UP, return_date__lt=today)
    already = OutgoingMail.objects.filter(kind=kind).values("reservation_id")
    return reservations.exclude(pk__in=already).order_by("pk")


class Command(BaseCommand):
    help = "Queue the pickup and return reminders and overdue notices, and retry failed mails."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="act as if today were this date (default: today in Europe/Brussels)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would be queued and retried, without sending or saving anything",
        )

    def queue_reminders(self, today, dry_run, verbose):
        """Queue each kind of reminder for the reservations due one today; counts per kind."""
        queued = {}
        for kind in NOUNS:
            queued[kind] = 0
            for reservation in candidates(kind, today):
                if dry_run or mail.queue_for_reservation(reservation, kind):
                    queued[kind] += 1
                    if verbose:
                        action = "Would queue" if dry_run else "Queued"
                        self.stdout.write(
                            f"{action} {NOUNS[kind][0]} for reservation {reservation.pk}"
                        )
        return queued

    @no_translations
    def handle(self, *args, today=None, dry_run=False, **options):
        today = parse_day(today)
        now = timezone.now()
        verbose = options.get("verbosity", 1) >= 2

        # Retries first: a reminder queued below that fails now waits for its backoff.
        due = list(mail.retry_due(now).values_list("pk", "kind"))
        outcome = {"retried": 0, "failed": 0, "skipped": 0}
        for pk, kind in due:
            if dry_run:
                outcome["retried"] += 1
                if verbose:
                    self.stdout.write(f"Would retry {kind} mail {pk}")
                continue
            try:
                status = mail.send(pk, now=now, today=today)
            except Exception:
                # A mail that cannot even be rendered must not stop the others; its row
                # stays claimed and is tried again later, up to the last attempt.
                logger.exception("Could not retry %s mail %s", kind, pk)
                status = MailStatus.FAILED
            if status in ("busy", "missing"):
                continue
            outcome["retried"] += 1
            if status == MailStatus.FAILED:
                outcome["failed"] += 1
            elif status == MailStatus.SKIPPED:
                outcome["skipped"] += 1
            if verbose:
                self.stdout.write(f"Retried {kind} mail {pk}: {status}")

        queued = self.queue_reminders(today, dry_run, verbose)

        # Offers from a waiting line that were not claimed in time go to the next in line.
        expired = 0 if dry_run else waiting.expire_offers(today=today)
        reminders = ", ".join(counted(queued[kind], *NOUNS[kind]) for kind in NOUNS)
        if expired:
            reminders += (
                f", {counted(expired, 'waiting-list offer', 'waiting-list offers')} expired"
            )
        if dry_run:
            summary = (
                f"Dry run for {today.isoformat()}: {reminders} would be queued; "
                f"{counted(outcome['retried'], 'mail', 'mails')} would be retried."
            )
            self.stdout.write(summary)
            return
        summary = (
            f"{reminders} queued; {outcome['retried']} retried, {outcome['failed']} failed again"
        )
        if outcome["skipped"]:
            summary += f", {outcome['skipped']} no longer needed"
        style = self.style.WARNING if outcome["failed"] else self.style.SUCCESS
        self.stdout.write(style(summary + "."))
