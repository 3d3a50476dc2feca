"""The one catalogue search API that views use; backends live in ``search.backends``.

    result = search_catalogue(CatalogueQuery(text="boormachine", language="nl", category="tools"))
    result.items        # Item rows in the query's language, in result order, ready to render
    result.total        # number of matching items
    result.facets       # {"initiative": [FacetValue, ...], "category": [...], ...}

Views never know which backend runs: the database one by default, Elasticsearch when
``ELASTICSEARCH_URL`` is set (falling back to the database, with a warning in the log, when
the cluster cannot be reached).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from math import ceil

from django.conf import settings

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
PER_PAGE = 24
MAX_PAGE = 400
SORTS = ("relevance", "newest", "name")
FACETS = ("initiative", "category", "age_group", "available")


class InvalidQuery(ValueError):
    """The query cannot be answered as asked (a view turns it into a 400 or a clean page)."""


def clean_text(text: str | None) -> str:
    """Free text a backend can take safely: no control characters, quotes or query syntax,
    whitespace collapsed, at most MAX_TERMS terms and MAX_QUERY_LENGTH characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)[: MAX_QUERY_LENGTH * 5])
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    # Keep letters, digits and the joiners that occur inside words (l'outil, 20-inch, 1.5).
    text = re.sub(r"[^\w'’\-.,]+", " ", text)
    terms = [term.strip("'’-.,_") for term in text.split()]
    terms = [term for term in terms if term][:MAX_TERMS]
    return " ".join(terms)[:MAX_QUERY_LENGTH].strip()


def clean_key(value: str | None) -> str:
    """A facet's slug or key as a backend can take it: anything else (a NUL byte, markup,
    10,000 characters) is no filter at all rather than a database error."""
    value = str(value or "")
    return value if SLUG.fullmatch(value) else ""


SLUG = re.compile(r"[-\w]{1,100}")


@dataclass(frozen=True)
class CatalogueQuery:
    """What a visitor asked for. Facet filters hold one value each (a slug or key)."""

    text: str = ""
    language: str = "nl"
    initiative: str = ""  # InitiativePage slug
    category: str = ""  # Category slug (a main category includes its subcategories)
    age_group: str = ""  # key of catalogue.models.AGE_GROUPS
    available: bool = False  # available now
    # Reserved for reservations: items free for the whole period (pickup, return).
    available_between: tuple[date, date] | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    # The words as typed, without corrections ("search for the exact words instead").
    exact: bool = False

    def __post_init__(self):
        object.__setattr__(self, "text", clean_text(self.text))
        for facet in ("initiative", "category", "age_group"):
            object.__setattr__(self, facet, clean_key(getattr(self, facet)))
        if self.sort not in SORTS:
            raise InvalidQuery(f"unknown sort {self.sort!r}")
        if not isinstance(self.page, int) or not 1 <= self.page <= MAX_PAGE:
            raise InvalidQuery(f"page must be between 1 and {MAX_PAGE}")

    def without(self, facet: str) -> CatalogueQuery:
        """The same query with one facet's filter removed (used to count that facet)."""
        empty = {"available": False}.get(facet, "")
        return replace(self, **{facet: empty}, page=1)

    @property
    def filters(self) -> dict:
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False
    icon: str = ""
    children: list[FacetValue] = field(default_factory=list)


@dataclass
class SearchResult:
    query: CatalogueQuery
    items: list  # catalogue.models.Item rows in the query's language, in result order
    total: int
    facets: dict[str, list[FacetValue]]
    backend: str = "database"
    # The words searched for instead of the visitor's, when a typo was corrected.
    corrected: str = ""
    # The language whose item texts matched, when it is not the page's.
    other_language: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.total / self.query.per_page))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.query.page > 1


def get_backend():
    """The configured backend: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        try:
            from .backends.elastic import ElasticsearchBackend
        except ImportError:
            logger.warning("ELASTICSEARCH_URL is set but this version searches the database only")
        else:
            return ElasticsearchBackend()
    from .backends.database import DatabaseBackend

    return DatabaseBackend()


def search_catalogue(query: CatalogueQuery) -> SearchResult:
    """Understand the words (synonyms, corrections, another language: search/understanding.py),
    then search; when that finds nothing and another reading exists, search that."""
    from .understanding import understand

    match, fallback = understand(query.text, query.language, exact=query.exact)
    result = _search(query, match)
    if result.total == 0 and fallback is not None and (elsewhere := fallback()) is not None:
        other = _search(query, elsewhere)
        if other.total:
            result, match = other, elsewhere
    result.corrected, result.other_language = match.corrected, match.other_language
    return result


def _search(query: CatalogueQuery, match) -> SearchResult:
    backend = get_backend()
    if backend.name != "database":
        try:
            return backend.search(query, match)
        except backend.unavailable_errors as error:
            logger.warning(
                "search falls back to the database: %s is unavailable (%s)", backend.name, error
            )
        from .backends.database import DatabaseBackend

        return DatabaseBackend().search(query, match)
    return backend.search(query, match)


def autocomplete(text: str, language: str, limit: int = 8) -> list[str]:
    """Item names that start like what the visitor is typing, in their language."""
    text = clean_text(text)
    if len(text) < 2:
        return []
    backend = get_backend()
    if backend.name != "database":
        try:
            return backend.autocomplete(text, language, limit)
        except backend.unavailable_errors as error:
            logger.warning("autocomplete falls back to the database (%s)", error)
        from .backends.database import DatabaseBackend

        return DatabaseBackend().autocomplete(text, language, limit)
    return backend.autocomplete(text, language, limit)
