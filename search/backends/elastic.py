"""Catalogue search in Elasticsearch 8 with the database backend's contract (every term must
match; a facet's count is the number of results after choosing it), forgiving typos."""

from __future__ import annotations

from elasticsearch import ApiError, SerializationError, TransportError
from elasticsearch.dsl import A, Q, Search

from django.conf import settings
from django.core.cache import cache

from lending.availability import blocked_items, window

from ..api import CatalogueQuery, SearchResult
from ..documents import LANGUAGE_ANALYZERS, alias_name, get_client
from ..understanding import TextMatch, plain
from ..words import fold
from .base import Backend, facet_values, hydrate, locale_for
from .database import DatabaseBackend

# Seconds without Elasticsearch after a failure, so that visitors do not each wait for a
# timeout while the cluster is down.
PAUSE = 30
# Enough buckets for every initiative and category there is.
FACET_SIZE = 500
MATCH_NOTHING = Q("bool", must_not=[Q("match_all")])
# How much naming the thing weighs against the text's own score (search/words.py).
THING_BOOST = 10
# The physical items another language's texts may bring to a page.
MOST_SOURCES = 100


def _pause_key() -> str:
    return f"search:elasticsearch-paused:{settings.ELASTICSEARCH_URL}"


def term_query(term: str, language: str):
    """One query term, found in the name (weighted) or the body of the query's language,
    with typos forgiven, or inside a name's compound word."""
    analyzed = LANGUAGE_ANALYZERS.get(language)
    fields = [f"name.{language}^3", f"body.{language}"] if analyzed else ["name^3", "body"]
    return Q(
        "bool",
        should=[
            Q(
                "multi_match",
                query=term,
                fields=fields,
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=20,
                # A stop word ("met", "voor", "le") must not rule out every item.
                zero_terms_query="all",
            ),
            # Up to three trigrams all must occur; in longer terms three quarters, which
            # forgives a typo ("boormachien") without matching just any word.
            Q(
                "match",
                **{"name.compound": {"query": term, "minimum_should_match": "3<75%", "boost": 0.5}},
            ),
        ],
        minimum_should_match=1,
    )


def age_group_filter(key: str):
    """Items whose age range overlaps the group, as ``catalogue.models.age_group_q``."""
    from catalogue.models import AGE_GROUPS

    for group_key, _label, low, high in AGE_GROUPS:
        if group_key == key:
            conditions = [
                Q(
                    "bool",
                    should=[
                        Q("bool", must_not=[Q("exists", field="age_max")]),
                        Q("range", age_max={"gte": low}),
                    ],
                    minimum_should_match=1,
                ),
                # An item without any age range is in no group.
                Q(
                    "bool",
                    should=[Q("exists", field="age_min"), Q("exists", field="age_max")],
                    minimum_should_match=1,
                ),
            ]
            if high is not None:
                conditions.insert(
                    1,
                    Q(
                        "bool",
                        should=[
                            Q("bool", must_not=[Q("exists", field="age_min")]),
                            Q("range", age_min={"lte": high}),
                        ],
                        minimum_should_match=1,
                    ),
                )
            return Q("bool", filter=conditions)
    return MATCH_NOTHING


def facet_filters(query: CatalogueQuery) -> dict:
    """The filter of each chosen facet (slugs are the same in every language)."""
    filters = {}
    if query.initiative:
        filters["initiative"] = Q("term", initiative=query.initiative)
    if query.category:
        # ``categories`` holds the main category too, so a main category includes its children.
        filters["category"] = Q("term", categories=query.category)
    if query.age_group:
        filters["age_group"] = age_group_filter(query.age_group)
    if query.available:
        filters["available"] = available_filter(query)
    if query.available_between:
        # Not a facet, so every count applies it.
        filters["available_between"] = available_filter(query)
    return filters


def available_filter(query: CatalogueQuery):
    """In the collection (not in repair) and free on every day of the query's window: the
    reservations are in the database, so the blocked physical items are read from there."""
    blocked = blocked_items(*window(query))
    if not blocked:
        return Q("term", available=True)
    return Q("bool", filter=[Q("term", available=True)], must_not=[Q("terms", source_id=blocked)])


def _all_of(filters: list):
    return Q("bool", filter=filters) if filters else Q("match_all")


def text_query(match: TextMatch):
    """Every group of the match, each through one of its alternatives (search words and
    corrections come from search/understanding.py, as for the database), in its language."""

    def alternative(phrase):
        parts = [term_query(word, match.language) for word in phrase]
        return parts[0] if len(parts) == 1 else Q("bool", must=parts)

    def group(alternatives):
        if len(alternatives) == 1:
            return alternative(alternatives[0])
        return Q("bool", should=[alternative(a) for a in alternatives], minimum_should_match=1)

    return [group(alternatives) for alternatives in match.groups]


def thing_boost(match: TextMatch):
    """The item whose name says it is the thing searched for ranks first (search/words.py)."""
    return Q("terms", thing=match.thing_forms, boost=THING_BOOST)


def build_sources(match: TextMatch, client=None) -> Search:
    """Another language's texts matched: the physical items (source ids) they find, best
    first, to show in the page's language (``build_search``'s ``sources``)."""
    return (
        Search(using=client, index=alias_name())
        .query(
            Q(
                "bool",
                must=text_query(match),
                should=[thing_boost(match)],
                filter=[Q("term", language=match.language)],
            )
        )
        .sort({"_score": "desc"}, {"item_id": "asc"})
        .source(["source_id"])[:MOST_SOURCES]
    )


