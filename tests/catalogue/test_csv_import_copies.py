"""Importing the copies of catalogue items from a CSV file: the rows of one item (the same
name and brand), ``aantal``/``copies``, the codes of other initiatives, existing items getting
copies, and importing a file again.

The helpers, ``COPIES_FILE`` and the other files are those of ``test_csv_import.py``; the
``lenders`` fixture is in ``conftest.py``.
"""

import pytest

from wagtail.models import ReferenceIndex, Revision

from catalogue.models import Copy, Item
from tests import factories
from tests.catalogue.test_csv_import import (
    COPIES_FILE,
    ENGLISH_FILE,
    codes_of,
    copy,
    counts,
    dutch,
    found,
    run,
)

pytestmark = pytest.mark.django_db


# The rows of one item, aantal ---------------------------------------------------------------


def test_rows_with_the_same_name_and_brand_are_copies_of_one_item(lenders):
    report = run(lenders["tools"], COPIES_FILE)

    assert not report.rejected, report.rejected
    drill = dutch("IN-0100")
    assert codes_of(drill) == ["IN-0100", "IN-0101", "IN-0102", "IN-0200"]
    assert (drill.name, drill.brand, drill.description) == (
        "Klopboormachine",
        "Bosch",
        "Boort in beton.",
    )
    assert drill.get_translation(factories.locales()["fr"]).name == "Perceuse"
    assert [(copy(c).condition, copy(c).status) for c in ("IN-0102", "IN-0200")] == [
        ("good", "available"),
        ("worn", "in_repair"),
    ]
    makita = dutch("IN-0300")
    assert makita != drill and codes_of(makita) == ["IN-0300"]
    assert makita.slug == "klopboormachine-2"  # the address is unique in the initiative
    assert codes_of(dutch("IN-0400")) == ["IN-0400", "IN-0401"]
    assert Item.objects.filter(locale__language_code="nl").count() == 3
    assert [row.codes_label for row in report.created] == [
        "IN-0100 – IN-0102",
        "IN-0200",
        "IN-0300",
        "IN-0400 – IN-0401",
    ]
    assert (report.items_created, report.copies_created) == (3, 7)
    assert counts(report) == "Items: 3 new, 0 changed. Copies: 7 new, 0 changed."
    # The copies written in bulk are in their items' "usage", as the admin records them.
    assert ReferenceIndex.objects.filter(content_type__model="copy").count() == 7
    assert sorted(found("klopboormachine")) == ["IN-0100", "IN-0300"]


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
    assert Copy.objects.count() == 2
    assert counts(report) == "Items: 0 new, 0 changed. Copies: 0 new, 0 changed."


def test_importing_a_file_of_copies_again_changes_nothing(lenders):
    run(lenders["tools"], COPIES_FILE)
    revisions = Revision.objects.count()
    stamps = dict(Copy.objects.values_list("pk", "updated_at"))

    report = run(lenders["tools"], COPIES_FILE)

    assert [row.row for row in report.unchanged] == [2, 3, 4, 5]
    assert (len(report.created), len(report.updated), len(report.rejected)) == (0, 0, 0)
    assert counts(report) == "Items: 0 new, 0 changed. Copies: 0 new, 0 changed."
    assert Revision.objects.count() == revisions
    assert dict(Copy.objects.values_list("pk", "updated_at")) == stamps


def test_aantal_counts_the_codes_on_keeping_their_width(lenders):
    data = (
        "code;naam;categorie;aantal\n"
        "IN-0098;Ladder;boren;3\n"  # row 2: IN-0098, IN-0099, IN-0100
        "LADDER;Trap;boren;2\n"  # row 3: no number to count on from
        "B-9;Zaag;boren;0\n"  # row 4: out of range
        "B-7;Schuurmachine;boren;51\n"  # row 5: out of range
        "X-1;Boor;boren;twee\n"  # row 6: not a number
        "IN-0099;Tegelsnijder;boren;\n"  # row 7: made by row 2
        "IN-0096;Hamer;boren;3\n"  # row 8: IN-0098 is row 2's
        "9;Tang;boren;2\n"  # row 9: 9 and 10
    )

    report = run(lenders["tools"], data)

    assert codes_of(dutch("IN-0098")) == ["IN-0098", "IN-0099", "IN-0100"]
    assert codes_of(dutch("9")) == ["10", "9"]
    rejected = {row.row: row.reason for row in report.rejected}
    assert rejected[3].startswith("The code LADDER does not end in a number, so the codes of 2")
    assert (
        rejected[4]
        == rejected[5]
        == rejected[6]
        == ("aantal: give a whole number from 1 to 50 (empty: 1).")
    )
    assert rejected[7] == "The code IN-0099 already occurs in row 2: each copy once per file."
    assert rejected[8] == "The code IN-0098 already occurs in row 2: each copy once per file."
    assert len(rejected) == 6


