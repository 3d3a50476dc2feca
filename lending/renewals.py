"""Extending a running loan: what stands in the way, and the extension itself.

Reached through ``lending.rules.renewal_errors`` and ``lending.rules.renew``, the one rules
service; it reuses that module's errors and membership rule. An extension moves the return
date by the initiative's ``renewal_days`` (else the item's loan period), at most
``renewals_allowed`` times, never into another reservation of the same physical thing and
never beyond the membership. The return reminder and overdue notice follow the new date.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue.models import Item
from lending import mail
from lending.models import OutgoingMail, Reservation, ReservationEvent, WaitingEntry
from lending.rules import (
    MailKind,
    ReservationRefused,
    RuleError,
    Status,
    _actor,
    _date,
    _default_initiative,
    _initiative_name,
    _is_overlap_violation,
    _membership_errors,
)
from lending.transitions import _status_label


def renewal_days(reservation, initiative=None) -> int:
    """The days one extension adds: the initiative's, else the item's loan period."""
    initiative = initiative or _default_initiative(reservation.item.initiative)
    return initiative.renewal_days or reservation.item.effective_loan_days()


def new_return_date(reservation, initiative=None) -> datetime.date:
    """The return date the loan would get if it were extended now."""
    days = renewal_days(reservation, initiative)
    return reservation.return_date + datetime.timedelta(days=days)


def _renewal_overlap(reservation, new_return):
    """Whether another active reservation holds the same copy in the days the extension adds
    (the day after the return date through the new one)."""
    first_day = reservation.return_date + datetime.timedelta(days=1)
    return (
        Reservation.objects.active()
        .filter(copy_id=reservation.copy_id)
        .exclude(pk=reservation.pk)
        .overlapping(first_day, new_return)
        .exists()
    )


def renewal_errors(reservation, today=None) -> list[RuleError]:
    """Everything that stands in the way of extending this loan now; empty means go."""
    today = today or timezone.localdate()
    if reservation.status != Status.PICKED_UP:
        message = _("Only an item that was handed out can be extended; this one is %(status)s.")
        return [RuleError(None, message % {"status": _status_label(reservation)}, "status")]
    initiative = _default_initiative(reservation.item.initiative)
    if reservation.return_date < today:
        message = _(
            "This loan was due back on %(date)s: bring the item back, it can no longer be extended."
        ) % {"date": _date(reservation.return_date)}
        return [RuleError(None, message, "overdue")]
    allowed = initiative.renewals_allowed
    if reservation.renewals >= allowed:
        if not allowed:
            message = _("%(initiative)s does not extend loans.") % {
                "initiative": _initiative_name(initiative)
            }
        else:
            message = ngettext(
                "This loan has been extended %(count)d time already, as often as "
                "%(initiative)s allows.",
                "This loan has been extended %(count)d times already, as often as "
                "%(initiative)s allows.",
                reservation.renewals,
            ) % {"count": reservation.renewals, "initiative": _initiative_name(initiative)}
        return [RuleError(None, message, "renewals_used")]
    new_return = new_return_date(reservation, initiative)
    errors = []
    if WaitingEntry.objects.filter(
        item__translation_key=reservation.item.translation_key,
        status__in=WaitingEntry.OPEN_STATUSES,
    ).exists():
        message = _("Someone is waiting for this item, so the loan cannot be extended.")
        errors.append(RuleError(None, message, "waiting"))
    if _renewal_overlap(reservation, new_return):
        message = _(
            "Someone else has reserved this item before %(date)s, so the loan cannot be extended."
        ) % {"date": _date(new_return)}
        errors.append(RuleError(None, message, "needed"))
    first_day = reservation.return_date + datetime.timedelta(days=1)
    if reservation.member is not None and _membership_errors(
        initiative, reservation.member, first_day, new_return
    ):
        # Whatever the membership lacks, it does not cover the days the extension adds.
        message = _(
            "Your membership of %(initiative)s does not run until %(date)s. Renew it to "
            "extend the loan."
        ) % {"initiative": _initiative_name(initiative), "date": _date(new_return)}
        errors.append(RuleError(None, message, "membership_ends"))
    return errors


def renew(reservation, *, by=None, today=None) -> Reservation:
    """Extend a running loan by one extension, or raise ReservationRefused.

    The reminders follow the new return date: the loan's earlier return reminder, overdue
    notice and extension mail are removed, so that they can go again.
    """
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            # The item first, as reserve() does: a reservation for the days after the loan
            # waits for the extension (or the other way round), then the reservation itself.
            list(Item.objects.select_for_update().filter(pk=reservation.item_id).values("pk"))
            locked = (
                Reservation.objects.select_for_update(of=("self",))
                .select_related("item", "item__initiative", "member")
                .get(pk=reservation.pk)
            )
            errors = renewal_errors(locked, today=today)
            if errors:
                raise ReservationRefused(errors)
            _extend(locked, by)
    except IntegrityError as error:
        # Only PostgreSQL's exclusion constraint gets here, when the lock was bypassed.
        if _is_overlap_violation(error):
            message = _("Someone else has reserved this item meanwhile.")
            raise ReservationRefused([RuleError(None, message, "needed")]) from error
        raise
    for name in ("return_date", "renewals", "updated_at"):
        setattr(reservation, name, getattr(locked, name))
    return reservation


def _extend(locked, by):
    """Write one extension of a locked, running loan, its history and its mail."""
    new_return = new_return_date(locked)
    locked.return_date = new_return
    locked.renewals += 1
    locked.save(update_fields=["return_date", "renewals", "updated_at"])
    # The note is stored, so in the site's language rather than the actor's.
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Extended until %(date)s") % {"date": _date(new_return)}
    ReservationEvent.objects.create(
        reservation=locked,
        from_status=Status.PICKED_UP,
        to_status=Status.PICKED_UP,
        by=_actor(by),
        note=note,
    )
    OutgoingMail.objects.filter(
        reservation=locked,
        kind__in=(MailKind.RENEWED, MailKind.RETURN_REMINDER, MailKind.OVERDUE),
    ).delete()
    mail.queue_for_reservation(locked, MailKind.RENEWED)
