"""An item published in the default language exists in every language at once
(docs/architecture.md, "Every item in every language").

When a volunteer publishes an item from the admin, each content language that has no
translation of it gets one through wagtail-localize, published with the source text where
nothing is translated yet (its fallback): the item is reachable at its /fr/ and /en/
addresses and found by those searches from the start, and the item list's Translate action
opens wagtail-localize's editor for it, where a volunteer translates it later.
"""

from __future__ import annotations

import logging

from django.db import transaction

from wagtail import hooks
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from core.languages import is_source

logger = logging.getLogger(__name__)


def missing_locales(item):
    """The content languages the item has no row in."""
    have = type(item).objects.filter(translation_key=item.translation_key).values("locale_id")
    return list(Locale.objects.exclude(pk__in=have).order_by("language_code"))


def translate_everywhere(item, user=None):
    """Create and publish the item's missing translations (source text as fallback)."""
    if not (item.live and is_source(item)):
        return []
    locales = missing_locales(item)
    if not locales:
        return []
    with transaction.atomic():
        source, created = TranslationSource.get_or_create_from_instance(item)
        if not created:
            source.update_from_db()
        for locale in locales:
            translation, _created = Translation.objects.get_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            translation.save_target(user=user, publish=True)
    return locales


def after_saving_item(request, instance):
    from .models import Item

    if isinstance(instance, Item):
        # The view's object may predate its publication: read what was saved.
        item = Item.objects.filter(pk=instance.pk).first()
        if item is not None:
            translate_everywhere(item, user=request.user)


def connect():
    hooks.register("after_create_snippet", after_saving_item)
    hooks.register("after_edit_snippet", after_saving_item)
