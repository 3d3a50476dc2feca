"""The reservation rules and status transitions: the one place the form, the desk and tests use.

``check()`` lists what stands in the way of a reservation, ``reserve()`` writes one under a row
lock on the item, holding the copy ``choose_copy()`` picks (docs/architecture.md, "Items and
copies"), and ``confirm``/``hand_out``/``take_back``/``cancel``/``no_show`` move it along, each
leaving a ``ReservationEvent``. ``renewal_errors()`` lists what stands in the way of extending a
running loan, ``renew()`` extends it (both in ``lending/renewals.py``).

The member hears of it by e-mail (``lending.mail``): a new reservation ("received", or
"confirmed" where the initiative confirms automatically), a confirmation and a cancellation
each queue a mail in the same transaction, sent once it commits. A reservation that has moved
on by then (a walk-in loan, handed out at once) sends nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue.models import Copy, Item
from core.languages import source_of
from lending import mail
from lending.availability import free_copies
from lending.models import OutgoingMail, Reservation, ReservationEvent
from members.models import Member, Membership

# Nobody plans a loan further ahead than this; it also keeps absurd dates (the year 9999) away
# from the opening-hours and holiday computations.
HORIZON_DAYS = 365
# How far after a closed day to look for the next open one to suggest.
SUGGESTION_DAYS = 60
# The PostgreSQL exclusion constraint of lending migration 0004 (per copy).
OVERLAP_CONSTRAINT = "reservation_no_overlap"

Status = Reservation.Status
MailKind = OutgoingMail.Kind


@dataclass(frozen=True)
class RuleError:
    """One reason a reservation is refused; `field` is None when it concerns the whole form."""

    field: str | None
    message: str
    code: str


class ReservationRefused(Exception):
    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(" ".join(error.message for error in self.errors))

    @property
    def codes(self):
        return [error.code for error in self.errors]


def _date(day):
    return formats.date_format(day, "DATE_FORMAT")


def _as_date(value):
    # A datetime is a date subclass but does not compare with one: keep its calendar day.
    return value.date() if isinstance(value, datetime.datetime) else value


def physical_item(item: Item) -> Item:
    """The default-language row: copies and reservations belong to it."""
    return item.source()


def _default_initiative(initiative):
    return source_of(initiative)


def _initiative_name(initiative):
    return (initiative.localized or initiative).title


# The rules ----------------------------------------------------------------------------------


def check(item, member, pickup, return_date, *, today=None, offer=None) -> list[RuleError]:
    """Everything that stands in the way of reserving `item` for `member`; empty means go."""
    pickup, return_date = _as_date(pickup), _as_date(return_date)
    source = physical_item(item)
    errors, complete = _rule_errors(source, member, pickup, return_date, today)
    if complete:
        errors += _overlap_errors(source, pickup, return_date, offer)
    return errors


def _rule_errors(source, member, pickup, return_date, today):
    """Every rule but the free copy, and whether all of them could be asked: the later rules
    need sane dates, a member and an item that can be lent at all."""
    today = today or timezone.localdate()
    initiative = _default_initiative(source.initiative)
    errors = _reservable_errors(source, initiative) + _date_errors(pickup, return_date, today)
    if member is None:
        errors.append(RuleError(None, _("Log in as a member to reserve an item."), "member"))
    if errors:
        return errors, False
    errors += _opening_errors(initiative, pickup)
    errors += _loan_length_errors(source, pickup, return_date)
    errors += _membership_errors(initiative, member, pickup, return_date)
    errors += _limit_errors(initiative, member)
    return errors, True


def _reservable_errors(source, initiative):
    if not (initiative.lends_items and initiative.reservations_enabled):
        message = _("%(initiative)s does not take reservations online.") % {
            "initiative": _initiative_name(initiative)
        }
        return [RuleError(None, message, "reservations_disabled")]
    if not source.live:
        return [RuleError(None, _("This item is not in the catalogue at the moment."), "not_live")]
    if not source.is_available:
        if source.is_in_repair:
            message = _("This item is being repaired and cannot be reserved for now.")
            return [RuleError(None, message, "in_repair")]
        return [RuleError(None, _("This item is no longer lent out."), "retired")]
    return []


def _date_errors(pickup, return_date, today):
    errors = []
    last_day = today + datetime.timedelta(days=HORIZON_DAYS)
    if not isinstance(pickup, datetime.date):
        errors.append(RuleError("pickup_date", _("Choose a pickup date."), "required"))
    elif pickup < today:
        errors.append(RuleError("pickup_date", _("The pickup date is in the past."), "past"))
    elif pickup > last_day:
        message = _("You can reserve up to one year ahead: pick up on %(date)s at the latest.")
        errors.append(RuleError("pickup_date", message % {"date": _date(last_day)}, "horizon"))
    if not isinstance(return_date, datetime.date):
        errors.append(RuleError("return_date", _("Choose a return date."), "required"))
    elif isinstance(pickup, datetime.date) and return_date < pickup:
        message = _("The return date cannot be before the pickup date.")
        errors.append(RuleError("return_date", message, "order"))
    elif return_date > last_day:
        message = _("You can reserve up to one year ahead: return on %(date)s at the latest.")
        errors.append(RuleError("return_date", message % {"date": _date(last_day)}, "horizon"))
    return errors


def _opening_errors(initiative, pickup):
    schedule = initiative.schedule
    day = schedule.day(pickup)
    if day.is_open:
        return []
    values = {
        "initiative": _initiative_name(initiative),
        "date": _date(pickup),
        "reason": day.reason,
    }
    if day.reason:
        message = _("%(initiative)s is closed on %(date)s (%(reason)s).") % values
    else:
        message = _("%(initiative)s is not open on %(date)s.") % values
    following = (pickup + datetime.timedelta(days=n) for n in range(1, SUGGESTION_DAYS + 1))
    next_open = next((d for d in following if schedule.is_open_on(d)), None)
    if next_open:
        message += " " + _("The next day it is open is %(date)s.") % {"date": _date(next_open)}
    else:
        message += " " + _("Choose a day on which it is open.")
    return [RuleError("pickup_date", message, "closed")]


def _loan_length_errors(source, pickup, return_date):
    limit = source.effective_loan_days()
    if (return_date - pickup).days <= limit:
        return []
    latest = pickup + datetime.timedelta(days=limit)
    message = ngettext(
        "This item can be borrowed for at most %(days)d day: bring it back on %(date)s "
        "at the latest.",
        "This item can be borrowed for at most %(days)d days: bring it back on %(date)s "
        "at the latest.",
        limit,
    ) % {"days": limit, "date": _date(latest)}
    return [RuleError("return_date", message, "loan_length")]


def _membership_errors(initiative, member, pickup, return_date):
    if not initiative.requires_membership:
        return []
    # Memberships that follow each other without a gap (a renewal) cover the loan together.
    covered_until = pickup - datetime.timedelta(days=1)
    for membership in Membership.objects.filter(
        member=member, initiative=initiative, end__gte=pickup
    ).order_by("start"):
        if membership.start <= covered_until + datetime.timedelta(days=1):
            covered_until = max(covered_until, membership.end)
    if covered_until >= return_date:
        return []
    name = _initiative_name(initiative)
    if covered_until >= pickup:
        message = _(
            "Your membership of %(initiative)s ends on %(date)s, before the return date. "
            "Renew it or choose an earlier return date."
        ) % {"initiative": name, "date": _date(covered_until)}
        return [RuleError("return_date", message, "membership_ends")]
    message = _("You need a membership of %(initiative)s on the pickup date to reserve here.")
    return [RuleError(None, message % {"initiative": name}, "membership_required")]


def _limit_errors(initiative, member):
    limit = initiative.max_active_reservations
    active = Reservation.objects.active().filter(member=member, item__initiative=initiative)
    if active.count() < limit:
        return []
    message = ngettext(
        "You can have %(limit)d reservation at a time at %(initiative)s, and you have it "
        "already. Reserve again once you have brought the item back.",
        "You can have %(limit)d reservations at a time at %(initiative)s, and you have them "
        "already. Reserve again once you have brought an item back.",
        limit,
    ) % {"limit": limit, "initiative": _initiative_name(initiative)}
    return [RuleError(None, message, "limit")]


def _overlap_error(source=None):
    if source is not None and source.copy_counts()[0] > 1:
        message = _(
            "Every copy of this item is already reserved for part of that period. "
            "Choose other dates."
        )
    else:
        message = _("This item is already reserved for part of that period. Choose other dates.")
    return RuleError(None, message, "overlap")


def _overlap_errors(source, pickup, return_date, offer=None):
    # Inclusive at both ends: a copy due back on a day is not lent out again that same day.
    if free_copies(pickup, return_date, offer=offer).filter(item=source).exists():
        return []
    return [_overlap_error(source)]


def choose_copy(source, pickup, return_date, *, offer=None):
    """The copy a reservation of the item for [pickup, return_date] gets, or None: of the free
    copies, the least used (fewest reservations that were not cancelled), so that wear is
    spread; of those the one in the best condition; then by code."""
    condition_rank = Case(
        *(
            When(Q(condition=condition), then=Value(rank))
            for rank, condition in enumerate(Copy.CONDITION_ORDER)
        ),
        default=Value(len(Copy.CONDITION_ORDER)),
        output_field=IntegerField(),
    )
    used = Count("reservations", filter=~Q(reservations__status=Status.CANCELLED))
    return (
        free_copies(pickup, return_date, offer=offer)
        .filter(item=source)
        .annotate(used=used, condition_rank=condition_rank)
        .order_by("used", "condition_rank", "code")
        .first()
    )


def _copy_errors(copy, source, pickup, return_date, offer=None):
    """What stands in the way of lending this given copy of the item for the period: it is of
    another item, no copy of the item is free (the overlap every reservation can meet), or
    this one is not."""
    if copy.item_id != source.pk:
        return [RuleError(None, _("This copy is not of that item."), "copy")]
    if free_copies(pickup, return_date, offer=offer).filter(pk=copy.pk).exists():
        return []
    overlap = _overlap_errors(source, pickup, return_date, offer)
    if overlap:
        return overlap
    message = _(
        "Copy %(code)s is reserved for part of that period or cannot be lent: choose another copy."
    ) % {"code": copy.code}
    return [RuleError(None, message, "copy_taken")]


def _held_copy(locked, member, pickup, return_date, *, today, copy, offer):
    """``reserve``'s rules under the lock: every error at once, or the copy to hold. The free
    copy is looked for once (``choose_copy``, or the given copy), not once to check and again
    to choose."""
    errors, complete = _rule_errors(locked, member, pickup, return_date, today)
    if complete:
        if copy is not None:
            errors += _copy_errors(copy, locked, pickup, return_date, offer)
        else:
            copy = choose_copy(locked, pickup, return_date, offer=offer)
            if copy is None:
                errors.append(_overlap_error(locked))
    if errors:
        raise ReservationRefused(errors)
    return copy


# Writing a reservation ----------------------------------------------------------------------


def _actor(user):
    return user if user is not None and user.is_authenticated else None


def _is_overlap_violation(error: IntegrityError) -> bool:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == OVERLAP_CONSTRAINT or (
        OVERLAP_CONSTRAINT in str(error)
    )


def _write(item, copy, member, pickup, return_date, by, notes, notify):
    """The reservation row, its first event and its first mail (under ``reserve``'s lock)."""
    initiative = _default_initiative(item.initiative)
    status = Status.CONFIRMED if initiative.auto_confirm else Status.REQUESTED
    reservation = Reservation.objects.create(
        item=item,
        copy=copy,
        member=member,
        pickup_date=pickup,
        return_date=return_date,
        status=status,
        notes=notes,
    )
    ReservationEvent.objects.create(
        reservation=reservation, from_status="", to_status=status, by=_actor(by)
    )
    if notify:
        kind = MailKind.CONFIRMED if status == Status.CONFIRMED else MailKind.RECEIVED
        mail.queue_for_reservation(reservation, kind, new=True)
    return reservation


def reserve(
    item,
    member,
    pickup,
    return_date,
    *,
    by=None,
    today=None,
    notes="",
    copy=None,
    offer=None,
    notify=True,
) -> Reservation:
    """Reserve a copy of the item, or raise ReservationRefused with every rule that fails.

    The copy is the one ``choose_copy`` picks, or ``copy`` when given (the one on the desk for
    a walk-in loan, or the one offered to the member from the waiting line: ``offer``), which
    must then be free for the period. With `notify` the member gets a mail once the
    reservation is committed.
    """
    pickup, return_date = _as_date(pickup), _as_date(return_date)
    source = physical_item(item)
    try:
        with transaction.atomic():
            # The item row lock queues concurrent attempts on one item (on SQLite the
            # IMMEDIATE transaction does the same); every rule is then checked under it.
            # Copies are chosen under the item's lock, so two attempts never take one copy.
            locked = (
                Item.objects.select_for_update(of=("self",))
                .select_related("locale", "initiative", "initiative__locale")
                .with_copy_counts()
                .get(pk=source.pk)
            )
            if member is not None:
                # Also serialise one member's attempts on different items (the active limit).
                list(Member.objects.select_for_update().filter(pk=member.pk).values_list("pk"))
            copy = _held_copy(
                locked, member, pickup, return_date, today=today, copy=copy, offer=offer
            )
            reservation = _write(locked, copy, member, pickup, return_date, by, notes, notify)
    except IntegrityError as error:
        # Only PostgreSQL's exclusion constraint gets here, when the lock was bypassed.
        if _is_overlap_violation(error):
            raise ReservationRefused([_overlap_error()]) from error
        raise
    return reservation


# Renewals (``lending/renewals.py``) -------------------------------------------------------


def renewal_errors(reservation, today=None) -> list[RuleError]:
    """Everything that stands in the way of extending this running loan; empty means go."""
    from lending import renewals

    return renewals.renewal_errors(reservation, today=today)


def renew(reservation, *, by=None, today=None) -> Reservation:
    """Extend a running loan by one extension, or raise ReservationRefused."""
    from lending import renewals

    return renewals.renew(reservation, by=by, today=today)


# Status transitions (``lending/transitions.py``), named here with the rest of the service.
from .transitions import cancel, confirm, hand_out, no_show, take_back  # noqa: E402, F401
