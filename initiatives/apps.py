from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from core.layout_cache import changes_layout

        from . import signals  # noqa: F401
        from .opening_hours import AbstractOpeningException, AbstractOpeningSlot

        # Opening hours show in the header, footer and initiative cards.
        changes_layout(AbstractOpeningSlot, AbstractOpeningException)
