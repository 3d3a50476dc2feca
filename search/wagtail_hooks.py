"""The coordinators' list of search words in the admin (Settings › Search words)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search words")
    add_to_settings_menu = True
    list_display = ["words", "means", "locale"]
    search_fields = ["words", "means"]
    ordering = ["words"]


register_snippet(SynonymViewSet)
