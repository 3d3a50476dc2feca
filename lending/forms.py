"""The public reservation form: dates in, the rules of ``lending.rules`` out.

The form itself only parses the two dates; every rule (opening days, loan length,
membership, limits, overlap) is the rules service's, and each refusal lands on the field
it concerns, or on the form as a whole.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import rules as reservations
from .models import Reservation

# `<input type="date">` sends ISO dates; typed dates in the usual Belgian forms also work.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def initial_pickup(value, allowed) -> datetime.date | None:
    """The pickup day a free-day link of the calendar asks for (``?pickup=2026-11-09``), when
    it is one of the ``allowed`` days; anything else is ignored, the form then starts empty."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return day if day in allowed else None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label, required_message):
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": required_message,
            "invalid": gettext_lazy("Enter a date such as 2026-11-16 (year-month-day)."),
        },
    )


class ReservationForm(forms.Form):
    pickup_date = _date_field(gettext_lazy("Pickup date"), gettext_lazy("Choose a pickup date."))
    return_date = _date_field(gettext_lazy("Return date"), gettext_lazy("Choose a return date."))

    def __init__(self, *args, item, member, initiative=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.member = member
        self.today = today or timezone.localdate()
        initiative = initiative or item.initiative
        days = item.loan_days_that_count()
        self.fields["pickup_date"].help_text = _(
            "Choose a day on which %(initiative)s is open."
        ) % {"initiative": initiative.title}
        self.fields["return_date"].help_text = (
            ngettext(
                "You can borrow this item for at most %(days)d day.",
                "You can borrow this item for at most %(days)d days.",
                days,
            )
            % {"days": days}
            + " "
            + _(
                # The return date is the last day of the loan, not an appointment: the service
                # checks only the pickup day against the opening hours.
                "Bring it back on or before that day, during the opening hours."
            )
        )
        last = self.today + datetime.timedelta(days=reservations.HORIZON_DAYS)
        for name in ("pickup_date", "return_date"):
            self.fields[name].widget.attrs.update(min=self.today.isoformat(), max=last.isoformat())

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            # A date that does not parse already has its message; the rules need both.
            return cleaned
        errors = reservations.check(
            self.item,
            self.member,
            cleaned["pickup_date"],
            cleaned["return_date"],
            today=self.today,
        )
        self.add_rule_errors(errors)
        return cleaned

    def add_rule_errors(self, errors):
        for error in errors:
            message = error.message
            if error.code == "overlap":
                message = self._own_overlap_message() or message
            field = error.field if error.field in self.fields else None
            self.add_error(field, forms.ValidationError(message, code=error.code))

    def _own_overlap_message(self):
        """When the member's own reservation is in the way (the same form sent twice), say so."""
        pickup = self.cleaned_data.get("pickup_date")
        return_date = self.cleaned_data.get("return_date")
        if self.member is None or pickup is None or return_date is None:
            return ""
        own = (
            Reservation.objects.active()
            .filter(item=reservations.physical_item(self.item), member=self.member)
            .overlapping(pickup, return_date)
            .first()
        )
        if own is None:
            return ""
        return _(
            "You have already reserved this item from %(pickup)s to %(return)s "
            "(%(status)s). You do not need to send the form again."
        ) % {
            "pickup": formats.date_format(own.pickup_date, "DATE_FORMAT"),
            "return": formats.date_format(own.return_date, "DATE_FORMAT"),
            "status": own.get_status_display(),
        }

    def save(self, *, by=None):
        """Reserve under the row lock; None (with the errors on the form) when refused."""
        try:
            return reservations.reserve(
                self.item,
                self.member,
                self.cleaned_data["pickup_date"],
                self.cleaned_data["return_date"],
                by=by,
                today=self.today,
            )
        except reservations.ReservationRefused as refused:
            self.add_rule_errors(refused.errors)
            return None
