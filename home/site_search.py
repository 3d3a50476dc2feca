"""The site-wide search page: pages and catalogue items in the visitor's language."""

from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page

from initiatives.models import EventPage
from search.api import CatalogueQuery, clean_text, search_catalogue

from .models import CatalogueIndexPage

PAGES_SHOWN = 20
ITEMS_SHOWN = 6


@require_GET
def site_search(request):
    """Pages and catalogue items in the visitor's language."""
    language = translation.get_language()
    text = clean_text(request.GET.get("q", "")[:1000])
    locale = Locale.objects.filter(language_code=language).first()
    pages, items, total_items, catalogue = [], [], 0, None
    if text and locale is not None:
        # The text is cleaned first: the stock backend fails on raw hostile input.
        pages = pages_then_sessions(text, locale)
        catalogue = CatalogueIndexPage.objects.live().filter(locale=locale).first()
        if catalogue is not None:
            result = search_catalogue(
                CatalogueQuery(text=text, language=language, per_page=ITEMS_SHOWN)
            )
            items, total_items = result.items, result.total
            for item in items:
                item.url = catalogue.item_url(item, request)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "text": text,
            "pages": pages,
            "items": items,
            "total_items": total_items,
            "catalogue": catalogue,
        },
    )


def pages_then_sessions(text, locale):
    """The pages that match in their order of relevance, then the sessions (event pages)
    that match: the coming ones by date, then those that are over, latest first and marked
    `is_past`. Two searches, so however many sessions a repair café has held, they never
    push its own page out of the list."""
    found = Page.objects.live().public().filter(locale=locale).exclude(depth__lte=1)
    pages = list(found.not_type(EventPage).search(text, operator="and")[:PAGES_SHOWN])
    sessions = EventPage.objects.live().public().filter(locale=locale)
    sessions = list(sessions.search(text, operator="and")[: PAGES_SHOWN * 3])
    now = timezone.now()
    for session in sessions:
        session.is_past = session.end < now
    coming = sorted((s for s in sessions if not s.is_past), key=lambda s: s.start)
    past = sorted((s for s in sessions if s.is_past), key=lambda s: s.start, reverse=True)
    return (pages + coming + past)[:PAGES_SHOWN]
