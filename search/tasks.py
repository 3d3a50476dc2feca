"""Background updates of the Elasticsearch catalogue index, enqueued by ``search.signals``.
A cluster that cannot be reached costs a warning in the log; a rebuild catches up."""

import logging
from contextlib import suppress

from django_tasks import task
from elasticsearch import ApiError, NotFoundError, SerializationError, TransportError

logger = logging.getLogger(__name__)

UNAVAILABLE = (ApiError, TransportError, SerializationError)


def _delete(client, item_id: int) -> None:
    from .documents import alias_name

    # Not found: never indexed, already gone, or no index built yet.
    with suppress(NotFoundError):
        client.delete(index=alias_name(), id=str(item_id))


@task()
def sync_item_to_elasticsearch(item_id: int) -> bool:
    """Index an item row if it may be found, else take it out. Returns whether it is indexed."""
    from catalogue.models import Item

    from .documents import alias_name, get_client, prepare, searchable_rows

    client = get_client()
    try:
        row = searchable_rows(Item.objects.filter(pk=item_id)).first()
        if row is None:
            _delete(client, item_id)
            return False
        # Only through the alias: writing to its name without one would create a stray
        # index with guessed mappings, which the next rebuild could not put the alias on.
        prepare(row).save(using=client, index=alias_name(), require_alias=True)
        return True
    except UNAVAILABLE as error:
        logger.warning("Elasticsearch did not take item %s: %s", item_id, error)
        return False


@task()
def remove_item_from_elasticsearch(item_id: int, language: str) -> None:
    """Take an item row (of this language) out of the index."""
    from .documents import get_client

    try:
        _delete(get_client(), item_id)
    except UNAVAILABLE as error:
        logger.warning("Elasticsearch did not remove item %s (%s): %s", item_id, language, error)


@task()
def rebuild_elasticsearch_index() -> None:
    """The search words changed: the index is built again aside with the new synonym filter
    (search/documents.py) and swapped in; searches use the old one meanwhile."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    try:
        call_command("catalogue_index", "rebuild", "--only", "elasticsearch", stdout=StringIO())
    except CommandError as error:
        logger.warning("the search words changed, Elasticsearch was not rebuilt: %s", error)
