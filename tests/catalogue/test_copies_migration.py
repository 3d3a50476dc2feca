"""A database from before copies migrates forward with its item rows grouped into items.

Before catalogue 0005 and lending 0002 every physical unit was an item row of its own, with a
code, status and condition, translated row by row, and reservations named the row. The
migrations make each row a copy and group the rows of one initiative with the same name and
brand into one item, each reservation keeping the copy of its row (docs/architecture.md,
"Items and copies"). Here the database is taken back to before copies, rows are written the
way the old code wrote them, and the migrations run forward again.
"""

import datetime
import uuid

import pytest

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalogue.models import Copy, Item
from lending.models import Reservation
from tests import factories

# serialized_rollback: the flush after each test removes what the migrations made (the root
# page, the locales); it is put back for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_COPIES = [
    ("catalogue", "0004_reservations_to_lending_page_to_home"),
    ("lending", "0001_initial"),
]
PERIOD = {"pickup_date": datetime.date(2026, 11, 9), "return_date": datetime.date(2026, 11, 12)}


def migrate_to(targets):
    """Migrate to the targets; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_forward():
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    # Content types are looked up from a cache that outlives the test; refill it with every
    # model, or a later test's signals would write content type rows that are not meant to be.
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


@pytest.fixture
def before_copies():
    """An initiative, a category and a member made by today's code, then the database as it
    was before copies; afterwards it is migrated forward again whatever happens in the test."""
    trees = factories.build_site_tree(languages=("nl", "fr"))
    initiative = trees["nl"].initiative
    initiative.lends_items = True
    initiative.save()
    category = factories.build_category("Boren", "boren", translations={"fr": "Perceuses"})
    member = factories.MemberFactory()
    locales = factories.locales()
    ContentType.objects.clear_cache()
    old = migrate_to(BEFORE_COPIES)
    yield {
        "old": old,
        "initiative": initiative,
        "category": category,
        "member": member,
        "nl": locales["nl"],
        "fr": locales["fr"],
    }
    migrate_forward()


def old_rows(world, name, code, french_name, **fields):
    """An old-style item row in Dutch and its French translation row (same code)."""
    OldItem = world["old"].get_model("catalogue", "Item")
    common = {
        "initiative_id": world["initiative"].pk,
        "category_id": world["category"].pk,
        "code": code,
        "live": True,
        "translation_key": uuid.uuid4(),
        **fields,
    }
    dutch = OldItem.objects.create(name=name, locale_id=world["nl"].pk, **common)
    french = OldItem.objects.create(name=french_name, locale_id=world["fr"].pk, **common)
    return dutch, french


def old_reservation(world, row, **fields):
    OldReservation = world["old"].get_model("lending", "Reservation")
    values = {"status": "confirmed", **PERIOD, **fields}
    return OldReservation.objects.create(item_id=row.pk, member_id=world["member"].pk, **values)


def write_old_rows(world):
    drill = {"name": "Boormachine", "french_name": "Perceuse", "brand": "Bosch"}
    first, first_fr = old_rows(world, code="IN-1", condition="fair", **drill)
    second, second_fr = old_rows(
        world, code="IN-2", status="in_repair", condition="worn", **{**drill, "brand": "bosch "}
    )
    other, other_fr = old_rows(world, "Schuurmachine", "IN-3", "Ponceuse", brand="Bosch")
    return {
        "first": (first, first_fr),
        "second": (second, second_fr),
        "other": (other, other_fr),
        # The same period: only on copies of their own can both stay (on PostgreSQL the
        # exclusion constraint per copy would refuse them on one).
        "reservations": [
            old_reservation(world, first),
            old_reservation(world, second, notes="Met koffer"),
            old_reservation(world, other, status="returned"),
        ],
    }


def test_rows_of_one_name_and_brand_become_one_item_with_their_copies(before_copies):
    rows = write_old_rows(before_copies)
    first, first_fr = rows["first"]
    second, second_fr = rows["second"]
    other, other_fr = rows["other"]
    on_first, on_second, on_other = rows["reservations"]

    migrate_forward()

    assert not Item.objects.filter(pk__in=[second.pk, second_fr.pk]).exists()
    kept = Item.objects.get(pk=first.pk)
    assert (kept.name, kept.slug, kept.live) == ("Boormachine", "boormachine", True)
    french = Item.objects.get(pk=first_fr.pk)
    assert (french.name, french.slug) == ("Perceuse", "boormachine")
    assert french.translation_key == kept.translation_key
    assert list(Copy.objects.filter(item=kept).values_list("code", "status", "condition")) == [
        ("IN-1", "available", "fair"),
        ("IN-2", "in_repair", "worn"),
    ]
    assert not Copy.objects.filter(item=french).exists(), "copies are the Dutch row's"
    reservations = {r.pk: r for r in Reservation.objects.select_related("copy")}
    assert (reservations[on_first.pk].copy.code, reservations[on_first.pk].item_id) == (
        "IN-1",
        kept.pk,
    )
    assert (reservations[on_second.pk].copy.code, reservations[on_second.pk].item_id) == (
        "IN-2",
        kept.pk,
    )
    assert reservations[on_second.pk].notes == "Met koffer"
    assert reservations[on_first.pk].pickup_date == PERIOD["pickup_date"]

    # The other item: untouched, with its own copy and its reservation.
    untouched = Item.objects.get(pk=other.pk)
    assert (untouched.name, untouched.slug) == ("Schuurmachine", "schuurmachine")
    assert Item.objects.get(pk=other_fr.pk).name == "Ponceuse"
    assert list(Copy.objects.filter(item=untouched).values_list("code", "status")) == [
        ("IN-3", "available")
    ]
    assert (reservations[on_other.pk].copy.code, reservations[on_other.pk].item_id) == (
        "IN-3",
        other.pk,
    )
    assert Item.objects.count() == 4 and Copy.objects.count() == 3


def test_the_grouped_item_works_as_today_s_code_expects(before_copies):
    rows = write_old_rows(before_copies)
    migrate_forward()
    kept = Item.objects.get(pk=rows["first"][0].pk)
    assert kept.copy_counts() == (2, 1), "two copies, one of them lendable"
    assert kept.get_translations(inclusive=True).count() == 2
    # A new copy of the grouped item takes a code of its own.
    Copy.objects.create(item=kept, code="IN-4")
    assert kept.copies.count() == 3
