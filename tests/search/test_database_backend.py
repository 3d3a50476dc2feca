"""The database catalogue backend: what a search finds, how facets count, what input it survives."""

from dataclasses import replace

import pytest

from catalogue.models import Item
from search.api import CatalogueQuery, InvalidQuery, search_catalogue
from search.backends.database import DatabaseBackend
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    """Two initiatives, a two-level category tree and a handful of items in nl/fr/en."""
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


def names(result):
    return [item.name for item in result.items]


def search(**kwargs):
    return DatabaseBackend().search(CatalogueQuery(**kwargs))


def test_a_word_prefix_finds_the_item(catalogue):
    assert names(search(text="boorm")) == [
        "Accuboormachine Makita",
        "Klopboormachine Bosch",
    ] or set(names(search(text="boorm"))) == {"Accuboormachine Makita", "Klopboormachine Bosch"}


def test_compounds_and_plurals_are_found(catalogue):
    assert set(names(search(text="boormachine"))) == {
        "Klopboormachine Bosch",
        "Accuboormachine Makita",
    }
    assert names(search(text="fiets 20 inch"))[0] == "Kinderfiets 20 inch"
    assert names(search(text="kinderwagens"))[0] == "Kinderwagen Joolz"


def test_an_exact_name_ranks_above_a_mention_in_the_description(catalogue):
    assert names(search(text="kinderwagen"))[:2] == ["Kinderwagen Joolz", "Buggy met regenhoes"]


def test_french_finds_the_same_physical_item(catalogue):
    result = search(text="poussette", language="fr")
    assert {item.translation_key for item in result.items} == {
        catalogue["pram"].translation_key,
        catalogue["buggy"].translation_key,
    }
    assert all(item.locale.language_code == "fr" for item in result.items)
    perceuse = search(text="perceuse", language="fr")
    assert {item.translation_key for item in perceuse.items} == {
        catalogue["drill"].translation_key,
        catalogue["cordless"].translation_key,
    }


def test_accents_do_not_matter(catalogue):
    assert names(search(text="velo enfant 20", language="fr")) == ["Vélo enfant 20 pouces"]


def test_the_category_and_initiative_names_are_searched(catalogue):
    assert set(names(search(text="perceuses", language="fr"))) == {
        "Perceuse à percussion Bosch",
        "Perceuse sans fil Makita",
    }


@pytest.mark.parametrize("text", ["", "boormachine", "kinder"])
def test_every_facet_count_equals_the_results_after_choosing_it(catalogue, text):
    base = CatalogueQuery(text=text, language="nl")
    result = DatabaseBackend().search(base)
    checked = 0
    for facet, values in result.facets.items():
        for value in values:
            for choice in [value, *value.children]:
                chosen = replace(base, **{facet: True if facet == "available" else choice.key})
                assert DatabaseBackend().search(chosen).total == choice.count, (facet, choice.key)
                checked += 1
    assert checked >= 4


def test_a_main_category_includes_its_subcategories(catalogue):
    assert search(category="gereedschap").total == 3
    assert search(category="boren").total == 2


def test_available_now_reads_the_physical_item(catalogue):
    sander = catalogue["sander"]
    french = Item.objects.get(translation_key=sander.translation_key, locale__language_code="fr")
    # The French copy still says "available"; the physical item is in repair.
    Item.objects.filter(pk=french.pk).update(status=Item.Status.AVAILABLE)
    assert "Ponceuse" not in names(search(language="fr", available=True))
    assert "Ponceuse" in names(search(language="fr"))


def test_sorting_and_paging(catalogue):
    by_name = names(search(sort="name"))
    assert by_name == sorted(by_name)
    assert len(by_name) == 7
    page_two = search(sort="name", per_page=3, page=2)
    assert names(page_two) == by_name[3:6]
    assert page_two.total == 7 and page_two.num_pages == 3
    assert names(search(sort="name", per_page=3, page=9)) == []
    newest = search(sort="newest")
    assert names(newest)[0] == "Kinderfiets 16 inch"


def test_invalid_paging_and_sorting_are_refused_before_any_query():
    for bad in ({"page": 0}, {"page": -1}, {"page": 10**6}, {"sort": "price"}):
        with pytest.raises(InvalidQuery):
            CatalogueQuery(**bad)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        "boor\x00machine",
        "title:* OR 1=1",
        '"',
        "   ",
        " ".join(["fiets"] * 500),
        "100%_\\",
    ],
)
def test_hostile_text_gives_an_answer_not_an_error(catalogue, text):
    result = search_catalogue(CatalogueQuery(text=text))
    assert result.total >= 0
    if text == "boor\x00machine":
        assert result.total == 0 or all("boor" in name.lower() for name in names(result))


def test_unknown_facet_values_give_no_results_not_errors(catalogue):
    assert search(initiative="bestaat-niet").total == 0
    assert search(category="bestaat-niet").total == 0
    assert search(age_group="bestaat-niet").total == 0


def test_the_index_follows_unpublish_retire_and_delete(catalogue):
    drill = catalogue["drill"]
    assert "Klopboormachine Bosch" in names(search(text="klopboor"))
    drill.status = Item.Status.RETIRED
    drill.save()
    assert search(text="klopboor").total == 0
    assert search(text="percussion", language="fr").total == 0, "the translations follow"
    drill.status = Item.Status.AVAILABLE
    drill.save()
    assert search(text="percussion", language="fr").total == 1
    drill.live = False
    drill.save()
    assert search(text="klopboor").total == 0
    catalogue["bike"].delete()
    assert "Kinderfiets 20 inch" not in names(search(text="kinderfiets"))


def test_the_index_can_be_rebuilt(catalogue):
    from search.indexing import rebuild_database_index
    from search.models import ItemDocument

    ItemDocument.objects.all().delete()
    seen = []
    assert rebuild_database_index(progress=lambda done, total: seen.append((done, total))) == 21
    assert seen[-1] == (21, 21)
    assert names(search(text="boorm"))


def test_autocomplete_suggests_names_that_start_like_the_text(catalogue):
    backend = DatabaseBackend()
    assert backend.autocomplete("kinderf", "nl", 5) == [
        "Kinderfiets 16 inch",
        "Kinderfiets 20 inch",
    ]
    assert backend.autocomplete("pouss", "fr", 5)[0].startswith("Poussette")


def test_the_number_of_queries_does_not_grow_with_the_results(
    catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        result = search(text="kinder", initiative="babytheek", available=True)
    assert result.total == 4
    for position in range(20):
        factories.build_item(
            catalogue["bike"].initiative,
            catalogue["bike"].category,
            f"Kinderstoel {position}",
            f"BA-1{position:02}",
        )
    with django_assert_max_num_queries(12):
        result = search(text="kinder", initiative="babytheek", available=True)
    assert result.total == 24


def test_the_index_command_rebuilds_and_reports(catalogue):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("catalogue_index", "rebuild", stdout=out)
    assert "21 of 21 items (100%)" in out.getvalue()
    out = StringIO()
    call_command("catalogue_index", "status", stdout=out)
    assert "21 searchable item rows" in out.getvalue()


def test_an_elasticsearch_address_without_that_backend_still_searches(catalogue, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    result = search_catalogue(CatalogueQuery(text="boorm"))
    assert result.total == 2 and result.backend == "database"
