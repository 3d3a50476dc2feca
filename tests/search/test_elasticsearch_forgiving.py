"""Search that forgives in the Elasticsearch backend: the search words as a synonym filter of
the index (rebuilt when they change), the same understanding of the words as the database
(search words, corrections), the thing first, and another language's matches shown in the
page's language; on the bodies it builds and against the stand-in server."""

import pytest

from django.core.management import call_command

from search.api import CatalogueQuery, search_catalogue
from search.backends.elastic import build_search, build_sources
from search.documents import catalogue_index
from search.understanding import understand
from tests.search.fake_elasticsearch import recorded

pytestmark = pytest.mark.django_db
ALIAS = "deelfabriek-catalogue"


def search_word(code, typed, means):
    from wagtail.models import Locale

    from search.models import Synonym

    return Synonym.objects.create(
        words=typed, means=means, locale=Locale.objects.get(language_code=code)
    )


def test_the_index_has_each_languages_search_words_as_a_synonym_filter(catalogue):
    search_word("nl", "rolschaatsen, rolschaats", "inlineskates")
    search_word("en", "stroller", "pram, buggy")
    body = catalogue_index("deelfabriek-catalogue-1").to_dict()
    analysis = body["settings"]["analysis"]
    nl = analysis["analyzer"]["catalogue_search_nl"]
    assert nl["filter"][:2] == ["lowercase", "asciifolding"]
    assert nl["filter"][-2:] == ["catalogue_stop_nl", "catalogue_stem_nl"]
    assert analysis["filter"]["catalogue_synonyms_nl"] == {
        "type": "synonym_graph",
        "synonyms": [
            "rolschaatsen => rolschaatsen, inlineskates",
            "rolschaats => rolschaats, inlineskates",
        ],
        "lenient": True,
    }
    assert analysis["filter"]["catalogue_synonyms_en"]["synonyms"] == [
        "stroller => stroller, pram, buggy"
    ]
    # No search words in French: no synonym filter there.
    assert "catalogue_synonyms_fr" not in analysis["filter"]
    assert "catalogue_synonyms_fr" not in analysis["analyzer"]["catalogue_search_fr"]["filter"]
    fields = body["mappings"]["properties"]["name"]["fields"]
    assert fields["nl"] == {
        "type": "text",
        "analyzer": "dutch",
        "search_analyzer": "catalogue_search_nl",
    }
    assert body["mappings"]["properties"]["thing"]["type"] == "keyword"


def _serve_rebuild(server):
    server.answer("GET", f"/_alias/{ALIAS}", recorded("alias_missing"), status=404)
    server.answer("PUT", rf"/{ALIAS}-\d{{20}}", recorded("index_created"))
    server.answer("POST", rf"/{ALIAS}-\d{{20}}/_refresh", recorded("refresh"))
    server.answer("POST", "/_aliases", recorded("aliases_updated"))


def test_a_changed_search_word_builds_the_index_again_with_it(
    catalogue, fake_es, django_capture_on_commit_callbacks
):
    _serve_rebuild(fake_es)
    from tests.search.fake_elasticsearch import bulk_answer

    for method in ("PUT", "POST"):
        fake_es.answer(method, "/_bulk", bulk_answer)
    with django_capture_on_commit_callbacks(execute=True):
        word = search_word("nl", "beamer", "projector")
    (created,) = fake_es.sent("PUT", rf"/{ALIAS}-\d{{20}}")
    rules = created.json["settings"]["analysis"]["filter"]["catalogue_synonyms_nl"]["synonyms"]
    assert rules == ["beamer => beamer, projector"]
    with django_capture_on_commit_callbacks(execute=True):
        word.delete()
    first, second = fake_es.sent("PUT", rf"/{ALIAS}-\d{{20}}")
    assert "catalogue_synonyms_nl" not in second.json["settings"]["analysis"].get("filter", {})


def test_only_elasticsearch_is_rebuilt_when_asked(catalogue, fake_es):
    from io import StringIO

    _serve_rebuild(fake_es)
    from tests.search.fake_elasticsearch import bulk_answer

    for method in ("PUT", "POST"):
        fake_es.answer(method, "/_bulk", bulk_answer)
    out = StringIO()
    call_command("catalogue_index", "rebuild", "--only", "elasticsearch", stdout=out)
    assert "database" not in out.getvalue() and "documents in" in out.getvalue()


def test_the_search_words_and_a_correction_reach_the_query(catalogue):
    search_word("nl", "rolschaatsen", "inlineskates")
    match, _fallback = understand("rolschaatsen", "nl")
    body = build_search(CatalogueQuery(text="rolschaatsen", language="nl"), match=match).to_dict()
    (group,) = body["query"]["bool"]["must"]
    alternatives = group["bool"]["should"]
    assert group["bool"]["minimum_should_match"] == 1
    queried = [a["bool"]["should"][0]["multi_match"]["query"] for a in alternatives]
    assert queried == ["rolschaatsen", "inlineskates"]

    match, _fallback = understand("klopbormachine", "nl")
    assert match.corrected == "klopboormachine"
    body = build_search(CatalogueQuery(text="klopbormachine", language="nl"), match=match)
    (term,) = body.to_dict()["query"]["bool"]["must"]
    fuzzy = term["bool"]["should"][0]["multi_match"]
    assert fuzzy["query"] == "klopboormachine" and fuzzy["fuzziness"] == "AUTO"


def test_the_thing_is_boosted(catalogue):
    body = build_search(CatalogueQuery(text="kids bike", language="en")).to_dict()
    (boost,) = body["query"]["bool"]["should"]
    assert boost == {"terms": {"thing": ["kids", "bike"], "boost": 10}}


def test_another_languages_match_is_shown_in_the_page_language(catalogue, ids, fake_es):
    """ "boormachine" on the French page: the Dutch texts find the drills (first request), the
    French rows of those physical items are the results (second request)."""
    fake_es.answer("POST", f"/{ALIAS}/_search", lambda request: _answer_in_two_steps(request, ids))
    result = search_catalogue(CatalogueQuery(text="boormachine", language="fr"))
    assert (result.backend, result.other_language) == ("elasticsearch", "nl")
    assert [item.pk for item in result.items] == [ids["drill", "fr"], ids["cordless", "fr"]]

    sources, page = fake_es.sent("POST", f"/{ALIAS}/_search")
    assert sources.json["query"]["bool"]["filter"] == [{"term": {"language": "nl"}}]
    assert sources.json["_source"] == ["source_id"]
    must = page.json["query"]["bool"]
    assert must["filter"] == [{"term": {"language": "fr"}}]
    ranked = must["must"][0]["bool"]["should"]
    assert [r["constant_score"]["filter"]["term"]["source_id"] for r in ranked] == [
        ids["drill", "nl"],
        ids["cordless", "nl"],
    ]
    assert ranked[0]["constant_score"]["boost"] > ranked[1]["constant_score"]["boost"]


def _answer_in_two_steps(request, ids):
    if request.json.get("_source") == ["source_id"]:
        return recorded("sources_boormachine", ids)
    return recorded("search_boormachine_fr", ids)


def test_the_sources_request_asks_for_the_best_physical_items_first(catalogue):
    match, _fallback = understand("boormachine", "fr")
    body = build_sources(match).to_dict()
    assert body["size"] == 100 and body["sort"][0] == {"_score": "desc"}
