"""The Elasticsearch catalogue backend, against a stand-in server with recorded ES 8 responses:
the index it defines, the requests it sends, what it makes of the answers, and the fallback."""

import logging
from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from catalogue.models import Item
from search.api import CatalogueQuery, autocomplete, search_catalogue
from search.backends.database import DatabaseBackend
from search.backends.elastic import build_search
from search.documents import (
    alias_name,
    catalogue_index,
    new_index_name,
    prepare,
    searchable_rows,
)
from tests.search.fake_elasticsearch import (
    FakeElasticsearch,
    bulk_answer,
    closed_port_url,
    recorded,
)

ALIAS = "deelfabriek-catalogue"
DOC = rf"/{ALIAS}/_doc/(\d+)"


@pytest.fixture
def fake_es(settings):
    with FakeElasticsearch() as server:
        settings.ELASTICSEARCH_URL = server.url
        yield server


@pytest.fixture
def ids(catalogue):
    """(nickname, language) -> primary key of every row of the catalogue fixture."""
    keys = {item.translation_key: nick for nick, item in catalogue.items()}
    return {
        (keys[key], language): pk
        for pk, key, language in Item.objects.values_list(
            "pk", "translation_key", "locale__language_code"
        )
    }


def rows_of(item):
    return dict(
        Item.objects.filter(translation_key=item.translation_key).values_list(
            "pk", "locale__language_code"
        )
    )


# (a) The index ----------------------------------------------------------------------------


