"""The site-wide search page: pages and catalogue items in the visitor's language."""

from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page

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
