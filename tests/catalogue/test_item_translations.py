"""An item published in Dutch from the admin exists in every language at once
(catalogue/translations.py): reachable at its /fr/ and /en/ addresses and found by those
searches, with the Dutch text until a volunteer translates it."""

import pytest

from django.urls import reverse

from catalogue.models import Copy, Item
from home.models import CatalogueIndexPage
from tests import factories
from tests.lending.world import build_lending_world

pytestmark = pytest.mark.django_db

CATALOGUES = {"nl": "catalogus", "fr": "catalogue", "en": "catalogue"}


@pytest.fixture
def world(db, freeze_time):
    freeze_time(2026, 11, 2, 10)
    world = build_lending_world(
        languages=("nl", "fr", "en"), initiative_fields={"slug": "instrumentheek"}
    )
    for language, slug in CATALOGUES.items():
        catalogue = CatalogueIndexPage(title=slug.title(), slug=slug)
        world["trees"][language].home.add_child(instance=catalogue)
        factories.publish(catalogue)
    return world


def new_item_form(world, **changes):
    return {
        "initiative": world["initiative"].pk,
        "name": "Naaimachine Singer Tradition",
        "category": world["category"].pk,
        "description": "Naaimachine met 23 steken, voor stoffen van licht tot jeans.",
        "contents": "Voetpedaal\nSpoeltjes",
        "brand": "Singer",
        "age_min_months": "",
        "age_max_months": "",
        "deposit": "",
        "loan_days": "",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
        **changes,
    }


def test_an_item_published_in_dutch_is_there_in_french_and_english(client, world):
    factories.volunteer_of(world["initiative"], client)
    add = reverse("wagtailsnippets_catalogue_item:add") + "?locale=nl"
    response = client.post(add, new_item_form(world))
    assert response.status_code == 302, response.content.decode()[:3000]
    rows = Item.objects.filter(name="Naaimachine Singer Tradition")
    assert sorted(rows.values_list("locale__language_code", flat=True)) == ["en", "fr", "nl"]
    assert all(rows.values_list("live", flat=True))
    source = rows.get(locale__language_code="nl")
    Copy.objects.create(item=source, code="IN-0777")  # lendable: a copy in the collection
    for language, catalogue in CATALOGUES.items():
        page = client.get(f"/{language}/{catalogue}/instrumentheek/{source.slug}/")
        assert page.status_code == 200, language
        html = page.content.decode()
        # The Dutch text, marked as Dutch on the French and English pages until translated.
        heading = "<h1>" if language == "nl" else '<h1 lang="nl">'
        assert f"{heading}Naaimachine Singer Tradition</h1>" in html
        found = client.get(f"/{language}/{catalogue}/", {"q": "naaimachine"})
        assert source.slug in found.content.decode(), f"found by the {language} search"


def test_saving_a_draft_makes_no_translation(client, world):
    factories.volunteer_of(world["initiative"], client)
    add = reverse("wagtailsnippets_catalogue_item:add") + "?locale=nl"
    data = new_item_form(world)
    del data["action-publish"]
    client.post(add, data)
    assert Item.objects.filter(name="Naaimachine Singer Tradition").count() == 1
