"""Catalogue search in the database itself: SQLite FTS5 or PostgreSQL full-text search.

The text match runs as one query of our own: Wagtail's stock backend is far too slow for this
on SQLite (docs/architecture.md, "Search behind one API"). Filters, facet counts, the total and
paging then run in the ORM over the index's own rows (``search.models.ItemDocument``, which
carry the facet values), so a search reads one narrow table without joins, in a number of
queries that never depends on the number of results.

Matching: every term must occur, as a word prefix ("boorm" finds "boormachine") in the name or
the body (description, contents, brand, category, initiative), or anywhere inside the name, so
that Dutch compounds are found ("fiets" in "kinderfiets"; a trigram index serves that on
PostgreSQL). Plurals are matched through their singular (see ``singular``). Prefix hits rank
above in-word hits (bm25 on SQLite, ts_rank on PostgreSQL, the name weighted above the body);
PostgreSQL also stems per language. Accents are folded in Python on both sides (``fold``), the
same on every database, so PostgreSQL needs no ``unaccent`` extension.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL

from lending.availability import blocked_items, window

from ..api import CatalogueQuery, SearchResult
from ..indexing import FTS_TABLE, fold, pg_config
from ..models import ItemDocument
from .base import Backend, facet_values, hydrate, locale_for

# Plural endings of Dutch, French and English, with the shortest stem each may leave. A term
# is matched as a prefix of its singular, so "kinderwagens" and "boormachines" find
# "Kinderwagen" and "Klopboormachine" (neither prefixes nor Dutch stemming on PostgreSQL do
# that for compounds), "fietsen" finds "fiets" and "velos" finds "vélo". Matching a shorter
# prefix only widens the net; the plural itself is still found by the prefix. PostgreSQL
# looks for the term as typed too, because its stemmers map some plurals elsewhere (French
# "visseuses" becomes "visseux").
PLURAL_ENDINGS = (("en", 5), ("es", 4), ("s", 4), ("x", 3))


def singular(term: str) -> str:
    for ending, shortest in PLURAL_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= shortest:
            return term[: -len(ending)]
    return term


def _terms(text: str) -> list[str]:
    """The words of a (cleaned) query, folded."""
    return re.findall(r"\w+", fold(text))


def available_q(query: CatalogueQuery, blocked: list[int] | None = None) -> Q:
    """Documents of items with a copy that can be lent (not in repair) and is free on every
    day of the query's window (today, or the period asked for)."""
    if blocked is None:
        blocked = blocked_items(*window(query))
    return Q(available=True) & ~Q(source_id__in=blocked)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "").replace("%", "").replace("_", "") + "%"


