"""The Elasticsearch backend against a real cluster, only when ELASTICSEARCH_URL is set; each
test works in indexes of its own (a random prefix) and deletes them afterwards."""

import os
import uuid
from dataclasses import replace
from io import StringIO

import pytest

from django.core.management import call_command

from catalogue.models import Copy
from search.api import CatalogueQuery
from search.backends.database import DatabaseBackend
from search.backends.elastic import ElasticsearchBackend
from tests.catalogue.factories import set_copies_status

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="no Elasticsearch cluster: set ELASTICSEARCH_URL to run these against one",
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def cluster(catalogue, settings):
    """The catalogue fixture, indexed in a fresh index of a real cluster."""
    from search.documents import alias_name, get_client

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = f"deelfabriek-test-{uuid.uuid4().hex[:8]}"
    call_command("catalogue_index", "rebuild", stdout=StringIO())
    yield catalogue
    # By name: clusters refuse to delete indexes by wildcard (action.destructive_requires_name).
    client = get_client()
    for name in client.indices.get_alias(name=alias_name()).body:
        client.options(ignore_status=404).indices.delete(index=name)


def names(result):
    return [item.name for item in result.items]


def search(**kwargs):
    return ElasticsearchBackend().search(CatalogueQuery(**kwargs))


def test_a_typo_still_finds_the_drills(cluster):
    result = search(text="boormachien")
    assert result.backend == "elasticsearch"
    assert set(names(result)) == {"Klopboormachine Bosch", "Accuboormachine Makita"}


def test_compounds_and_plurals(cluster):
    drills = {"Klopboormachine Bosch", "Accuboormachine Makita"}
    assert set(names(search(text="boormachine"))) == drills
    assert set(names(search(text="boormachines"))) == drills
    assert names(search(text="kinderwagen"))[:2] == ["Kinderwagen Joolz", "Buggy met regenhoes"]
    assert names(search(text="kinderfiets 16")) == ["Kinderfiets 16 inch"]
    assert search(text="kinderfiets beton").total == 0


def test_french_finds_the_french_rows(cluster):
    result = search(text="perceuse", language="fr")
    assert set(names(result)) == {"Perceuse à percussion Bosch", "Perceuse sans fil Makita"}
    assert all(item.locale.language_code == "fr" for item in result.items)
    assert names(search(text="velo enfant 20", language="fr")) == ["Vélo enfant 20 pouces"]


@pytest.mark.parametrize("text", ["", "boormachine", "kinder"])
def test_every_facet_count_equals_the_results_after_choosing_it(cluster, text):
    base = CatalogueQuery(text=text, language="nl")
    result = ElasticsearchBackend().search(base)
    assert result.total == DatabaseBackend().search(base).total
    checked = 0
    for facet, values in result.facets.items():
        for value in values:
            for choice in [value, *value.children]:
                chosen = replace(base, **{facet: True if facet == "available" else choice.key})
                assert ElasticsearchBackend().search(chosen).total == choice.count, (
                    facet,
                    choice.key,
                )
                checked += 1
    assert checked >= 4


def test_sorting_and_paging(cluster):
    by_name = names(search(sort="name"))
    assert by_name == sorted(by_name, key=str.lower) and len(by_name) == 7
    assert names(search(sort="name", per_page=3, page=2)) == by_name[3:6]
    assert names(search(sort="newest"))[0] == "Kinderfiets 16 inch"


def test_autocomplete(cluster):
    assert ElasticsearchBackend().autocomplete("kinderf", "nl", 5) == [
        "Kinderfiets 16 inch",
        "Kinderfiets 20 inch",
    ]


def test_the_index_follows_a_save(cluster, django_capture_on_commit_callbacks):
    from search.documents import alias_name, get_client

    drill = cluster["drill"]
    with django_capture_on_commit_callbacks(execute=True):
        set_copies_status(drill, Copy.Status.RETIRED)
    get_client().indices.refresh(index=alias_name())
    assert search(text="klopboormachine").total == 0
    assert search(text="percussion", language="fr").total == 0

    out = StringIO()
    call_command("catalogue_index", "status", stdout=out)
    assert "18 documents" in out.getvalue()


@pytest.fixture
def search_words(catalogue):
    """A Dutch search word, made before ``cluster`` builds the index with it."""
    from wagtail.models import Locale

    from search.models import Synonym

    Synonym.objects.create(
        words="wandelwagen", means="kinderwagen", locale=Locale.objects.get(language_code="nl")
    )


def test_search_words_other_languages_and_the_thing_first(search_words, cluster):
    """The search words are a synonym filter of the index built with them; another language's
    word finds the page's rows; a bike before what only goes with one."""
    from search.api import search_catalogue

    assert names(search(text="wandelwagen"))[0] == "Kinderwagen Joolz"
    result = search_catalogue(CatalogueQuery(text="boormachine", language="fr"))
    assert (result.backend, result.other_language) == ("elasticsearch", "nl")
    assert set(names(result)) == {"Perceuse à percussion Bosch", "Perceuse sans fil Makita"}
    assert names(search(text="kids bike", language="en"))[0].startswith("Kids' bike")
