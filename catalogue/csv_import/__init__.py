"""Import the catalogue items of one initiative, and their copies, from a CSV file (a
spreadsheet saved as CSV).

Used by the admin's "Import from CSV" view and by ``manage.py import_items``. The rules:

- The first row names the columns, in Dutch or English (see ``COLUMNS``; case, accents, spaces
  and hyphens do not matter). ``code``, ``naam`` and ``categorie`` are required; unknown
  columns are ignored and listed in the report.
- The file may be UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, separated by
  semicolons (Belgian Excel), commas or tabs: the separator that makes sense of the most
  column names wins. A first line ``sep=;`` (written by some Excel versions) is understood.
- Each row is one copy (docs/architecture.md, "Items and copies"): ``code``
  (``inventariscode``) is the code on its label, unique on the whole site; ``staat``/
  ``condition`` and ``status`` are the copy's. ``aantal``/``copies`` (1 to 50, empty: 1) makes
  the row stand for that many copies, coded on from its code with the number as wide
  (IN-0100 with 3: IN-0100, IN-0101, IN-0102); a code that does not end in a number cannot
  be counted on from, and such a row is rejected.
- Rows with the same name and brand (case and surrounding spaces ignored) are copies of one
  item: the item's columns (name, description, contents, category, brand, ages, deposit, loan
  days, translations) come from the first of those rows. A later row may leave them empty;
  one whose non-empty item cells differ from the first row's is rejected, naming that row.
- A code that already exists in the initiative updates that copy and its item (the row's item
  columns then rename or change that item). A new code joins the item of the file's earlier
  rows with its name and brand, or else an existing item of the initiative with that name and
  brand (a new copy of it), or else makes a new item, with an address (``slug``) unique in
  the initiative. A code that occurs twice in the file (also among the codes ``aantal``
  makes) is rejected on its second occurrence, and so is the code of a copy of another
  initiative, or a code that is a copy of another item than the row's.
- When nothing differs the item and its copies are left alone and the row is reported as
  unchanged, so importing the same file twice changes nothing. The report counts the rows
  created, updated, unchanged and rejected, and the items and copies created and changed.
- Each row is checked with the models' own validation (``Item.full_clean`` and
  ``Copy.clean_fields``: required fields, lengths, choices, the age range, the unique
  address): a rejected row is reported with its spreadsheet row number and reasons, and never
  stops the other rows.
- A cell that would start with ``=``, ``+``, ``-`` or ``@`` once trimmed (also after a tab or
  a carriage return, which are trimmed) is refused with its row: spreadsheet programs run
  such a cell as a formula when a file holding it is opened, and an imported value travels
  into later exports. A number
  such as ``-5``, ``+32`` or ``-12,50`` is read as a number and is not a formula (a negative
  deposit or loan is still refused, by validation), and list markers in the contents column
  (``- koffer | - 3 boren``) are dropped rather than refused. Exports neutralise such cells
  too (``core.spreadsheets``).
- The file is the truth for the columns it has (in the first row of an item): an empty cell
  clears that field, except ``staat``/``condition`` and ``status``, where an empty cell keeps
  what an existing copy has (a new copy gets the default), and the translation columns, where
  an empty cell leaves that translation as it is.
- Created or changed items are published the way the admin publishes (a revision, logged,
  live), and so are their French and English translations (``naam_fr``, ``omschrijving_fr``,
  ``naam_en``, ``omschrijving_en``), made with ``copy_for_translation`` like the demo data.
  When an item changes, its existing translations receive the new synchronized values
  (category, address, brand, prices...), since they are copies and not live references.
  Copies belong to the default-language row of their item.
- Whole-file refusals (``ImportRefused``, nothing saved): not text, empty, no recognised
  column names, required columns missing, larger than ``MAX_BYTES`` or ``MAX_ROWS``, an
  initiative that does not lend items, a user outside its team.

Speed: a file of 1,000 rows must answer within a request (``bench/csv_import.py`` measures
it). Checking a row reads nothing from the database: the categories, the initiative's items,
their translations, photos and copies, the codes of the other initiatives' copies and the
addresses in use are read once per file, and the models' validation runs without its
per-object queries. "Check only" stops there and saves nothing. An import then writes the
rows that passed ``BATCH_ROWS`` at a time in one transaction (``bulk_publish``: the revisions,
history and live state Wagtail's actions would leave; then the batch's new copies in one
``bulk_create``, now that their items have ids, and its changed copies in one
``bulk_update``) and updates the search and reference indexes once at the end. When the
database refuses a batch (another save of the same code or address meanwhile), that batch is
written again row by row, each row's copies and item read afresh: only the refused row is
rejected ("could not be saved").

The modules, one concern each (docs/architecture.md):

- ``columns``: the columns a file may have, their names and what each one sets;
- ``reading``: decoding, the separator, the header and the rows (``read_table``), and the
  whole-file refusals (``ImportRefused``, ``MAX_BYTES``, ``MAX_ROWS``);
- ``cells``: reading one cell (numbers, choices, contents, formulas);
- ``checking``: checking a row and planning its writes (``RowChecker``, ``RowPlan``,
  ``RowRejected``);
- ``copies``: the codes a row stands for (``aantal``), the rows of one item (grouped by name
  and brand) and a row's copies (``CopyRules``, part of ``RowChecker``);
- ``importer``: ``import_items`` and ``Importer``, which loads, checks and writes in batches
  (``BATCH_ROWS``);
- ``report``: the outcome (``ImportReport``);
- ``access``: who may import, into which initiatives;
- ``example``: the example file.

The names callers use are importable from this package. A limit is read where it is used: to
change one (as tests do), set it on its module (``reading.MAX_ROWS``, ``importer.BATCH_ROWS``).
"""

from .access import IMPORT_PERMISSIONS, importable_initiatives, may_import_into, user_can_import
from .checking import RowChecker, RowPlan, RowRejected
from .columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    COPY_FIELDS,
    HEADER_NAMES,
    ITEM_FIELDS,
    MAX_COPIES_PER_ROW,
    REQUIRED,
    TRANSLATION_LANGUAGES,
    Column,
    normalize_header,
)
from .example import example_csv
from .importer import BATCH_ROWS, Importer, import_items
from .reading import (
    MAX_BYTES,
    MAX_ROWS,
    ImportRefused,
    Table,
    decode,
    read_table,
    too_large_message,
)
from .report import ImportReport, RowResult

__all__ = [
    "BATCH_ROWS",
    "COLUMNS",
    "COLUMN_BY_KEY",
    "HEADER_NAMES",
    "IMPORT_PERMISSIONS",
    "COPY_FIELDS",
    "ITEM_FIELDS",
    "MAX_BYTES",
    "MAX_COPIES_PER_ROW",
    "MAX_ROWS",
    "REQUIRED",
    "TRANSLATION_LANGUAGES",
    "Column",
    "ImportRefused",
    "ImportReport",
    "Importer",
    "RowChecker",
    "RowPlan",
    "RowRejected",
    "RowResult",
    "Table",
    "decode",
    "example_csv",
    "import_items",
    "importable_initiatives",
    "may_import_into",
    "normalize_header",
    "read_table",
    "too_large_message",
    "user_can_import",
]
