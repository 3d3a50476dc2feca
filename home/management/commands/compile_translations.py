"""Compile the interface translations (locale/*/LC_MESSAGES/*.po) into .mo files.

Django's compilemessages needs GNU gettext installed; Babel does the same in pure Python,
so a fresh machine with only Python can build them.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the .po translation files of the project into .mo files."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only errors.")

    def handle(self, *args, quiet=False, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                try:
                    with po_path.open("rb") as po_file:
                        catalog = read_po(po_file, abort_invalid=True)
                except Exception as error:  # Babel raises several error types for bad files
                    raise CommandError(f"{po_path}: {error}") from error
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalog, use_fuzzy=False)
                compiled += 1
                if not quiet:
                    self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
        if not quiet:
            self.stdout.write(f"{compiled} translation file(s) compiled")
