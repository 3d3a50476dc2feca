"""The database catalogue backend: what a search finds, how facets count, what input it survives."""

from dataclasses import replace

import pytest

from catalogue.models import Copy, Item
from search.api import CatalogueQuery, InvalidQuery, search_catalogue
from search.backends.database import DatabaseBackend
from search.models import ItemDocument
from tests import factories
from tests.catalogue.factories import set_copies_status

pytestmark = pytest.mark.django_db


def names(result):
    return [item.name for item in result.items]


def search(**kwargs):
    return DatabaseBackend().search(CatalogueQuery(**kwargs))


def test_a_word_prefix_finds_the_item(catalogue):
    assert names(search(text="klopboorm")) == ["Klopboormachine Bosch"]
    assert set(names(search(text="boorm"))) == {"Accuboormachine Makita", "Klopboormachine Bosch"}
    assert names(search(text="mak", language="en")) == ["Cordless drill Makita"]


def test_compounds_and_plurals_are_found(catalogue):
    drills = {"Klopboormachine Bosch", "Accuboormachine Makita"}
    assert set(names(search(text="boormachine"))) == drills
    assert set(names(search(text="boormachines"))) == drills
    assert names(search(text="fiets 20 inch"))[0] == "Kinderfiets 20 inch"
    assert set(names(search(text="kinderfietsen"))) == {
        "Kinderfiets 16 inch",
        "Kinderfiets 20 inch",
    }
    assert names(search(text="kinderwagens"))[0] == "Kinderwagen Joolz"
    assert names(search(text="velos 16", language="fr")) == ["Vélo enfant 16 pouces"]


def test_every_term_must_match(catalogue):
    assert names(search(text="kinderfiets 16")) == ["Kinderfiets 16 inch"]
    assert search(text="kinderfiets beton").total == 0


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


def test_available_now_reads_the_copies(catalogue):
    # The sander's only copy is in repair: found, but not available, in every language.
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
    "text, expected",
    [
        ("x" * 10_000, set()),
        ("fiets\x00 16", {"Kinderfiets 16 inch"}),
        ("title:* OR 1=1", set()),
        ('"', "everything"),
        ("   \t\n ", "everything"),
        (" ".join(["kinderfiets"] * 500), {"Kinderfiets 16 inch", "Kinderfiets 20 inch"}),
        ("100%_\\", set()),
        ("fiets' OR '1'='1", set()),
        ('boorm" NEAR(x', set()),
        ("a_b & c_:* | !d", set()),
    ],
)
def test_hostile_text_gives_an_answer_not_an_error(catalogue, text, expected):
    result = search_catalogue(CatalogueQuery(text=text))
    if expected == "everything":
        assert result.total == 7, "an empty query browses the whole catalogue"
    else:
        assert set(names(result)) == expected
        assert result.total == len(expected)


def test_unknown_facet_values_give_no_results_not_errors(catalogue):
    assert search(initiative="bestaat-niet").total == 0
    assert search(category="bestaat-niet").total == 0
    assert search(age_group="bestaat-niet").total == 0


def test_the_index_follows_status_unpublish_publish_and_delete(catalogue):
    drill = catalogue["drill"]
    assert "Klopboormachine Bosch" in names(search(text="klopboor"))
    set_copies_status(drill, Copy.Status.RETIRED)
    assert search(text="klopboor").total == 0
    assert search(text="percussion", language="fr").total == 0, "the translations follow"
    set_copies_status(drill, Copy.Status.AVAILABLE)
    assert search(text="percussion", language="fr").total == 1

    drill.unpublish()
    assert search(text="klopboor").total == 0
    drill.name = "Klopboormachine Bosch Professional"
    drill.save_revision().publish()
    assert names(search(text="professional")) == ["Klopboormachine Bosch Professional"]

    french = Item.objects.get(translation_key=drill.translation_key, locale__language_code="fr")
    french.delete()
    assert search(text="percussion", language="fr").total == 0
    assert not ItemDocument.objects.filter(pk=french.pk).exists()
    catalogue["bike"].delete()
    assert names(search(text="kinderfiets")) == ["Kinderfiets 16 inch"]


def test_a_draft_change_is_not_searchable_before_it_is_published(catalogue):
    pram = catalogue["pram"]
    pram.name = "Kinderwagen Bugaboo"
    pram.save_revision()
    assert search(text="bugaboo").total == 0
    assert names(search(text="joolz")) == ["Kinderwagen Joolz"]


def test_renamed_categories_and_initiatives_are_searched_by_their_new_name(catalogue):
    from catalogue.models import Category

    boren = Category.objects.get(slug="boren", locale__language_code="fr")
    boren.name = "Visseuses"
    boren.save()
    assert set(names(search(text="visseuses", language="fr"))) == {
        "Perceuse à percussion Bosch",
        "Perceuse sans fil Makita",
    }
    babytheek = catalogue["pram"].initiative
    babytheek.title = "Kinderhoek"
    babytheek.save_revision().publish()
    assert search(text="kinderhoek").total == 4


def test_elasticsearch_follows_through_tasks_when_configured(
    catalogue, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """With ELASTICSEARCH_URL set, each save enqueues a sync per searchable translation and a
    removal for each row that is no longer searchable."""
    import sys
    import types

    enqueued = []

    def task(name):
        return types.SimpleNamespace(enqueue=lambda *args: enqueued.append((name, *args)))

    tasks = types.ModuleType("search.tasks")
    tasks.sync_item_to_elasticsearch = task("sync")
    tasks.remove_item_from_elasticsearch = task("remove")
    monkeypatch.setitem(sys.modules, "search.tasks", tasks)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"

    drill = catalogue["drill"]
    rows = dict(
        Item.objects.filter(translation_key=drill.translation_key).values_list(
            "pk", "locale__language_code"
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        drill.brand = "Bosch Blue"
        drill.save()
    assert sorted(enqueued) == sorted(("sync", pk) for pk in rows)

    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        drill.unpublish()
    # Unpublishing the Dutch row leaves its translations live and searchable.
    assert sorted(enqueued) == sorted(
        [("remove", drill.pk, "nl")] + [("sync", pk) for pk in rows if pk != drill.pk]
    )

    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        set_copies_status(drill, Copy.Status.RETIRED)
    assert sorted(enqueued) == sorted(("remove", pk, language) for pk, language in rows.items())

    enqueued.clear()
    bike = catalogue["bike"]
    bike_rows = dict(
        Item.objects.filter(translation_key=bike.translation_key).values_list(
            "pk", "locale__language_code"
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        bike.delete()
    # Its copies go with the Dutch row, so the translations can no longer be lent either.
    assert set(enqueued) == {("remove", pk, language) for pk, language in bike_rows.items()}


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