def test_a_code_aantal_counts_on_must_be_free_or_a_copy_of_the_rows_item(lenders):
    factories.build_item(lenders["tools"], lenders["drills"], "Zaag", "IN-0202")
    boor = factories.build_item(lenders["tools"], lenders["drills"], "Boor", "IN-0302")
    data = "code;naam;categorie;aantal\nIN-0200;Ladder;boren;3\nIN-0301;Boor;boren;2\n"

    report = run(lenders["tools"], data)

    assert [(row.row, row.reason) for row in report.rejected] == [
        (
            2,
            "The code IN-0202 is already the code of a copy of “Zaag”, another item than "
            "this row's.",
        )
    ]
    # Row 3 is Boor by its name: its second code is Boor's own copy.
    assert [(row.row, row.codes) for row in report.created] == [(3, ["IN-0301", "IN-0302"])]
    assert codes_of(boor) == ["IN-0301", "IN-0302"]
    assert not Item.objects.filter(name="Ladder").exists()


def test_a_later_row_of_an_item_with_other_item_cells_is_rejected_naming_the_first_row(
    lenders,
):
    data = (
        "code;naam;merk;categorie;omschrijving;waarborg;naam_fr\n"
        "IN-0001;Boor;Bosch;boren;Boort.;12,50;Perceuse\n"  # row 2
        "IN-0002;BOOR;bosch;Boren;Boort.;12.5;\n"  # row 3: the same values, spelled otherwise
        "IN-0003;Boor;Bosch;fietsen;Zaagt.;12,50;Scie\n"  # row 4: other values
        "IN-0004;Boor;Bosch;;;;\n"  # row 5: empty item cells are fine
    )

    report = run(lenders["tools"], data)

    assert [(row.row, row.code) for row in report.rejected] == [(4, "IN-0003")]
    assert report.rejected[0].reason == (
        "This row has the name and brand of row 2, so it is a copy of the same item, but its "
        "categorie, omschrijving, naam_fr differ from that row. Leave the item's cells of "
        "later rows empty or give them the values of row 2."
    )
    assert codes_of(dutch("IN-0001")) == ["IN-0001", "IN-0002", "IN-0004"]
    assert dutch("IN-0001").category == lenders["drills"]


def test_a_new_code_with_the_name_of_an_existing_item_adds_a_copy_to_it(lenders):
    item = factories.build_item(
        lenders["tools"], lenders["drills"], "Boor", "IN-0001", brand="Bosch", condition="fair"
    )

    report = run(
        lenders["tools"],
        "code;naam;merk;categorie;status\nIN-0001;Boor;Bosch;boren;\nIN-0002;boor;Bosch;;in_repair\n",
    )

    assert [row.row for row in report.unchanged] == [2]
    assert [(row.row, row.item.pk) for row in report.created] == [(3, item.pk)]
    assert codes_of(item) == ["IN-0001", "IN-0002"]
    assert copy("IN-0001").condition == "fair"  # empty: kept
    assert (copy("IN-0002").condition, copy("IN-0002").status) == ("good", "in_repair")
    assert (report.items_created, report.items_changed, report.copies_created) == (0, 0, 1)
    assert Item.objects.count() == 1


def test_an_existing_code_updates_its_copy_and_item_even_under_a_new_name(lenders):
    item = factories.build_item(lenders["tools"], lenders["drills"], "Boor", "IN-0001")
    other = factories.build_item(lenders["tools"], lenders["drills"], "Zaag", "IN-0002")

    report = run(
        lenders["tools"],
        "code;naam;categorie;staat\nIN-0001;Klopboor;boren;worn\nIN-0002;Klopboor;boren;\n",
    )

    assert [row.row for row in report.updated] == [2]
    assert dutch("IN-0001").name == "Klopboor" and copy("IN-0001").condition == "worn"
    assert report.rejected[0].reason == (
        "The code IN-0002 is a copy of “Zaag”, not of the item of row 2 with the same name "
        "and brand."
    )
    assert dutch("IN-0002") == other and other.name == "Zaag"
    assert codes_of(item) == ["IN-0001"]


# Codes of other initiatives -----------------------------------------------------------------


def test_a_code_of_another_initiative_is_rejected_and_its_item_not_touched(lenders):
    factories.build_item(lenders["baby"], lenders["drills"], "Babyfoon", "IN-0601")
    data = "code;naam;categorie;aantal\nIN-0601;Boor;boren;\nIN-0599;Zaag;boren;3\n"

    report = run(lenders["tools"], data)

    assert [(row.row, row.reason) for row in report.rejected] == [
        (
            2,
            "The code IN-0601 is the code of a copy of another initiative: codes are unique "
            "on the whole site.",
        ),
        (
            3,
            "The code IN-0601 is the code of a copy of another initiative: codes are unique "
            "on the whole site.",
        ),
    ]
    assert dutch("IN-0601").name == "Babyfoon"
    assert not Item.objects.filter(initiative=lenders["tools"]).exists()
