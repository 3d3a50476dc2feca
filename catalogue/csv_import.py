"""Import the catalogue items of one initiative from a CSV file (a spreadsheet saved as CSV).

Used by the admin's "Import from CSV" view and by ``manage.py import_items``. The rules:

- The first row names the columns, in Dutch or English (see ``COLUMNS``; case, accents, spaces
  and hyphens do not matter). ``code``, ``naam`` and ``categorie`` are required; unknown
  columns are ignored and listed in the report.
- The file may be UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, separated by
  semicolons (Belgian Excel), commas or tabs: the separator that makes sense of the most
  column names wins. A first line ``sep=;`` (written by some Excel versions) is understood.
- A code that already exists in the initiative updates that item; when nothing differs the
  item is left alone and reported as unchanged, so importing the same file twice changes
  nothing. A code that occurs twice in the file is rejected on its second occurrence.
- Each row is checked with the model's own validation (``Item.full_clean``: required fields,
  lengths, choices, the age range, the unique code): a rejected row is reported with its
  spreadsheet row number and reasons, and never stops the other rows.
- A cell that would start with ``=``, ``+``, ``-`` or ``@`` once trimmed (also after a tab or
  a carriage return, which are trimmed) is refused with its row: spreadsheet programs run
  such a cell as a formula when a file holding it is opened, and an imported value travels
  into later exports. A number
  such as ``-5``, ``+32`` or ``-12,50`` is read as a number and is not a formula (a negative
  deposit or loan is still refused, by validation), and list markers in the contents column
  (``- koffer | - 3 boren``) are dropped rather than refused. Exports neutralise such cells
  too (``home.spreadsheets``).
- The file is the truth for the columns it has: an empty cell clears that field, except
  ``staat``/``condition`` and ``status``, where an empty cell keeps what an existing item has
  (a new item gets the default), and the translation columns, where an empty cell leaves
  that translation as it is.
- Created or changed items are published the way the admin publishes (a revision, logged,
  live), and so are their French and English translations (``naam_fr``, ``omschrijving_fr``,
  ``naam_en``, ``omschrijving_en``), made with ``copy_for_translation`` like the demo data.
  When an item changes, its existing translations receive the new synchronized values
  (category, status, codes, prices...), since they are copies and not live references.
- Whole-file refusals (``ImportRefused``, nothing saved): not text, empty, no recognised
  column names, required columns missing, larger than ``MAX_BYTES`` or ``MAX_ROWS``, an
  initiative that does not lend items, a user outside its team.

Speed: a file of 1,000 rows must answer within a request (``bench/csv_import.py`` measures
it). Checking a row reads nothing from the database: the categories, the initiative's items,
their translations and photos and the codes in use are read once per file, and the model's
validation runs without its per-object queries. "Check only" stops there and saves nothing.
An import then writes the rows that passed ``BATCH_ROWS`` at a time in one transaction
(``bulk_publish``: the revisions, history and live state Wagtail's actions would leave) and
updates the search and reference indexes once at the end. When the database refuses a batch
(another save of the same code meanwhile), that batch is written again row by row, each row
read afresh: only the refused row is rejected ("could not be saved").
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, override
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField

from home.spreadsheets import FORMULA_STARTS, neutralise_row

from . import bulk_publish
from .models import Category, Item

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# Rows written together (bulk_publish); a row the database refuses costs its batch a retry.
BATCH_ROWS = 200
TRANSLATION_LANGUAGES = ("fr", "en")
# Permissions an import exercises: it creates, changes and publishes items.
IMPORT_PERMISSIONS = ("add", "change", "publish")


@dataclass(frozen=True)
class Column:
    key: str
    dutch: str  # the name the example file uses
    aliases: tuple[str, ...]
    help_text: str
    required: bool = False
    example: tuple[str, str] = ("", "")


COLUMNS = (
    Column(
        "code",
        "code",
        ("inventariscode", "inventory_code", "item_code"),
        _(
            "The code on the item's label, unique within the initiative. An existing code "
            "updates that item."
        ),
        required=True,
        example=("BO-0001", "BO-0002"),
    ),
    Column(
        "name",
        "naam",
        ("name", "naam_nl", "name_nl"),
        _("The name, in Dutch."),
        required=True,
        example=("Klopboormachine", "Decoupeerzaag"),
    ),
    Column(
        "category",
        "categorie",
        ("category", "categorie_slug", "category_slug"),
        _("The slug of a category or its Dutch name."),
        required=True,
    ),
    Column(
        "description",
        "omschrijving",
        ("description", "beschrijving", "omschrijving_nl", "description_nl"),
        _("A description, in Dutch."),
        example=("Boort in beton en baksteen.", "Zaagt bochten in hout tot 8 cm dik."),
    ),
    Column("brand", "merk", ("brand",), _("The brand."), example=("Bosch", "Makita")),
    Column(
        "contents",
        "inhoud",
        ("contents", "accessoires", "accessories", "inhoud_nl", "contents_nl"),
        _("Contents and accessories, separated by | or on separate lines."),
        example=("koffer | 3 boren | handleiding", "2 zaagbladen"),
    ),
    Column(
        "age_min_months",
        "leeftijd_van_maanden",
        ("age_min_months", "leeftijd_van", "age_min"),
        _("From age, in months (whole number)."),
    ),
    Column(
        "age_max_months",
        "leeftijd_tot_maanden",
        ("age_max_months", "leeftijd_tot", "age_max"),
        _("To age, in months (whole number, at least the from age)."),
    ),
    Column(
        "condition",
        "staat",
        ("condition",),
        _(
            "new, good, fair or worn (or the label as the admin shows it). Empty: good for a "
            "new item, unchanged for an existing one."
        ),
        example=("good", "new"),
    ),
    Column(
        "status",
        "status",
        (),
        _(
            "available, in_repair or retired. Empty: available for a new item, unchanged for "
            "an existing one."
        ),
        example=("available", "in_repair"),
    ),
    Column(
        "deposit",
        "waarborg",
        ("deposit", "borg", "waarborg_eur", "deposit_eur"),
        _("Deposit in euros, such as 12,50 or 12.50. Empty: the initiative's rule."),
        example=("25,00", ""),
    ),
    Column(
        "loan_days",
        "uitleendagen",
        ("loan_days", "uitleentermijn_dagen", "max_loan_days"),
        _("Longest loan in days. Empty: the initiative's longest loan period."),
        example=("14", ""),
    ),
    Column(
        "name_fr",
        "naam_fr",
        ("name_fr", "nom"),
        _("The name in French: creates or updates the French translation."),
        example=("Perceuse à percussion", ""),
    ),
    Column(
        "description_fr",
        "omschrijving_fr",
        ("description_fr",),
        _("The description in French."),
    ),
    Column(
        "name_en",
        "naam_en",
        ("name_en",),
        _("The name in English: creates or updates the English translation."),
        example=("Hammer drill", ""),
    ),
    Column(
        "description_en",
        "omschrijving_en",
        ("description_en",),
        _("The description in English."),
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED = tuple(column.key for column in COLUMNS if column.required)
# The model fields a row sets (the translation columns go to the translations).
ITEM_FIELDS = (
    "name",
    "category",
    "description",
    "brand",
    "contents",
    "age_min_months",
    "age_max_months",
    "condition",
    "status",
    "deposit",
    "loan_days",
)
NUMBER_FIELDS = ("age_min_months", "age_max_months", "loan_days", "deposit")
KEEP_WHEN_EMPTY = ("condition", "status")
SYNCHRONIZED = tuple(
    f.field_name
    for f in Item.translatable_fields
    if isinstance(f, SynchronizedField) and f.field_name != "images"
)
# The translated texts of a row, per language (naam_fr, omschrijving_en...).
TEXTS = ("name", "description")
# A list marker at the start of a line of the contents column ("- koffer", "• 3 boren").
LIST_MARKER = re.compile(r"^[-•*]\s+")
# A number such as -5, +32 or -12,50, which spreadsheets read as a number, not a formula.
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
DELIMITERS = (";", ",", "\t")
# Text files hold none of these; binary files (and text in the wrong encoding) do.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_header(name: str) -> str:
    """ "Leeftijd van (maanden)" → "leeftijd_van_maanden": compare names, not spellings."""
    text = unicodedata.normalize("NFKD", name.replace("\ufeff", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


HEADER_NAMES = {
    normalize_header(name): column.key
    for column in COLUMNS
    for name in (column.key, column.dutch, *column.aliases)
}


class ImportRefused(Exception):
    """The file as a whole cannot be imported; nothing was saved."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


