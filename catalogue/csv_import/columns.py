"""The columns of an import file: their names in Dutch and English, and what each one sets.

The admin's import page lists ``COLUMNS`` as the documentation of the file, and
``example_csv`` writes them as the header of the example file. A header cell names a column
when, folded by ``normalize_header``, it matches the column's key, its Dutch name or one of
its aliases.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wagtail_localize.fields import SynchronizedField

from ..models import Item

TRANSLATION_LANGUAGES = ("fr", "en")


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
            "The code on the label of the copy, unique on the whole site: each row is one "
            "copy. An existing code of the initiative updates that copy and its item."
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
    Column(
        "brand",
        "merk",
        ("brand",),
        _(
            "The brand. Rows with the same name and brand are copies of one item: its "
            "columns come from the first of those rows."
        ),
        example=("Bosch", "Makita"),
    ),
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
            "The copy's condition: new, good, fair or worn (or the label as the admin shows "
            "it). Empty: good for a new copy, unchanged for an existing one."
        ),
        example=("good", "new"),
    ),
    Column(
        "status",
        "status",
        (),
        _(
            "The copy's status: available, in_repair or retired. Empty: available for a new "
            "copy, unchanged for an existing one."
        ),
        example=("available", "in_repair"),
    ),
    Column(
        "copies",
        "aantal",
        ("copies", "exemplaren", "aantal_exemplaren", "number_of_copies"),
        _(
            "How many copies the row stands for, 1 to 50 (empty: 1). Their codes count on "
            "from the row's code: IN-0100 with 3 makes IN-0100, IN-0101 and IN-0102."
        ),
        example=("1", "2"),
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
# The item's fields a row sets (the translation columns go to the translations).
ITEM_FIELDS = (
    "name",
    "category",
    "description",
    "brand",
    "contents",
    "age_min_months",
    "age_max_months",
    "deposit",
    "loan_days",
)
# The copy's fields a row sets: an empty cell keeps what an existing copy has.
COPY_FIELDS = ("condition", "status")
NUMBER_FIELDS = ("age_min_months", "age_max_months", "loan_days", "deposit")
# How many copies a row may stand for (the ``aantal`` column).
MAX_COPIES_PER_ROW = 50
SYNCHRONIZED = tuple(
    f.field_name
    for f in Item.translatable_fields
    if isinstance(f, SynchronizedField) and f.field_name != "images"
)
# The translated texts of a row, per language (naam_fr, omschrijving_en...).
TEXTS = ("name", "description")


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
