"""manage.py catalogue_index rebuild|status: the catalogue's search index."""

from django.core.management.base import BaseCommand, CommandError

from search.api import get_backend


class Command(BaseCommand):
    help = "Rebuild the catalogue search index, or show its state."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"], help="what to do")

    def handle(self, *args, action, **options):
        backend = get_backend()
        if backend.name != "database":
            raise CommandError(f"The {backend.name} backend has no index command yet.")
        if action == "status":
            from search.models import ItemDocument

            self.stdout.write(
                f"backend: database; {ItemDocument.objects.count()} searchable item rows"
            )
            return
        from search.indexing import rebuild_database_index

        def progress(done, total):
            percent = 100 * done // total if total else 100
            self.stdout.write(f"\r  {done:,} of {total:,} items ({percent}%)", ending="")
            self.stdout.flush()

        self.stdout.write("rebuilding the database search index")
        count = rebuild_database_index(progress=progress)
        self.stdout.write(f"\n{count:,} searchable item rows in the index")
