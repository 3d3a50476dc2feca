"""The copies a row of an import file stands for, and the rows of one item.

Each row is one copy, or ``aantal``/``copies`` copies coded on from its code (IN-0100,
IN-0101...); each code occurs once per file and is none of another initiative's copies. Rows
with the same name and brand (``group_key``) are copies of one item (a ``Group``), whose
columns come from the first of them: a later row may leave them empty or repeat them. A row's
copies are existing ones, given the row's condition and status, or new ones of its item.
``CopyRules`` holds these rules for ``RowChecker`` (``catalogue.csv_import.checking``), which
it is a part of: it uses the checker's state and messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from ..models import Copy, Item
from .cells import clean_text, contents_text, decimal_text
from .columns import (
    COLUMN_BY_KEY,
    COPY_FIELDS,
    ITEM_FIELDS,
    MAX_COPIES_PER_ROW,
    NUMBER_FIELDS,
    TEXTS,
    normalize_header,
)

# A code that ends in a number, which the codes of further copies count on from.
NUMBERED_CODE = re.compile(r"^(.*?)(\d+)$")


class RowRejected(Exception):
    """A row cannot be imported, for these reasons (each one as the user reads it)."""

    def __init__(self, reasons):
        self.reasons = list(reasons)
        super().__init__(" ".join(str(r) for r in self.reasons))


@dataclass
class Group:
    """The rows of one item in the file (the same name and brand): the first row sets it."""

    row: int
    item: Item
    values: dict


def group_key(values) -> tuple[str, str]:
    """Rows with the same name and brand are copies of one item (case and spaces ignored)."""
    return (values.get("name", "").strip().casefold(), values.get("brand", "").strip().casefold())


def item_key(item) -> tuple[str, str]:
    return (item.name.strip().casefold(), item.brand.strip().casefold())


class CopyRules:
    """The codes of a row and the rows of one item, for ``RowChecker`` (its ``seen`` codes,
    ``foreign_codes``, ``copies`` by code, ``conditions``, ``statuses``, ``languages`` and
    ``table``; its ``_message``, ``_category`` and ``_state``)."""

    # The codes of a row ---------------------------------------------------------------------

    def _codes(self, code, count_text) -> list[str]:
        """The codes of the copies a row stands for: its code, and with ``aantal`` more than
        one the codes counted on from it (IN-0100, IN-0101...), the number as wide."""
        text = count_text.strip()
        if not text:
            return [code]
        try:
            count = int(text)
        except ValueError:
            count = 0
        if not 1 <= count <= MAX_COPIES_PER_ROW:
            raise RowRejected(
                [
                    self._message(
                        "copies",
                        gettext("give a whole number from 1 to %(max)d (empty: 1).")
                        % {"max": MAX_COPIES_PER_ROW},
                    )
                ]
            )
        if count == 1:
            return [code]
        numbered = NUMBERED_CODE.match(code)
        if numbered is None:
            raise RowRejected(
                [
                    gettext(
                        "The code %(code)s does not end in a number, so the codes of %(count)d "
                        "copies cannot be counted on from it: give each copy its own row, or "
                        "a code such as %(code)s-01."
                    )
                    % {"code": code, "count": count}
                ]
            )
        prefix, digits = numbered.groups()
        return [f"{prefix}{int(digits) + n:0{len(digits)}d}" for n in range(count)]

    def _claim_codes(self, number, codes):
        """Each code once per file and none of another initiative; the row claims its codes."""
        reasons = []
        for code in codes:
            earlier = self.seen.get(code, number)
            if earlier != number:
                reasons.append(
                    gettext(
                        "The code %(code)s already occurs in row %(row)d: each copy once per file."
                    )
                    % {"code": code, "row": earlier}
                )
            elif code in self.foreign_codes:
                reasons.append(
                    gettext(
                        "The code %(code)s is the code of a copy of another initiative: codes "
                        "are unique on the whole site."
                    )
                    % {"code": code}
                )
        if reasons:
            raise RowRejected(reasons)
        for code in codes:
            self.seen[code] = number

    # Planning the copies of a row ----------------------------------------------------------

    def _plan_later_row(self, group, values, existing) -> Item:
        """A later row of an item in the file: its copies, and item cells that are empty or
        those of the group's first row."""
        item = group.item
        reasons = [
            gettext(
                "The code %(code)s is a copy of “%(item)s”, not of the item of row %(row)d "
                "with the same name and brand."
            )
            % {"code": copy.code, "item": copy.item.name, "row": group.row}
            for copy in existing
            if copy.item is not item
        ]
        values_now = self._item_values(values)
        differ = [key for key, value in values_now.items() if group.values.get(key, "") != value]
        if differ:
            reasons.append(
                gettext(
                    "This row has the name and brand of row %(row)d, so it is a copy of the same "
                    "item, but its %(columns)s differ from that row. Leave the item's cells "
                    "of later rows empty or give them the values of row %(row)d."
                )
                % {
                    "row": group.row,
                    "columns": ", ".join(self._label(key) for key in differ),
                }
            )
        if reasons:
            raise RowRejected(reasons)
        return item

    def _plan_copies(self, plan, item, values, codes):
        """The row's copies: existing ones with the row's status and condition, new ones."""
        reasons = []
        for code in codes:
            copy = self.copies.get(code)
            is_new = copy is None
            if is_new:
                copy = Copy(item=item, code=code)
            before = self._state(copy, COPY_FIELDS)
            for key in COPY_FIELDS:
                text = values.get(key, "").strip()
                if text:
                    lookup = self.conditions if key == "condition" else self.statuses
                    # An unknown value is left for clean_fields, whose message names the
                    # choices.
                    setattr(copy, key, lookup.get(normalize_header(text), text))
            try:
                copy.clean_fields(exclude=["item"])
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        if name == "code" and len(codes) > 1:
                            message = f"{message} ({code})"
                        reasons.append(self._message(name, message))
                break  # the same cells: the other copies would say the same
            if is_new:
                plan.new_copies.append(copy)
            elif self._state(copy, COPY_FIELDS) != before:
                plan.changed_copies.append(copy)
        if reasons:
            raise RowRejected(reasons)

    # The item cells of the rows of one item ---------------------------------------------

    def _group_columns(self):
        return [
            *ITEM_FIELDS,
            *(f"{key}_{language}" for language in self.languages for key in TEXTS),
        ]

    def _item_values(self, values) -> dict:
        """The non-empty item cells of a row, as compared between the rows of one item."""
        compared = {}
        for key in self._group_columns():
            raw = values.get(key, "").strip()
            if raw:
                compared[key] = self._comparable(key, raw)
        return compared

    def _comparable(self, key, raw):
        if key in ("name", "brand"):
            return raw.casefold()
        if key == "category":
            category, _problem = self._category(raw)
            return category.pk if category is not None else raw.casefold()
        if key == "deposit":
            try:
                return Decimal(decimal_text(raw))
            except InvalidOperation:
                return raw
        if key in NUMBER_FIELDS:
            try:
                return int(raw)
            except ValueError:
                return raw
        if key == "contents":
            return contents_text(clean_text(raw))
        return clean_text(raw)

    def _label(self, key):
        if key in self.table.columns:
            return self.table.header_of(key)
        return COLUMN_BY_KEY[key].dutch
