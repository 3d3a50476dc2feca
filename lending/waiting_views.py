"""The member's side of the waiting list (``lending/waiting.py``): joining from the item page,
the places in line on "my account", leaving, and claiming an offered copy."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.models import Locale

from core.languages import translations_in
from members.models import Member

from . import waiting
from .models import WaitingEntry
from .rules import ReservationRefused

Status = WaitingEntry.Status


def _member(request):
    member = Member.objects.filter(user=request.user).first()
    if member is None:
        raise Http404("This account has no member profile.")
    return member


def waiting_context(request, context, member):
    """For the item page's reserve section: the member's place in line, or whether they may
    join it (no copy free today)."""
    item = context["item"]
    entry = waiting.open_entry(item, member)
    if entry is not None:
        entry.place = waiting.place_of(entry)
    context["waiting_entry"] = entry
    context["may_wait"] = (
        # The page's item carries its free copies today (``with_lent_out``): no second count.
        entry is None
        and item.copy_counts()[0] > 0
        and item.copies_free == 0
        and not waiting.has_it(item, member)
    )
    context["wait_path"] = context["item_path"] + "wait/"


def join(request, context):
    """POST on the item page's ``wait/`` route: join the line, then back to the item page."""
    if request.method != "POST":
        return redirect(context["item_path"] + "#reserve")
    if not request.user.is_authenticated:
        return redirect(context["item_path"] + "#reserve")
    member = _member(request)
    try:
        waiting.join(context["item"], member)
    except ReservationRefused as refused:
        messages.error(request, str(refused))
    # On success the item page's waiting block says the place in line: no second notice.
    return redirect(context["item_path"] + "#reserve")


@login_required
@require_POST
def leave(request, pk):
    entry = get_object_or_404(WaitingEntry, pk=pk, member=_member(request))
    try:
        waiting.leave(entry, by=request.user)
    except ReservationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("You have left the waiting list."))
    return redirect("members:account")


class ClaimForm(forms.Form):
    pickup_date = forms.TypedChoiceField(
        label=gettext_lazy("Pickup day"), coerce=datetime.date.fromisoformat
    )
    return_date = forms.DateField(
        label=gettext_lazy("Return date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, entry, today, **kwargs):
        super().__init__(*args, **kwargs)
        days_allowed = entry.item.effective_loan_days()
        self.fields["return_date"].help_text = ngettext(
            "You can borrow this item for at most %(days)d day.",
            "You can borrow this item for at most %(days)d days.",
            days_allowed,
        ) % {"days": days_allowed}
        schedule = entry.item.initiative.schedule
        days = [
            today + datetime.timedelta(days=n) for n in range((entry.claim_until - today).days + 1)
        ]
        self.fields["pickup_date"].choices = [
            (day.isoformat(), formats.date_format(day, "l j F"))
            for day in days
            if schedule.is_open_on(day)
        ]


@login_required
def claim(request, pk):
    """The offered copy: choose the pickup day (within the claim time) and the return date."""
    entry = get_object_or_404(
        WaitingEntry.objects.select_related("item", "item__initiative", "copy"),
        pk=pk,
        member=_member(request),
    )
    today = timezone.localdate()
    if entry.status != Status.OFFERED or entry.claim_until < today:
        messages.error(request, _("This offer is no longer open."))
        return redirect("members:account")
    form = ClaimForm(request.POST or None, entry=entry, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            waiting.claim(entry, data["pickup_date"], data["return_date"], by=request.user)
        except ReservationRefused as refused:
            for error in refused.errors:
                form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("It is yours: the reservation is in your account."))
            return redirect("members:account")
    _show_in_current_language([entry])
    context = {"entry": entry, "form": form, "page_title": _("Claim your copy")}
    return TemplateResponse(request, "lending/claim_offer.html", context)


def _show_in_current_language(entries):
    locale = Locale.get_active()
    items = translations_in([e.item for e in entries], locale)
    initiatives = translations_in([e.item.initiative for e in entries], locale)
    for entry in entries:
        entry.shown_item = items[entry.item.translation_key]
        entry.shown_initiative = initiatives[entry.item.initiative.translation_key]


@hooks.register("member_account_context")
def waiting_on_my_account(request, member, today):
    """The ``member_account_context`` hook: the member's places in waiting lines."""
    entries = list(
        member.waiting.filter(status__in=WaitingEntry.OPEN_STATUSES).select_related(
            "item", "item__initiative"
        )
    )
    for entry in entries:
        entry.place = waiting.place_of(entry)
    _show_in_current_language(entries)
    return {"waiting_entries": entries}
