"""Handing out and taking back at the desk (docs/architecture.md, "The desk at the counter").

Handing out shows the accessories to give and the deposit to collect, and records the deposit
taken (amount, how it was paid, by whom). Taking back ticks each accessory, records the copy's
condition and what came back of the deposit (a reason when some of it is kept). What is
recorded is written in the step's own transaction through the rules service (the ``after`` of
``hand_out`` and ``take_back``), and summed up in the history's note.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.models import Copy

from . import mail
from .models import Deposit, OutgoingMail

ZERO = Decimal("0")


def _euro(amount):
    return f"€ {formats.number_format(amount, 2)}"


FINISHED = ("returned", "cancelled", "no_show")
OVERDUE, PICKUP_TODAY, RETURN_TODAY, TO_CONFIRM, LATER = range(5)


def todays_work(queryset, today=None):
    """The desk's default list: what is still open, the counter's work of today first:
    overdue loans, today's pickups, today's returns, requests to confirm, then the rest."""
    today = today or timezone.localdate()
    return queryset.exclude(status__in=FINISHED).annotate(
        priority=Case(
            When(status="picked_up", return_date__lt=today, then=Value(OVERDUE)),
            When(
                status__in=("requested", "confirmed"), pickup_date=today, then=Value(PICKUP_TODAY)
            ),
            When(status="picked_up", return_date=today, then=Value(RETURN_TODAY)),
            When(status="requested", then=Value(TO_CONFIRM)),
            default=Value(LATER),
            output_field=IntegerField(),
        )
    )


PRIORITY_LABELS = {
    OVERDUE: _("overdue"),
    PICKUP_TODAY: _("pickup today"),
    RETURN_TODAY: _("back today"),
}


def status_label(reservation):
    """The status, and why it is at the top of today's list."""
    label = reservation.get_status_display()
    why = PRIORITY_LABELS.get(getattr(reservation, "priority", None))
    return f"{label} · {why}" if why else label


def deposit_summary(deposit):
    text = gettext("%(amount)s taken (%(method)s)") % {
        "amount": _euro(deposit.amount),
        "method": deposit.get_method_display(),
    }
    if deposit.returned_amount is not None:
        text += "; " + gettext("%(amount)s returned") % {"amount": _euro(deposit.returned_amount)}
        if deposit.kept_reason:
            text += f" ({deposit.kept_reason})"
    return text


def deposit_due(reservation) -> Decimal:
    """The deposit to collect for the item (the item's, else its initiative's; 0 if none)."""
    return reservation.item.effective_deposit() or ZERO


def accessories_of(reservation) -> list[str]:
    """The accessories to give and to get back, one per line of the item's contents."""
    item = reservation.item
    return item.contents_list() if item.contents else []


class DepositForm(forms.Form):
    """The deposit taken when an item goes out: at hand-out and in the walk-in loan."""

    deposit_amount = forms.DecimalField(
        label=_("Deposit taken (€)"), min_value=0, max_digits=7, decimal_places=2, required=False
    )
    deposit_method = forms.ChoiceField(
        label=_("Paid by"), choices=Deposit.Method.choices, required=False
    )
    send_receipt = forms.BooleanField(label=_("Mail a receipt to the member"), required=False)

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("deposit_amount")
        if amount and not cleaned.get("deposit_method"):
            self.add_error("deposit_method", gettext("Say how the deposit was paid."))
        return cleaned

    def recorder(self, by):
        """What ``hand_out`` records in its transaction: the deposit, if any was taken."""
        amount = self.cleaned_data.get("deposit_amount") or ZERO

        receipt = self.cleaned_data.get("send_receipt")

        def record(reservation):
            if receipt:
                mail.queue_for_reservation(reservation, OutgoingMail.Kind.RECEIPT_OUT)
            if amount > 0:
                Deposit.objects.update_or_create(
                    reservation=reservation,
                    defaults={
                        "amount": amount,
                        "method": self.cleaned_data["deposit_method"],
                        "taken_by": by,
                        "taken_at": timezone.now(),
                    },
                )

        return record

    def note(self):
        amount = self.cleaned_data.get("deposit_amount") or ZERO
        if not amount:
            return ""
        method = dict(Deposit.Method.choices)[self.cleaned_data["deposit_method"]]
        return gettext("Deposit taken: %(amount)s (%(method)s).") % {
            "amount": _euro(amount),
            "method": method,
        }


