"""The member's reservations on "my account", cancelling one of them and extending a loan.

``members`` knows nothing of lending (docs/architecture.md, "Apps"): its account page asks the
``member_account_context`` hook for more context, and this module answers with the member's
reservations split into upcoming, borrowed now and past. The cancel and extend views live here
too, under the same address prefix as the account page (``lending/urls.py``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.models import Locale

from core.languages import translations_in
from members.models import Member

from . import renewals, rules
from .models import Reservation

Status = Reservation.Status
CANCELLABLE = (Status.REQUESTED, Status.CONFIRMED)


def may_cancel(reservation, today):
    """What the member may still cancel themselves: not yet picked up, pickup not passed."""
    return reservation.status in CANCELLABLE and reservation.pickup_date >= today


# Why a loan cannot be extended, said on the account page only where the member can do
# something about it; other refusals (no extensions at this initiative, all used, someone
# waiting for the item) show nothing there.
RENEWAL_HINTS = {
    "overdue": _("Overdue: bring it back, it can no longer be extended."),
    "membership_ends": _("Renew your membership to extend this loan."),
}


def renewal_of(reservation, today):
    """For a running loan: (the return date an extension would give, or None; a short reason
    it cannot be extended, or "")."""
    errors = rules.renewal_errors(reservation, today=today)
    if not errors:
        return renewals.new_return_date(reservation), ""
    for error in errors:
        if error.code in RENEWAL_HINTS:
            return None, str(RENEWAL_HINTS[error.code])
    return None, ""


def split_reservations(member, today):
    """The member's reservations as (upcoming, borrowed now, past), the most recent past first."""
    upcoming, running, past = [], [], []
    reservations = list(
        member.reservations.select_related("item", "item__initiative", "copy").order_by(
            "pickup_date", "pk"
        )
    )
    for reservation in reservations:
        reservation.may_cancel = may_cancel(reservation, today)
        if reservation.status == Status.PICKED_UP:
            reservation.member = member  # the rules read it: no query per loan
            reservation.extend_until, reservation.renewal_hint = renewal_of(reservation, today)
            running.append(reservation)
        elif reservation.status in CANCELLABLE and reservation.return_date >= today:
            upcoming.append(reservation)
        else:
            past.append(reservation)
    past.reverse()  # the most recent first
    _show_in_current_language(reservations)
    return upcoming, running, past


def _show_in_current_language(reservations):
    """Item and initiative names in the page's language: two queries for all reservations."""
    locale = Locale.get_active()
    items = translations_in([r.item for r in reservations], locale)
    initiatives = translations_in([r.item.initiative for r in reservations], locale)
    for reservation in reservations:
        reservation.shown_item = items[reservation.item.translation_key]
        reservation.shown_initiative = initiatives[reservation.item.initiative.translation_key]


@hooks.register("member_account_context")
def reservations_on_my_account(request, member, today):
    """The ``member_account_context`` hook: the reservation lists of the account page."""
    upcoming, running, past = split_reservations(member, today)
    return {"upcoming": upcoming, "running": running, "past": past}


@login_required
@require_POST
def cancel_reservation(request, pk):
    member = Member.objects.filter(user=request.user).first()
    if member is None:
        raise Http404("This account has no member profile.")
    reservation = get_object_or_404(Reservation, pk=pk, member=member)
    if not may_cancel(reservation, timezone.localdate()):
        messages.error(request, _("This reservation can no longer be cancelled online."))
        return redirect("members:account")
    try:
        rules.cancel(reservation, by=request.user)
    except rules.ReservationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your reservation has been cancelled."))
    return redirect("members:account")


@login_required
@require_POST
def renew_reservation(request, pk):
    member = Member.objects.filter(user=request.user).first()
    if member is None:
        raise Http404("This account has no member profile.")
    reservation = get_object_or_404(Reservation, pk=pk, member=member)
    try:
        rules.renew(reservation, by=request.user)
    except rules.ReservationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Your loan is extended: bring the item back on %(date)s at the latest.")
            % {"date": formats.date_format(reservation.return_date, "DATE_FORMAT")},
        )
    return redirect("members:account")
