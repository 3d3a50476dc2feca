from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate

from core.health import Unhealthy
from core.health import register as register_health_check


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from . import signals  # noqa: F401 - connects the index updates

        post_migrate.connect(fill_an_empty_index, sender=self)
        if getattr(settings, "ELASTICSEARCH_URL", ""):
            register_health_check("elasticsearch", elasticsearch_answers)


def elasticsearch_answers():
    """/healthz: the cluster answers within two seconds (core/health.py)."""
    from .documents import get_client

    if not get_client(timeout=2).ping():
        raise Unhealthy("Elasticsearch did not answer")


def fill_an_empty_index(sender, using="default", verbosity=1, **kwargs):
    """After ``migrate``: an empty database index with items to find is rebuilt (a migration
    that changes what documents hold empties it)."""
    from catalogue.models import Item

    from .indexing import rebuild_database_index
    from .models import ItemDocument

    if ItemDocument.objects.using(using).exists() or not Item.objects.using(using).exists():
        return
    count = rebuild_database_index()
    if verbosity:
        print(f"  catalogue search index rebuilt: {count:,} searchable item rows")
