"""Reserving an item from its page in the public catalogue.

The catalogue page (``home/catalogue_views.py``) builds the item page's context; this module
adds the reserve section and the availability calendar to it, takes the reservation form and
shows the confirmation. The rules themselves are ``lending/rules.py``.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _

from core.params import positive_int
from members import applications
from members.join import join_url
from members.models import Member, Membership

from . import calendar as availability
from . import waiting_views
from .forms import ReservationForm, initial_pickup
from .models import Reservation

logger = logging.getLogger(__name__)


def rules_initiative(initiative):
    """The default-language initiative page: its flags and limits are the ones that count
    (a translation's synchronized copy is only as fresh as its last synchronisation)."""
    return initiative.hours_source


def takes_reservations(initiative) -> bool:
    source = rules_initiative(initiative)
    return bool(source.lends_items and source.reservations_enabled)


def login_url(next_path: str) -> str:
    """``settings.LOGIN_URL`` with ``?next=``; "" while the log-in page does not exist."""
    try:
        base = resolve_url(settings.LOGIN_URL)
    except NoReverseMatch:
        logger.warning("LOGIN_URL %r does not resolve: no log-in link", settings.LOGIN_URL)
        return ""
    return f"{base}?{urlencode({'next': next_path})}"


def member_of(user, initiative=None):
    """The Member profile of a logged-in user, or None; with ``initiative`` (default-language
    page), annotated ``member_here``: whether a membership there runs today or later."""
    if not user.is_authenticated:
        return None
    members = Member.objects.filter(user=user)
    if initiative is not None:
        running = Membership.objects.filter(
            member=OuterRef("pk"), initiative=initiative, end__gte=timezone.localdate()
        )
        members = members.annotate(member_here=Exists(running))
    return members.first()


def add_reservation_context(request, context, form=None, member=None):
    """The reserve section and the availability calendar, when the initiative takes
    reservations online."""
    item, initiative = context["item"], context["initiative"]
    if not takes_reservations(initiative):
        context["reservations_enabled"] = False
        return
    context["reservations_enabled"] = True
    context["auto_confirm"] = rules_initiative(initiative).auto_confirm
    context["reserve_path"] = context["item_path"] + "reserve/"
    weeks = availability.calendar(item, initiative.schedule)
    context["calendar"] = weeks
    context["weekdays"] = availability.weekday_names()
    # A free day of the calendar is a link that fills in the form's pickup date.
    context["pickup_links"] = item.is_available
    pickup = initial_pickup(request.GET.get("pickup"), availability.pickup_days(weeks))
    context["pickup"] = pickup
    if not request.user.is_authenticated:
        query = f"?{urlencode({'pickup': pickup.isoformat()})}" if pickup else ""
        context["login_url"] = login_url(context["item_path"] + query + "#reserve")
        return
    member = member or member_of(request.user, rules_initiative(initiative))
    context["member"] = member
    # A form that was sent keeps its answer (the refusal names the membership it needs).
    if member is not None and form is None and _needs_membership(context, member, initiative):
        return
    if member is not None:
        waiting_views.waiting_context(request, context, member)
    if member is not None and item.is_available:
        initial = {"pickup_date": pickup} if pickup else None
        context["reservation_form"] = form or ReservationForm(
            item=item, member=member, initiative=initiative, initial=initial
        )


def _needs_membership(context, member, initiative) -> bool:
    """A member without a membership now or later at an initiative that asks for one gets a
    sentence and the way to join instead of a form that would refuse them."""
    source = rules_initiative(initiative)
    if not source.requires_membership:
        return False
    here = getattr(member, "member_here", None)
    if here is None:
        here = member.memberships.filter(initiative=source, end__gte=timezone.localdate()).exists()
    if here:
        return False
    context["needs_membership"] = True
    context["membership_application"] = applications.open_application(member, source)
    context["join_url"] = join_url(source)
    return True


def reserve(request, context):
    """POST: reserve the item of the item page's ``context`` (then redirect to the
    confirmation); GET: the confirmation of one of the member's own reservations
    (``?reservation=<id>``), else back to the item page."""
    item, initiative = context["item"], context["initiative"]
    if not takes_reservations(initiative):
        raise Http404(_("This item cannot be reserved online."))
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        url = login_url(context["item_path"] + "#reserve")
        return redirect(url or context["item_path"])
    member = member_of(request.user)
    if request.method != "POST":
        return _confirmation(request, context, member)
    if member is None:
        add_reservation_context(request, context)
        return TemplateResponse(request, "catalogue/item_page.html", context, status=403)
    form = ReservationForm(request.POST, item=item, member=member, initiative=initiative)
    if form.is_valid():
        reservation = form.save(by=request.user)
        if reservation is not None:
            query = urlencode({"reservation": reservation.pk})
            return redirect(f"{context['item_path']}reserve/?{query}")
    add_reservation_context(request, context, form=form, member=member)
    return TemplateResponse(request, "catalogue/item_page.html", context)


def _confirmation(request, context, member):
    number = positive_int(request.GET.get("reservation", ""))
    if number is None or member is None:
        return redirect(context["item_path"] + "#reserve")
    reservation = (
        Reservation.objects.filter(
            pk=number, member=member, item__translation_key=context["item"].translation_key
        )
        .select_related("item")
        .first()
    )
    if reservation is None:
        # Another member's reservation, or none at all: nothing to show either way.
        raise Http404(_("This reservation does not exist."))
    context.update(reservation=reservation, member=member)
    return TemplateResponse(request, "lending/reservation_done.html", context)
