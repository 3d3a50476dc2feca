"""Importing catalogue items from a CSV file: reading the file (its encoding, separator and
row numbers), the files refused as a whole, the example file, and ``manage.py import_items``.
"""

import re
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from catalogue.csv_import import ImportRefused, example_csv, reading
from catalogue.models import Copy, Item
from tests.catalogue.test_csv_import import BAD_ROWS, codes_of, copy, dutch, run

pytestmark = pytest.mark.django_db


# Reading the file ----------------------------------------------------------------------------


def test_semicolons_a_bom_and_decimal_commas_as_belgian_excel_saves_them(lenders):
    data = (
        "\ufeffInventariscode;Naam;Categorie;Waarborg;Staat;Uitleendagen\r\n"
        "IN-0201;Décapeerpistool;boren;12,50;zo goed als nieuw;14\r\n"
        "IN-0202;Tegelsnijder;boren;1.234,50;;\r\n"
    ).encode("utf-8")

    report = run(lenders["tools"], data)

    assert not report.rejected, report.rejected
    assert dutch("IN-0201").name == "Décapeerpistool"
    assert dutch("IN-0201").deposit == Decimal("12.50")
    assert copy("IN-0201").condition == Copy.Condition.NEW  # by its Dutch label
    assert dutch("IN-0202").deposit == Decimal("1234.50")
    assert copy("IN-0202").condition == Copy.Condition.GOOD  # empty: the default


def test_a_windows_1252_file_is_read_too(lenders):
    data = "code;naam;categorie\nIN-0301;Décoletteuse à béton;boren\n".encode("cp1252")

    report = run(lenders["tools"], data)

    assert len(report.created) == 1
    assert dutch("IN-0301").name == "Décoletteuse à béton"


def test_row_numbers_are_those_a_spreadsheet_shows(lenders):
    # Excel's "sep=" line is not a row; a quoted cell over two lines is one row; blank
    # rows still count.
    data = (
        "sep=;\n"
        "code;naam;categorie;omschrijving\n"
        'IN-0701;Boor;boren;"Twee\nregels"\n'
        "\n"
        "IN-0702;Zaag;zagen;\n"
    )

    report = run(lenders["tools"], data)

    assert [(result.row, result.code) for result in report.rejected] == [(4, "IN-0702")]
    assert dutch("IN-0701").description == "Twee\nregels"


def test_the_example_file_neutralises_what_a_spreadsheet_would_run(lenders):
    # The category in the example comes from the database: a slug may start with "-".
    example = example_csv("-boren")

    row = example.splitlines()[1].split(";")
    assert row[2] == "'-boren"


# Whole-file refusals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "The file is empty."),
        (b"code;naam;categorie\n", "holds no items"),
        (b"code;naam\nIN-1;Boor\n", "Required columns are missing: categorie."),
        (b"foo;bar\n1;2\n", "none of its names is known"),
        (b"code;naam;name;categorie\nA;b;c;boren\n", "mean the same thing"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "not a CSV file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "spreadsheet workbook"),
        (b"code;naam;categorie\n\x81\x8d;\x8f\x90;\x9d\n", "not a CSV file"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_whole(lenders, data, message):
    with pytest.raises(ImportRefused) as refused:
        run(lenders["tools"], data)

    assert message in str(refused.value)
    assert not Item.objects.exists()


def test_a_file_over_the_limits_is_refused(lenders, monkeypatch):
    rows = "".join(f"IN-{n};Boor;boren\n" for n in range(4))
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    with pytest.raises(ImportRefused, match="at most 3 at a time"):
        run(lenders["tools"], "code;naam;categorie\n" + rows)
    monkeypatch.setattr(reading, "MAX_BYTES", 20)
    with pytest.raises(ImportRefused, match="larger than"):
        run(lenders["tools"], ("code;naam;categorie\n" + rows).encode())
    assert not Item.objects.exists()


def test_an_initiative_that_lends_nothing_is_refused(lenders):
    with pytest.raises(ImportRefused, match="does not lend items"):
        run(lenders["cafe"], "code;naam;categorie\nX;Boor;boren\n")


def test_the_example_file_imports_as_it_is(lenders):
    example = example_csv()

    assert example.splitlines()[0].startswith("code;naam;categorie;omschrijving;merk;inhoud;")
    assert ";staat;status;aantal;" in example.splitlines()[0]
    report = run(lenders["tools"], example)
    assert (len(report.created), len(report.rejected)) == (3, 0)
    # Two items; the second with two copies, the first with the third row's copy too.
    assert (report.items_created, report.copies_created) == (2, 4)
    assert codes_of(dutch("BO-0001")) == ["BO-0001", "BO-0010"]
    assert codes_of(dutch("BO-0002")) == ["BO-0002", "BO-0003"]
    assert copy("BO-0010").condition == Copy.Condition.FAIR


# The command --------------------------------------------------------------------------------


def command(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("import_items", *args, stdout=out)
    return out.getvalue()


def test_the_command_imports_and_prints_every_rejected_row_and_a_summary(lenders, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(BAD_ROWS, encoding="utf-8")

    output = command("instrumentheek", str(path))

    assert "Row 3 (BAD-1) rejected: categorie: Unknown category “zagen”" in output
    assert "Row 4 (BAD-2) rejected: naam: This field cannot be blank." in output
    assert "Row 8 (BAD-5) rejected: status: Value 'kapot' is not a valid choice." in output
    assert len(re.findall(r"^Row \d+ .* rejected", output, re.MULTILINE)) == 6
    assert (
        "Instrumentheek: Imported 8 rows: 2 created, 0 updated, 0 unchanged, 6 rejected. "
        "Items: 2 new, 0 changed. Copies: 2 new, 0 changed." in output
    )
    assert Item.objects.count() == 2


def test_the_command_shows_progress_and_can_check_only(lenders, tmp_path):
    path = tmp_path / "items.csv"
    rows = "".join(f"IN-{n:04};Boor {n};boren\n" for n in range(1, 11))
    path.write_text("code;naam;categorie\n" + rows, encoding="cp1252")

    output = command("instrumentheek", str(path), "--dry-run", "--progress-every", "4")

    assert "4 of 10 rows (40%)" in output and "8 of 10 rows (80%)" in output
    assert "10 of 10 rows (100%)" in output
    assert "Checked 10 rows, nothing saved: 10 would be created" in output
    assert not Item.objects.exists()


@pytest.mark.parametrize(
    ("initiative", "file_name", "content", "message"),
    [
        ("onbekend", "items.csv", b"code;naam;categorie\n", "There is no initiative onbekend"),
        ("repair-cafe", "items.csv", b"code;naam;categorie\n", "Repair Caf\u00e9 does not lend"),
        ("instrumentheek", "missing.csv", None, "There is no file"),
        ("instrumentheek", "items.csv", b"\x00\x01\x02binary", "not a CSV file"),
        ("instrumentheek", "items.csv", b"code;naam\nX;Y\n", "Required columns are missing"),
    ],
)
def test_the_command_refuses_cleanly(lenders, tmp_path, initiative, file_name, content, message):
    path = tmp_path / file_name
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        command(initiative, str(path))
    assert not Item.objects.exists()


def test_the_command_refuses_a_folder(lenders, tmp_path):
    with pytest.raises(CommandError, match="is a folder"):
        command("instrumentheek", str(tmp_path))