# Reading the file -------------------------------------------------------------------------


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
    data = _read_bytes(source)
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

    lines = text.splitlines(keepends=True)
    delimiter = None
    first = lines[0].strip()
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter = first[4]
        text = "".join(lines[1:])
        lines = lines[1:]
        if not text.strip():
            raise ImportRefused(gettext("The file is empty."))
    if delimiter is None:
        header_line = next((line for line in lines if line.strip()), "")
        delimiter = _choose_delimiter(header_line)

    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportRefused(
            gettext("This file cannot be read as CSV: %(error)s") % {"error": error}
        ) from None

    # The header is the first row that is not blank; the rows are numbered as a spreadsheet
    # numbers them (one record is one row, even when a quoted cell spans several lines).
    start = next((n for n, record in enumerate(records) if any(c.strip() for c in record)), None)
    if start is None:
        raise ImportRefused(gettext("The file is empty."))
    headers = [cell.strip() for cell in records[start]]
    columns = _header_columns(headers)
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
    ignored = [h for h, key in zip(headers, columns, strict=True) if key is None and h]
    return Table(columns, headers, rows, ignored, delimiter, encoding)


# The report -----------------------------------------------------------------------------


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


# Importing ------------------------------------------------------------------------------


class RowRejected(Exception):
    def __init__(self, reasons):
        self.reasons = list(reasons)
        super().__init__(" ".join(str(r) for r in self.reasons))


