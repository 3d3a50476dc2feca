"""Template tags that lead from other pages into the catalogue."""

from urllib.parse import urlencode

from django import template

from core.layout_cache import cached, locale_for
from home.models import CatalogueIndexPage
from search.backends.base import initiatives_in, page_language
from search.models import ItemDocument

register = template.Library()


def catalogue_url(language: str, request=None) -> str:
    """The address of the catalogue page of a language ("" when it has none); kept with the
    layout cache, which every page change renews."""

    def build():
        locale = locale_for(language)
        page = locale and CatalogueIndexPage.objects.live().public().filter(locale=locale).first()
        return (page and page.get_url(request)) or ""

    return cached(f"catalogue-url:{language}", build)


@register.simple_tag(takes_context=True)
def initiative_catalogue(context, initiative):
    """{"url", "count"}: the catalogue filtered on an initiative, with its number of items to
    borrow in the page's language; None when it lends nothing there. One query (a count)."""
    language = page_language(initiative)
    # Items are filtered by the default-language slug (a translation has its own address).
    slug = next(
        (
            slug
            for slug, key, _title in initiatives_in(language)
            if key == initiative.translation_key
        ),
        initiative.slug,
    )
    count = ItemDocument.objects.filter(language=language, initiative=slug).count()
    url = catalogue_url(language, context.get("request")) if count else ""
    if not url:
        return None
    return {"url": f"{url}?{urlencode({'initiative': slug})}", "count": count}