def test_the_index_analyzes_each_language_and_keeps_facets_as_keywords(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "stad"
    assert alias_name() == "stad-catalogue"
    name = new_index_name()
    assert name.startswith("stad-catalogue-") and name.rsplit("-", 1)[1].isdigit()

    body = catalogue_index(name).to_dict()
    properties = body["mappings"]["properties"]
    assert body["mappings"]["dynamic"] == "strict"
    for field in ("name", "body"):
        subfields = properties[field]["fields"]
        assert {code: subfields[code]["analyzer"] for code in ("nl", "fr", "en")} == {
            "nl": "dutch",
            "fr": "french",
            "en": "english",
        }
    compound = properties["name"]["fields"]["compound"]["analyzer"]
    analysis = body["settings"]["analysis"]
    tokenizer = analysis["tokenizer"][analysis["analyzer"][compound]["tokenizer"]]
    assert tokenizer["type"] == "ngram" and tokenizer["min_gram"] == 3
    assert "asciifolding" in analysis["analyzer"][compound]["filter"]
    assert properties["name"]["fields"]["sort"]["type"] == "keyword"
    assert properties["suggest"]["type"] == "search_as_you_type"
    for field in ("language", "initiative", "categories"):
        assert properties[field]["type"] == "keyword", field
    assert properties["age_min"]["type"] == properties["age_max"]["type"] == "integer"
    assert properties["available"]["type"] == "boolean"
    assert properties["created_at"]["type"] == "date"


@pytest.mark.django_db
def test_a_document_carries_the_row_its_labels_and_the_physical_status(catalogue, ids):
    sander = catalogue["sander"]
    # The French copy says "available"; the physical item (the Dutch row) is in repair.
    Item.objects.filter(pk=ids["sander", "fr"]).update(status=Item.Status.AVAILABLE)
    french = searchable_rows(Item.objects.filter(pk=ids["sander", "fr"])).get()
    document = prepare(french).to_dict(include_meta=True)
    assert document["_id"] == ids["sander", "fr"]
    source = document["_source"]
    assert source["language"] == "fr"
    assert source["title"] == source["suggest"] == "Ponceuse"
    assert source["name"] == "ponceuse"
    assert "outils" in source["body"], "the category's French name is searched"
    assert source["categories"] == ["gereedschap"]
    assert source["initiative"] == sander.initiative.slug
    assert source["available"] is False

    drill = prepare(searchable_rows(Item.objects.filter(pk=ids["drill", "nl"])).get()).to_dict()
    assert drill["categories"] == ["boren", "gereedschap"], "own category and its main one"
    assert drill["available"] is True
    pram = prepare(searchable_rows(Item.objects.filter(pk=ids["pram", "en"])).get()).to_dict()
    assert (pram["age_min"], pram["age_max"], pram["name"]) == (0, 36, "pram joolz")


# (b) The requests it builds ---------------------------------------------------------------


def _term_clauses(body):
    return body["query"]["bool"]["must"]


@pytest.mark.django_db  # the availability filter reads the reservations
def test_every_term_must_match_fuzzily_in_the_language_of_the_query():
    body = build_search(CatalogueQuery(text="Perceuse sans-fil", language="fr")).to_dict()
    assert body["query"]["bool"]["filter"] == [{"term": {"language": "fr"}}]
    clauses = _term_clauses(body)
    assert len(clauses) == 3, "one required clause per term: perceuse, sans, fil"
    fuzzy, compound = clauses[0]["bool"]["should"]
    assert clauses[0]["bool"]["minimum_should_match"] == 1
    multi = fuzzy["multi_match"]
    assert multi["query"] == "perceuse"
    assert multi["fields"] == ["name.fr^3", "body.fr"]
    assert multi["fuzziness"] == "AUTO" and multi["prefix_length"] in (1, 2)
    assert compound["match"]["name.compound"]["query"] == "perceuse"
    assert [c["bool"]["should"][0]["multi_match"]["query"] for c in clauses] == [
        "perceuse",
        "sans",
        "fil",
    ]
    # Accents are folded on both sides, as in the database index.
    body = build_search(CatalogueQuery(text="Vélo", language="nl")).to_dict()
    assert _term_clauses(body)[0]["bool"]["should"][0]["multi_match"]["query"] == "velo"
    assert _term_clauses(body)[0]["bool"]["should"][0]["multi_match"]["fields"][0] == "name.nl^3"


@pytest.mark.django_db  # the availability filter reads the reservations
def test_filters_apply_to_the_hits_and_each_facet_counts_with_the_other_filters():
    query = CatalogueQuery(
        text="boor", initiative="instrumentheek", category="boren", available=True
    )
    body = build_search(query).to_dict()
    initiative = {"term": {"initiative": "instrumentheek"}}
    category = {"term": {"categories": "boren"}}
    available = {"term": {"available": True}}
    assert body["post_filter"] == {"bool": {"filter": [initiative, category, available]}}
    aggs = body["aggs"]
    assert aggs["initiative"]["filter"] == {"bool": {"filter": [category, available]}}
    assert aggs["initiative"]["aggs"]["values"]["terms"]["field"] == "initiative"
    assert aggs["category"]["filter"] == {"bool": {"filter": [initiative, available]}}
    assert aggs["category"]["aggs"]["values"]["terms"]["field"] == "categories"
    assert aggs["age_group"]["filter"] == {"bool": {"filter": [initiative, category, available]}}
    assert set(aggs["age_group"]["aggs"]["values"]["filters"]["filters"]) == {
        "baby",
        "child",
        "teen",
        "adult",
    }
    assert aggs["available"]["filter"] == {"bool": {"filter": [initiative, category, available]}}
    # Nothing chosen: no post_filter, and every count sees every match.
    plain = build_search(CatalogueQuery(text="boor")).to_dict()
    assert "post_filter" not in plain
    assert plain["aggs"]["initiative"]["filter"] == {"match_all": {}}
    assert plain["aggs"]["available"]["filter"] == {"bool": {"filter": [available]}}


@pytest.mark.django_db  # the availability filter reads the reservations
def test_age_groups_overlap_as_in_the_database():
    from datetime import date

    body = build_search(
        CatalogueQuery(age_group="child", available_between=(date(2026, 3, 2), date(2026, 3, 9)))
    ).to_dict()
    child = body["aggs"]["age_group"]["aggs"]["values"]["filters"]["filters"]["child"]
    conditions = child["bool"]["filter"]
    assert {"range": {"age_max": {"gte": 48}}} in conditions[0]["bool"]["should"]
    assert {"range": {"age_min": {"lte": 143}}} in conditions[1]["bool"]["should"]
    assert conditions[2]["bool"]["should"] == [
        {"exists": {"field": "age_min"}},
        {"exists": {"field": "age_max"}},
    ], "an item without an age range is in no group"
    adult = body["aggs"]["age_group"]["aggs"]["values"]["filters"]["filters"]["adult"]
    assert len(adult["bool"]["filter"]) == 2, "adults have no upper bound"
    # The post filter holds the age group and, for a reservation period, availability.
    assert body["post_filter"]["bool"]["filter"] == [child, {"term": {"available": True}}]
    # An unknown group matches nothing rather than everything.
    unknown = build_search(CatalogueQuery(age_group="martians")).to_dict()
    assert unknown["post_filter"] == {
        "bool": {"filter": [{"bool": {"must_not": [{"match_all": {}}]}}]}
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, sort",
    [
        ({"text": "boor"}, [{"_score": "desc"}, {"item_id": "asc"}]),
        ({}, [{"created_at": "desc"}, {"item_id": "desc"}]),
        ({"text": "boor", "sort": "newest"}, [{"created_at": "desc"}, {"item_id": "desc"}]),
        ({"sort": "name"}, [{"name.sort": "asc"}, {"item_id": "asc"}]),
    ],
)
def test_sorting(query, sort):
    assert build_search(CatalogueQuery(**query)).to_dict()["sort"] == sort


@pytest.mark.django_db  # the availability filter reads the reservations
def test_paging():
    body = build_search(CatalogueQuery(page=3, per_page=10)).to_dict()
    assert (body["from"], body["size"]) == (20, 10)
    assert body["track_total_hits"] is True


# (c) Recorded responses give what the database backend gives --------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, response",
    [
        ({"text": "boormachine"}, "search_boormachine"),
        ({"category": "gereedschap", "sort": "name"}, "search_gereedschap_by_name"),
        (
            {"text": "kinder", "available": True, "per_page": 2, "page": 2},
            "search_kinder_available_page2",
        ),
        (
            {"text": "poussette", "language": "fr", "age_group": "baby"},
            "search_poussette_fr_baby",
        ),
    ],
)
def test_a_recorded_answer_gives_the_same_result_as_the_database(
    catalogue, ids, fake_es, query, response
):
    fake_es.answer("POST", f"/{ALIAS}/_search", recorded(response, ids))
    query = CatalogueQuery(**query)

    result = search_catalogue(query)
    expected = DatabaseBackend().search(query)

    assert result.backend == "elasticsearch"
    assert [item.pk for item in result.items] == [item.pk for item in expected.items]
    assert result.total == expected.total
    assert result.facets == expected.facets
    assert all(item.locale.language_code == query.language for item in result.items)
    (sent,) = fake_es.sent("POST", f"/{ALIAS}/_search")
    assert sent.json == build_search(query).to_dict()


