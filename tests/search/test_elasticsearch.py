"""The Elasticsearch catalogue backend, against a stand-in server with recorded ES 8 responses:
the index it defines, the requests it sends, what it makes of the answers, and the fallback."""

import logging

import pytest

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
    closed_port_url,
    recorded,
)

ALIAS = "deelfabriek-catalogue"
DOC = rf"/{ALIAS}/_doc/(\d+)"


# (a) The index ----------------------------------------------------------------------------


@pytest.mark.django_db  # the index's search analyzers carry the search words
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
    # Its only copy is in repair: every language row says so.
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
    from home.models import CatalogueIndexPage, HomePage
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


def test_the_client_sends_the_configured_api_key(fake_es, settings):
    """A cluster with security on: every request carries the API key from the settings."""
    from search.documents import get_client

    settings.ELASTICSEARCH_API_KEY = "aWQ6c2VjcmV0"
    fake_es.answer("GET", r"/", {"version": {"number": "8.15.0"}, "tagline": "You Know"})
    get_client().info()
    sent = fake_es.sent("GET", "/")
    headers = {name.lower(): value for name, value in sent[-1].headers.items()}
    assert headers.get("authorization") == "ApiKey aWQ6c2VjcmV0"
