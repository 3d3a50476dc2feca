"""The default-language row, named once.

With wagtail-localize every translation of an item, category or page is its own row sharing a
``translation_key``. What belongs to the thing itself (an item's status and reservations, an
initiative's opening hours) is read from the row in the default language (docs/architecture.md,
"Default-language rows are the physical item"). Every app asks these helpers rather than
spelling the rule out.
"""

from __future__ import annotations

from django.conf import settings


def default_language() -> str:
    """The language code of the rows that are the real thing (Dutch)."""
    return settings.LANGUAGE_CODE


def in_default_language(queryset, *, via: str = ""):
    """The rows of ``queryset`` in the default language; with ``via``, the rows whose related
    object (``via="item"``: a reservation's item) is in the default language."""
    lookup = f"{via}__locale__language_code" if via else "locale__language_code"
    return queryset.filter(**{lookup: default_language()})


def is_source(obj) -> bool:
    """Whether ``obj`` is the default-language row itself (no query once the locale is known)."""
    from .layout_cache import locale_for

    default = locale_for(default_language())
    return default is None or obj.locale_id == default.pk


def source_of(obj):
    """The default-language row of a translatable object: itself when it is that row, or when
    the default language has none (a thing first entered in another language)."""
    if is_source(obj):
        return obj
    rows = type(obj).objects.filter(translation_key=obj.translation_key)
    return in_default_language(rows).first() or obj


def source_keys(queryset, **conditions):
    """The translation keys of the default-language rows of ``queryset`` that meet the
    conditions, as a subquery: ``Item.objects.filter(translation_key__in=source_keys(...))``."""
    return in_default_language(queryset.filter(**conditions)).values("translation_key")


def translations_in(objects, locale) -> dict:
    """The translation in ``locale`` of each object, by translation key, in one query.

    Objects of one translatable model (items, or pages such as initiatives); an object with
    no translation (or, for pages, no live one) maps to itself, like ``localized``.
    """
    objects = [obj for obj in objects if obj is not None]
    found = {obj.translation_key: obj for obj in objects}
    if not objects:
        return found
    model = type(objects[0])
    translations = model.objects.filter(translation_key__in=list(found), locale=locale)
    if hasattr(model, "live"):
        translations = translations.filter(live=True)
    found.update({obj.translation_key: obj for obj in translations})
    return found
