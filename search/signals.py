"""Keep the catalogue index current when an item is saved, published, unpublished or deleted."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import Item

from .indexing import elasticsearch_enabled, index_item, remove_item


@receiver(post_save, sender=Item)
def item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_item(instance)
    if elasticsearch_enabled():
        from .tasks import sync_item_to_elasticsearch

        # Every translation shares the physical item's status: refresh them all.
        ids = list(
            Item.objects.filter(translation_key=instance.translation_key).values_list(
                "pk", flat=True
            )
        )
        transaction.on_commit(lambda: [sync_item_to_elasticsearch.enqueue(pk) for pk in ids])


@receiver(post_delete, sender=Item)
def item_deleted(sender, instance, **kwargs):
    remove_item(instance.pk)
    if elasticsearch_enabled():
        from .tasks import remove_item_from_elasticsearch

        pk, language = instance.pk, instance.locale.language_code
        transaction.on_commit(lambda: remove_item_from_elasticsearch.enqueue(pk, language))
