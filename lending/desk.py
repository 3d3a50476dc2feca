"""The reservation desk in the admin: volunteers list, move along and lend out reservations.

Every rule lives in ``lending.rules``; this module only asks and shows. A volunteer
sees the reservations of their own initiatives' items and nothing else: the listing, the
dashboard panel and every address with a reservation's id are scoped (a 404 outside it;
docs/architecture.md, "Who sees what"). Coordinators see every initiative, and only they see a
member's contact details and tariff. Reservations are never created, edited or deleted through
generic forms: the walk-in loan and the six actions go through the rules service.
"""

import copy
from dataclasses import dataclass

import django_filters

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from initiatives.scope import (
    ScopedPermissionPolicy,
    can_see_contact_details,
    initiative_choices,
    scope,
    scope_patterns,
)

from . import rules as service
from .desk_counter import HandOutForm, TakeBackForm, deposit_summary, status_label, todays_work
from .desk_labels import copy_label, item_label, member_label, reservation_policy
from .desk_waiting import SkipView, WaitingLinesView
from .desk_walk_in import WalkInView
from .models import Deposit, Reservation

Status = Reservation.Status
NOT_FOUND = _("This reservation does not exist or belongs to another initiative.")


def scope_reservations(queryset, user):
    """Reservations of items of the initiatives this user works for (all for coordinators)."""
    return scope(queryset, user, via="item__initiative")


def desk_queryset(user):
    return scope_reservations(
        Reservation.objects.select_related(
            "item", "item__initiative", "copy", "member", "member__user"
        ),
        user,
    )


class ReservationPermissionPolicy(ScopedPermissionPolicy):
    scoper = staticmethod(scope_reservations)


# The listing --------------------------------------------------------------------------------


class ReservationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    pickup_date = django_filters.DateFromToRangeFilter(
        label=_("Pickup date"), widget=DateRangePickerWidget
    )
    initiative = django_filters.ModelChoiceFilter(
        label=_("Initiative"), field_name="item__initiative", queryset=initiative_choices
    )
    item = django_filters.CharFilter(label=_("Item (name or code)"), method="filter_item")

    class Meta:
        model = Reservation
        fields = ["status", "pickup_date", "initiative", "item"]

    def filter_item(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(Q(item__name__icontains=value) | Q(copy__code__icontains=value))


class ReservationIndexView(IndexView):
    walk_in_url_name = None
    waiting_url_name = None

    @cached_property
    def is_default_list(self):
        """No filter, search or ordering asked for: the counter's work comes first."""
        return not (set(self.request.GET) - {"p"})

    def get_base_queryset(self):
        queryset = desk_queryset(self.request.user)
        if self.is_default_list:
            queryset = todays_work(queryset)
        return queryset

    def order_queryset(self, queryset):
        if self.is_default_list:
            return queryset.order_by("priority", "pickup_date", "return_date", "pk")
        return super().order_queryset(queryset)

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column(
                "item",
                label=_("Item"),
                accessor=item_label,
                get_url=self.get_inspect_url,
                sort_key="item__name",
            ),
            # The status second: on a phone the first columns are the ones in view.
            Column("status", label=_("Status"), accessor=status_label, sort_key="status"),
            Column("member", label=_("Member"), accessor=member_label),
            Column("pickup_date", label=_("Pickup"), sort_key="pickup_date"),
            Column("return_date", label=_("Return"), sort_key="return_date"),
        ]

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.walk_in_url_name and reservation_policy().user_has_permission(
            self.request.user, "change"
        ):
            buttons.append(
                HeaderButton(
                    gettext("Walk-in loan"), url=reverse(self.walk_in_url_name), icon_name="plus"
                )
            )
            buttons.append(
                HeaderButton(
                    gettext("Waiting lists"),
                    url=reverse(self.waiting_url_name),
                    icon_name="list-ol",
                )
            )
        return buttons


# One reservation and its actions ------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    done: str
    # Only to decide which buttons to show: the rules service decides what is allowed.
    shown_for: tuple

    def perform(self, reservation, user, form):
        """Move the reservation along; a hand-out and a take-back record what their valid
        form says (lending/desk_counter.py) in the same transaction."""
        if self.name == "take_back":
            return service.take_back(reservation, by=user, **form.take_back_kwargs(user))
        if self.name == "hand_out":
            return service.hand_out(
                reservation, by=user, note=form.note(), after=form.recorder(user)
            )
        return getattr(service, self.name)(reservation, by=user)


ACTIONS = {
    action.name: action
    for action in (
        Action("confirm", _("Confirm"), _("The reservation is confirmed."), (Status.REQUESTED,)),
        Action("hand_out", _("Hand out"), _("The item is handed out."), (Status.CONFIRMED,)),
        Action(
            "take_back",
            _("Take back"),
            _("The item has been taken back."),
            (Status.PICKED_UP,),
        ),
        Action(
            "renew",
            _("Extend loan"),
            _("The loan is extended."),
            (Status.PICKED_UP,),
        ),
        Action(
            "no_show",
            _("Not picked up (no-show)"),
            _("The reservation is marked as not picked up."),
            (Status.CONFIRMED,),
        ),
        Action(
            "cancel",
            _("Cancel the reservation"),
            _("The reservation is cancelled."),
            (Status.REQUESTED, Status.CONFIRMED),
        ),
    )
}


