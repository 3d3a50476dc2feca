"""Reading one cell: the text it holds, a number in Belgian or English notation, a choice by
its key or label, and whether a spreadsheet program would run it as a formula.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import override

from core.spreadsheets import FORMULA_STARTS

from .columns import normalize_header

# A list marker at the start of a line of the contents column ("- koffer", "• 3 boren").
LIST_MARKER = re.compile(r"^[-•*]\s+")
# A number such as -5, +32 or -12,50, which spreadsheets read as a number, not a formula.
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def choice_lookup(choices_class) -> dict[str, str]:
    """A value by its key or its label in any content language, folded."""
    lookup = {}
    for value, label in choices_class.choices:
        lookup[normalize_header(value)] = value
        for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            with override(language):
                lookup.setdefault(normalize_header(str(label)), value)
    return lookup


def decimal_text(text: str) -> str:
    """ "€ 1.234,50" → "1234.50"; "12,50" and "12.50" are both twelve and a half."""
    text = re.sub(r"[\s\u00a0€]", "", text)
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    return text.replace(",", ".")


def contents_text(text: str) -> str:
    """The contents column as stored: one thing per line, without list markers."""
    parts = (LIST_MARKER.sub("", part.strip()) for part in re.split(r"[|\n]", text))
    return "\n".join(part.strip() for part in parts if part.strip())


def clean_text(text: str) -> str:
    """A cell's text with its line ends as newlines, trimmed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def formula_sign(key: str, raw: str) -> str | None:
    """The sign a cell starts with that makes spreadsheet programs run it as a formula, or
    None. The cell is judged as it would be stored (trimmed; the contents column without its
    list markers); a number such as -5 or +32 is read as a number, not a formula."""
    text = contents_text(clean_text(raw)) if key == "contents" else raw.strip()
    if not text.startswith(FORMULA_STARTS):
        return None
    if NUMBER.fullmatch(re.sub(r"[\s\u00a0]", "", text)):
        return None
    return text[0]
