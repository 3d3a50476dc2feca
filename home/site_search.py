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
        pages = list(
            Page.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(depth__lte=1)
            .search(text, operator="and")[:PAGES_SHOWN]
        )
        pages = sessions_after_pages(pages)
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


def sessions_after_pages(pages):
    """The pages in their order of relevance, then the sessions (event pages) by date, then
    the sessions that are over, marked `is_past`: a repair café's page ranks above its
    sessions, and next month's session above last year's (one query)."""
    now = timezone.now()
    events = {
        pk: (start, end)
        for pk, start, end in EventPage.objects.filter(
            pk__in=[page.pk for page in pages]
        ).values_list("pk", "start", "end")
    }

    def order(page):
        if page.pk not in events:
            return (0, 0)  # sorted() keeps the order of relevance within a group
        start = events[page.pk][0]
        return (2, -start.timestamp()) if page.is_past else (1, start.timestamp())

    for page in pages:
        page.is_past = page.pk in events and events[page.pk][1] < now
    return sorted(pages, key=order)
