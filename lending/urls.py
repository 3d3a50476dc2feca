"""The member's own reservation addresses, under the account prefix (``site/urls.py``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import account, waiting_views

app_name = "lending"

urlpatterns = [
    path(
        _("reservations/<int:pk>/cancel/"),
        account.cancel_reservation,
        name="cancel_reservation",
    ),
    path(
        _("reservations/<int:pk>/extend/"),
        account.renew_reservation,
        name="renew_reservation",
    ),
    path(_("waiting/<int:pk>/leave/"), waiting_views.leave, name="leave_waiting_list"),
    path(_("waiting/<int:pk>/claim/"), waiting_views.claim, name="claim_offer"),
]