def user_can_import(user) -> bool:
    from wagtail.permission_policies import ModelPermissionPolicy

    policy = ModelPermissionPolicy(Item)
    return all(policy.user_has_permission(user, action) for action in IMPORT_PERMISSIONS)


def importable_initiatives(user=None):
    """The default-language initiatives that lend items, limited to the user's teams."""
    from initiatives.models import InitiativePage
    from initiatives.teams import initiative_keys_of

    initiatives = InitiativePage.objects.filter(
        lends_items=True, locale__language_code=settings.LANGUAGE_CODE
    ).order_by("title")
    if user is not None:
        keys = initiative_keys_of(user)
        if keys is not None:
            initiatives = initiatives.filter(translation_key__in=keys)
    return initiatives


def _choice_lookup(choices_class) -> dict[str, str]:
    """A value by its key or its label in any content language, folded."""
    lookup = {}
    for value, label in choices_class.choices:
        lookup[normalize_header(value)] = value
        for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            with override(language):
                lookup.setdefault(normalize_header(str(label)), value)
    return lookup


def _decimal_text(text: str) -> str:
    """ "€ 1.234,50" → "1234.50"; "12,50" and "12.50" are both twelve and a half."""
    text = re.sub(r"[\s\u00a0€]", "", text)
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    return text.replace(",", ".")


def _contents_text(text: str) -> str:
    parts = (LIST_MARKER.sub("", part.strip()) for part in re.split(r"[|\n]", text))
    return "\n".join(part.strip() for part in parts if part.strip())


def _text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _formula_sign(key: str, raw: str) -> str | None:
    """The sign a cell starts with that makes spreadsheet programs run it as a formula, or
    None. The cell is judged as it would be stored (trimmed; the contents column without its
    list markers); a number such as -5 or +32 is read as a number, not a formula."""
    text = _contents_text(_text(raw)) if key == "contents" else raw.strip()
    if not text.startswith(FORMULA_STARTS):
        return None
    if NUMBER.fullmatch(re.sub(r"[\s\u00a0]", "", text)):
        return None
    return text[0]


@dataclass
class RowPlan:
    """A checked row and what writing it takes (see ``bulk_publish.publish``)."""

    number: int
    cells: list[str]
    result: RowResult
    outcome: str = ""  # created, updated or unchanged
    creations: list[Item] = field(default_factory=list)
    edits: list[tuple[Item, str]] = field(default_factory=list)  # (object, title before)
    drafts: list[Item] = field(default_factory=list)

    @property
    def objects(self) -> list[Item]:
        return [*self.creations, *(obj for obj, _title in self.edits), *self.drafts]


