"""Publishing items in bulk (the CSV import) leaves what Wagtail's own actions leave one by
one: the live state, the revisions, the history, the admin's search and "usage", the catalogue
search. Each test does the same to two items, one through Wagtail and one in bulk, and
compares them. Each item has one copy, coded as its address, so that the public catalogue
shows it; the import writes the copies of new items in bulk after ``publish``, before
``reindex``, as these tests do."""

import json
import re
from decimal import Decimal

import pytest
import wagtail_factories

from django.urls import reverse

from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.models import ModelLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend

from catalogue import bulk_publish
from catalogue.models import Copy, Item, ItemImage
from search.api import CatalogueQuery, search_catalogue
from tests import factories

pytestmark = pytest.mark.django_db

# What differs between two objects whatever made them.
OWN_VALUES = {"pk", "slug", "translation_key", "created_at", "updated_at"}
# Moments and revisions: compared as being there or not.
SET_OR_NOT = {"first_published_at", "last_published_at", "latest_revision", "live_revision"}


@pytest.fixture
def lender(index):
    factories.locales()
    initiative = factories.build_initiative(
        index, "Instrumentheek", slug="instrumentheek", lends_items=True
    )
    return initiative, factories.build_category("Boren", "boren")


@pytest.fixture
def coordinator(client):
    return factories.coordinator(client)


def new_item(lender, code, language="nl"):
    initiative, category = lender
    return Item(
        initiative=initiative,
        category=category,
        slug=code.lower(),
        name="Klopboor",
        brand="Bosch",
        locale=factories.locales()[language],
    )


def wagtail_create(item, user):
    CreateAction(item, user=user, publish=True, clean=False).execute(skip_permission_checks=True)
    item.refresh_from_db()
    if item.locale.language_code == "nl":
        Copy.objects.create(item=item, code=item.slug.upper())
    return item


def bulk_copies(*items):
    """The copies of items published in bulk, written as the import writes them."""
    return Copy.objects.bulk_create([Copy(item=item, code=item.slug.upper()) for item in items])


def state(item):
    item.refresh_from_db()
    return {
        "live": item.live,
        "has_unpublished_changes": item.has_unpublished_changes,
        "expired": item.expired,
        "published": item.first_published_at is not None and item.last_published_at is not None,
        "live revision is the latest": item.live_revision_id == item.latest_revision_id,
        "revisions": item.revisions.count(),
        "name": item.name,
        "deposit": item.deposit,
    }


def history(item):
    """The log entries of an item, its own address and revisions left out."""

    def same_for_any_item(value):
        return json.loads(json.dumps(value).replace(item.slug, "SLUG"))

    return [
        (
            entry.action,
            entry.user_id,
            same_for_any_item(entry.label),
            same_for_any_item(entry.data),
            entry.content_changed,
            entry.revision_id == item.latest_revision_id,
        )
        for entry in ModelLogEntry.objects.filter(
            object_id=str(item.pk), content_type__model="item"
        ).order_by("pk")
    ]


def revision_contents(item):
    def same_for_any_item(key, value):
        if key in SET_OR_NOT:
            return value is not None
        if key == "images":
            return [{k: v for k, v in photo.items() if k not in ("pk", "item")} for photo in value]
        return value

    return [
        {
            key: same_for_any_item(key, value)
            for key, value in revision.content.items()
            if key not in OWN_VALUES
        }
        for revision in item.revisions.order_by("pk")
    ]


def references(item):
    rows = ReferenceIndex.objects.filter(
        object_id=str(item.pk), content_type__model="item"
    ).values_list("to_content_type", "to_object_id", "model_path", "content_path")
    # The photo's place in the path is its own id.
    return {(*row[:3], re.sub(r"\d+", "N", row[3])) for row in rows}


def copy_references(item):
    """What the copies of an item refer to, their own ids left out."""
    copies = Copy.objects.filter(item=item).values_list("pk", flat=True)
    rows = ReferenceIndex.objects.filter(
        object_id__in=[str(pk) for pk in copies], content_type__model="copy"
    )
    return {
        (row.to_content_type_id, row.to_object_id == str(item.pk), row.model_path) for row in rows
    }


