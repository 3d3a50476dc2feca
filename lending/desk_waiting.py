"""The waiting lines at the desk: per item of the volunteer's initiatives, who waits in which
order and who has been offered a copy; a volunteer may skip someone with a reason, which stays
on the entry (``lending/waiting.py``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from initiatives.scope import scope

from . import waiting
from .desk_labels import reservation_policy
from .models import WaitingEntry
from .rules import ReservationRefused


def scoped_entries(user):
    """The open places in line of the items of the user's initiatives."""
    return scope(
        WaitingEntry.objects.filter(status__in=WaitingEntry.OPEN_STATUSES).select_related(
            "item", "item__initiative", "member", "member__user", "copy"
        ),
        user,
        via="item__initiative",
    )


class SkipForm(forms.Form):
    reason = forms.CharField(
        label=_("Why skip this member?"),
        max_length=200,
        help_text=_("For example: could not be reached, asked to wait. Kept with the list."),
    )


def _may_work_the_desk(user):
    if not reservation_policy().user_has_permission(user, "change"):
        raise PermissionDenied


class WaitingLinesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "lending/admin/desk/waiting.html"
    page_title = _("Waiting lists")
    header_icon = "list-ol"
    index_url_name = None
    skip_url_name = None

    def dispatch(self, request, *args, **kwargs):
        _may_work_the_desk(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": gettext("Reservations")},
            {"url": "", "label": gettext("Waiting lists")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines: dict[int, dict] = {}
        for entry in scoped_entries(self.request.user).order_by("item__name", "joined_at", "pk"):
            line = lines.setdefault(entry.item_id, {"item": entry.item, "entries": []})
            entry.skip_url = reverse(self.skip_url_name, args=[entry.pk])
            line["entries"].append(entry)
        context.update(lines=list(lines.values()), form=SkipForm())
        return context


class SkipView(View):
    lines_url_name = None

    def post(self, request, pk):
        _may_work_the_desk(request.user)
        entry = get_object_or_404(scoped_entries(request.user), pk=pk)
        form = SkipForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Say why you skip this member."))
            return redirect(self.lines_url_name)
        try:
            waiting.skip(entry, by=request.user, reason=form.cleaned_data["reason"])
        except ReservationRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, gettext("Skipped; the next in line moves up."))
        return redirect(self.lines_url_name)
