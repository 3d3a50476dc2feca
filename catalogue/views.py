"""The public catalogue: the search page with facets, the item page and reserving an item.

All are routes of CatalogueIndexPage. The search page only talks to ``search.api``; which
backend answers is configuration.
"""

from __future__ import annotations

import datetime
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.links import absolute_url
from home.params import positive_int
from initiatives.models import InitiativePage
from members.models import Member
from search.api import MAX_PAGE, SORTS, CatalogueQuery, InvalidQuery, search_catalogue
from search.backends.base import categories_in, initiatives_in, page_language

from . import availability
from .forms import ReservationForm
from .models import Category, Item, ItemImage, Reservation

logger = logging.getLogger(__name__)

# Query-string names of the facets, and of the other parameters a search keeps.
PARAMETERS = {"q": "text", "initiative": "initiative", "category": "category", "age": "age_group"}


class BadSearch(Exception):
    pass


def read_query(request, language: str) -> CatalogueQuery:
    """A CatalogueQuery from the query string; raises BadSearch with a message for the visitor."""
    values = {field: request.GET.get(name, "")[:1000] for name, field in PARAMETERS.items()}
    values["available"] = request.GET.get("available") == "1"
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
    return parameters


def catalogue_search(request, page):
    language = page_language(page)
    context = page.get_context(request)
    try:
        query = read_query(request, language)
    except BadSearch as error:
        context.update(error=str(error), query=CatalogueQuery(language=language), result=None)
        return TemplateResponse(request, "catalogue/catalogue_index_page.html", context, status=400)
    result = search_catalogue(query)
    parameters = _parameters(query)
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
    sorts = [
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
    pages = {
        "first": _link(parameters, page=""),
        "previous": _link(parameters, page=query.page - 1) if result.has_previous else "",
        "next": _link(parameters, page=query.page + 1) if result.has_next else "",
        "numbers": [
            {
                "number": number,
                "url": _link(parameters, page=number),
                "current": number == query.page,
            }
            for number in range(max(1, query.page - 3), min(result.num_pages, query.page + 3) + 1)
        ],
    }
    titles = {key: title for _slug, key, title in initiatives_in(language)}
    for item in result.items:
        item.url = page.item_url(item, request)
        item.initiative_title = titles.get(item.initiative.translation_key, item.initiative.title)
    context.update(
        query=query,
        result=result,
        active_filters=active,
        sorts=sorts,
        pages=pages,
        clear_url=_link({"q": query.text}),
        period={"from": parameters["from"], "to": parameters["to"]},
        today=timezone.localdate().isoformat(),
        browse_categories=Category.objects.filter(locale=page.locale, parent=None)
        if not result.total
        else [],
    )
    return TemplateResponse(request, "catalogue/catalogue_index_page.html", context)


def _item_context(request, page, initiative_slug, code):
    """The item page's context (404 when the item is not in this language's catalogue)."""
    item = (
        Item.objects.filter(locale_id=page.locale_id, initiative__slug=initiative_slug, code=code)
        .public()
        .with_source_status()
        .with_lent_out()
        .select_related("initiative", "category", "category__parent", "locale")
        .prefetch_related(
            Prefetch(
                "images",
                queryset=ItemImage.objects.select_related("image")
                .prefetch_related("image__renditions")
                .order_by("sort_order"),
            )
        )
        .first()
    )
    if item is None:
        raise Http404(_("This item is not in the catalogue."))
    initiative = (
        InitiativePage.objects.filter(
            translation_key=item.initiative.translation_key, locale_id=page.locale_id
        )
        .prefetch_related("plans")
        .first()
        or item.initiative
    )
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
    route = f"{initiative_slug}/{code}/"
    context = page.get_context(request)
    context.update(
        item=item,
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


def item_detail(request, page, initiative_slug, code):
    context = _item_context(request, page, initiative_slug, code)
    _add_reservation_context(request, context)
    return TemplateResponse(request, "catalogue/item_page.html", context)


# Reserving an item -------------------------------------------------------------------------


def rules_initiative(initiative):
    """The default-language initiative page: its flags and limits are the ones that count
    (a translation's synchronized copy is only as fresh as its last synchronisation)."""
    return initiative.hours_source


def takes_reservations(initiative) -> bool:
    source = rules_initiative(initiative)
    return bool(source.lends_items and source.reservations_enabled)


def login_url(next_path: str) -> str:
    """``settings.LOGIN_URL`` with ``?next=``; "" while the log-in page does not exist."""
    try:
        base = resolve_url(settings.LOGIN_URL)
    except NoReverseMatch:
        logger.warning("LOGIN_URL %r does not resolve: no log-in link", settings.LOGIN_URL)
        return ""
    return f"{base}?{urlencode({'next': next_path})}"


def member_of(user):
    """The Member profile of a logged-in user, or None."""
    if not user.is_authenticated:
        return None
    return Member.objects.filter(user=user).first()


def _add_reservation_context(request, context, form=None, member=None):
    """The reserve section and the availability calendar, when the initiative takes
    reservations online."""
    item, initiative = context["item"], context["initiative"]
    if not takes_reservations(initiative):
        context["reservations_enabled"] = False
        return
    context["reservations_enabled"] = True
    context["auto_confirm"] = rules_initiative(initiative).auto_confirm
    context["reserve_path"] = context["item_path"] + "reserve/"
    context["calendar"] = availability.calendar(item, initiative.schedule)
    context["weekdays"] = availability.weekday_names()
    if not request.user.is_authenticated:
        context["login_url"] = login_url(context["item_path"] + "#reserve")
        return
    member = member or member_of(request.user)
    context["member"] = member
    if member is not None and item.is_available:
        context["reservation_form"] = form or ReservationForm(
            item=item, member=member, initiative=initiative
        )


def reserve_item(request, page, initiative_slug, code):
    """POST: reserve the item (then redirect to the confirmation); GET: the confirmation
    of one of the member's own reservations (``?reservation=<id>``), else the item page."""
    context = _item_context(request, page, initiative_slug, code)
    item, initiative = context["item"], context["initiative"]
    if not takes_reservations(initiative):
        raise Http404(_("This item cannot be reserved online."))
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        url = login_url(context["item_path"] + "#reserve")
        return redirect(url or context["item_path"])
    member = member_of(request.user)
    if request.method != "POST":
        return _confirmation(request, context, member)
    if member is None:
        _add_reservation_context(request, context)
        return TemplateResponse(request, "catalogue/item_page.html", context, status=403)
    form = ReservationForm(request.POST, item=item, member=member, initiative=initiative)
    if form.is_valid():
        reservation = form.save(by=request.user)
        if reservation is not None:
            query = urlencode({"reservation": reservation.pk})
            return redirect(f"{context['item_path']}reserve/?{query}")
    _add_reservation_context(request, context, form=form, member=member)
    return TemplateResponse(request, "catalogue/item_page.html", context)


def _confirmation(request, context, member):
    number = positive_int(request.GET.get("reservation", ""))
    if number is None or member is None:
        return redirect(context["item_path"] + "#reserve")
    reservation = (
        Reservation.objects.filter(
            pk=number, member=member, item__translation_key=context["item"].translation_key
        )
        .select_related("item")
        .first()
    )
    if reservation is None:
        # Another member's reservation, or none at all: nothing to show either way.
        raise Http404(_("This reservation does not exist."))
    context.update(reservation=reservation, member=member)
    return TemplateResponse(request, "catalogue/reservation_done.html", context)


def structured_data(item, category, initiative, url, request):
    """schema.org Product for the item, with what borrowing it costs as a deposit."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.name,
        "url": url,
        "sku": item.code,
        "category": category.name,
        "itemCondition": {
            Item.Condition.NEW: "https://schema.org/NewCondition",
        }.get(item.condition, "https://schema.org/UsedCondition"),
        "inLanguage": item.locale.language_code,
    }
    data["offers"] = {
        "@type": "Offer",
        "businessFunction": "http://purl.org/goodrelations/v1#LeaseOut",
        "price": "0",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock"
        if item.is_available
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