class DatabaseBackend(Backend):
    name = "database"

    # Text matching ------------------------------------------------------------------------

    def _match_sql(self, terms: list[str], language: str) -> tuple[str, list]:
        """SQL selecting ``item_id`` and ``rank`` (higher is better) of the matching rows."""
        infix = " AND ".join("d.name LIKE %s ESCAPE '\\'" for _ in terms)
        infix_params = [_like(singular(term)) for term in terms]
        if connection.vendor == "sqlite":
            expression = " AND ".join(f'"{singular(term)}"*' for term in terms)
            sql = (
                f"SELECT rowid AS item_id, -bm25({FTS_TABLE}, 0, 10.0, 1.0) + 1000 AS rank"
                f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND language = %s"
                " UNION ALL SELECT d.item_id, 0 AS rank FROM search_itemdocument d"
                f" WHERE d.language = %s AND {infix}"
            )
            return sql, [expression, language, language, *infix_params]
        config = pg_config(language)
        tsquery = " & ".join(
            f"({term}:* | {singular(term)}:*)" if singular(term) != term else f"{term}:*"
            for term in terms
        )
        sql = (
            "SELECT d.item_id, CASE WHEN d.vector @@ to_tsquery(%s::regconfig, %s)"
            " THEN 1000 + ts_rank(d.vector, to_tsquery(%s::regconfig, %s)) ELSE 0 END AS rank"
            " FROM search_itemdocument d WHERE d.language = %s AND"
            f" (d.vector @@ to_tsquery(%s::regconfig, %s) OR ({infix}))"
        )
        return sql, [config, tsquery, config, tsquery, language, config, tsquery, *infix_params]

    def _ranked_page(self, scope, terms: list[str], language: str, start: int, size: int):
        """Ids of one page of the matching rows within ``scope``, best first, in one query."""
        sql, params = self._match_sql(terms, language)
        scope_sql, scope_params = scope.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.item_id FROM ({sql}) AS m WHERE m.item_id IN ({scope_sql})"
                " GROUP BY m.item_id ORDER BY MAX(m.rank) DESC, m.item_id LIMIT %s OFFSET %s",
                [*params, *scope_params, size, start],
            )
            return [row[0] for row in cursor.fetchall()]

    # The search ---------------------------------------------------------------------------

    @staticmethod
    def _scope(locale):
        """The item rows a visitor may find in a language (for names to suggest)."""
        from catalogue.models import Item

        return Item.objects.filter(locale=locale).public()

    @staticmethod
    def _documents(language: str):
        """The index rows of a language: one per findable item row, with its facet values."""
        return ItemDocument.objects.filter(language=language)

    def _matching_text(self, rows, terms: list[str], language: str):
        """Item rows or index rows (both keyed by the item id) that match the text."""
        if not terms:
            return rows
        sql, params = self._match_sql(terms, language)
        return rows.filter(pk__in=RawSQL(f"SELECT item_id FROM ({sql}) AS m", params))

    @staticmethod
    def _filter(documents, query: CatalogueQuery, blocked=None):
        from catalogue.models import age_group_q

        if query.initiative:
            documents = documents.filter(initiative=query.initiative)
        if query.category:
            # A main category includes its subcategories.
            documents = documents.filter(
                Q(category=query.category) | Q(parent_category=query.category)
            )
        if query.age_group:
            condition = age_group_q(query.age_group)
            documents = documents.filter(condition) if condition else documents.none()
        if query.available or query.available_between:
            documents = documents.filter(available_q(query, blocked))
        return documents

    def _counts(self, base, query: CatalogueQuery, blocked=None):
        """The total and every facet's counts, in one grouped query over the text matches.

        Each facet counts with every filter but its own, so a count is the number of results
        after choosing that value. The rows are grouped by initiative and category (a few
        hundred at most); the age and availability conditions are conditional counts within
        each group, and the initiative and category filters are applied to the groups here.
        """
        from catalogue.models import age_group_q

        if query.age_group and age_group_q(query.age_group) is None:
            return 0, {}  # an unknown age group matches nothing
        if query.available_between:
            base = base.filter(available_q(query, blocked))  # not a facet: every count applies it
        return _add_up(_count_groups(base, query, blocked), query)

    def search(self, query: CatalogueQuery) -> SearchResult:
        locale = locale_for(query.language)
        if locale is None:
            return SearchResult(query=query, items=[], total=0, facets={}, backend=self.name)
        terms = _terms(query.text)
        documents = self._documents(query.language)
        base = self._matching_text(documents, terms, query.language)
        start = (query.page - 1) * query.per_page
        # The items with no free copy in the window, read once: the "available" filter and
        # the facet counts all ask (docs/architecture.md, "One availability rule").
        blocked = blocked_items(*window(query))

        if query.sort == "relevance" and terms:
            # Rank within the filtered rows; the text match itself is the outer query.
            filtered = self._filter(documents, query, blocked)
            page_ids = self._ranked_page(filtered, terms, query.language, start, query.per_page)
        else:
            order = {"name": ("name", "pk"), "newest": ("-created_at", "-pk")}
            ordered = self._filter(base, query, blocked).order_by(
                *order.get(query.sort, order["newest"])
            )
            page_ids = list(ordered.values_list("pk", flat=True)[start : start + query.per_page])

        total, counts = self._counts(base, query, blocked)
        return SearchResult(
            query=query,
            items=hydrate(page_ids),
            total=total,
            facets=facet_values(query, counts),
            backend=self.name,
        )

    def autocomplete(self, text: str, language: str, limit: int) -> list[str]:
        terms = _terms(text)
        locale = locale_for(language)
        if not terms or locale is None:
            return []
        names = (
            self._matching_text(self._scope(locale), terms, language)
            .order_by("name")
            .values_list("name", flat=True)
            .distinct()[: limit * 3]
        )
        # Names that start with what was typed come first.
        prefix = fold(text)
        return sorted(
            dict.fromkeys(names), key=lambda name: (not fold(name).startswith(prefix), name)
        )[:limit]


def _count(*conditions):
    """Count the rows meeting every condition given (None: no condition)."""
    conditions = [condition for condition in conditions if condition is not None]
    if not conditions:
        return Count("pk")
    combined = conditions[0]
    for condition in conditions[1:]:
        combined &= condition
    return Count("pk", filter=combined)


def _count_groups(base, query: CatalogueQuery, blocked=None):
    """The matches grouped by initiative and category, each group with its conditional counts:
    ``n`` (with the chosen age group and availability), ``n_available`` and ``age_<key>``."""
    from catalogue.models import AGE_GROUPS, age_group_q

    available = available_q(query, blocked)
    chosen_age = age_group_q(query.age_group) if query.age_group else None
    chosen_available = available if query.available else None
    groups = base.values("initiative", "category", "parent_category")
    return groups.order_by().annotate(
        n=_count(chosen_age, chosen_available),
        n_available=_count(available, chosen_age),
        **{
            f"age_{key}": _count(age_group_q(key), chosen_available)
            for key, _label, _low, _high in AGE_GROUPS
        },
    )


def _add_up(groups, query: CatalogueQuery) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and each facet's counts from the groups, applying the initiative and category
    filters to every facet but their own."""
    from catalogue.models import AGE_GROUPS

    total = 0
    counts: dict[str, dict[str, int]] = {
        "initiative": {},
        "category": {},
        "age_group": {},
        "available": {"yes": 0},
    }

    def add(facet, key, n):
        if key and n:
            counts[facet][key] = counts[facet].get(key, 0) + n

    for row in groups:
        initiative = row["initiative"]
        categories = (row["category"], row["parent_category"])
        in_initiative = not query.initiative or initiative == query.initiative
        in_category = not query.category or query.category in categories
        if in_category:
            add("initiative", initiative, row["n"])
        if in_initiative:
            for slug in categories:
                add("category", slug, row["n"])
        if in_initiative and in_category:
            total += row["n"]
            add("available", "yes", row["n_available"])
            for key, _label, _low, _high in AGE_GROUPS:
                add("age_group", key, row[f"age_{key}"])
    return total, counts