class Importer:
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
        used = {"code", *ITEM_FIELDS}
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
        self._load_items(Item.objects.filter(initiative=self.initiative))
        # The keys of the unique constraint (initiative, code, locale) in use, by the id of the
        # row holding each; a row of the file claims the keys of the objects it creates.
        self.taken = {
            (initiative_id, code, locale_id): pk
            for initiative_id, code, locale_id, pk in Item.objects.filter(
                initiative__translation_key=self.initiative.translation_key
            ).values_list("initiative_id", "code", "locale_id", "pk")
        }
        self.conditions = _choice_lookup(Item.Condition)
        self.statuses = _choice_lookup(Item.Status)
        self.seen = {}

    def _load_items(self, items):
        """The initiative's items among ``items`` and their translations, with their photos."""
        items = list(
            items.filter(locale=self.default_locale)
            .select_related("locale")
            .prefetch_related("images")
        )
        for item in items:
            item.initiative = self.initiative  # the same row: read it once
            self.items[item.code] = item
            self.translations[item.translation_key] = []
        if not items:
            return
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
        created, changed = [], []
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
                    created += plan.creations
                    changed += [obj for obj, _title in plan.edits] + plan.drafts
                if self.progress:
                    for done in range(start + 1, start + len(batch) + 1):
                        self.progress(done, total)
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                bulk_publish.reindex(created=created, changed=changed)
        # Rows the database refused were reported after their batch: back into file order.
        self.report.rejected.sort(key=lambda result: result.row)
        return self.report

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

    def _check_again(self, plan) -> RowPlan | None:
        """Check a row again against its item as the database holds it now."""
        code = plan.result.code
        self.items.pop(code, None)
        self._load_items(Item.objects.filter(initiative=self.initiative, code=code))
        return self._check(plan.number, plan.cells)

    def _values(self, cells):
        values = {}
        for position, key in enumerate(self.table.columns):
            if key is not None:
                values[key] = cells[position] if position < len(cells) else ""
        return values

    def _check(self, number, cells) -> RowPlan | None:
        """Check a row and plan what writing it takes; a rejected row is reported (None)."""
        values = self._values(cells)
        code = values["code"].strip()
        result = RowResult(row=number, code=code, name=values["name"].strip())
        try:
            if len(cells) > len(self.table.columns) and any(
                c.strip() for c in cells[len(self.table.columns) :]
            ):
                raise RowRejected(
                    [
                        gettext(
                            "This row has more cells than the file has columns: is there a "
                            "separator (%(delimiter)s) inside a value? Put such values "
                            "between double quotes."
                        )
                        % {"delimiter": self.table.delimiter.replace("\t", "tab")}
                    ]
                )
            if not code:
                raise RowRejected([self._message("code", self._field_message("code", "blank"))])
            if self.seen.get(code, number) != number:
                raise RowRejected(
                    [
                        gettext(
                            "The code %(code)s already occurs in row %(row)d: each item once "
                            "per file."
                        )
                        % {"code": code, "row": self.seen[code]}
                    ]
                )
            self.seen[code] = number
            self._refuse_formulas(values)
            return self._plan(number, cells, values, code, result)
        except RowRejected as rejected:
            self._reject(result, rejected.reasons)
            return None

    def _reject(self, result, reasons):
        result.reasons = [str(reason) for reason in reasons]
        result.item = None
        result.translations = []
        self.report.rejected.append(result)

    def _refuse_formulas(self, values):
        reasons = []
        for key in self.checked_columns:
            sign = _formula_sign(key, values[key])
            if sign is not None:
                message = gettext(
                    "a cell may not start with =, +, - or @: spreadsheet programs run it as a "
                    "formula. Remove the “%(sign)s” or begin the text differently (a number "
                    "such as -5 is fine)."
                ) % {"sign": sign}
                reasons.append(self._message(key, message))
        if reasons:
            raise RowRejected(reasons)

    # Building and validating --------------------------------------------------------------

    def _field_message(self, name, key):
        return Item._meta.get_field(name).error_messages[key]

    def _message(self, key, message):
        """A reason as the user reads it: the column as the file names it, then the message."""
        if key == NON_FIELD_ERRORS:
            return str(message)
        if key in self.table.columns:
            label = self.table.header_of(key)
        elif key in COLUMN_BY_KEY:
            label = COLUMN_BY_KEY[key].dutch
        else:
            label = capfirst(Item._meta.get_field(key).verbose_name)
        return f"{label}: {message}"

    def _errors(self, error: ValidationError, language=None):
        messages = []
        for name, field_messages in error.message_dict.items():
            key = name
            if language and name in TEXTS:
                key = f"{name}_{language}"
            for message in field_messages:
                text = self._message(key, message)
                if language and key == name:
                    text = f"({language.upper()}) {text}"
                messages.append(text)
        return messages

    def _category(self, text):
        if not text:
            return None, None
        category = self.categories_by_slug.get(text.casefold())
        if category is not None:
            return category, None
        named = self.categories_by_name.get(text.casefold(), [])
        if len(named) == 1:
            return named[0], None
        if named:
            return None, gettext(
                "%(name)s is the name of several categories; use one of their slugs: %(slugs)s."
            ) % {"name": text, "slugs": ", ".join(sorted(c.slug for c in named))}
        return None, gettext(
            "Unknown category “%(category)s”: use the slug or the Dutch name of an existing "
            "category."
        ) % {"category": text}

    def _apply(self, item, values, is_new):
        """Set the row's values on ``item``; returns the conversion errors by field."""
        errors = {}
        for key in ITEM_FIELDS:
            if key not in values:
                continue
            raw = values[key]
            if key == "category":
                category, problem = self._category(raw.strip())
                if problem:
                    errors[key] = [problem]
                elif category is not None:
                    item.category = category
                else:
                    item.category_id = None
                continue
            if key in KEEP_WHEN_EMPTY:
                text = raw.strip()
                if not text:
                    if is_new:
                        setattr(item, key, Item._meta.get_field(key).get_default())
                    continue
                lookup = self.conditions if key == "condition" else self.statuses
                # An unknown value is left for full_clean, whose message names the choices.
                setattr(item, key, lookup.get(normalize_header(text), text))
                continue
            if key in NUMBER_FIELDS:
                text = raw.strip()
                if key == "deposit":
                    text = _decimal_text(text)
                if not text:
                    setattr(item, key, None)
                    continue
                try:
                    value = Item._meta.get_field(key).to_python(text)
                except ValidationError as error:
                    errors[key] = error.messages
                    setattr(item, key, None)
                    continue
                setattr(item, key, value)
                continue
            if key == "contents":
                setattr(item, key, _contents_text(_text(raw)))
                continue
            setattr(item, key, _text(raw))
        return errors

    def _validate(self, obj, conversion_errors, number, language=None):
        """The model's validation, without its queries: the relations hold rows read at the
        start (initiative, locale, categories) or set by Wagtail (revisions), and the unique
        code is checked against the codes read at the start and those the file claims."""
        messages = []
        for key, field_messages in conversion_errors.items():
            messages += [self._message(key, message) for message in field_messages]
        relations = [
            f.name
            for f in Item._meta.concrete_fields
            if f.is_relation and getattr(obj, f.attname) is not None
        ]
        try:
            obj.full_clean(
                exclude=[*conversion_errors, *relations],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            messages += self._errors(error, language=language)
        holder = self.taken.get(_unique_key(obj), obj.pk or ("row", number))
        if holder != (obj.pk or ("row", number)):
            unique = ("initiative", "code", "locale")
            error = ValidationError({NON_FIELD_ERRORS: [obj.unique_error_message(Item, unique)]})
            messages += self._errors(error, language=language)
        if messages:
            raise RowRejected(messages)

    @staticmethod
    def _state(item, names):
        return {name: getattr(item, _attname(name)) for name in names}

    def _plan(self, number, cells, values, code, result) -> RowPlan:
        # Each code is handled once per file (a repeat is rejected before it gets here), so
        # a cached item changed in memory by a rejected row is never looked at again.
        plan = RowPlan(number, cells, result)
        item = self.items.get(code)
        is_new = item is None
        if is_new:
            item = Item(
                initiative=self.initiative, code=code, locale=self.default_locale, live=False
            )
        compared = (*ITEM_FIELDS, *SYNCHRONIZED)
        before = None if is_new else self._state(item, compared)
        title = None if is_new else str(item)
        self._validate(item, self._apply(item, values, is_new), number)
        changed = is_new or self._state(item, compared) != before
        if is_new:
            plan.creations.append(item)
        elif changed:
            plan.edits.append((item, title))
        result.item = item
        result.name = item.name
        result.translations = self._plan_translations(
            plan, item, values, source_changed=changed and not is_new
        )
        for obj in plan.objects:
            self.taken[_unique_key(obj)] = obj.pk or ("row", number)
        if is_new:
            plan.outcome = "created"
        else:
            plan.outcome = "updated" if changed or result.translations else "unchanged"
        return plan

    def _plan_translations(self, plan, item, values, source_changed):
        """Plan the translations the row names, created or updated, and give every translation
        the item's new shared values when the item changed. Returns the languages changed."""
        changed = []
        existing = {
            translation.locale.language_code: translation
            for translation in self.translations.get(item.translation_key, [])
        }
        for language in dict.fromkeys([*self.languages, *existing]):
            name = description = ""
            if language in self.languages:
                name = _text(values.get(f"name_{language}", ""))
                description = _text(values.get(f"description_{language}", ""))
            translation = existing.get(language)
            if translation is None:
                if not (name or description):
                    continue
                translation = item.copy_for_translation(self.locales[language])
                # The copy holds the ids: give it the rows the item holds.
                for relation in ("initiative", "category"):
                    if getattr(translation, f"{relation}_id") == getattr(item, f"{relation}_id"):
                        setattr(translation, relation, getattr(item, relation))
                self._set_texts(translation, name, description)
                self._validate(translation, {}, plan.number, language=language)
                plan.creations.append(translation)
                changed.append(language)
                continue
            before = self._translation_state(translation)
            title = str(translation)
            self._set_texts(translation, name, description)
            if source_changed or self._translation_state(translation) != before:
                for name_ in SYNCHRONIZED:
                    setattr(translation, _attname(name_), getattr(item, _attname(name_)))
            if self._translation_state(translation) == before:
                continue
            self._validate(translation, {}, plan.number, language=language)
            # A translation someone unpublished stays unpublished; its content follows.
            if translation.live:
                plan.edits.append((translation, title))
            else:
                plan.drafts.append(translation)
            changed.append(language)
        return changed

    @staticmethod
    def _set_texts(translation, name, description):
        if name:
            translation.name = name
        if description:
            translation.description = description

    def _translation_state(self, translation):
        return (translation.name, translation.description, self._state(translation, SYNCHRONIZED))


def _unique_key(item):
    return (item.initiative_id, item.code, item.locale_id)


def _attname(name):
    return f"{name}_id" if name in ("category", "initiative") else name


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
    from initiatives.teams import initiative_keys_of

    # Items point at the default-language page, whatever language the caller holds.
    initiative = InitiativePage.objects.filter(
        translation_key=initiative.translation_key, locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if initiative is None or not initiative.lends_items:
        raise ImportRefused(gettext("This initiative does not lend items."))
    if user is not None:
        keys = initiative_keys_of(user)
        outside = keys is not None and initiative.translation_key not in keys
        if outside or not user_can_import(user):
            raise PermissionDenied(gettext("You cannot import items for this initiative."))
    table = read_table(file_or_text)
    return Importer(initiative, table, user=user, dry_run=dry_run, progress=progress).run()


def example_csv(category_slug=None) -> str:
    """A small example file in Dutch, with the separator Belgian Excel uses.

    Its category is a real one (the one with the most items), so the example imports as is.
    """
    from django.db.models import Count

    if category_slug is None:
        category_slug = (
            Category.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .annotate(used=Count("items"))
            .order_by("-used", "sort_order", "name")
            .values_list("slug", flat=True)
            .first()
        ) or "gereedschap"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(neutralise_row(column.dutch for column in COLUMNS))
    for index in range(2):
        writer.writerow(
            neutralise_row(
                category_slug if column.key == "category" else column.example[index]
                for column in COLUMNS
            )
        )
    return buffer.getvalue()
