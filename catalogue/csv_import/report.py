"""The outcome of an import: each row created, updated, unchanged or rejected, and why, and
how many items and copies were created or changed.

The admin's report page and ``manage.py import_items`` show an ``ImportReport``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from ..models import Item


@dataclass
class RowResult:
    row: int  # as a spreadsheet numbers it: the header is row 1
    code: str
    name: str = ""
    item: Item | None = None
    reasons: list[str] = field(default_factory=list)
    translations: list[str] = field(default_factory=list)  # languages created or changed
    codes: list[str] = field(default_factory=list)  # the copies of the row (``aantal``)

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)

    @property
    def codes_label(self) -> str:
        """ "IN-0100" for one copy, "IN-0100 – IN-0102" for a row of three."""
        if len(self.codes) > 1:
            return f"{self.codes[0]} – {self.codes[-1]}"
        return self.code


@dataclass
class ImportReport:
    initiative: object
    dry_run: bool = False
    created: list[RowResult] = field(default_factory=list)
    updated: list[RowResult] = field(default_factory=list)
    unchanged: list[RowResult] = field(default_factory=list)
    rejected: list[RowResult] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    items_created: int = 0
    items_changed: int = 0  # the item or one of its translations
    copies_created: int = 0
    copies_changed: int = 0

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged) + len(self.rejected)

    @property
    def imported(self) -> int:
        return len(self.created) + len(self.updated)

    def summary(self) -> str:
        if self.dry_run:
            text = ngettext(
                "Checked %(total)d row, nothing saved: %(created)d would be created, "
                "%(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected.",
                "Checked %(total)d rows, nothing saved: %(created)d would be created, "
                "%(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected.",
                self.total,
            )
        else:
            text = ngettext(
                "Imported %(total)d row: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(rejected)d rejected.",
                "Imported %(total)d rows: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(rejected)d rejected.",
                self.total,
            )
        text %= {
            "total": self.total,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
        }
        return f"{text} {self.counts()}"

    def counts(self) -> str:
        """ "Items: 2 new, 1 changed. Copies: 5 new, 0 changed." """
        items = gettext("Items: %(created)d new, %(changed)d changed.") % {
            "created": self.items_created,
            "changed": self.items_changed,
        }
        copies = gettext("Copies: %(created)d new, %(changed)d changed.") % {
            "created": self.copies_created,
            "changed": self.copies_changed,
        }
        return f"{items} {copies}"
