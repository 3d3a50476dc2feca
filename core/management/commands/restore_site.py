"""``manage.py restore_site ARCHIVE [--force]``: a backup_site archive into an empty database
and the media storage (core/backup.py; README, "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup_site archive into an empty database and the media storage."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the tables of a database that is not empty",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            restore(Path(archive), force=force, say=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS("Restored. Run `manage.py migrate` if this version is newer.")
        )
