"""The item list in the admin as volunteers and coordinators use it (catalogue/admin_languages.py,
ItemIndexView): one row per item in the user's language, each row a link to the item, a search
by name and by copy code, the languages as badges with a Translate link."""

import re

import pytest

from django.urls import reverse

from catalogue.models import Item
from tests import factories
from tests.catalogue.factories import build_item
from tests.lending.world import build_lending_world

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_catalogue_item:list"


@pytest.fixture
def shelf(db):
    """100 items of one initiative in Dutch, French and English, and one item of another."""
    world = build_lending_world(languages=("nl", "fr", "en"))
    initiative, category = world["initiative"], world["category"]
    items = [world["item"]]
    for number in range(2, 101):
        items.append(
            build_item(
                initiative,
                category,
                f"Gereedschap {number:03d}",
                f"IN-{number:04d}",
                translations={
                    "fr": {"name": f"Outil {number:03d}"},
                    "en": {"name": f"Tool {number:03d}"},
                },
            )
        )
    index = world["trees"]["nl"].index
    other = factories.build_initiative(index, "Babytheek", lends_items=True)
    pram = build_item(other, category, "Kinderwagen", "BA-0001")
    return {"world": world, "items": items, "other": other, "pram": pram}


def listing(client, **query):
    response = client.get(reverse(LIST), query)
    assert response.status_code == 200
    return response


def row_links(response):
    html = response.content.decode()
    return set(re.findall(r'href="/admin/snippets/catalogue/item/edit/(\d+)/"', html))


def log_in(client, shelf, who):
    """A volunteer of the shelf's initiative or a coordinator, with a Dutch admin."""
    if who == "volunteer":
        factories.volunteer_of(shelf["world"]["initiative"], client, admin_language="nl")
    else:
        factories.coordinator(client, admin_language="nl")


@pytest.mark.parametrize("who", ["volunteer", "coordinator"])
def test_a_hundred_items_in_three_languages_are_a_hundred_rows_that_open(client, shelf, who):
    log_in(client, shelf, who)
    first = listing(client)
    # One row per item, in the user's (Dutch) admin language; the coordinator sees the
    # other initiative's pram too.
    dutch = 100 if who == "volunteer" else 101
    assert first.context["paginator"].count == dutch
    rows = list(first.context["object_list"])
    assert {row.locale.language_code for row in rows} == {"nl"}
    assert row_links(first) >= {str(row.pk) for row in rows}, "every row opens its item"
    # The drill has no English row: 99 in English; every row of every language with "All".
    assert listing(client, locale="en").context["paginator"].count == 99
    assert listing(client, locale="").context["paginator"].count == dutch + 100 + 99


def test_an_item_not_in_the_users_language_is_listed_in_dutch(client, shelf):
    factories.volunteer_of(shelf["world"]["initiative"], client, admin_language="en")
    response = listing(client)
    assert response.context["paginator"].count == 100
    rows = {row.name: row.locale.language_code for row in response.context["paginator"].object_list}
    assert rows["Klopboormachine"] == "nl" and rows["Tool 042"] == "en"


@pytest.mark.parametrize("who", ["volunteer", "coordinator"])
def test_the_search_finds_an_item_by_name_and_by_copy_code(client, shelf, who):
    log_in(client, shelf, who)
    by_name = listing(client, q="Tool 042", locale="en")
    assert [row.name for row in by_name.context["object_list"]] == ["Tool 042"]
    by_code = listing(client, q="in-0042")
    assert [row.name for row in by_code.context["object_list"]] == ["Gereedschap 042"]
    for strange in ("%", "\x00", "'; DROP TABLE", "é" * 300):
        listing(client, q=strange)


def test_another_initiatives_volunteer_sees_none_of_these_rows(client, shelf):
    factories.volunteer_of(shelf["other"], client)
    response = listing(client, locale="")
    assert [row.name for row in response.context["object_list"]] == ["Kinderwagen"]


def test_a_language_still_in_the_source_text_has_a_translate_link(client, shelf):
    drill = shelf["world"]["item"]  # Klopboormachine: French name, no English row
    french = Item.objects.get(translation_key=drill.translation_key, locale__language_code="fr")
    french.name = drill.name  # as published with the Dutch text
    french.save()
    factories.volunteer_of(shelf["world"]["initiative"], client, admin_language="nl")
    html = listing(client, q="Klopboormachine").content.decode()
    edit_french = reverse("wagtailsnippets_catalogue_item:edit", args=[french.pk])
    submit = reverse(
        "wagtail_localize:submit_snippet_translation", args=["catalogue", "item", drill.pk]
    )
    assert f'href="{edit_french}"' in html  # translate the French row
    assert f'href="{submit}"' in html  # make the English one
    assert client.get(submit).status_code == 200

    factories.volunteer_of(shelf["other"], client)
    assert client.get(submit).status_code == 404
