"""Every item row that is the real thing (its default-language row) becomes one copy of
itself, with the row's code, status and condition, and every item gets its slug. Grouping the
rows that are copies of one item follows in 0007, once reservations hold copies (lending
0002-0004)."""

from django.conf import settings
from django.db import migrations
from django.utils.text import slugify


def _source_rows(Item):
    """The default-language row of each item (or its first row, when there is none)."""
    default = settings.LANGUAGE_CODE
    sources = {}
    for row in Item.objects.select_related("locale").order_by("pk"):
        kept = sources.get(row.translation_key)
        if kept is None or (
            row.locale.language_code == default and kept.locale.language_code != default
        ):
            sources[row.translation_key] = row
    return sources


def copies_and_slugs(apps, schema_editor):
    Item = apps.get_model("catalogue", "Item")
    Copy = apps.get_model("catalogue", "Copy")
    used_codes = set()
    used_slugs = set()
    for key, source in sorted(_source_rows(Item).items(), key=lambda pair: pair[1].pk):
        code, number = source.code, 2
        while code in used_codes:
            code, number = f"{source.code}-{number}", number + 1
        used_codes.add(code)
        Copy.objects.create(
            item=source,
            code=code,
            status=source.status,
            condition=source.condition,
            acquired_on=source.created_at.date() if source.created_at else None,
        )
        base = (slugify(source.name) or "item")[:130].strip("-")
        slug, number = base, 2
        while (source.initiative_id, slug) in used_slugs:
            slug, number = f"{base}-{number}", number + 1
        used_slugs.add((source.initiative_id, slug))
        Item.objects.filter(translation_key=key).update(slug=slug)


def back_to_rows(apps, schema_editor):
    Copy = apps.get_model("catalogue", "Copy")
    Item = apps.get_model("catalogue", "Item")
    for copy in Copy.objects.all():
        Item.objects.filter(translation_key=copy.item.translation_key).update(
            code=copy.code, status=copy.status, condition=copy.condition
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_copies"),
    ]

    operations = [
        migrations.RunPython(copies_and_slugs, back_to_rows),
    ]
