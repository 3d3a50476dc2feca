"""Importing the rows of a file: read what they are checked against, check them, write them.

``import_items`` is the entry point (the admin's import view, ``manage.py import_items``).
``Importer`` reads once per file what the rows are checked against (categories, the
initiative's items, their translations and copies, the codes and addresses in use), checks
the rows a batch of ``BATCH_ROWS`` at a time (``RowChecker``) and writes the rows that pass
(the items with ``catalogue.bulk_publish``, then their copies in bulk), all in one
transaction, then updates the indexes once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Locale

from core import page_cache

from .. import bulk_publish
from ..models import Category, Copy, Item
from .access import may_import_into
from .cells import choice_lookup
from .checking import RowChecker, RowPlan, item_key
from .columns import COPY_FIELDS, ITEM_FIELDS, TEXTS, TRANSLATION_LANGUAGES
from .reading import ImportRefused, Table, read_table
from .report import ImportReport

# Rows written together (bulk_publish); a row the database refuses costs its batch a retry.
BATCH_ROWS = 200


class Importer(RowChecker):
    """Imports one table into one initiative (its default-language page); ``run`` does it."""

    def __init__(self, initiative, table: Table, *, user=None, dry_run=False, progress=None):
        self.initiative = initiative
        self.table = table
        self.user = user
        self.dry_run = dry_run
        self.progress = progress
        self.report = ImportReport(initiative, dry_run, ignored_columns=list(table.ignored_columns))
        self.default_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        self.locales = {
            locale.language_code: locale
            for locale in Locale.objects.filter(language_code__in=TRANSLATION_LANGUAGES)
        }
        languages = [
            language
            for language in TRANSLATION_LANGUAGES
            if f"name_{language}" in table.columns or f"description_{language}" in table.columns
        ]
        missing = [language for language in languages if language not in self.locales]
        if missing:
            # No such content language on this site: say so rather than import half a row.
            self.report.ignored_columns += [
                table.header_of(key)
                for language in missing
                for key in (f"name_{language}", f"description_{language}")
                if key in table.columns
            ]
        self.languages = [language for language in languages if language in self.locales]
        used = {"code", "copies", *ITEM_FIELDS, *COPY_FIELDS}
        used.update(f"{key}_{language}" for language in self.languages for key in TEXTS)
        # In the order of the file, so that a row's reasons read from left to right.
        self.checked_columns = [key for key in table.columns if key in used]
        self._load()

    def _load(self):
        """Read once what the rows are checked against, so that checking a row reads nothing."""
        self.categories_by_slug = {}
        self.categories_by_name = {}
        for category in Category.objects.filter(locale=self.default_locale).select_related(
            "parent"
        ):
            self.categories_by_slug[category.slug.casefold()] = category
            self.categories_by_name.setdefault(category.name.casefold(), []).append(category)
        self.items = {}
        self.translations = {}
        self.copies = {}
        self.seen = {}
        self.groups = {}
        self.item_rows = {}
        self._load_items(Item.objects.filter(initiative=self.initiative))
        # Codes are unique on the whole site: those of other initiatives cannot be imported.
        self.foreign_codes = set(
            Copy.objects.exclude(item__initiative=self.initiative).values_list("code", flat=True)
        )
        # The keys of the unique constraint (initiative, slug, locale) in use, by the id of the
        # row holding each; a row of the file claims the keys of the objects it creates.
        self.taken = {
            (initiative_id, slug, locale_id): pk
            for initiative_id, slug, locale_id, pk in Item.objects.filter(
                initiative__translation_key=self.initiative.translation_key
            ).values_list("initiative_id", "slug", "locale_id", "pk")
        }
        self.slugs = {slug for _initiative, slug, _locale in self.taken}
        self.conditions = choice_lookup(Copy.Condition)
        self.statuses = choice_lookup(Copy.Status)

    def _load_items(self, items):
        """The initiative's items among ``items``, with their translations, photos and copies;
        an item read again replaces the one in memory."""
        items = list(
            items.filter(locale=self.default_locale)
            .select_related("locale")
            .prefetch_related("images")
        )
        by_pk = {}
        for item in items:
            item.initiative = self.initiative  # the same row: read it once
            by_pk[item.pk] = item
            self.translations[item.translation_key] = []
        for key, known in list(self.items.items()):
            if known.pk in by_pk:
                del self.items[key]
        for group in self.groups.values():
            group.item = by_pk.get(group.item.pk, group.item)
        for item in sorted(items, key=lambda item: item.pk):
            self.items.setdefault(item_key(item), item)
        if not items:
            return
        for copy in Copy.objects.filter(item__in=items):
            copy.item = by_pk[copy.item_id]
            self.copies[copy.code] = copy
        for translation in (
            Item.objects.filter(translation_key__in=[item.translation_key for item in items])
            .exclude(locale=self.default_locale)
            .select_related("locale", "initiative")
            .prefetch_related("images")
        ):
            self.translations[translation.translation_key].append(translation)

    # ------------------------------------------------------------------------------------

    def run(self) -> ImportReport:
        """Check the rows and write those that pass, BATCH_ROWS at a time, in one transaction;
        then bring the search indexes up to date in one step."""
        created, changed, new_copies = [], [], []
        with transaction.atomic():
            rows = self.table.rows
            total = len(rows)
            for start in range(0, total, BATCH_ROWS):
                batch = rows[start : start + BATCH_ROWS]
                plans = [plan for number, cells in batch if (plan := self._check(number, cells))]
                if not self.dry_run:
                    plans = self._write(plans)
                for plan in plans:
                    getattr(self.report, plan.outcome).append(plan.result)
                    self._count(plan)
                    created += plan.creations
                    changed += [obj for obj, _title in plan.edits] + plan.drafts
                    new_copies += plan.new_copies
                    if not plan.objects and (plan.new_copies or plan.changed_copies):
                        # Only copies changed: the item's document (availability, codes) too.
                        changed.append(plan.item)
                if self.progress:
                    for done in range(start + 1, start + len(batch) + 1):
                        self.progress(done, total)
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                new = {id(obj) for obj in created}
                changed = list({id(obj): obj for obj in changed if id(obj) not in new}.values())
                bulk_publish.reindex(created=created, changed=changed, related=new_copies)
        # Rows the database refused were reported after their batch: back into file order.
        self.report.rejected.sort(key=lambda result: result.row)
        return self.report

    def _count(self, plan):
        self.report.items_created += plan.item_created
        self.report.items_changed += plan.item_changed
        self.report.copies_created += len(plan.new_copies)
        self.report.copies_changed += len(plan.changed_copies)

    def _write(self, plans) -> list[RowPlan]:
        """Write a batch of checked rows; returns the rows written."""
        try:
            with transaction.atomic():
                self._publish(plans)
            return plans
        except DatabaseError:
            pass
        # What checking cannot foresee (another save of the same code meanwhile): the batch
        # is rolled back and written again row by row, each row read afresh, so that only
        # the row the database refuses is rejected and the other rows go on.
        written = []
        for plan in plans:
            plan = self._check_again(plan)
            if plan is None:
                continue
            try:
                with transaction.atomic():
                    self._publish([plan])
            except DatabaseError as error:
                self._reject(
                    plan.result,
                    [gettext("This row could not be saved: %(error)s") % {"error": error}],
                )
            else:
                written.append(plan)
        return written

    def _publish(self, plans):
        bulk_publish.publish(
            creations=[obj for plan in plans for obj in plan.creations],
            edits=[edit for plan in plans for edit in plan.edits],
            drafts=[obj for plan in plans for obj in plan.drafts],
            user=self.user,
        )
        # The items have their ids now: their copies, in bulk.
        Copy.objects.bulk_create([copy for plan in plans for copy in plan.new_copies])
        changed = [copy for plan in plans for copy in plan.changed_copies]
        if changed:
            now = timezone.now()
            for copy in changed:
                copy.updated_at = now
            Copy.objects.bulk_update(changed, [*COPY_FIELDS, "updated_at"])
        page_cache.bump()  # bulk writes send no save signals (core/page_cache.py)

    def _check_again(self, plan) -> RowPlan | None:
        """Check a row again against its item and copies as the database holds them now."""
        codes = plan.result.codes
        for code in codes:
            self.copies.pop(code, None)
        if plan.item_created:
            self.slugs.discard(plan.item.slug)  # the row's new item gets its address again
        for group_key_, group in list(self.groups.items()):
            if group.row == plan.number:
                del self.groups[group_key_]
        self.item_rows = {key: row for key, row in self.item_rows.items() if row != plan.number}
        ours = Item.objects.filter(initiative=self.initiative)
        keys = set(
            Copy.objects.filter(code__in=codes, item__initiative=self.initiative).values_list(
                "item__translation_key", flat=True
            )
        )
        if plan.item is not None and not plan.item_created:
            keys.add(plan.item.translation_key)
        self._load_items(ours.filter(translation_key__in=keys))
        self.foreign_codes.update(
            Copy.objects.filter(code__in=codes)
            .exclude(item__initiative=self.initiative)
            .values_list("code", flat=True)
        )
        return self._check(plan.number, plan.cells)


def import_items(
    initiative, file_or_text, *, user=None, dry_run=False, progress=None
) -> ImportReport:
    """Import a CSV file of items into ``initiative`` (its default-language page).

    ``file_or_text``: bytes, text, a file object, a path or a ``Table`` from ``read_table``.
    Raises ``ImportRefused`` when the file as a whole cannot be imported (nothing is saved)
    and ``PermissionDenied`` when ``user`` may not import into this initiative.
    ``progress(done, total)`` is called for each row once its batch is checked and written.
    """
    from initiatives.models import InitiativePage

    # Items point at the default-language page, whatever language the caller holds.
    initiative = InitiativePage.objects.filter(
        translation_key=initiative.translation_key, locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if initiative is None or not initiative.lends_items:
        raise ImportRefused(gettext("This initiative does not lend items."))
    if user is not None and not may_import_into(user, initiative):
        raise PermissionDenied(gettext("You cannot import items for this initiative."))
    table = read_table(file_or_text)
    return Importer(initiative, table, user=user, dry_run=dry_run, progress=progress).run()
