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

from django.db import connection
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL

from lending.availability import blocked_items, window

from ..api import CatalogueQuery, SearchResult
from ..indexing import FTS_TABLE, pg_config
from ..models import ItemDocument
from ..understanding import TextMatch, plain
from ..words import fold, singular
from .base import Backend, facet_values, hydrate, locale_for

# How far an item whose name says it is the thing searched for ("kinderfiets" for "fiets")
# ranks above one where the words only qualify another thing ("fietshelm"): search/words.py.
THING_BONUS = 2000


def available_q(query: CatalogueQuery, blocked: list[int] | None = None) -> Q:
    """Documents of items with a copy that can be lent (not in repair) and is free on every
    day of the query's window (today, or the period asked for)."""
    if blocked is None:
        blocked = blocked_items(*window(query))
    return Q(available=True) & ~Q(source_id__in=blocked)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "").replace("%", "").replace("_", "") + "%"


def _fts_expression(match: TextMatch) -> str:
    """SQLite FTS5: every group, through one of its alternatives, each word as a prefix of
    its singular."""

    def alternative(phrase):
        return "(" + " AND ".join(f'"{singular(word)}"*' for word in phrase) + ")"

    return " AND ".join(
        "(" + " OR ".join(alternative(phrase) for phrase in group) + ")" for group in match.groups
    )


def _tsquery(match: TextMatch) -> str:
    """PostgreSQL: the same, each word as typed and as its singular (the stemmers map some
    plurals elsewhere: French "visseuses" becomes "visseux")."""

    def word(term):
        stem = singular(term)
        return f"({term}:* | {stem}:*)" if stem != term else f"{term}:*"

    def alternative(phrase):
        return "(" + " & ".join(word(term) for term in phrase) + ")"

    return " & ".join(
        "(" + " | ".join(alternative(phrase) for phrase in group) + ")" for group in match.groups
    )


def _infix(match: TextMatch) -> tuple[str, list]:
    """Every group found inside the name's words (Dutch compounds: "fiets" in "kinderfiets")."""
    groups, params = [], []
    for group in match.groups:
        alternatives = []
        for phrase in group:
            alternatives.append(
                "(" + " AND ".join("d.name LIKE %s ESCAPE '\\'" for _ in phrase) + ")"
            )
            params += [_like(singular(word)) for word in phrase]
        groups.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(groups), params


def _thing(match: TextMatch) -> tuple[str, list]:
    """True for a document whose thing (search/words.py) is one of the words searched for."""
    forms = match.thing_forms
    return "(" + " OR ".join("d.thing LIKE %s" for _ in forms) + ")", [f"% {f} %" for f in forms]


class DatabaseBackend(Backend):
    name = "database"

    # Text matching ------------------------------------------------------------------------

    def _match_sql(self, match: TextMatch, language: str, ranked: bool = True):
        """SQL selecting ``item_id`` (rows of ``language``, the page's) and ``rank`` (higher is
        better) of the rows matching the text, with the thing's bonus when ``ranked``."""
        infix, infix_params = _infix(match)
        thing, thing_params = _thing(match) if ranked else ("", [])
        if connection.vendor == "sqlite":
            sql = (
                f"SELECT rowid AS item_id, -bm25({FTS_TABLE}, 0, 10.0, 1.0) + 1000 AS rank"
                f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND language = %s"
                " UNION ALL SELECT d.item_id, 0 AS rank FROM search_itemdocument d"
                f" WHERE d.language = %s AND {infix}"
            )
            params = [_fts_expression(match), match.language, match.language, *infix_params]
            if ranked:
                sql = (
                    f"SELECT u.item_id, u.rank + CASE WHEN {thing} THEN {THING_BONUS} ELSE 0 END"
                    f" AS rank FROM ({sql}) AS u"
                    " JOIN search_itemdocument d ON d.item_id = u.item_id"
                )
                params = [*thing_params, *params]
        else:
            config, tsquery = pg_config(match.language), _tsquery(match)
            bonus = f" + CASE WHEN {thing} THEN {THING_BONUS} ELSE 0 END" if ranked else ""
            sql = (
                "SELECT d.item_id, CASE WHEN d.vector @@ to_tsquery(%s::regconfig, %s)"
                " THEN 1000 + ts_rank(d.vector, to_tsquery(%s::regconfig, %s)) ELSE 0 END"
                f"{bonus} AS rank FROM search_itemdocument d WHERE d.language = %s AND"
                f" (d.vector @@ to_tsquery(%s::regconfig, %s) OR ({infix}))"
            )
            params = [config, tsquery, config, tsquery, *thing_params, match.language]
            params += [config, tsquery, *infix_params]
        if match.language != language:
            # Another language's texts matched: the same items in the page's language.
            sql = (
                f"SELECT p.item_id, m.rank FROM ({sql}) AS m"
                " JOIN search_itemdocument o ON o.item_id = m.item_id"
                " JOIN search_itemdocument p ON p.source_id = o.source_id AND p.language = %s"
            )
            params.append(language)
        return sql, params

    def _ranked_page(self, scope, match: TextMatch, language: str, start: int, size: int):
        """Ids of one page of the matching rows within ``scope``, best first, in one query."""
        sql, params = self._match_sql(match, language)
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

    def _matching_text(self, rows, match: TextMatch, language: str):
        """Item rows or index rows (both keyed by the item id) that match the text."""
        if not match.groups:
            return rows
        sql, params = self._match_sql(match, language, ranked=False)
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

    def search(self, query: CatalogueQuery, match: TextMatch | None = None) -> SearchResult:
        """One page of results and the facet counts; ``match`` is what the text means
        (search/understanding.py), the words as typed by default."""
        locale = locale_for(query.language)
        if locale is None:
            return SearchResult(query=query, items=[], total=0, facets={}, backend=self.name)
        match = match or plain(query.text, query.language)
        terms = match.words
        documents = self._documents(query.language)
        base = self._matching_text(documents, match, query.language)
        start = (query.page - 1) * query.per_page
        # The items with no free copy in the window, read once: the "available" filter and
        # the facet counts all ask (docs/architecture.md, "One availability rule").
        blocked = blocked_items(*window(query))

        if query.sort == "relevance" and terms:
            # Rank within the filtered rows; the text match itself is the outer query.
            filtered = self._filter(documents, query, blocked)
            page_ids = self._ranked_page(filtered, match, query.language, start, query.per_page)
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
        match = plain(text, language)
        locale = locale_for(language)
        if not match.groups or locale is None:
            return []
        names = (
            self._matching_text(self._scope(locale), match, language)
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