class ReservationInspectView(InspectView):
    template_name = "lending/admin/desk/inspect.html"
    action_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(desk_queryset(self.request.user), pk=self.pk)

    def get_page_title(self):
        return gettext("Reservation")

    def get_page_subtitle(self):
        return item_label(self.object)

    def get_fields_context(self):
        reservation = self.object
        rows = [
            (_("Item"), item_label(reservation)),
            (_("Copy"), copy_label(reservation.copy)),
            (_("Initiative"), reservation.item.initiative.title),
            (_("Member"), member_label(reservation)),
        ]
        member = reservation.member
        if member is not None and can_see_contact_details(self.request.user):
            rows += [
                (_("E-mail"), member.user.email),
                (_("Phone"), member.phone or "–"),
                (_("Tariff"), member.get_tariff_display()),
            ]
        rows += [
            (_("Pickup date"), reservation.pickup_date),
            (_("Return date"), reservation.return_date),
            (_("Status"), reservation.get_status_display()),
            (_("Notes"), reservation.notes or "–"),
        ]
        if reservation.renewals:
            rows.append((_("Times extended"), reservation.renewals))
        deposit = Deposit.objects.filter(reservation=reservation).first()
        if deposit is not None:
            rows.append((_("Deposit"), deposit_summary(deposit)))
        if reservation.status == Status.RETURNED:
            rows += [
                (_("Condition on return"), reservation.condition_note or "–"),
                (
                    _("Accessories checked"),
                    gettext("yes") if reservation.accessories_checked else gettext("no"),
                ),
            ]
        return [{"label": label, "value": value, "component": None} for label, value in rows]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reservation = self.object
        can_act = self.user_has_permission("change")
        context["actions"] = [
            {
                "action": action,
                "url": reverse(self.action_url_name, args=[quote(reservation.pk), action.name]),
            }
            for action in ACTIONS.values()
            if can_act and reservation.status in action.shown_for
        ]
        bound = getattr(self.request, "desk_forms", {})
        context["hand_out_form"] = bound.get("hand_out") or HandOutForm(reservation=reservation)
        if reservation.status == Status.PICKED_UP:
            context["take_back_form"] = bound.get("take_back") or TakeBackForm(
                reservation=reservation
            )
        context["events"] = reservation.events.select_related("by").order_by("at", "pk")
        return context


FORMS = {"hand_out": HandOutForm, "take_back": TakeBackForm}


class ReservationActionView(View):
    """POST only: one transition of one reservation through the rules service."""

    http_method_names = ["post"]
    inspect_url_name = None
    inspect_view = None

    def with_errors(self, request, pk, name, form):
        """The reservation's page again, with the form as it was filled in and its errors."""
        shown = copy.copy(request)
        shown.method = "GET"
        shown.desk_forms = {name: form}
        response = self.inspect_view(shown, pk=pk)
        response.status_code = 400
        return response

    def post(self, request, pk, action):
        try:
            chosen = ACTIONS[action]
        except KeyError:
            raise Http404(gettext("There is no such action.")) from None
        reservation = get_object_or_404(desk_queryset(request.user), pk=pk)
        if not reservation_policy().user_has_permission_for_instance(
            request.user, "change", reservation
        ):
            raise PermissionDenied
        form = None
        if chosen.name in FORMS:
            form = FORMS[chosen.name](request.POST, reservation=reservation)
            if not form.is_valid():
                return self.with_errors(request, pk, chosen.name, form)
        try:
            chosen.perform(reservation, request.user, form)
        except service.ReservationRefused as refused:
            for error in refused.errors:
                messages.error(request, str(error.message))
        else:
            # Messages are stored after the view, outside the admin's language: render them now.
            messages.success(request, str(chosen.done))
        return redirect(self.inspect_url_name, quote(reservation.pk))


# The viewset --------------------------------------------------------------------------------


class ReservationViewSet(ModelViewSet):
    model = Reservation
    name = "reservations"
    # Nothing refers to a reservation from pages or snippets: no reference-index rows to write
    # on every reservation.
    add_to_reference_index = False
    icon = "calendar-alt"
    menu_label = _("Reservations")
    # Its own menu item, near the top: the desk is a volunteer's daily work.
    add_to_admin_menu = True
    menu_order = 150
    index_view_class = ReservationIndexView
    inspect_view_class = ReservationInspectView
    inspect_view_enabled = True
    filterset_class = ReservationFilterSet
    ordering = ["pickup_date", "pk"]
    list_per_page = 50
    search_fields = ["item__name", "copy__code", "member__member_number"]
    search_backend_name = None
    # No generic create, edit, copy or delete: every change goes through the rules service.
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name"):
            view_kwargs[name] = None
        view_kwargs["history_url_name"] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            walk_in_url_name=self.get_url_name("walk_in"),
            waiting_url_name=self.get_url_name("waiting"),
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            action_url_name=self.get_url_name("action"), **kwargs
        )

    def get_urlpatterns(self):
        action_view = ReservationActionView.as_view(
            inspect_url_name=self.get_url_name("inspect"), inspect_view=self.inspect_view
        )
        walk_in_view = self.construct_view(
            WalkInView,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
            walk_in_url_name=self.get_url_name("walk_in"),
        )
        scoped = scope_patterns(
            [
                path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
                path("action/<int:pk>/<slug:action>/", action_view, name="action"),
            ],
            Reservation,
            message=NOT_FOUND,
        )
        lines_view = self.construct_view(
            WaitingLinesView,
            index_url_name=self.get_url_name("index"),
            skip_url_name=self.get_url_name("skip"),
        )
        skip_view = SkipView.as_view(lines_url_name=self.get_url_name("waiting"))
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("walk-in/", walk_in_view, name="walk_in"),
            path("waiting/", lines_view, name="waiting"),
            path("waiting/<int:pk>/skip/", skip_view, name="skip"),
            *scoped,
        ]