@pytest.mark.django_db
def test_autocomplete_asks_the_search_as_you_type_field(catalogue, ids, fake_es):
    fake_es.answer("POST", f"/{ALIAS}/_search", recorded("autocomplete_kinderf", ids))
    assert autocomplete("kinderf", "nl") == DatabaseBackend().autocomplete("kinderf", "nl", 8)
    (sent,) = fake_es.sent("POST", f"/{ALIAS}/_search")
    multi_match = sent.json["query"]["bool"]["must"][0]["multi_match"]
    assert multi_match["type"] == "bool_prefix"
    assert multi_match["fields"] == ["suggest", "suggest._2gram", "suggest._3gram"]
    assert sent.json["query"]["bool"]["filter"] == [{"term": {"language": "nl"}}]


# (d) A cluster that cannot be reached ------------------------------------------------------


@pytest.fixture
def catalogue_page(catalogue):
    from catalogue.models import CatalogueIndexPage
    from home.models import HomePage
    from tests import factories

    home = HomePage.objects.get(locale__language_code="nl")
    page = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    home.add_child(instance=page)
    return factories.publish(page)


@pytest.mark.django_db
def test_the_catalogue_page_answers_from_the_database_when_the_cluster_is_down(
    client, catalogue_page, settings, caplog
):
    settings.ELASTICSEARCH_URL = closed_port_url()
    with caplog.at_level(logging.WARNING, logger="search.api"):
        response = client.get("/nl/catalogus/", {"q": "boormachine"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klopboormachine Bosch" in html and "Accuboormachine Makita" in html
    assert "Kinderfiets" not in html
    assert any("falls back to the database" in r.getMessage() for r in caplog.records)

    with translation.override("nl"):
        url = reverse("catalogue_suggestions")
    with caplog.at_level(logging.WARNING, logger="search.api"):
        suggestions = client.get(url, {"q": "kinderf"})
    assert suggestions.status_code == 200
    assert suggestions.json()["suggestions"] == ["Kinderfiets 16 inch", "Kinderfiets 20 inch"]


@pytest.mark.django_db
def test_after_a_failure_elasticsearch_is_left_alone_for_a_while(catalogue, fake_es, caplog):
    from django.core.cache import cache

    fake_es.answer("POST", f"/{ALIAS}/_search", recorded("error_index_not_found"), status=404)
    with caplog.at_level(logging.WARNING, logger="search.api"):
        first = search_catalogue(CatalogueQuery(text="boormachine"))
        second = search_catalogue(CatalogueQuery(text="kinder"))
        names = autocomplete("kinderf", "nl")
    assert first.backend == second.backend == "database"
    assert first.total == 2 and second.total == 4
    assert names == ["Kinderfiets 16 inch", "Kinderfiets 20 inch"]
    assert len(fake_es.sent("POST", f"/{ALIAS}/_search")) == 1, "asked once, then paused"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, "one warning per pause, not one per visitor"

    cache.clear()  # the pause is over
    search_catalogue(CatalogueQuery(text="boormachine"))
    assert len(fake_es.sent("POST", f"/{ALIAS}/_search")) == 2


@pytest.mark.django_db
def test_an_answer_that_is_not_from_elasticsearch_falls_back_too(catalogue, settings, caplog):
    """A proxy's error page, say: the client refuses it, and the database answers."""
    with FakeElasticsearch(product=False) as server:
        settings.ELASTICSEARCH_URL = server.url
        server.answer("POST", f"/{ALIAS}/_search", {"error": "bad gateway"}, status=502)
        with caplog.at_level(logging.WARNING, logger="search.api"):
            result = search_catalogue(CatalogueQuery(text="boormachine"))
        assert len(server.requests) == 1
    assert result.backend == "database" and result.total == 2
    assert "falls back to the database" in caplog.text


# (e) The index follows the items -----------------------------------------------------------


@pytest.mark.django_db
def test_saving_unpublishing_and_deleting_an_item_update_the_index(
    catalogue, ids, fake_es, django_capture_on_commit_callbacks
):
    fake_es.answer("PUT", DOC, recorded("doc_indexed"))
    fake_es.answer("DELETE", DOC, recorded("doc_deleted"))
    drill = catalogue["drill"]
    rows = rows_of(drill)

    with django_capture_on_commit_callbacks(execute=True):
        drill.brand = "Bosch Blue"
        drill.save()
    indexed = fake_es.sent("PUT", DOC)
    assert sorted(int(r.path.rsplit("/", 1)[1]) for r in indexed) == sorted(rows)
    assert all(r.query["require_alias"] == ["true"] for r in indexed)
    french = next(r.json for r in indexed if r.path.endswith(f"/{ids['drill', 'fr']}"))
    assert french["title"] == "Perceuse à percussion Bosch" and french["language"] == "fr"
    dutch = next(r.json for r in indexed if r.path.endswith(f"/{drill.pk}"))
    assert "bosch blue" in dutch["body"] and dutch["name"] == "klopboormachine bosch"

    fake_es.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        drill.unpublish()
    assert [r.path for r in fake_es.sent("DELETE", DOC)] == [f"/{ALIAS}/_doc/{drill.pk}"]
    assert len(fake_es.sent("PUT", DOC)) == 2, "the translations stay searchable"

    fake_es.requests.clear()
    sander = catalogue["sander"]
    with django_capture_on_commit_callbacks(execute=True):
        sander.status = Item.Status.AVAILABLE
        sander.save()
    assert {r.json["available"] for r in fake_es.sent("PUT", DOC)} == {True}
    assert len(fake_es.sent("PUT", DOC)) == 3, "status is shared: every language follows"

    fake_es.requests.clear()
    bike = catalogue["bike"]
    bike_pk = bike.pk
    with django_capture_on_commit_callbacks(execute=True):
        bike.delete()
    assert [r.path for r in fake_es.sent("DELETE", DOC)] == [f"/{ALIAS}/_doc/{bike_pk}"]


@pytest.mark.django_db
def test_a_down_cluster_costs_a_warning_not_a_failed_save(
    catalogue, settings, caplog, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = closed_port_url()
    drill = catalogue["drill"]
    with caplog.at_level(logging.WARNING, logger="search.tasks"):
        with django_capture_on_commit_callbacks(execute=True):
            drill.name = "Klopboormachine Bosch Professional"
            drill.save()
        with django_capture_on_commit_callbacks(execute=True):
            catalogue["bike"].delete()
    messages = [r.getMessage() for r in caplog.records if r.name == "search.tasks"]
    assert len(messages) == 4 and all("Elasticsearch did not" in m for m in messages)
    # The database index followed all the same.
    found = DatabaseBackend().search(CatalogueQuery(text="professional"))
    assert [item.name for item in found.items] == ["Klopboormachine Bosch Professional"]


@pytest.mark.django_db
def test_syncing_a_row_that_is_no_longer_searchable_removes_it(catalogue, fake_es):
    from search.tasks import sync_item_to_elasticsearch

    fake_es.answer("DELETE", DOC, recorded("error_index_not_found"), status=404)
    pram = catalogue["pram"]
    Item.objects.filter(pk=pram.pk).update(live=False)
    sync_item_to_elasticsearch.call(pram.pk)
    assert [r.path for r in fake_es.requests] == [f"/{ALIAS}/_doc/{pram.pk}"]
    assert not fake_es.sent("PUT", DOC)


# (g) The index command ---------------------------------------------------------------------

OLD = "deelfabriek-catalogue-20260214093000000000"
NEW = rf"/{ALIAS}-\d{{20}}"


def _serve_rebuild(server):
    server.answer("GET", f"/_alias/{ALIAS}", recorded("get_alias"))
    server.answer("PUT", NEW, recorded("index_created"))
    for method in ("PUT", "POST"):
        server.answer(method, "/_bulk", bulk_answer)
    server.answer("POST", NEW + "/_refresh", recorded("refresh"))
    server.answer("POST", "/_aliases", recorded("aliases_updated"))
    server.answer("DELETE", f"/{OLD}", recorded("acknowledged"))


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_and_swaps_the_alias_in_one_step(catalogue, fake_es):
    _serve_rebuild(fake_es)
    out = StringIO()
    call_command("catalogue_index", "rebuild", stdout=out)
    output = out.getvalue()
    assert "21 of 21 items (100%)" in output, "the database index is rebuilt as before"

    (created,) = fake_es.sent("PUT", NEW)
    new = created.path.lstrip("/")
    assert created.json["mappings"]["properties"]["suggest"]["type"] == "search_as_you_type"
    bulk = [r for r in fake_es.requests if r.path == "/_bulk"]
    actions = [line for r in bulk for line in r.ndjson[::2]]
    documents = [line for r in bulk for line in r.ndjson[1::2]]
    assert len(actions) == 21 and all(a["index"]["_index"] == new for a in actions)
    assert {d["language"] for d in documents} == {"nl", "fr", "en"}
    (swap,) = fake_es.sent("POST", "/_aliases")
    assert swap.json == {
        "actions": [
            {"remove": {"index": OLD, "alias": ALIAS}},
            {"add": {"index": new, "alias": ALIAS}},
        ]
    }
    order = [(r.method, r.path) for r in fake_es.requests]
    assert order.index(("POST", "/_aliases")) < order.index(("DELETE", f"/{OLD}"))
    assert order[-1] == ("DELETE", f"/{OLD}"), "the old index goes once the alias moved"
    assert f"21 documents in {new}" in output


@pytest.mark.django_db
def test_a_first_rebuild_only_adds_the_alias(catalogue, fake_es):
    _serve_rebuild(fake_es)
    fake_es.answer("GET", f"/_alias/{ALIAS}", recorded("alias_missing"), status=404)
    call_command("catalogue_index", "rebuild", stdout=StringIO())
    (swap,) = fake_es.sent("POST", "/_aliases")
    assert [list(action) for action in swap.json["actions"]] == [["add"]]
    assert not fake_es.sent("DELETE", ".*")


@pytest.mark.django_db
def test_a_failed_bulk_leaves_the_alias_where_it_was(catalogue, fake_es):
    _serve_rebuild(fake_es)
    fake_es.answer("PUT", "/_bulk", {"error": "overloaded", "status": 429}, status=429)
    fake_es.answer("DELETE", NEW, recorded("acknowledged"))
    with pytest.raises(CommandError, match="Elasticsearch at .* refused"):
        call_command("catalogue_index", "rebuild", stdout=StringIO())
    assert not fake_es.sent("POST", "/_aliases")
    (created,) = fake_es.sent("PUT", NEW)
    assert [r.path for r in fake_es.sent("DELETE", ".*")] == [created.path]


@pytest.mark.django_db
def test_status_shows_the_alias_the_index_and_its_documents(fake_es):
    fake_es.answer("GET", f"/_alias/{ALIAS}", recorded("get_alias"))
    fake_es.answer("POST", f"/{OLD}/_count", recorded("count"))
    out = StringIO()
    call_command("catalogue_index", "status", stdout=out)
    assert f"alias {ALIAS} -> index {OLD}; 21 documents" in out.getvalue()
    assert "searchable item rows" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["rebuild", "status"])
def test_an_unreachable_cluster_is_a_clean_command_error(settings, action):
    settings.ELASTICSEARCH_URL = closed_port_url()
    with pytest.raises(
        CommandError, match="Elasticsearch at http://127.0.0.1:.* cannot be reached"
    ):
        call_command("catalogue_index", action, stdout=StringIO())
