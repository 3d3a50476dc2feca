"""The lending app in the admin: the reservation desk in the menu and on the dashboard, and an
item with reservations that cannot be deleted."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from catalogue.models import Item

from .desk import ReservationPermissionPolicy, ReservationViewSet
from .desk_panel import add_reservation_desk_panel
from .models import Reservation


def refuse_deleting_lent_items(request, instances):
    """An item with reservations keeps them (and the figures the city reports): retire it."""
    lent = [item for item in instances if isinstance(item, Item) and item.reservations.exists()]
    if not lent:
        return None
    messages.error(
        request,
        ngettext(
            "“%(names)s” has reservations, so it cannot be deleted. Set its status to "
            "“retired” instead: it then leaves the catalogue and keeps its history.",
            "%(names)s have reservations, so they cannot be deleted. Set their status to "
            "“retired” instead: they then leave the catalogue and keep their history.",
            len(lent),
        )
        % {"names": ", ".join(item.name for item in lent)},
    )
    return redirect(reverse(Item.snippet_viewset.get_url_name("list")))


register_permission_policy(Reservation, ReservationPermissionPolicy(Reservation))


@hooks.register("register_admin_viewset")
def register_reservation_desk():
    return ReservationViewSet()


hooks.register("construct_homepage_panels", add_reservation_desk_panel)
hooks.register("before_delete_snippet", refuse_deleting_lent_items)
hooks.register(
    "before_bulk_action",
    lambda request, action_type, objects, action: (
        refuse_deleting_lent_items(request, objects) if action_type == "delete" else None
    ),
)
