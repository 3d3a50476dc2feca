"""What the desk (``desk.py``, ``desk_walk_in.py``, ``desk_panel.py``) calls a reservation, its
copy and its member, and the permission policy it asks."""

from django.utils.translation import gettext

from wagtail.permissions import policy_registry

from .models import Reservation


def reservation_policy():
    return policy_registry.get_by_type(Reservation)


def item_label(reservation):
    """The item and the code of the copy the reservation holds."""
    return f"{reservation.item.name} ({reservation.copy.code})"


def copy_label(copy):
    """The copy's code and condition, with the volunteers' notes on it."""
    label = f"{copy.code} · {copy.get_condition_display()}"
    return f"{label} · {copy.notes}" if copy.notes else label


def member_label(reservation):
    member = reservation.member
    if member is None:
        # The member erased their account: the reservation stays, anonymised.
        return gettext("(erased member)")
    name = member.user.get_full_name()
    return f"{member.member_number} · {name}" if name else member.member_number
