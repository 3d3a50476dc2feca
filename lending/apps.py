"""The lending app: reservations, their history, the desk and the mail about them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LendingConfig(AppConfig):
    name = "lending"
    verbose_name = _("Lending")

    def ready(self):
        # The hooks members' pages call to show and handle a member's lending data
        # (docs/architecture.md, "Apps"): registered at start-up, not on first admin use.
        from core.page_cache import shows_on_pages

        from . import account, privacy, signals, waiting_views  # noqa: F401
        from .models import Reservation, WaitingEntry

        # Item pages show when copies are free (the calendar) and how long the line is.
        shows_on_pages(Reservation, WaitingEntry)
