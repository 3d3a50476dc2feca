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
