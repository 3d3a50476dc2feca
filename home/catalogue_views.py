"""The public catalogue: the landing page, the search page with facets and the item page.

All are routes of CatalogueIndexPage; the landing page (no search, no filter) is
``catalogue_landing``. The search page only talks to ``search.api``; which
backend answers is configuration. Reserving from the item page is the lending app's
(``lending/views.py``).
"""

from __future__ import annotations

import datetime
import logging
from urllib.parse import urlencode

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from catalogue.models import Category, Copy, Item
from core.languages import default_language, is_source
from core.links import absolute_url
from core.params import positive_int
from initiatives.models import InitiativePage
from lending import views as reservations
from lending import waiting_views
from lending.availability import with_lent_out
from search.api import MAX_PAGE, SORTS, CatalogueQuery, InvalidQuery, search_catalogue
from search.backends.base import categories_in, initiatives_in, page_language

from .catalogue_landing import is_landing, landing_context, landing_query

logger = logging.getLogger(__name__)

# Query-string names of the facets, and of the other parameters a search keeps.
PARAMETERS = {"q": "text", "initiative": "initiative", "category": "category", "age": "age_group"}


class BadSearch(Exception):
    pass


def read_query(request, language: str) -> CatalogueQuery:
    """A CatalogueQuery from the query string; raises BadSearch with a message for the visitor."""
    values = {field: request.GET.get(name, "")[:1000] for name, field in PARAMETERS.items()}
    values["available"] = request.GET.get("available") == "1"
    values["exact"] = request.GET.get("exact") == "1"
    values["available_between"] = read_period(request.GET.get("from"), request.GET.get("to"))
    sort = request.GET.get("sort") or "relevance"
    values["sort"] = sort if sort in SORTS else "relevance"
    page = positive_int(request.GET.get("page") or "1", maximum=MAX_PAGE)
    if page is None:
        raise BadSearch(_("That page of results does not exist."))
    try:
        return CatalogueQuery(language=language, page=page, **values)
    except InvalidQuery as error:  # pragma: no cover - read_query checks first
        raise BadSearch(_("That search cannot be answered.")) from error


# How far ahead the "available between" filter looks, as far as reservations can be made.
PERIOD_HORIZON = datetime.timedelta(days=365)


def read_period(start: str | None, end: str | None):
    """The (first day, last day) of an "available between" filter, or None when not asked."""
    start, end = (start or "").strip()[:20], (end or "").strip()[:20]
    if not start and not end:
        return None
    try:
        first = datetime.date.fromisoformat(start or end)
        last = datetime.date.fromisoformat(end or start)
    except ValueError:
        raise BadSearch(_("Choose the dates of the period from the calendar.")) from None
    today = timezone.localdate()
    if last < first:
        raise BadSearch(_("The end of the period comes before its start."))
    if first < today:
        raise BadSearch(_("The period cannot start in the past."))
    if last > today + PERIOD_HORIZON:
        raise BadSearch(_("Items can be reserved at most a year ahead: choose an earlier period."))
    return first, last


def _link(parameters: dict, **changes) -> str:
    merged = {**parameters, **changes}
    merged = {key: value for key, value in merged.items() if value not in ("", None, False)}
    return "?" + urlencode(merged) if merged else "?"


def _parameters(query: CatalogueQuery) -> dict:
    parameters = {name: getattr(query, field) for name, field in PARAMETERS.items()}
    parameters["available"] = "1" if query.available else ""
    first, last = query.available_between or ("", "")
    parameters["from"], parameters["to"] = str(first), str(last)
    parameters["sort"] = "" if query.sort == "relevance" else query.sort
    parameters["exact"] = "1" if query.exact else ""
    return parameters


def _search_notes(result, query: CatalogueQuery, parameters: dict) -> dict:
    """What the page says when the search forgave the words: the corrected words with the way
    back to the exact ones, or the language whose names matched (search/understanding.py)."""
    notes = {}
    if result.corrected:
        notes["exact_url"] = _link(parameters, exact="1", page="")
    if result.other_language:
        notes["page_language_name"] = language_name(query.language, query.language)
        notes["other_language_name"] = language_name(result.other_language, query.language)
    return notes


def language_name(code: str, in_language: str) -> str:
    """A language's name as written in a sentence of another ("het Frans", "en néerlandais")."""
    with translation.override(in_language):
        name = str(get_language_info(code)["name_translated"])
    return name.lower() if in_language == "fr" else name


