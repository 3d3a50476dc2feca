"""What every catalogue backend shares: loading result rows and labelling facet counts.

A backend finds matching item ids and counts facet values; this module turns those into the
``SearchResult`` a view renders, with a fixed number of queries whatever the number of hits.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from core.languages import in_default_language
from core.layout_cache import cached, locale_for  # noqa: F401 - the backends' import
from lending.availability import with_lent_out

from ..api import CatalogueQuery, FacetValue, SearchResult


class Backend:
    name = "base"
    unavailable_errors: tuple[type[BaseException], ...] = ()

    def search(self, query: CatalogueQuery, match=None) -> SearchResult:  # pragma: no cover
        """``match``: what the text means (search.understanding.TextMatch)."""
        raise NotImplementedError

    def autocomplete(self, text: str, language: str, limit: int) -> list[str]:  # pragma: no cover
        raise NotImplementedError


def page_language(page) -> str:
    """The language code of a page's locale, without a query once known."""
    return cached(f"locale-code:{page.locale_id}", lambda: page.locale.language_code)


def initiatives_in(language: str) -> list[tuple[str, str, str]]:
    """(slug, translation key, title) of the initiatives in a language; cached with the layout.

    The slug is the default-language page's: items are indexed and filtered by it, while a
    translated page has an address of its own language (docs/architecture.md, "Phone first")."""
    from initiatives.models import InitiativePage

    def build():
        rows = list(
            InitiativePage.objects.filter(locale__language_code=language).values_list(
                "slug", "translation_key", "title"
            )
        )
        sources = in_default_language(
            InitiativePage.objects.filter(translation_key__in=[key for _slug, key, _t in rows])
        )
        slugs = dict(sources.values_list("translation_key", "slug"))
        return [(slugs.get(key, slug), key, title) for slug, key, title in rows]

    return cached(f"initiatives:{language}", build)


def categories_in(language: str) -> list:
    from catalogue.models import Category

    return cached(
        f"categories:{language}",
        lambda: list(
            Category.objects.filter(locale__language_code=language).select_related("parent")
        ),
    )


def hydrate(ids: list[int]) -> list:
    """The Item rows with these ids, in this order, with what a result card shows.

    Costs a fixed number of queries: items (with initiative, category and source status) and
    their first photos.
    """
    from catalogue.models import Item

    if not ids:
        return []
    rows = with_lent_out(Item.objects.filter(pk__in=ids).for_cards())
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def facet_values(query: CatalogueQuery, counts: dict[str, dict[str, int]]) -> dict:
    """Turn raw counts into labelled facet values in the query's language.

    ``counts`` maps a facet name to {value key: count}; keys are initiative slugs, category
    slugs (main and sub categories alike), age group keys and, for "available", "yes".
    Values with a count of zero are left out unless selected.
    """
    facets = {
        "initiative": _initiative_values(query, counts.get("initiative", {})),
        "category": _category_values(query, counts.get("category", {})),
    }
    with override(query.language):
        facets["age_group"] = _age_values(query, counts.get("age_group", {}))
        available = counts.get("available", {}).get("yes", 0)
        facets["available"] = [
            FacetValue(
                key="yes", label=_("Available now"), count=available, selected=query.available
            )
        ]
    return facets


def _initiative_values(query: CatalogueQuery, counts: dict[str, int]) -> list[FacetValue]:
    return sorted(
        (
            FacetValue(
                key=slug,
                label=title,
                count=counts.get(slug, 0),
                selected=slug == query.initiative,
            )
            for slug, _key, title in initiatives_in(query.language)
            if counts.get(slug) or slug == query.initiative
        ),
        key=lambda value: value.label.lower(),
    )


def _category_values(query: CatalogueQuery, counts: dict[str, int]) -> list[FacetValue]:
    """Main categories in their order, each with its subcategories that have results."""
    categories = categories_in(query.language)

    def in_order(rows):
        return sorted(rows, key=lambda c: (c.sort_order, c.name.lower()))

    def value(category, children=()):
        return FacetValue(
            key=category.slug,
            label=category.name,
            count=counts.get(category.slug, 0),
            selected=category.slug == query.category,
            icon=category.emoji,
            children=list(children),
        )

    values = []
    for main in in_order(c for c in categories if c.parent_id is None):
        subcategories = in_order(
            c
            for c in categories
            if c.parent_id is not None and _parent_key(c) == main.translation_key
        )
        children = [
            value(child)
            for child in subcategories
            if counts.get(child.slug) or child.slug == query.category
        ]
        shown = value(main, children)
        if shown.count or shown.selected or any(child.selected for child in children):
            values.append(shown)
    return values


def _age_values(query: CatalogueQuery, counts: dict[str, int]) -> list[FacetValue]:
    from catalogue.models import AGE_GROUPS

    return [
        FacetValue(
            key=key, label=str(label), count=counts.get(key, 0), selected=key == query.age_group
        )
        for key, label, _low, _high in AGE_GROUPS
        if counts.get(key) or key == query.age_group
    ]


def _parent_key(category):
    """The translation key of a category's parent; parents are synchronized to the
    default-language row, so compare by translation key, not by id."""
    return category.parent.translation_key if category.parent_id else None
