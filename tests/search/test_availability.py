"""Reservations decide what is "available now" and "available between" two dates, in every
language and on both search backends."""

import datetime

import pytest

from django.utils import timezone

from catalogue.models import Item
from lending.models import Reservation
from search.api import CatalogueQuery, search_catalogue
from search.backends.elastic import build_search
from tests.catalogue.factories import first_copy

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def reserve(item, pickup, return_date, status=Reservation.Status.CONFIRMED):
    return Reservation.objects.create(
        item=item, copy=first_copy(item), pickup_date=pickup, return_date=return_date, status=status
    )


def found(language="nl", **filters):
    result = search_catalogue(CatalogueQuery(language=language, **filters))
    return {item.translation_key for item in result.items}, result


def test_an_item_reserved_today_is_not_available_now_in_any_language(catalogue):
    drill = catalogue["drill"]
    before, result = found(available=True, text="boormachine")
    assert drill.translation_key in before
    available_count = result.facets["available"][0].count

    reserve(drill, TODAY - DAY, TODAY + DAY)
    for language, text in (("nl", "boormachine"), ("fr", "perceuse")):
        keys, result = found(language, available=True, text=text)
        assert drill.translation_key not in keys
        assert catalogue["cordless"].translation_key in keys
        assert result.facets["available"][0].count == available_count - 1
    keys, result = found(text="boormachine")
    assert drill.translation_key in keys, "without the filter the item is still listed"
    assert result.facets["available"][0].count == available_count - 1


def test_an_item_still_out_after_its_return_date_is_not_available(catalogue):
    drill = catalogue["drill"]
    reserve(drill, TODAY - 10 * DAY, TODAY - 3 * DAY, status=Reservation.Status.PICKED_UP)
    keys, _result = found(available=True)
    assert drill.translation_key not in keys


@pytest.mark.parametrize(
    "status", [Reservation.Status.RETURNED, Reservation.Status.CANCELLED, "no_show"]
)
def test_ended_reservations_block_nothing(catalogue, status):
    drill = catalogue["drill"]
    reserve(drill, TODAY - DAY, TODAY + DAY, status=status)
    keys, _result = found(available=True)
    assert drill.translation_key in keys


def test_available_between_leaves_out_items_reserved_on_any_day_of_the_period(catalogue):
    drill, bike = catalogue["drill"], catalogue["bike"]
    reserve(drill, TODAY + 10 * DAY, TODAY + 14 * DAY)
    reserve(bike, TODAY + 20 * DAY, TODAY + 21 * DAY, status=Reservation.Status.REQUESTED)

    def free(start, end):
        keys, result = found(available_between=(TODAY + start * DAY, TODAY + end * DAY))
        assert result.total == len(keys)
        return keys

    assert drill.translation_key not in free(14, 16), "the return day is still booked"
    assert drill.translation_key in free(15, 18)
    assert bike.translation_key not in free(15, 20)
    assert {drill.translation_key, bike.translation_key} <= free(0, 9)
    sander = catalogue["sander"]
    assert sander.translation_key not in free(0, 9), "an item in repair is never free"
    # The facet counts apply the period too.
    _keys, result = found(available_between=(TODAY + 10 * DAY, TODAY + 11 * DAY))
    assert sum(value.count for value in result.facets["initiative"]) == result.total


def test_the_elasticsearch_query_leaves_out_the_blocked_physical_items(catalogue):
    drill = catalogue["drill"]
    assert drill.locale.language_code == "nl"
    reserve(drill, TODAY, TODAY + DAY)
    body = build_search(CatalogueQuery(language="fr", available=True)).to_dict()
    available = body["post_filter"]["bool"]["filter"][0]
    assert available["bool"]["filter"] == [{"term": {"available": True}}]
    assert available["bool"]["must_not"] == [{"terms": {"source_id": [drill.pk]}}]
    count_filter = body["aggs"]["available"]["filter"]["bool"]["filter"]
    assert {"terms": {"source_id": [drill.pk]}} in count_filter[-1]["bool"]["must_not"]


def test_documents_of_every_language_point_at_the_physical_item(catalogue):
    from search.models import ItemDocument

    drill = catalogue["drill"]
    rows = Item.objects.filter(translation_key=drill.translation_key)
    sources = set(ItemDocument.objects.filter(item__in=rows).values_list("source_id", flat=True))
    assert sources == {drill.pk}
    assert rows.count() == 3
