"""Keep the catalogue index current when an item is saved, published, unpublished or deleted,
when one of its copies is added, changes status or goes, and when a category or initiative
whose name is part of the indexed text changes.

The database index is updated in the same transaction. With ``ELASTICSEARCH_URL`` set, the
Elasticsearch index follows through tasks enqueued once the transaction commits.
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from catalogue.models import Category, Copy, Item
from catalogue.signals import items_published
from initiatives.models import InitiativePage

from .indexing import elasticsearch_enabled, index_item, index_where, remove_item

# Saves that touch none of these (Wagtail's bookkeeping when a draft revision is saved) leave
# the index as it is.
INDEXED_FIELDS = frozenset(
    {"name", "description", "contents", "brand", "category", "initiative"}
    | {"live", "locale", "translation_key"}
)


def _follow_in_elasticsearch(outcome) -> None:
    """Enqueue the Elasticsearch update of each (item id, language, searchable) row."""
    if not outcome or not elasticsearch_enabled():
        return
    # Imported here: the tasks module is only needed, and only loaded, with Elasticsearch.
    from .tasks import remove_item_from_elasticsearch, sync_item_to_elasticsearch

    def enqueue():
        for pk, language, searchable in outcome:
            if searchable:
                sync_item_to_elasticsearch.enqueue(pk)
            else:
                remove_item_from_elasticsearch.enqueue(pk, language)

    transaction.on_commit(enqueue)


def items_changed(translation_keys) -> None:
    """Re-index the items with these translation keys, all their translations included, in one
    step: what saving each of them would do (the database index now, Elasticsearch after the
    commit). For writes that send no save signals, such as the bulk publishing of the CSV
    import (``catalogue.bulk_publish``, through ``catalogue.signals.items_published``)."""
    keys = list(dict.fromkeys(translation_keys))
    if keys:
        _follow_in_elasticsearch(index_where(Q(translation_key__in=keys)))


@receiver(items_published, sender=Item)
def _items_published(sender, translation_keys, **kwargs):
    """A bulk write of items (the CSV import) sends no ``post_save`` per row: re-index them."""
    items_changed(translation_keys)


@receiver(post_save, sender=Item)
def item_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not INDEXED_FIELDS.intersection(update_fields)):
        return
    # Copies belong to the default-language row: every translation is re-indexed with it.
    _follow_in_elasticsearch(index_item(instance))


@receiver(post_save, sender=Copy)
def copy_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A copy's status decides whether its item can be found and lent (``available``)."""
    if raw or (update_fields is not None and "status" not in update_fields):
        return
    _follow_in_elasticsearch(index_item(instance.item))


@receiver(post_delete, sender=Copy)
def copy_deleted(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Item) or getattr(origin, "model", None) is Item:
        return  # deleting the item itself: ``item_deleted`` re-indexes
    item = Item.objects.filter(pk=instance.item_id).first()
    if item is not None:
        _follow_in_elasticsearch(index_item(item))


@receiver(post_delete, sender=Item)
def item_deleted(sender, instance, **kwargs):
    remove_item(instance)
    outcome = [(instance.pk, instance.locale.language_code, False)]
    # The copies go with the default-language row: its translations are re-indexed too.
    remaining = Q(translation_key=instance.translation_key) & ~Q(pk=instance.pk)
    _follow_in_elasticsearch(outcome + index_where(remaining))


@receiver(post_save, sender=Category)
def category_saved(sender, instance, raw=False, **kwargs):
    # Items point at default-language categories: match by translation key, so that a new or
    # renamed translation reaches the items of its language too.
    if raw:
        return
    key = instance.translation_key
    _follow_in_elasticsearch(
        index_where(Q(category__translation_key=key) | Q(category__parent__translation_key=key))
    )


@receiver(page_published, sender=InitiativePage)
def initiative_published(sender, instance, **kwargs):
    _follow_in_elasticsearch(index_where(Q(initiative__translation_key=instance.translation_key)))


@receiver(post_save, sender="search.Synonym")
@receiver(post_delete, sender="search.Synonym")
def _search_words_changed(sender, **kwargs):
    """A search word added, changed or removed counts from the next search on."""
    from . import vocabulary

    vocabulary.changed()
    transaction.on_commit(vocabulary.changed)
    if elasticsearch_enabled():
        from .tasks import rebuild_elasticsearch_index

        transaction.on_commit(rebuild_elasticsearch_index.enqueue)
