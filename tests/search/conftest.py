"""Shared fixtures of the catalogue search tests; add new fixtures at the end."""

import pytest


@pytest.fixture
def catalogue(db):
    """Two initiatives, a two-level category tree and seven items in nl/fr/en.

    Returns the Dutch items by nickname: drill, cordless, sander (in repair), pram, buggy, bike
    (20 inch, ages 6-10), bike16 (ages 4-7); each has a French and an English translation.
    """
    from catalogue.models import Item
    from tests import factories

    trees = factories.build_site_tree()
    index = trees["nl"].index
    tools = trees["nl"].initiative
    tools.slug, tools.lends_items = "instrumentheek", True
    tools.save()
    baby = factories.build_initiative(index, "Babytheek", slug="babytheek", lends_items=True)
    for code in ("fr", "en"):
        factories.translate(baby, code, title=f"Babytheek [{code}]")

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
    items = {
        "drill": factories.build_item(
            tools,
            drills,
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
            drills,
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
            gear,
            "Schuurmachine",
            "IN-003",
            status=Item.Status.IN_REPAIR,
            translations={"fr": {"name": "Ponceuse"}, "en": {"name": "Sander"}},
        ),
        "pram": factories.build_item(
            baby,
            prams,
            "Kinderwagen Joolz",
            "BA-001",
            age_min_months=0,
            age_max_months=36,
            translations={"fr": {"name": "Poussette Joolz"}, "en": {"name": "Pram Joolz"}},
        ),
        "buggy": factories.build_item(
            baby,
            prams,
            "Buggy met regenhoes",
            "BA-002",
            age_min_months=6,
            age_max_months=48,
            description="Lichte plooibuggy, ideaal als tweede kinderwagen.",
            translations={"fr": {"name": "Poussette canne"}, "en": {"name": "Buggy"}},
        ),
        "bike": factories.build_item(
            baby,
            bikes,
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
            bikes,
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
    return items
