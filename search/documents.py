"""The Elasticsearch document of a catalogue item row (one per language row, id = its pk),
the index behind an alias, and the client."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from elasticsearch import Elasticsearch
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    MetaField,
    SearchAsYouType,
    Text,
    analyzer,
    normalizer,
    token_filter,
    tokenizer,
)

from django.conf import settings

from .indexing import _document, _labels, _with_labels

# The built-in analyzer per catalogue language; each becomes a subfield of name and body.
LANGUAGE_ANALYZERS = {"nl": "dutch", "fr": "french", "en": "english"}
# A short timeout and no retries: a visitor waits at most this long before the database answers.
REQUEST_TIMEOUT = 2
# Rebuilding writes in bulk and may take longer than a search.
COMMAND_TIMEOUT = 60

folding = analyzer("catalogue_folding", tokenizer="standard", filter=["lowercase", "asciifolding"])
# Trigrams of the name find a word inside a Dutch compound ("boormachine" in
# "klopboormachine"), which no stemmer does, and prefixes of three letters or more.
compound = analyzer(
    "catalogue_compound",
    tokenizer=tokenizer(
        "catalogue_trigram", "ngram", min_gram=3, max_gram=3, token_chars=["letter", "digit"]
    ),
    filter=["lowercase", "asciifolding"],
)
sortable = normalizer("catalogue_sort", filter=["lowercase", "asciifolding"])


# What a query goes through in each language: the built-in analyzer's steps, with the
# coordinators' search words (search.models.Synonym) as a synonym filter before the stemmer.
# The index is built with the list of the moment (``catalogue_index``), and rebuilt when it
# changes (search/tasks.py).
SEARCH_STEPS = {
    "nl": {"stop": "_dutch_", "stemmer": "dutch", "before": []},
    "fr": {"stop": "_french_", "stemmer": "light_french", "before": ["catalogue_elision"]},
    "en": {"stop": "_english_", "stemmer": "english", "before": ["catalogue_possessive"]},
}
FRENCH_ELISION = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu"]


def search_analyzer_name(code: str) -> str:
    return f"catalogue_search_{code}"


def _language_fields() -> dict:
    return {
        code: Text(analyzer=name, search_analyzer=search_analyzer_name(code))
        for code, name in LANGUAGE_ANALYZERS.items()
    }


def synonym_rules(code: str) -> list[str]:
    """The language's search words as Elasticsearch synonym rules, the typed words kept:
    "rolschaatsen => rolschaatsen, inlineskates"."""
    from .vocabulary import synonyms_in

    rules = []
    for typed, means in synonyms_in(code).items():
        alternatives = [" ".join(typed), *(" ".join(phrase) for phrase in means)]
        rules.append(f"{' '.join(typed)} => {', '.join(dict.fromkeys(alternatives))}")
    return rules


def search_analyzer(code: str, rules: list[str]):
    steps = SEARCH_STEPS[code]
    filters = [
        *(
            {
                "catalogue_elision": token_filter(
                    "catalogue_elision", "elision", articles=FRENCH_ELISION, articles_case=True
                ),
                "catalogue_possessive": token_filter(
                    "catalogue_possessive", "stemmer", language="possessive_english"
                ),
            }[name]
            for name in steps["before"]
        ),
        "lowercase",
        "asciifolding",
    ]
    if rules:
        filters.append(
            token_filter(
                f"catalogue_synonyms_{code}", "synonym_graph", synonyms=rules, lenient=True
            )
        )
    filters += [
        token_filter(f"catalogue_stop_{code}", "stop", stopwords=steps["stop"]),
        token_filter(f"catalogue_stem_{code}", "stemmer", language=steps["stemmer"]),
    ]
    return analyzer(search_analyzer_name(code), tokenizer="standard", filter=filters)


class CatalogueDocument(Document):
    """What Elasticsearch knows of an item row. ``name`` and ``body`` hold the folded text of
    the database index (accents removed, as a query is folded), ``title`` the name as shown."""

    item_id = Integer()
    language = Keyword()
    title = Keyword(index=False)
    name = Text(
        analyzer=folding,
        fields={
            **_language_fields(),
            "compound": Text(analyzer=compound),
            "sort": Keyword(normalizer=sortable),
        },
    )
    body = Text(analyzer=folding, fields=_language_fields())
    suggest = SearchAsYouType(analyzer=folding)
    initiative = Keyword()
    categories = Keyword()  # the item's own category and its main category
    thing = Keyword()  # the forms of the word saying what the item is (search/words.py)
    age_min = Integer()
    age_max = Integer()
    available = Boolean()
    source_id = Integer()  # the default-language row, which copies and reservations point at
    created_at = Date()

    class Meta:
        # A field this class does not declare is a bug, not something to map on the fly.
        dynamic = MetaField("strict")


def alias_name() -> str:
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "") or "deelfabriek"
    return f"{prefix}-catalogue"


def new_index_name() -> str:
    """A concrete index name behind the alias, unique per rebuild."""
    return f"{alias_name()}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"


def catalogue_index(name: str) -> Index:
    """The index definition (mapping and analysis, with today's search words) under a
    concrete name."""
    index = Index(name)
    index.settings(number_of_shards=1)
    index.document(CatalogueDocument)
    for code in LANGUAGE_ANALYZERS:
        index.analyzer(search_analyzer(code, synonym_rules(code)))
    return index


def prepare(item, labels: dict | None = None) -> CatalogueDocument:
    """The document of an item row; ``item`` comes with locale, category (and parent) and
    initiative loaded, ideally annotated ``with_copy_counts()``."""
    # The database index's row of the item: both indexes hold the same text and facet values.
    row = _document(item, _labels() if labels is None else labels)
    return CatalogueDocument(
        meta={"id": item.pk},
        item_id=item.pk,
        language=row.language,
        title=item.name,
        name=row.name,
        body=row.body,
        suggest=item.name,
        initiative=row.initiative,
        categories=[slug for slug in (row.category, row.parent_category) if slug],
        thing=row.thing.split(),
        age_min=row.age_min_months,
        age_max=row.age_max_months,
        available=row.available,
        source_id=row.source_id,
        created_at=row.created_at,
    )


def searchable_rows(queryset):
    """The rows of an Item queryset that may be found, with what ``prepare`` reads."""
    return _with_labels(queryset.public())


@lru_cache(maxsize=4)
def _client(url: str, timeout: float, api_key: str = "", ca_certs: str = "") -> Elasticsearch:
    # An API key (Elastic Cloud, a city's own cluster with security on) and the cluster's CA
    # certificate when it signs its own: README, "Elasticsearch".
    options = {"api_key": api_key} if api_key else {}
    if ca_certs:
        options["ca_certs"] = ca_certs
    return Elasticsearch(
        url, request_timeout=timeout, max_retries=0, retry_on_timeout=False, **options
    )


def get_client(timeout: float = REQUEST_TIMEOUT) -> Elasticsearch:
    """One client per process and address (it keeps a connection pool)."""
    return _client(
        settings.ELASTICSEARCH_URL,
        timeout,
        getattr(settings, "ELASTICSEARCH_API_KEY", ""),
        getattr(settings, "ELASTICSEARCH_CA_CERTS", ""),
    )