def catalogue_search(request, page):
    """The catalogue page: the landing page, a search with facets, or a message when the query
    cannot be read."""
    language = page_language(page)
    context = page.get_context(request)
    if is_landing(request):
        query = landing_query(language)
        result = search_catalogue(query)
        _name_items(result, page, request, language)
        context.update(query=query, result=result, **landing_context(result, language))
        return TemplateResponse(request, "catalogue/catalogue_index_page.html", context)
    try:
        query = read_query(request, language)
    except BadSearch as error:
        context.update(error=str(error), query=CatalogueQuery(language=language), result=None)
        return TemplateResponse(request, "catalogue/catalogue_index_page.html", context, status=400)
    labelled = _item_of_label(page, query.text)
    if labelled is not None:
        return redirect(page.item_url(labelled, request))
    result = search_catalogue(query)
    parameters = _parameters(query)
    _link_facets(result, parameters)
    _name_items(result, page, request, language)
    context.update(
        query=query,
        result=result,
        active_filters=_active_filters(result, query, parameters),
        sorts=_sort_links(query, parameters),
        pages=_page_links(query, result, parameters),
        clear_url=_link({"q": query.text, "exact": parameters["exact"]}),
        **_search_notes(result, query, parameters),
        period={"from": parameters["from"], "to": parameters["to"]},
        today=timezone.localdate().isoformat(),
        browse_categories=Category.objects.filter(locale=page.locale, parent=None)
        if not result.total
        else [],
    )
    return TemplateResponse(request, "catalogue/catalogue_index_page.html", context)


def _link_facets(result, parameters: dict) -> None:
    """Give every facet value the address that selects it (or, when selected, drops it)."""
    for facet, values in result.facets.items():
        name = {"text": "q", "age_group": "age"}.get(facet, facet)
        for value in values:
            for choice in [value, *value.children]:
                if facet == "available":
                    choice.url = _link(
                        parameters, available="" if choice.selected else "1", page=""
                    )
                else:
                    choice.url = _link(
                        parameters, **{name: "" if choice.selected else choice.key, "page": ""}
                    )


def _active_filters(result, query: CatalogueQuery, parameters: dict) -> list[dict]:
    """The filters in force, each with the address that removes it."""
    active = [
        {"label": value.label, "url": value.url}
        for values in result.facets.values()
        for top in values
        for value in [top, *top.children]
        if value.selected
    ]
    if query.available_between:
        first, last = query.available_between
        active.append(
            {
                "label": _("Free from %(first)s to %(last)s")
                % {"first": date_format(first, "j F"), "last": date_format(last, "j F Y")},
                "url": _link(parameters, **{"from": "", "to": "", "page": ""}),
            }
        )
    return active


def _sort_links(query: CatalogueQuery, parameters: dict) -> list[dict]:
    return [
        {
            "key": key,
            "label": label,
            "url": _link(parameters, sort="" if key == "relevance" else key, page=""),
            "current": key == query.sort,
        }
        for key, label in (
            ("relevance", _("relevance")),
            ("newest", _("newest first")),
            ("name", _("name")),
        )
    ]


def _page_links(query: CatalogueQuery, result, parameters: dict) -> dict:
    """First, previous and next page, and up to three page numbers either side."""
    numbers = range(max(1, query.page - 3), min(result.num_pages, query.page + 3) + 1)
    return {
        "first": _link(parameters, page=""),
        "previous": _link(parameters, page=query.page - 1) if result.has_previous else "",
        "next": _link(parameters, page=query.page + 1) if result.has_next else "",
        "numbers": [
            {
                "number": number,
                "url": _link(parameters, page=number),
                "current": number == query.page,
            }
            for number in numbers
        ],
    }


def _name_items(result, page, request, language: str) -> None:
    """Each result's address and its initiative's name in the page's language."""
    titles = {key: title for _slug, key, title in initiatives_in(language)}
    for item in result.items:
        item.url = page.item_url(item, request)
        item.initiative_title = titles.get(item.initiative.translation_key, item.initiative.title)


