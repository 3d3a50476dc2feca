"""One row per item in the item list, in the admin user's language (else the default one),
with the item's languages as badges and a Translate link for each language still showing the
source text (docs/architecture.md, "Every item in every language").

A language's badge says whether the item's row in it is the source, translated (its name or
description differs from the source's), still the source text, or missing. Translating opens
the translated row's edit view, which wagtail-localize turns into its translation editor; a
missing row is submitted for translation first. Both addresses are scoped like every item
address (initiatives/admin_localize.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column

from core.languages import default_language

from .models import Item

SOURCE, TRANSLATED, UNTRANSLATED, MISSING = "source", "translated", "untranslated", "missing"
LABELS = {
    SOURCE: _("original text"),
    TRANSLATED: _("translated"),
    UNTRANSLATED: _("not translated yet: shows the original text"),
    MISSING: _("not in this language yet"),
}


def listing_language(request) -> str:
    """The language the list shows by default: the user's admin language when items have
    rows in it, else the default language."""
    codes = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    language = (get_language() or "").split("-")[0]
    return language if language in codes else default_language()


def one_row_per_item(queryset, language):
    """Each item once: its row in ``language``, else its default-language row."""
    in_language = Item.objects.filter(locale__language_code=language).values("translation_key")
    return queryset.filter(
        Q(locale__language_code=language)
        | (Q(locale__language_code=default_language()) & ~Q(translation_key__in=in_language))
    )


def with_language_badges(items, edit_url_name):
    """Set ``language_badges`` on each item of a listing page (one query for all of them)."""
    items = list(items)
    keys = {item.translation_key for item in items}
    rows = {}
    for row in Item.objects.filter(translation_key__in=keys).select_related("locale"):
        rows.setdefault(row.translation_key, {})[row.locale.language_code] = row
    for item in items:
        item.language_badges = _badges(rows.get(item.translation_key, {}), item, edit_url_name)
    return items


def _badges(rows, item, edit_url_name):
    source = rows.get(default_language())
    badges = []
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        row = rows.get(code)
        if row is None:
            state = MISSING
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["catalogue", "item", item.pk],
            )
        elif row is source:
            state, url = SOURCE, ""
        else:
            same = source is not None and (row.name, row.description) == (
                source.name,
                source.description,
            )
            state = UNTRANSLATED if same else TRANSLATED
            url = reverse(edit_url_name, args=[row.pk])
        badges.append(
            {"code": code, "name": name, "state": state, "label": LABELS[state], "url": url}
        )
    return badges


class LanguagesColumn(Column):
    cell_template_name = "catalogue/admin/languages_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["badges"] = getattr(instance, "language_badges", [])
        return context
