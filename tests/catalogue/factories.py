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


def build_item(
    initiative,
    category,
    name,
    code,
    translations=None,
    *,
    status="available",
    condition="good",
    copies=1,
    **fields,
):
    """A live Dutch item with its copies and translations ({"fr": {"name": ...}}).

    The item has ``copies`` copies, coded ``code`` (one copy) or ``code-1``, ``code-2``...,
    each with ``status`` and ``condition``."""
    from catalogue.models import Copy, Item

    item = Item.objects.create(
        initiative=initiative,
        category=category,
        name=name,
        locale=locales()["nl"],
        live=True,
        **fields,
    )
    codes = [code] if copies == 1 else [f"{code}-{n}" for n in range(1, copies + 1)]
    for copy_code in codes:
        Copy.objects.create(item=item, code=copy_code, status=status, condition=condition)
    for language, values in (translations or {}).items():
        copy = item.copy_for_translation(locales()[language])
        for field, value in values.items():
            setattr(copy, field, value)
        copy.save()
    return item


def first_copy(item):
    """The first copy of an item (any of its language rows), for writing a reservation."""
    from catalogue.models import Copy

    return Copy.objects.filter(item__translation_key=item.translation_key).order_by("pk").first()


def set_copies_status(item, status):
    """Give every copy of an item this status, saving each (the search index follows)."""
    from catalogue.models import Copy

    for copy in Copy.objects.filter(item__translation_key=item.translation_key):
        copy.status = status
        copy.save()
