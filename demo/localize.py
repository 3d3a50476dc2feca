"""Register a hand-made translation with wagtail-localize, so that editors can sync it later.

The demo writes its French and English pages itself (copy_for_translation, then the real
texts). This module then tells wagtail-localize about them: a TranslationSource for the Dutch
page, a Translation per target language, and a StringTranslation for every sentence of the
source, taken from the translated page at the same place (same field, same block id, same
position). Page links that point at the translated page are stored as overrides. Opening the
translated page in the admin then shows wagtail-localize's editor, filled in; publishing or
syncing from there keeps the texts.
"""

import json
from collections import defaultdict

from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue, validate_translation_links


def _valid(source, translated):
    """The check StringTranslation.save() makes, without a query per sentence."""
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(source, translated)
    except ValueError:
        return False
    return True


def is_registered(source_page, locale):
    return Translation.objects.filter(
        source__object_id=source_page.translation_key,
        source__locale_id=source_page.locale_id,
        target_locale=locale,
    ).exists()


def register_translation(source_page, translated_page):
    """Create the wagtail-localize records for `translated_page`.

    Returns the number of source sentences that found no counterpart. Then nothing is
    registered: the page stays a plain page that editors edit directly, rather than one
    whose wagtail-localize editor would show those sentences untranslated (and publish them
    in Dutch). That happens only to pages made by an older version of this demo, whose
    languages do not share block ids; pages made now always pair up.
    """
    source_page = source_page.specific
    translated_page = translated_page.specific
    locale = translated_page.locale
    source, _created = TranslationSource.get_or_create_from_instance(source_page)
    strings, overridables = _translated_segments(translated_page)
    rows, missing = _string_translations(source, strings, locale)
    if missing:
        return missing
    Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    _save_string_translations(source, rows, locale)
    _save_overrides(source, overridables, locale)
    return 0


def _translated_segments(translated_page):
    """The sentences of the translated page by place (path), and its overridable values."""
    strings = defaultdict(list)
    overridables = {}
    for segment in extract_segments(translated_page):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string.data)
        elif isinstance(segment, OverridableSegmentValue):
            overridables[segment.path] = segment.data
    return strings, overridables


def _string_translations(source, strings, locale):
    """Unsaved StringTranslations keyed by (string, context), and how many found no pair.

    One StringTranslation per (sentence, place), like Translation.import_po() makes. A place
    pairs up when the translation has as many sentences there as the source.
    """
    source_segments = list(
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .select_related("context", "string")
    )
    per_path = defaultdict(int)
    for segment in source_segments:
        per_path[segment.context.path] += 1

    rows = {}
    seen = defaultdict(int)
    missing = 0
    for segment in source_segments:
        path = segment.context.path
        position = seen[path]
        seen[path] += 1
        values = strings.get(path, [])
        if len(values) != per_path[path]:
            missing += 1
            continue
        data = values[position]
        rows[segment.string_id, segment.context_id] = StringTranslation(
            translation_of_id=segment.string_id,
            context_id=segment.context_id,
            locale=locale,
            data=data,
            translation_type="manual",
            tool_name="load_demo",
            has_error=not _valid(segment.string.data, data),
        )
    return rows, missing


def _save_string_translations(source, rows, locale):
    """Save the rows that do not exist yet, in bulk."""
    existing = set(
        StringTranslation.objects.filter(
            locale=locale, context__object_id=source.object_id
        ).values_list("translation_of_id", "context_id")
    )
    StringTranslation.objects.bulk_create(row for key, row in rows.items() if key not in existing)


def _save_overrides(source, overridables, locale):
    """Page links and other overridable values that differ from the source's."""
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        value = overridables.get(segment.context.path)
        if value is not None and value != segment.data:
            SegmentOverride.objects.update_or_create(
                locale=locale,
                context=segment.context,
                defaults={"data_json": json.dumps(value)},
            )
