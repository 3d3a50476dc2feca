"""The status transitions of a reservation, part of the rules service (``lending.rules``
names them): ``confirm``, ``hand_out``, ``take_back``, ``cancel`` and ``no_show``, each under a
row lock and leaving a ``ReservationEvent``. A copy that comes back (taken back, a reservation
cancelled or not picked up) is offered to the first in the item's waiting line once the
transition has committed (``lending/waiting.py``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lending import mail
from lending.models import Reservation, ReservationEvent

from .rules import MailKind, ReservationRefused, RuleError, Status, _actor, _date


def _transition(
    reservation,
    to_status,
    allowed,
    refusal,
    *,
    by,
    note,
    check_locked=None,
    mail_kind=None,
    after=None,
    **changes,
):
    with transaction.atomic():
        locked = Reservation.objects.select_for_update().get(pk=reservation.pk)
        if locked.status not in allowed:
            raise ReservationRefused([RuleError(None, refusal(locked), "status")])
        if check_locked is not None:
            errors = check_locked(locked)
            if errors:
                raise ReservationRefused(errors)
        from_status = locked.status
        locked.status = to_status
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=["status", "updated_at", *changes])
        ReservationEvent.objects.create(
            reservation=locked,
            from_status=from_status,
            to_status=to_status,
            by=_actor(by),
            note=note,
        )
        if after is not None:  # what the desk records with the step (lending/desk_counter.py)
            after(locked)
        if mail_kind is not None:
            mail.queue_for_reservation(locked, mail_kind)
    for name in ("status", "updated_at", *changes):
        setattr(reservation, name, getattr(locked, name))
    return reservation


def _copy_came_back(reservation):
    """The copy is free again: offer it to the first in the item's line once committed."""
    from .waiting import offer_after_commit

    offer_after_commit(reservation.item)


def _status_label(reservation):
    return reservation.get_status_display()


def confirm(reservation, *, by=None, note="", notify=True):
    def refusal(locked):
        return _("Only a requested reservation can be confirmed; this one is %(status)s.") % {
            "status": _status_label(locked)
        }

    return _transition(
        reservation,
        Status.CONFIRMED,
        {Status.REQUESTED},
        refusal,
        by=by,
        note=note,
        mail_kind=MailKind.CONFIRMED if notify else None,
    )


def hand_out(reservation, *, by=None, note="", after=None):
    def refusal(locked):
        if locked.status == Status.REQUESTED:
            return _("Confirm this reservation before handing out the item.")
        return _("Only a confirmed reservation can be handed out; this one is %(status)s.") % {
            "status": _status_label(locked)
        }

    return _transition(
        reservation, Status.PICKED_UP, {Status.CONFIRMED}, refusal, by=by, note=note, after=after
    )


def take_back(
    reservation, *, by=None, condition_note="", accessories_checked=False, note="", after=None
):
    def refusal(locked):
        if locked.status in (Status.REQUESTED, Status.CONFIRMED):
            return _("This item was never handed out, so it cannot be taken back.")
        return _(
            "Only an item that was handed out can be taken back; this reservation is %(status)s."
        ) % {"status": _status_label(locked)}

    done = _transition(
        reservation,
        Status.RETURNED,
        {Status.PICKED_UP},
        refusal,
        by=by,
        note=note,
        condition_note=condition_note,
        accessories_checked=accessories_checked,
        after=after,
    )
    _copy_came_back(done)
    return done


def cancel(reservation, *, by=None, note=""):
    def refusal(locked):
        if locked.status == Status.PICKED_UP:
            return _("The item has been handed out already: take it back instead of cancelling.")
        return _(
            "Only a requested or confirmed reservation can be cancelled; this one is %(status)s."
        ) % {"status": _status_label(locked)}

    done = _transition(
        reservation,
        Status.CANCELLED,
        {Status.REQUESTED, Status.CONFIRMED},
        refusal,
        by=by,
        note=note,
        mail_kind=MailKind.CANCELLED,
    )
    _copy_came_back(done)
    return done


def no_show(reservation, *, by=None, note="", today=None):
    today = today or timezone.localdate()

    def refusal(locked):
        return _(
            "Only a confirmed reservation can be marked as not picked up; this one is %(status)s."
        ) % {"status": _status_label(locked)}

    def not_before_pickup(locked):
        if today >= locked.pickup_date:
            return []
        message = _("The pickup date (%(date)s) has not come yet, so this is not a no-show.")
        return [RuleError(None, message % {"date": _date(locked.pickup_date)}, "too_early")]

    done = _transition(
        reservation,
        Status.NO_SHOW,
        {Status.CONFIRMED},
        refusal,
        by=by,
        note=note,
        check_locked=not_before_pickup,
    )
    _copy_came_back(done)
    return done
