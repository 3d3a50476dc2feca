"""Keeping the catalogue's database index current, and rebuilding it.

An item row is searchable when it is live and its item has a copy in the collection (not
retired). Copies belong to the default-language row, so every change to an item or one of its
copies re-indexes all its translations together (docs/architecture.md, "Items and copies").
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery

from . import vocabulary
from .models import ItemDocument
from .words import fold, head_forms

FTS_TABLE = "search_item_fts"
# PostgreSQL text search configurations per language; stemming happens on folded text.
PG_CONFIGS = {"nl": "dutch", "fr": "french", "en": "english"}
BATCH = 500


def pg_config(language: str) -> str:
    return PG_CONFIGS.get(language, "simple")


def _labels() -> dict:
    """Names of categories and initiatives by (translation key, locale id): one query each."""
    from catalogue.models import Category
    from initiatives.models import InitiativePage

    labels = {
        (key, locale): name
        for key, locale, name in Category.objects.values_list(
            "translation_key", "locale_id", "name"
        )
    }
    labels.update(
        ((key, locale), title)
        for key, locale, title in InitiativePage.objects.values_list(
            "translation_key", "locale_id", "title"
        )
    )
    return labels


def _document(item, labels: dict) -> ItemDocument:
    def label(related):
        if related is None:
            return ""
        return labels.get((related.translation_key, item.locale_id)) or str(
            getattr(related, "name", "") or related.title
        )

    category = item.category if item.category_id else None
    parent = category.parent if category is not None and category.parent_id else None
    body = " ".join(
        part
        for part in (
            item.description,
            item.contents,
            item.brand,
            label(category),
            label(parent),
            label(item.initiative if item.initiative_id else None),
        )
        if part
    )
    language = item.locale.language_code
    return ItemDocument(
        item_id=item.pk,
        language=language,
        thing=" ".join(["", *head_forms(item.name, language, item.brand), ""]),
        name=fold(item.name),
        body=fold(body),
        initiative=item.initiative.slug if item.initiative_id else "",
        category=category.slug if category is not None else "",
        parent_category=parent.slug if parent is not None else "",
        age_min_months=item.age_min_months,
        age_max_months=item.age_max_months,
        # A copy can be lent (not in repair); which days is a matter of reservations.
        available=item.is_available,
        source_id=getattr(item, "source_pk", None) or item.source().pk,
        created_at=item.created_at,
    )


def _searchable_ids(rows) -> set[int]:
    """Which of these item rows may be found: live, with a copy in the collection."""
    from catalogue.models import Item

    ids = [row.pk for row in rows]
    return set(Item.objects.filter(pk__in=ids).public().values_list("pk", flat=True))


def _write(documents: list[ItemDocument], removed_ids: list[int]) -> None:
    stale = [document.item_id for document in documents] + list(removed_ids)
    if not stale:
        return
    ItemDocument.objects.filter(item_id__in=stale).delete()
    ItemDocument.objects.bulk_create(documents)
    # This process knows the new words now, the others once the change is committed.
    vocabulary.changed()
    transaction.on_commit(vocabulary.changed)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ",".join("%s" for _ in stale)
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", stale)
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, language, name, body) VALUES (%s, %s, %s, %s)",
                [(d.item_id, d.language, d.name, d.body) for d in documents],
            )
        elif connection.vendor == "postgresql":
            for language in {document.language for document in documents}:
                config = pg_config(language)
                cursor.execute(
                    "UPDATE search_itemdocument SET vector ="
                    " setweight(to_tsvector(%s::regconfig, name), 'A')"
                    " || setweight(to_tsvector(%s::regconfig, body), 'B')"
                    " WHERE language = %s AND item_id = ANY(%s)",
                    [config, config, language, [d.item_id for d in documents]],
                )


def index_items(items) -> list[tuple[int, str, bool]]:
    """(Re)index these item rows: searchable ones are written, the others removed.

    Returns (item id, language, searchable) for every row, for the Elasticsearch updates.
    """
    items = list(items)
    if not items:
        return []
    searchable = _searchable_ids(items)
    labels = _labels() if searchable else {}
    documents = [_document(item, labels) for item in items if item.pk in searchable]
    removed = [item.pk for item in items if item.pk not in searchable]
    with transaction.atomic():
        _write(documents, removed)
    return [(item.pk, item.locale.language_code, item.pk in searchable) for item in items]


def index_item(item) -> list[tuple[int, str, bool]]:
    """Re-index an item and all its translations (its copies are shared between them)."""
    from catalogue.models import Item

    return index_items(_with_labels(Item.objects.filter(translation_key=item.translation_key)))


def index_where(condition) -> list[tuple[int, str, bool]]:
    """Re-index the item rows matching a Q condition, in batches (see ``index_items``).

    Used when a label that is part of the indexed text changes (a category or an initiative
    is renamed), and by the full rebuild.
    """
    from catalogue.models import Item

    outcome = []
    for batch in _batches(_with_labels(Item.objects.filter(condition))):
        outcome += index_items(batch)
    return outcome


def remove_item(item_or_ids) -> None:
    """Take an item row (an Item, an id or several ids) out of the index."""
    if hasattr(item_or_ids, "pk"):
        ids = [item_or_ids.pk]
    elif isinstance(item_or_ids, int):
        ids = [item_or_ids]
    else:
        ids = list(item_or_ids)
    with transaction.atomic():
        _write([], ids)


def _with_labels(queryset):
    """Item rows with what a document needs, the copy counts and the source row's id included."""
    from catalogue.models import Item
    from core.languages import in_default_language

    source = in_default_language(Item.objects.filter(translation_key=OuterRef("translation_key")))
    return (
        queryset.with_copy_counts()
        .annotate(source_pk=Subquery(source.values("pk")[:1]))
        .select_related("locale", "category", "category__parent", "initiative")
    )


def _batches(queryset):
    """The rows of a queryset in primary-key order, BATCH at a time, without one big read."""
    queryset = queryset.order_by("pk")
    last_pk = 0
    while batch := list(queryset.filter(pk__gt=last_pk)[:BATCH]):
        yield batch
        last_pk = batch[-1].pk


def rebuild_database_index(progress=None) -> int:
    """Rebuild the whole index from the items; ``progress(done, total)`` is called per batch.

    Returns the number of searchable item rows in the new index.
    """
    from catalogue.models import Item

    queryset = _with_labels(Item.objects.all())
    total = queryset.count()
    with transaction.atomic():
        ItemDocument.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
        done = 0
        for batch in _batches(queryset):
            index_items(batch)
            done += len(batch)
            if progress:
                progress(done, total)
    return ItemDocument.objects.count()


def elasticsearch_enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))