class MovedToItem(Exception):
    """The address named a copy's code: the item's own address is ``url``."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


def _item_context(request, page, initiative_slug, slug):
    """The item page's context (404 when the item is not in this language's catalogue)."""
    items = Item.objects.filter(
        locale_id=page.locale_id, initiative__slug=initiative_slug, slug=slug
    ).public()
    item = with_lent_out(
        items.for_cards().with_loan_days().with_source_text().select_related("category__parent")
    ).first()
    if item is None:
        moved = _item_of_copy(page, initiative_slug, slug)
        if moved is not None:
            raise MovedToItem(page.item_url(moved, request))
        raise Http404(_("This item is not in the catalogue."))
    initiative = (
        InitiativePage.objects.filter(
            translation_key=item.initiative.translation_key, locale_id=page.locale_id
        )
        .prefetch_related("plans")
        .first()
        or item.initiative
    )
    if is_source(item.initiative):
        # The item's initiative is the default-language page whose hours and rules count.
        initiative.hours_source = item.initiative
    category = next(
        (
            c
            for c in categories_in(page_language(page))
            if c.translation_key == item.category.translation_key
        ),
        item.category,
    )
    languages = set(
        Item.objects.filter(translation_key=item.translation_key, live=True).values_list(
            "locale__language_code", flat=True
        )
    )
    route = f"{initiative_slug}/{slug}/"
    untranslated = untranslated_attrs(item)
    context = page.get_context(request)
    context.update(
        item=item,
        name_attrs=untranslated("name"),
        description_attrs=untranslated("description"),
        initiative=initiative,
        category=category,
        plans=list(initiative.plans.all()),
        route_path=route,
        route_languages=languages,
        item_url=absolute_url(page, request) + route,
        item_path=page.get_url(request) + route,
    )
    context["structured_data"] = structured_data(
        item, category, context["initiative"], context["item_url"], request
    )
    return context


def _item_of_label(page, text):
    """The item (in the page's language) of the copy whose label code is the whole query
    ("IN-0003"): a volunteer or member with the thing in hand goes straight to its page.
    Codes are not part of the search text, so that an item with many copies does not rank
    lower than one with few."""
    code = text.strip()
    if not code or len(code) > 30 or " " in code or not any(ch.isdigit() for ch in code):
        return None
    copy = Copy.objects.filter(code__iexact=code).select_related("item__initiative").first()
    if copy is None:
        return None
    return _item_of_copy(page, copy.item.initiative.slug, copy.code)


def _item_of_copy(page, initiative_slug, code):
    """The item, in the page's language, of the copy with this code at this initiative."""
    copy = (
        Copy.objects.filter(code=code, item__initiative__slug=initiative_slug)
        .select_related("item")
        .first()
    )
    if copy is None:
        return None
    return (
        Item.objects.filter(translation_key=copy.item.translation_key, locale_id=page.locale_id)
        .public()
        .select_related("initiative")
        .first()
    )


def item_detail(request, page, initiative_slug, slug):
    try:
        context = _item_context(request, page, initiative_slug, slug)
    except MovedToItem as moved:
        return HttpResponsePermanentRedirect(moved.url)
    reservations.add_reservation_context(request, context)
    return TemplateResponse(request, "catalogue/item_page.html", context)


def reserve_item(request, page, initiative_slug, slug):
    """The item page's ``reserve/`` route: reserving it, and the confirmation afterwards."""
    try:
        context = _item_context(request, page, initiative_slug, slug)
    except MovedToItem as moved:
        return HttpResponsePermanentRedirect(moved.url + "reserve/")
    return reservations.reserve(request, context)


def wait_for_item(request, page, initiative_slug, slug):
    """The item page's ``wait/`` route: joining the item's waiting list (POST)."""
    try:
        context = _item_context(request, page, initiative_slug, slug)
    except MovedToItem as moved:
        return HttpResponsePermanentRedirect(moved.url)
    return waiting_views.join(request, context)


def untranslated_attrs(item):
    """`` lang="nl"`` for a field of a translation that still shows the source text (an item
    published in Dutch is in every language at once: catalogue/translations.py)."""

    def attrs(field):
        source_text = getattr(item, f"source_{field}", None)
        if is_source(item) or not source_text or source_text != getattr(item, field):
            return ""
        return format_html(' lang="{}"', default_language())

    return attrs


def structured_data(item, category, initiative, url, request):
    """schema.org Product for the item, with what borrowing it costs as a deposit."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.name,
        "url": url,
        "category": category.name,
        "itemCondition": "https://schema.org/UsedCondition",
        "inLanguage": item.locale.language_code,
    }
    data["offers"] = {
        "@type": "Offer",
        "businessFunction": "http://purl.org/goodrelations/v1#LeaseOut",
        "price": "0",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock"
        if item.is_available and not item.is_lent_out
        else "https://schema.org/OutOfStock",
        "seller": {"@type": "Organization", "name": initiative.title},
    }
    if item.description:
        data["description"] = item.description
    if item.brand:
        data["brand"] = {"@type": "Brand", "name": item.brand}
    images = list(item.images.all())
    if images:
        data["image"] = [
            request.build_absolute_uri(images[0].image.get_rendition("fill-1200x630").url)
        ]
    return data