class HandOutForm(DepositForm):
    def __init__(self, *args, reservation, **kwargs):
        super().__init__(*args, **kwargs)
        self.due = deposit_due(reservation)
        self.accessories = accessories_of(reservation)
        self.fields["deposit_amount"].initial = self.due
        self.fields["deposit_method"].initial = Deposit.Method.CASH
        if self.due:
            self.fields["deposit_amount"].help_text = gettext(
                "The deposit for this item is %(amount)s."
            ) % {"amount": _euro(self.due)}


class TakeBackForm(forms.Form):
    accessories = forms.MultipleChoiceField(
        label=_("Accessories back"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick each one that came back."),
    )
    copy_condition = forms.ChoiceField(
        label=_("Condition of the copy"), choices=Copy.Condition.choices, required=False
    )
    condition_note = forms.CharField(
        label=_("Condition on return"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Damage, missing parts, cleaning needed: whatever the next volunteer should know."
        ),
    )
    deposit_returned = forms.DecimalField(
        label=_("Deposit returned (€)"), min_value=0, max_digits=7, decimal_places=2, required=False
    )
    kept_reason = forms.CharField(
        label=_("Why is (part of) the deposit kept?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    send_receipt = forms.BooleanField(label=_("Mail a receipt to the member"), required=False)

    def __init__(self, *args, reservation, **kwargs):
        super().__init__(*args, **kwargs)
        self.reservation = reservation
        self.deposit = Deposit.objects.filter(reservation=reservation).first()
        self.accessory_names = accessories_of(reservation)
        self.fields["accessories"].choices = [(name, name) for name in self.accessory_names]
        if not self.accessory_names:
            del self.fields["accessories"]
        self.fields["copy_condition"].initial = reservation.copy.condition
        if self.deposit is None:
            del self.fields["deposit_returned"]
            del self.fields["kept_reason"]
        else:
            self.fields["deposit_returned"].initial = self.deposit.amount
            self.fields["deposit_returned"].help_text = gettext(
                "%(amount)s was taken (%(method)s)."
            ) % {"amount": _euro(self.deposit.amount), "method": self.deposit.get_method_display()}

    def clean(self):
        cleaned = super().clean()
        if self.deposit is not None and "deposit_returned" in cleaned:
            returned = cleaned.get("deposit_returned")
            if returned is None:
                returned = cleaned["deposit_returned"] = self.deposit.amount
            if returned > self.deposit.amount:
                self.add_error(
                    "deposit_returned",
                    gettext("No more than the %(amount)s taken can be returned.")
                    % {"amount": _euro(self.deposit.amount)},
                )
            elif returned < self.deposit.amount and not cleaned.get("kept_reason", "").strip():
                self.add_error(
                    "kept_reason", gettext("Say why the deposit is not returned in full.")
                )
        return cleaned

    def missing(self):
        back = set(self.cleaned_data.get("accessories") or [])
        return [name for name in self.accessory_names if name not in back]

    def recorder(self, by):
        """What ``take_back`` records in its transaction: the copy's condition, the deposit."""
        data = self.cleaned_data

        def record(reservation):
            if data.get("send_receipt"):
                mail.queue_for_reservation(reservation, OutgoingMail.Kind.RECEIPT_BACK)
            if data.get("copy_condition"):
                Copy.objects.filter(pk=reservation.copy_id).update(condition=data["copy_condition"])
            if self.deposit is not None:
                self.deposit.returned_amount = data["deposit_returned"]
                self.deposit.kept_reason = data.get("kept_reason", "").strip()
                self.deposit.settled_by = by
                self.deposit.settled_at = timezone.now()
                self.deposit.save()

        return record

    def note(self):
        parts = []
        missing = self.missing()
        if missing:
            parts.append(gettext("Missing: %(names)s.") % {"names": ", ".join(missing)})
        if self.deposit is not None:
            returned = self.cleaned_data["deposit_returned"]
            parts.append(gettext("Deposit returned: %(amount)s.") % {"amount": _euro(returned)})
            if returned < self.deposit.amount:
                parts.append(
                    gettext("Kept %(amount)s: %(reason)s")
                    % {
                        "amount": _euro(self.deposit.amount - returned),
                        "reason": self.cleaned_data["kept_reason"].strip(),
                    }
                )
        return " ".join(parts)

    def take_back_kwargs(self, by):
        data = self.cleaned_data
        condition_note = data.get("condition_note", "")
        missing = self.missing()
        if missing:
            line = gettext("Missing: %(names)s.") % {"names": ", ".join(missing)}
            condition_note = f"{line}\n{condition_note}".strip()
        return {
            "condition_note": condition_note,
            "accessories_checked": not missing,
            "note": self.note(),
            "after": self.recorder(by),
        }
