"""The walk-in loan at the desk: a member at the desk borrows the copy on the desk, handed out
at once through the rules service (the rest of the desk: ``lending/desk.py``)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from catalogue.models import Copy
from initiatives.scope import scope
from members.admin_forms import MemberLookupForm

from . import rules as service
from .desk_counter import DepositForm, accessories_of
from .desk_labels import item_label, member_label, reservation_policy
from .models import Reservation

Status = Reservation.Status


def camera_allowed_policy() -> str:
    """The site's Permissions-Policy with the camera allowed for this site."""
    from django_permissions_policy import PermissionsPolicyMiddleware

    policy = {**settings.PERMISSIONS_POLICY, "camera": ["self"]}
    return PermissionsPolicyMiddleware.compute_header_value(policy, name="PERMISSIONS_POLICY")


class WalkInForm(MemberLookupForm, DepositForm):
    copy = forms.ModelChoiceField(
        label=_("Copy"),
        queryset=Copy.objects.none(),
        help_text=_("The copy on the desk: its code is on its label."),
    )
    return_date = forms.DateField(label=_("Return date"), widget=AdminDateInput)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The copies of the user's initiatives that can be lent (not in repair or retired).
        self.fields["copy"].queryset = scope(
            Copy.objects.filter(status=Copy.Status.AVAILABLE, item__live=True)
            .select_related("item", "item__initiative")
            .order_by("code"),
            user,
            via="item__initiative",
        )
        # A barcode scanner types the number and Enter; static/js/scan.js moves on to the next
        # field instead of sending the form, and adds the camera where the browser has one.
        self.fields["member_number"].widget.attrs.update(
            {
                "data-scan": "",
                "data-scan-label": gettext("Scan the member card with the camera"),
                "data-scan-stop": gettext("Stop the camera"),
                "autocomplete": "off",
            }
        )
        self.fields["copy"].label_from_instance = lambda copy: (
            f"{copy.code} · {copy.item.name} · {copy.item.initiative.title}"
        )

    def clean(self):
        cleaned = super().clean()
        cleaned["member"] = self.lookup_member(cleaned, self.user)
        return cleaned


class WalkInView(WagtailAdminTemplateMixin, FormView):
    template_name = "lending/admin/desk/walk_in.html"
    form_class = WalkInForm
    page_title = _("Walk-in loan")
    header_icon = "calendar-alt"
    index_url_name = None
    inspect_url_name = None
    walk_in_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not reservation_policy().user_has_permission(request.user, "change"):
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        # The camera for scanning a member card, on this page only (settings: refused).
        response._permissions_policy_override = camera_allowed_policy()
        return response

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": gettext("Reservations")},
            {"url": "", "label": gettext("Walk-in loan")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            today=timezone.localdate(),
            walk_in_url=reverse(self.walk_in_url_name),
            index_url=reverse(self.index_url_name),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        user = self.request.user
        try:
            # All or nothing: a loan that cannot be handed out is not left behind as a request.
            with transaction.atomic():
                reservation = service.reserve(
                    data["copy"].item,
                    data["member"],
                    timezone.localdate(),
                    data["return_date"],
                    by=user,
                    notes=data["notes"],
                    copy=data["copy"],
                    notify=False,  # the member is at the desk: no "received" mail
                )
                if reservation.status == Status.REQUESTED:
                    service.confirm(reservation, by=user, notify=False)
                service.hand_out(reservation, by=user, note=form.note(), after=form.recorder(user))
        except service.ReservationRefused as refused:
            for error in refused.errors:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("%(item)s is lent to %(member)s until %(date)s.")
            % {
                "item": item_label(reservation),
                "member": member_label(reservation),
                "date": formats.date_format(reservation.return_date, "DATE_FORMAT"),
            },
        )
        accessories = accessories_of(reservation)
        if accessories:
            messages.info(
                self.request,
                gettext("Give along: %(names)s.") % {"names": ", ".join(accessories)},
            )
        return redirect(self.inspect_url_name, quote(reservation.pk))
