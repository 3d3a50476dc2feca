"""Reading an import file: its bytes, their encoding, the separator, the header, the rows.

``read_table`` turns an upload, a path, bytes or text into a ``Table``, or refuses the file as
a whole (``ImportRefused``) before any row is looked at. What a row then means is
``catalogue.csv_import.checking``'s concern.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from .columns import COLUMN_BY_KEY, HEADER_NAMES, REQUIRED, normalize_header

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
DELIMITERS = (";", ",", "\t")
# Text files hold none of these; binary files (and text in the wrong encoding) do.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportRefused(Exception):
    """The file as a whole cannot be imported; nothing was saved."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


@dataclass
class Table:
    """A decoded, parsed file: the columns it names and its data rows with their row numbers."""

    columns: list[str | None]  # column key per position, None for an ignored column
    headers: list[str]  # the names as the file spells them
    rows: list[tuple[int, list[str]]]
    ignored_columns: list[str] = field(default_factory=list)
    delimiter: str = ";"
    encoding: str = "utf-8"

    def header_of(self, key: str) -> str:
        for position, column_key in enumerate(self.columns):
            if column_key == key:
                return self.headers[position]
        return COLUMN_BY_KEY[key].dutch


def _read_bytes(source) -> bytes | str:
    if isinstance(source, (bytes, bytearray, str)):
        return source
    if isinstance(source, os.PathLike):
        with open(source, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        return source.read(MAX_BYTES + 1)
    raise TypeError(f"cannot read a CSV file from {type(source).__name__}")


def too_large_message():
    return gettext(
        "The file is larger than %(size)d MB. Split it into smaller files of at most %(rows)d rows."
    ) % {"size": MAX_BYTES // (1024 * 1024), "rows": MAX_ROWS}


def decode(data: bytes) -> tuple[str, str]:
    """The text of the file and the encoding it was read with."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(too_large_message())
    if data.startswith(b"PK\x03\x04"):
        raise ImportRefused(
            gettext(
                "This is a spreadsheet workbook (such as .xlsx), not a CSV file. In your "
                "spreadsheet, choose Save as › CSV and import that file."
            )
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export.
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportRefused(_not_text()) from None
    if b"\x00" in data:
        raise ImportRefused(_not_text())
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise ImportRefused(_not_text()) from None


def _not_text():
    return gettext(
        "This file is not a CSV file: it contains data that is not text. Save your "
        "spreadsheet as CSV (UTF-8 or Windows) and try again."
    )


def _header_columns(cells: list[str]) -> list[str | None]:
    return [HEADER_NAMES.get(normalize_header(cell)) for cell in cells]


def _choose_delimiter(first_line: str) -> str:
    """The separator under which the header line names the most known columns."""

    def score(delimiter):
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        known = sum(1 for key in _header_columns(cells) if key)
        return known, len(cells)

    return max(DELIMITERS, key=score)


def read_table(source, max_rows=None) -> Table:
    """Decode and parse a CSV file, or refuse it as a whole (``ImportRefused``)."""
    max_rows = max_rows or MAX_ROWS
    if isinstance(source, Table):
        return source
    text, encoding = _text_of(_read_bytes(source))
    text, delimiter = _delimiter_of(text)
    records = _records(text, delimiter)
    start = _header_row(records)
    headers = [cell.strip() for cell in records[start]]
    columns = _header_columns(headers)
    _check_header(headers, columns)
    rows = _data_rows(records, start, max_rows)
    ignored = [h for h, key in zip(headers, columns, strict=True) if key is None and h]
    return Table(columns, headers, rows, ignored, delimiter, encoding)


def _text_of(data: bytes | bytearray | str) -> tuple[str, str]:
    """The text of the file and the encoding it was read with; refuses no text or none."""
    if isinstance(data, str):
        text, encoding = data, "utf-8"
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise ImportRefused(too_large_message())
        text = text.removeprefix("\ufeff")
    else:
        text, encoding = decode(bytes(data))
    if CONTROL_CHARACTERS.search(text):
        raise ImportRefused(_not_text())
    if not text.strip():
        raise ImportRefused(gettext("The file is empty."))
    return text, encoding


def _delimiter_of(text: str) -> tuple[str, str]:
    """The text without a first line ``sep=;``, and the separator that line or the header
    line says."""
    lines = text.splitlines(keepends=True)
    first = lines[0].strip()
    if first.lower().startswith("sep=") and len(first) == 5:
        text = "".join(lines[1:])
        if not text.strip():
            raise ImportRefused(gettext("The file is empty."))
        return text, first[4]
    header_line = next((line for line in lines if line.strip()), "")
    return text, _choose_delimiter(header_line)


def _records(text: str, delimiter: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportRefused(
            gettext("This file cannot be read as CSV: %(error)s") % {"error": error}
        ) from None


def _header_row(records: list[list[str]]) -> int:
    """The position of the header: the first record that is not blank."""
    start = next((n for n, record in enumerate(records) if any(c.strip() for c in record)), None)
    if start is None:
        raise ImportRefused(gettext("The file is empty."))
    return start


def _check_header(headers: list[str], columns: list[str | None]) -> None:
    """Refuse a header that names no known column, one twice, or misses a required one."""
    known = [key for key in columns if key]
    if not known:
        raise ImportRefused(
            gettext(
                "The first row must name the columns, and none of its names is known. "
                "Start the file with a row such as: %(example)s"
            )
            % {"example": ";".join(COLUMN_BY_KEY[key].dutch for key in REQUIRED)}
        )
    duplicates = sorted({key for key in known if known.count(key) > 1})
    if duplicates:
        names = [
            ", ".join(h for h, k in zip(headers, columns, strict=True) if k == key)
            for key in duplicates
        ]
        raise ImportRefused(
            gettext("These columns mean the same thing, keep one of each: %(columns)s")
            % {"columns": "; ".join(names)}
        )
    missing = [COLUMN_BY_KEY[key].dutch for key in REQUIRED if key not in known]
    if missing:
        raise ImportRefused(
            gettext("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )


def _data_rows(records: list[list[str]], start: int, max_rows: int) -> list[tuple[int, list[str]]]:
    """The records after the header that are not blank, numbered as a spreadsheet numbers its
    rows (one record is one row, even when a quoted cell spans several lines)."""
    rows = []
    for number, record in enumerate(records[start + 1 :], start=start + 2):
        if any(cell.strip() for cell in record):
            rows.append((number, record))
    if not rows:
        raise ImportRefused(gettext("The file names the columns but holds no items."))
    if len(rows) > max_rows:
        raise ImportRefused(
            gettext("The file has %(count)d rows; import at most %(max)d at a time.")
            % {"count": len(rows), "max": max_rows}
        )
    return rows
