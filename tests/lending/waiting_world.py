"""Shared by the waiting-list tests (test_waiting_list.py, test_waiting_list_views.py).

"Today" is Monday 2 November 2026 (tests/lending/world.py): the initiative opens on Mondays
09–12 and Wednesdays 14–18. Its one drill (one copy) is lent out to a borrower since last
Monday, due back on Wednesday. The initiative gives 3 days to claim a copy offered from the
waiting line, so an offer made today runs through Thursday 5 November.
"""

import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from lending.models import Reservation, WaitingEntry
from tests import factories
from tests.lending.reservation_helpers import existing
from tests.lending.world import WEDNESDAY, D

LAST_MONDAY = D(2026, 10, 26)
CLAIM_UNTIL = D(2026, 11, 5)  # TODAY + 3 offer days, a Thursday
Status = Reservation.Status
Waiting = WaitingEntry.Status


def new_member(world, language="nl", **fields):
    """A member of the world's initiative for 2026, reading ``language``."""
    member = factories.MemberFactory(preferred_language=language, **fields)
    factories.MembershipFactory(
        member=member, initiative=world["initiative"], start=D(2026, 1, 1), end=D(2026, 12, 31)
    )
    return member


def lend_out(world, borrower=None):
    """The drill's only copy, picked up last Monday by ``borrower``, due back on Wednesday."""
    borrower = borrower or new_member(world)
    return existing(world["item"], LAST_MONDAY, WEDNESDAY, Status.PICKED_UP, borrower)


def run_reminders():
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def claim_url(entry, language="nl"):
    with translation.override(language):
        return reverse("lending:claim_offer", args=[entry.pk])


def leave_url(entry, language="nl"):
    with translation.override(language):
        return reverse("lending:leave_waiting_list", args=[entry.pk])


def account_url(language="nl"):
    with translation.override(language):
        return reverse("members:account")


def fresh(entry):
    entry.refresh_from_db()
    return entry
