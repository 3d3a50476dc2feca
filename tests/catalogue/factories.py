"""Builders of the catalogue: categories and items, in Dutch with their translations."""

from tests.core.factories import locales


def build_category(name, slug, parent=None, icon="box", translations=None):
    """A Dutch category and its translations ({"fr": "Outils", ...}), parents first."""
    from catalogue.models import Category

    category = Category.objects.create(
        name=name, slug=slug, parent=parent, icon=icon, locale=locales()["nl"]
    )
    for code, translated_name in (translations or {}).items():
        copy = category.copy_for_translation(locales()[code])
        copy.name = translated_name
        copy.save()
    return category


def build_item(initiative, category, name, code, translations=None, **fields):
    """A live Dutch item and its translations ({"fr": {"name": ..., "description": ...}})."""
    from catalogue.models import Item

    item = Item.objects.create(
        initiative=initiative,
        category=category,
        name=name,
        code=code,
        locale=locales()["nl"],
        live=True,
        **fields,
    )
    for language, values in (translations or {}).items():
        copy = item.copy_for_translation(locales()[language])
        for field, value in values.items():
            setattr(copy, field, value)
        copy.save()
    return item