def admin_search(text):
    """The addresses Wagtail's search index finds (the admin's search of items)."""
    return sorted(item.slug for item in get_search_backend().search(text, Item))


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_creating_in_bulk_leaves_what_wagtails_create_action_leaves(lender, coordinator, client):
    by_wagtail = wagtail_create(new_item(lender, "W-1"), coordinator)
    in_bulk = new_item(lender, "B-1")

    bulk_publish.publish(creations=[in_bulk], user=coordinator)
    copies = bulk_copies(in_bulk)
    bulk_publish.reindex(created=[in_bulk], related=copies)

    assert state(in_bulk) == state(by_wagtail)
    assert state(in_bulk)["live"] and state(in_bulk)["revisions"] == 1
    assert history(in_bulk) == history(by_wagtail)
    assert [entry[0] for entry in history(in_bulk)] == ["wagtail.create", "wagtail.publish"]
    assert revision_contents(in_bulk) == revision_contents(by_wagtail)
    assert references(in_bulk) == references(by_wagtail) != set()
    # The copy written in bulk is in the item's "usage" as one saved in the admin is.
    assert copy_references(in_bulk) == copy_references(by_wagtail) != set()

    # What the coordinator sees: the history, the admin's search, the catalogue.
    pages = [
        text_of(client.get(reverse("wagtailsnippets_catalogue_item:history", args=[item.pk])))
        for item in (by_wagtail, in_bulk)
    ]
    assert "Published" in pages[1] and "Created" in pages[1]
    assert pages[1].count("Published") == pages[0].count("Published")
    assert admin_search("klopboor") == ["b-1", "w-1"]
    found = search_catalogue(CatalogueQuery(text="klopboor", language="nl")).items
    assert sorted(item.slug for item in found) == ["b-1", "w-1"]


def test_changing_in_bulk_leaves_what_wagtails_edit_action_leaves(lender, coordinator):
    by_wagtail = wagtail_create(new_item(lender, "W-2"), coordinator)
    in_bulk = wagtail_create(new_item(lender, "B-2"), coordinator)
    titles = {item.pk: str(item) for item in (by_wagtail, in_bulk)}
    for item in (by_wagtail, in_bulk):
        item.name = "Boorhamer"
        item.deposit = Decimal("5")

    EditAction(by_wagtail, user=coordinator, publish=True, clean=False).execute(
        skip_permission_checks=True
    )
    bulk_publish.publish(edits=[(in_bulk, titles[in_bulk.pk])], user=coordinator)
    bulk_publish.reindex(changed=[in_bulk])

    assert state(in_bulk) == state(by_wagtail)
    assert state(in_bulk)["name"] == "Boorhamer" and state(in_bulk)["revisions"] == 2
    assert history(in_bulk) == history(by_wagtail)
    assert [entry[0] for entry in history(in_bulk)][2:] == [
        "wagtail.edit",
        "wagtail.rename",
        "wagtail.publish",
    ]
    assert revision_contents(in_bulk) == revision_contents(by_wagtail)
    assert admin_search("boorhamer") == ["b-2", "w-2"]
    found = search_catalogue(CatalogueQuery(text="boorhamer", language="nl")).items
    assert sorted(item.slug for item in found) == ["b-2", "w-2"]


def test_an_item_someone_unpublished_is_published_again_through_wagtail(lender, coordinator):
    by_wagtail = wagtail_create(new_item(lender, "W-3"), coordinator)
    in_bulk = wagtail_create(new_item(lender, "B-3"), coordinator)
    for item in (by_wagtail, in_bulk):
        item.unpublish(user=coordinator)
        item.refresh_from_db()
        item.name = "Boorhamer"

    EditAction(by_wagtail, user=coordinator, publish=True, clean=False).execute(
        skip_permission_checks=True
    )
    bulk_publish.publish(edits=[(in_bulk, "Klopboor")], user=coordinator)

    assert state(in_bulk) == state(by_wagtail)
    assert state(in_bulk)["live"]
    assert history(in_bulk) == history(by_wagtail)


def test_a_translation_made_in_bulk_takes_the_photos_as_wagtail_does(lender, coordinator):
    photo = wagtail_factories.ImageFactory()
    translations = []
    for code, in_bulk in (("W-4", False), ("B-4", True)):
        item = new_item(lender, code)
        item.images = [ItemImage(image=photo)]
        wagtail_create(item, coordinator)
        french = item.copy_for_translation(factories.locales()["fr"])
        french.name = "Perceuse"
        if in_bulk:
            bulk_publish.publish(creations=[french], user=coordinator)
            bulk_publish.reindex(created=[french])
        else:
            wagtail_create(french, coordinator)
        translations.append(french)
    by_wagtail, in_bulk = translations

    assert state(in_bulk) == state(by_wagtail)
    assert history(in_bulk) == history(by_wagtail)
    assert revision_contents(in_bulk) == revision_contents(by_wagtail)
    assert [image.image_id for image in in_bulk.images.all()] == [photo.pk]
    assert references(in_bulk) == references(by_wagtail)
    assert len(references(in_bulk)) == 3  # the initiative, the category and the photo
