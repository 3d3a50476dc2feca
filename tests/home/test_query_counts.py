"""The number of SQL queries of a page does not grow with the number of initiatives."""

import datetime

import pytest

from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from initiatives.models import InitiativePage
from initiatives.signals import create_volunteer_team
from tests import factories
from tests.clock import BRUSSELS

pytestmark = pytest.mark.django_db

SLOTS = (("0", "09:00", "12:00"), ("0", "13:00", "17:00"), ("2", "14:00", "18:00"))
EXCEPTIONS = ({"start_date": datetime.date(2026, 11, 18), "reason": "Inventaris"},)


@pytest.fixture
def quick_pages(settings):
    """Page saves without search indexing or volunteer teams: neither is read by these pages."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    post_save.disconnect(create_volunteer_team, sender=InitiativePage)
    yield
    post_save.connect(create_volunteer_team, sender=InitiativePage)


def add_initiatives(index, count):
    for _ in range(count):
        page = factories.build_initiative(
            index, slots=SLOTS, exceptions=EXCEPTIONS, live_revision=False
        )
        for day in (17, 24):
            start = datetime.datetime(2026, 11, day, 19, tzinfo=BRUSSELS)
            factories.build_event(page, start=start, live_revision=False)


def queries_for(client, url):
    assert client.get(url).status_code == 200  # warm the per-process caches first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_pages_make_as_many_queries_with_50_initiatives_as_with_5(
    client, index, freeze_time, quick_pages
):
    freeze_time(2026, 11, 16, 10)
    add_initiatives(index, 5)
    first = index.get_children().first().specific
    urls = {"home": index.get_parent().url, "overview": index.url, "initiative": first.url}
    with_5 = {name: queries_for(client, url) for name, url in urls.items()}

    add_initiatives(index, 45)
    with_50 = {name: queries_for(client, url) for name, url in urls.items()}

    assert with_50["home"][1].content.decode().count('class="card"') == 50
    assert with_5["home"][1].content.decode().count('class="card"') == 5
    assert {name: count for name, (count, _r) in with_50.items()} == {
        name: count for name, (count, _r) in with_5.items()
    }


def add_lending_initiative(index, number, items):
    """An initiative lending `items` things with a photo, in a category of its own."""
    import wagtail_factories

    from catalogue.models import ItemImage

    category = factories.build_category(f"Soort {number}", f"soort-{number}")
    initiative = factories.build_initiative(
        index, f"Bib {number}", slug=f"bib-{number}", lends_items=True, live_revision=False
    )
    photo = wagtail_factories.ImageFactory()
    for count in range(items):
        item = factories.build_item(initiative, category, f"Ding {count}", f"D{number}-{count}")
        ItemImage.objects.create(item=item, image=photo)
    return initiative


def test_the_catalogue_landing_makes_as_many_queries_with_many_items_as_with_few(
    client, index, quick_pages
):
    from home.models import CatalogueIndexPage

    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    index.get_parent().add_child(instance=catalogue)
    factories.publish(catalogue)
    first = add_lending_initiative(index, 1, items=2)
    few = {
        "landing": queries_for(client, catalogue.url),
        "initiative": queries_for(client, first.url),
    }

    for number in range(2, 7):
        add_lending_initiative(index, number, items=8)
    many = {
        "landing": queries_for(client, catalogue.url),
        "initiative": queries_for(client, first.url),
    }

    html = many["landing"][1].content.decode()
    assert html.count('class="category-tile"') == 6 and html.count('<img class="category-tile') == 6
    assert 'href="?initiative=bib-6"' in html
    assert "?initiative=bib-1" in many["initiative"][1].content.decode()
    assert {name: count for name, (count, _r) in many.items()} == {
        name: count for name, (count, _r) in few.items()
    }
    assert many["landing"][0] <= 8
