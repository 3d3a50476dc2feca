"""``manage.py backup_site [--output DIR] [--with-private]``: the database and the uploads in
one archive (core/backup.py; README, "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and the media files to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default="backups", help="folder for the archive (default: backups/)"
        )
        parser.add_argument(
            "--with-private",
            action="store_true",
            help="also the referral letters waiting for a decision (social-tariff evidence: "
            "only into a backup that stays within the city's systems)",
        )

    def handle(self, *args, output="backups", with_private=False, **options):
        try:
            archive = backup(Path(output), with_private=with_private, say=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive}"))
