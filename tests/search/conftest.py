"""Shared fixtures of the catalogue search tests; add new fixtures at the end."""

import pytest


@pytest.fixture
def catalogue(db):
    """Two initiatives, a two-level category tree and seven items in nl/fr/en.

    Returns the Dutch items by nickname: drill, cordless, sander (in repair), pram, buggy, bike
    (20 inch, ages 6-10), bike16 (ages 4-7); each has a French and an English translation.
    """
    tools, baby = _initiatives()
    categories = _categories()
    return {**_tool_items(tools, categories), **_baby_items(baby, categories)}


def _initiatives():
    """The Instrumentheek of the site tree and a Babytheek beside it, both lending items."""
    from tests import factories

    trees = factories.build_site_tree()
    index = trees["nl"].index
    tools = trees["nl"].initiative
    tools.slug, tools.lends_items = "instrumentheek", True
    tools.save()
    baby = factories.build_initiative(index, "Babytheek", slug="babytheek", lends_items=True)
    for code in ("fr", "en"):
        factories.translate(baby, code, title=f"Babytheek [{code}]")
    return tools, baby


def _categories():
    """Gereedschap with Boren under it, Kinderwagens and Fietsen, by nickname."""
    from tests import factories

    gear = factories.build_category(
        "Gereedschap", "gereedschap", translations={"fr": "Outils", "en": "Tools"}
    )
    drills = factories.build_category(
        "Boren", "boren", parent=gear, translations={"fr": "Perceuses", "en": "Drills"}
    )
    prams = factories.build_category(
        "Kinderwagens", "kinderwagens", translations={"fr": "Poussettes", "en": "Prams"}
    )
    bikes = factories.build_category(
        "Fietsen", "fietsen", translations={"fr": "Vélos", "en": "Bikes"}
    )
    return {"gear": gear, "drills": drills, "prams": prams, "bikes": bikes}


def _tool_items(tools, categories):
    """The Instrumentheek's items: drill, cordless, sander (in repair)."""
    from tests import factories

    return {
        "drill": factories.build_item(
            tools,
            categories["drills"],
            "Klopboormachine Bosch",
            "IN-001",
            brand="Bosch",
            description="Krachtige klopboormachine voor beton en steen.",
            translations={
                "fr": {"name": "Perceuse à percussion Bosch"},
                "en": {"name": "Hammer drill Bosch"},
            },
        ),
        "cordless": factories.build_item(
            tools,
            categories["drills"],
            "Accuboormachine Makita",
            "IN-002",
            brand="Makita",
            translations={
                "fr": {"name": "Perceuse sans fil Makita"},
                "en": {"name": "Cordless drill Makita"},
            },
        ),
        "sander": factories.build_item(
            tools,
            categories["gear"],
            "Schuurmachine",
            "IN-003",
            status="in_repair",
            translations={"fr": {"name": "Ponceuse"}, "en": {"name": "Sander"}},
        ),
    }


def _baby_items(baby, categories):
    """The Babytheek's items: pram, buggy, bike (20 inch, ages 6-10), bike16 (ages 4-7)."""
    from tests import factories

    return {
        "pram": factories.build_item(
            baby,
            categories["prams"],
            "Kinderwagen Joolz",
            "BA-001",
            age_min_months=0,
            age_max_months=36,
            translations={"fr": {"name": "Poussette Joolz"}, "en": {"name": "Pram Joolz"}},
        ),
        "buggy": factories.build_item(
            baby,
            categories["prams"],
            "Buggy met regenhoes",
            "BA-002",
            age_min_months=6,
            age_max_months=48,
            description="Lichte plooibuggy, ideaal als tweede kinderwagen.",
            translations={"fr": {"name": "Poussette canne"}, "en": {"name": "Buggy"}},
        ),
        "bike": factories.build_item(
            baby,
            categories["bikes"],
            "Kinderfiets 20 inch",
            "BA-003",
            age_min_months=72,
            age_max_months=120,
            translations={
                "fr": {"name": "Vélo enfant 20 pouces"},
                "en": {"name": "Kids' bike 20 inch"},
            },
        ),
        "bike16": factories.build_item(
            baby,
            categories["bikes"],
            "Kinderfiets 16 inch",
            "BA-004",
            age_min_months=48,
            age_max_months=84,
            translations={
                "fr": {"name": "Vélo enfant 16 pouces"},
                "en": {"name": "Kids' bike 16 inch"},
            },
        ),
    }


@pytest.fixture
def fake_es(settings):
    """The stand-in Elasticsearch server, which the settings point at."""
    from tests.search.fake_elasticsearch import FakeElasticsearch

    with FakeElasticsearch() as server:
        settings.ELASTICSEARCH_URL = server.url
        yield server


@pytest.fixture
def ids(catalogue):
    """(nickname, language) -> primary key of every row of the catalogue fixture."""
    from catalogue.models import Item

    keys = {item.translation_key: nick for nick, item in catalogue.items()}
    return {
        (keys[key], language): pk
        for pk, key, language in Item.objects.values_list(
            "pk", "translation_key", "locale__language_code"
        )
    }
