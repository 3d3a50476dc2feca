"""``manage.py import_items <initiative-slug> <file.csv> [--dry-run]``: import catalogue items
and their copies (a row per copy).

The rules of the file are those of ``catalogue.csv_import``. Rejected rows are printed with
their row number and reason and the others are imported, with exit code 0; only a file
refused as a whole (or an unknown initiative, an unreadable file) ends with an error.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogue.csv_import import MAX_BYTES, ImportRefused, import_items, too_large_message
from initiatives.models import InitiativePage


class Command(BaseCommand):
    help = "Import the catalogue items of one initiative, and their copies, from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("initiative", help="the slug of the initiative, e.g. instrumentheek")
        parser.add_argument("file", help="the CSV file (UTF-8 or Windows-1252, ; or , separated)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, without saving anything",
        )
        parser.add_argument(
            "--progress-every",
            type=int,
            default=100,
            metavar="N",
            help="print a progress line every N rows (default 100; 0 for none)",
        )

    def handle(self, *args, initiative, file, dry_run, progress_every, **options):
        page = self.initiative(initiative)
        data = self.read(file)

        def progress(done, total):
            if (
                progress_every
                and total > progress_every
                and (done % progress_every == 0 or done == total)
            ):
                self.stdout.write(
                    _("%(done)d of %(total)d rows (%(percent)d%%)")
                    % {"done": done, "total": total, "percent": done * 100 // total}
                )

        try:
            report = import_items(page, data, dry_run=dry_run, progress=progress)
        except ImportRefused as refused:
            raise CommandError(
                _("%(file)s was not imported: %(reason)s") % {"file": file, "reason": refused}
            ) from None

        if report.ignored_columns:
            self.stdout.write(
                self.style.WARNING(
                    _("Ignored columns: %(columns)s")
                    % {"columns": ", ".join(report.ignored_columns)}
                )
            )
        for row in report.rejected:
            self.stdout.write(
                self.style.ERROR(
                    _("Row %(row)d%(code)s rejected: %(reason)s")
                    % {
                        "row": row.row,
                        "code": f" ({row.code})" if row.code else "",
                        "reason": row.reason,
                    }
                )
            )
        style = self.style.WARNING if report.rejected else self.style.SUCCESS
        self.stdout.write(style(f"{page.title}: {report.summary()}"))

    def initiative(self, slug):
        page = InitiativePage.objects.filter(
            slug=slug, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if page is None:
            known = InitiativePage.objects.filter(
                lends_items=True, locale__language_code=settings.LANGUAGE_CODE
            ).values_list("slug", flat=True)
            raise CommandError(
                _("There is no initiative %(slug)s. Initiatives that lend items: %(known)s")
                % {"slug": slug, "known": ", ".join(sorted(known)) or "–"}
            )
        if not page.lends_items:
            raise CommandError(
                _("%(title)s does not lend items, so it has no catalogue to import into.")
                % {"title": page.title}
            )
        return page

    def read(self, path):
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise CommandError(_("There is no file %(file)s.") % {"file": path}) from None
        except IsADirectoryError:
            raise CommandError(_("%(file)s is a folder, not a file.") % {"file": path}) from None
        except OSError as error:
            raise CommandError(
                _("%(file)s cannot be read: %(error)s") % {"file": path, "error": error.strerror}
            ) from None
        if len(data) > MAX_BYTES:
            raise CommandError(f"{path}: {too_large_message()}")
        return data