def build_search(
    query: CatalogueQuery, client=None, match: TextMatch | None = None, sources=None
) -> Search:
    """The request for one page of results and the facet counts. With ``sources`` (the
    physical items another language's texts found, best first), those items in the page's
    language, in that order."""
    from catalogue.models import AGE_GROUPS

    match = match or plain(query.text, query.language)
    search = Search(using=client, index=alias_name()).extra(track_total_hits=True)
    terms = match.words
    if sources is not None:
        ranked = [
            Q("constant_score", filter=Q("term", source_id=source), boost=len(sources) - at)
            for at, source in enumerate(sources)
        ]
        text = Q("bool", should=ranked, minimum_should_match=1) if ranked else MATCH_NOTHING
        search = search.query(Q("bool", must=[text], filter=[Q("term", language=query.language)]))
    else:
        search = search.query(
            Q(
                "bool",
                must=text_query(match),
                should=[thing_boost(match)] if terms else [],
                filter=[Q("term", language=query.language)],
            )
        )
    filters = facet_filters(query)
    if filters:
        # Filters apply to the hits only: each facet's aggregation applies the others itself.
        search = search.post_filter(_all_of(list(filters.values())))

    def others(facet: str) -> list:
        return [condition for name, condition in filters.items() if name != facet]

    search.aggs.bucket("initiative", "filter", filter=_all_of(others("initiative"))).bucket(
        "values", "terms", field="initiative", size=FACET_SIZE
    )
    search.aggs.bucket("category", "filter", filter=_all_of(others("category"))).bucket(
        "values", "terms", field="categories", size=FACET_SIZE
    )
    search.aggs.bucket("age_group", "filter", filter=_all_of(others("age_group"))).bucket(
        "values",
        A("filters", filters={key: age_group_filter(key) for key, *_rest in AGE_GROUPS}),
    )
    search.aggs.bucket(
        "available",
        "filter",
        filter=_all_of([*others("available"), filters.get("available") or available_filter(query)]),
    )

    if query.sort == "name":
        order = [{"name.sort": "asc"}, {"item_id": "asc"}]
    elif query.sort == "relevance" and terms:
        order = [{"_score": "desc"}, {"item_id": "asc"}]
    else:
        # Without text, relevance means newest first, as in the database backend.
        order = [{"created_at": "desc"}, {"item_id": "desc"}]
    start = (query.page - 1) * query.per_page
    return search.sort(*order).source(["title"])[start : start + query.per_page]


def parse_counts(aggregations: dict) -> dict[str, dict[str, int]]:
    """The raw facet counts of ``facet_values`` from a response's aggregations."""

    def terms(name):
        return {
            bucket["key"]: bucket["doc_count"] for bucket in aggregations[name]["values"]["buckets"]
        }

    return {
        "initiative": terms("initiative"),
        "category": terms("category"),
        "age_group": {
            key: bucket["doc_count"]
            for key, bucket in aggregations["age_group"]["values"]["buckets"].items()
        },
        "available": {"yes": aggregations["available"]["doc_count"]},
    }


def build_autocomplete(text: str, language: str, limit: int, client=None) -> Search:
    return (
        Search(using=client, index=alias_name())
        .query(
            "bool",
            must=[
                Q(
                    "multi_match",
                    query=text,
                    type="bool_prefix",
                    operator="and",
                    fields=["suggest", "suggest._2gram", "suggest._3gram"],
                )
            ],
            filter=[Q("term", language=language)],
        )
        .source(["title"])[: limit * 3]
    )


class ElasticsearchBackend(Backend):
    name = "elasticsearch"
    unavailable_errors = (ApiError, TransportError, SerializationError)

    @staticmethod
    def paused() -> bool:
        return bool(cache.get(_pause_key()))

    def _run(self, search: Search):
        try:
            return search.execute()
        except self.unavailable_errors:
            # search.api logs this failure once; the pause keeps the next ones quiet.
            cache.set(_pause_key(), True, PAUSE)
            raise

    def search(self, query: CatalogueQuery, match: TextMatch | None = None) -> SearchResult:
        if self.paused():
            return DatabaseBackend().search(query, match)
        if locale_for(query.language) is None:
            return SearchResult(query=query, items=[], total=0, facets={}, backend=self.name)
        sources = None
        if match is not None and match.language != query.language:
            found = self._run(build_sources(match, get_client())).to_dict()["hits"]["hits"]
            sources = list(dict.fromkeys(hit["_source"]["source_id"] for hit in found))
        response = self._run(build_search(query, get_client(), match, sources))
        raw = response.to_dict()
        ids = [int(hit["_id"]) for hit in raw["hits"]["hits"]]
        return SearchResult(
            query=query,
            items=hydrate(ids),
            total=raw["hits"]["total"]["value"],
            facets=facet_values(query, parse_counts(raw.get("aggregations", {}))),
            backend=self.name,
        )

    def autocomplete(self, text: str, language: str, limit: int) -> list[str]:
        if self.paused():
            return DatabaseBackend().autocomplete(text, language, limit)
        response = self._run(build_autocomplete(text, language, limit, get_client()))
        names = dict.fromkeys(hit["_source"]["title"] for hit in response.to_dict()["hits"]["hits"])
        # The best matches, in the database backend's order: names that start with what was
        # typed first, then by name.
        prefix = fold(text)
        return sorted(names, key=lambda name: (not fold(name).startswith(prefix), name))[:limit]
