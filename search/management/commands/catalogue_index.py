"""manage.py catalogue_index rebuild|status: the catalogue's database index and, with
ELASTICSEARCH_URL set, its Elasticsearch index (rebuilt aside, then swapped in by alias)."""

from contextlib import suppress

from django.core.management.base import BaseCommand, CommandError

from search.indexing import elasticsearch_enabled


class Command(BaseCommand):
    help = "Rebuild the catalogue search index, or show its state."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"], help="what to do")
        parser.add_argument(
            "--only",
            choices=["database", "elasticsearch"],
            help="only this index (by default the database's and, when set, Elasticsearch's)",
        )

    def handle(self, *args, action, only=None, **options):
        if only == "elasticsearch" and not elasticsearch_enabled():
            raise CommandError("--only elasticsearch: ELASTICSEARCH_URL is not set.")
        if only != "elasticsearch":
            self._database(action)
        if only == "database" or not elasticsearch_enabled():
            return
        from elasticsearch import ApiError, SerializationError, TransportError
        from elasticsearch.helpers import BulkIndexError

        try:
            if action == "status":
                self._elasticsearch_status()
            else:
                self._elasticsearch_rebuild()
        except SerializationError as error:
            raise CommandError(
                f"Elasticsearch at {self._address()} answered oddly: {error}"
            ) from None
        except TransportError as error:
            raise CommandError(
                f"Elasticsearch at {self._address()} cannot be reached ({error})"
            ) from None
        except (ApiError, BulkIndexError) as error:
            raise CommandError(f"Elasticsearch at {self._address()} refused: {error}") from None

    def _database(self, action):
        if action == "status":
            from search.models import ItemDocument

            self.stdout.write(
                f"backend: database; {ItemDocument.objects.count()} searchable item rows"
            )
        else:
            from search.indexing import rebuild_database_index

            self.stdout.write("rebuilding the database search index")
            count = rebuild_database_index(progress=self._progress)
            self.stdout.write(f"\n{count:,} searchable item rows in the index")

    @staticmethod
    def _address() -> str:
        """The cluster's address without any user name or password in it."""
        from urllib.parse import urlsplit

        from django.conf import settings

        parts = urlsplit(settings.ELASTICSEARCH_URL)
        return f"{parts.scheme}://{parts.hostname}:{parts.port or 9200}"

    def _progress(self, done, total):
        percent = 100 * done // total if total else 100
        self.stdout.write(f"\r  {done:,} of {total:,} items ({percent}%)", ending="")
        self.stdout.flush()

    # Elasticsearch ---------------------------------------------------------------------------

    def _concrete_indexes(self, client, alias) -> list[str]:
        from elasticsearch import NotFoundError

        try:
            return sorted(client.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []

    def _elasticsearch_status(self):
        from search.documents import COMMAND_TIMEOUT, alias_name, get_client

        client, alias = get_client(COMMAND_TIMEOUT), alias_name()
        indexes = self._concrete_indexes(client, alias)
        if not indexes:
            self.stdout.write(f"elasticsearch: no index behind the alias {alias} (rebuild it)")
            return
        for name in indexes:
            count = client.count(index=name)["count"]
            self.stdout.write(f"elasticsearch: alias {alias} -> index {name}; {count:,} documents")

    def _elasticsearch_rebuild(self):
        from elasticsearch import ApiError, TransportError
        from elasticsearch.helpers import streaming_bulk

        from catalogue.models import Item
        from search.documents import (
            COMMAND_TIMEOUT,
            alias_name,
            catalogue_index,
            get_client,
            new_index_name,
            prepare,
            searchable_rows,
        )
        from search.indexing import _labels

        client, alias = get_client(COMMAND_TIMEOUT), alias_name()
        old = self._concrete_indexes(client, alias)
        name = new_index_name()
        self.stdout.write(f"building the Elasticsearch index {name}")
        catalogue_index(name).create(using=client)

        rows = searchable_rows(Item.objects.all()).order_by("pk")
        total = rows.count()
        labels = _labels()

        def actions():
            for row in rows.iterator(chunk_size=500):
                yield prepare(row, labels).to_dict(include_meta=True) | {"_index": name}

        done = 0
        try:
            for _ok, _info in streaming_bulk(
                client, actions(), chunk_size=500, raise_on_error=True
            ):
                done += 1
                if done % 500 == 0 or done == total:
                    self._progress(done, total)
            if not total:
                self._progress(0, 0)
            client.indices.refresh(index=name)
            # One request: searches see either the old index or the new one, never neither.
            client.indices.update_aliases(
                actions=[{"remove": {"index": index, "alias": alias}} for index in old]
                + [{"add": {"index": name, "alias": alias}}]
            )
        except Exception:
            # The half-built index goes; the alias still points at the old one.
            with suppress(ApiError, TransportError):
                client.options(ignore_status=404).indices.delete(index=name)
            raise
        for index in old:
            client.options(ignore_status=404).indices.delete(index=index)
        self.stdout.write(f"\n{done:,} documents in {name}, now behind the alias {alias}")
