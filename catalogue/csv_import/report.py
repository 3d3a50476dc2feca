"""The outcome of an import: each row created, updated, unchanged or rejected, and why.

The admin's report page and ``manage.py import_items`` show an ``ImportReport``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import ngettext

from ..models import Item


@dataclass
class RowResult:
    row: int  # as a spreadsheet numbers it: the header is row 1
    code: str
    name: str = ""
    item: Item | None = None
    reasons: list[str] = field(default_factory=list)
    translations: list[str] = field(default_factory=list)  # languages created or changed

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


@dataclass
class ImportReport:
    initiative: object
    dry_run: bool = False
    created: list[RowResult] = field(default_factory=list)
    updated: list[RowResult] = field(default_factory=list)
    unchanged: list[RowResult] = field(default_factory=list)
    rejected: list[RowResult] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

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
        return text % {
            "total": self.total,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
        }
