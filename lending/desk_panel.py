"""The reservation desk on the admin dashboard: today's pickups and returns and the requests
waiting for confirmation, of the user's own initiatives (docs/architecture.md, "Who sees what").
"""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.admin.ui.components import Component

from initiatives.teams import initiative_keys_of

from .desk_labels import item_label, member_label, reservation_policy
from .models import Reservation

Status = Reservation.Status
# How many rows each list of the panel shows; the rest is one click away.
PANEL_ROWS = 10


class ReservationDeskPanel(Component):
    name = "reservation_desk"
    template_name = "lending/admin/desk/panel.html"
    order = 10

    def __init__(self, sections, index_url):
        self.sections = sections
        self.index_url = index_url

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(sections=self.sections, index_url=self.index_url)
        return context


def _panel_rows(queryset):
    return [
        {
            "reservation": reservation,
            "item": item_label(reservation),
            "member": member_label(reservation),
            "url": reverse("reservations:inspect", args=[quote(reservation.pk)]),
        }
        for reservation in queryset[:PANEL_ROWS]
    ]


def add_reservation_desk_panel(request, panels):
    """Today's pickups and returns and the pending requests of the user's initiatives."""
    user = request.user
    if not reservation_policy().user_has_any_permission(user, {"view", "change"}):
        return
    keys = initiative_keys_of(user)
    if keys is not None and not keys:
        return
    today = timezone.localdate()
    reservations = Reservation.objects.select_related("item", "copy", "member", "member__user")
    if keys is not None:
        reservations = reservations.filter(item__initiative__translation_key__in=keys)
    index_url = reverse("reservations:index")
    today_iso = today.isoformat()
    sections = [
        {
            "key": "pickups",
            "heading": gettext("Pickups today"),
            "empty": gettext("No pickups today."),
            "rows": _panel_rows(
                reservations.filter(
                    pickup_date=today, status__in=(Status.REQUESTED, Status.CONFIRMED)
                ).order_by("item__name", "pk")
            ),
            "more_url": f"{index_url}?pickup_date_from={today_iso}&pickup_date_to={today_iso}",
        },
        {
            "key": "returns",
            "heading": gettext("Returns today"),
            "empty": gettext("No returns due today."),
            "rows": _panel_rows(
                reservations.filter(return_date=today, status=Status.PICKED_UP).order_by(
                    "item__name", "pk"
                )
            ),
            "more_url": f"{index_url}?status={Status.PICKED_UP}",
        },
        {
            "key": "pending",
            "heading": gettext("Requests to confirm"),
            "empty": gettext("No requests waiting."),
            "rows": _panel_rows(
                reservations.filter(status=Status.REQUESTED).order_by("pickup_date", "pk")
            ),
            "more_url": f"{index_url}?status={Status.REQUESTED}",
        },
    ]
    panels.append(ReservationDeskPanel(sections, index_url))
