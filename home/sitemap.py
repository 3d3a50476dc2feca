"""sitemap.xml with the pages of every language, each with its hreflang alternates, and the
catalogue's items: one address per item and language (docs/architecture.md, "Items and
copies"), never one per copy.

Wagtail's own sitemap lists only the default language's tree and no alternates.
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail.models import Page


def sitemap_entries(request):
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .exclude(content_type__model__in=["page"])
        .select_related("locale")
        .order_by("path")
    )
    entries = []
    by_key = {}
    for page in pages:
        url = page.get_url(request)
        if not url:
            continue
        url = request.build_absolute_uri(url)
        entry = {
            "location": url,
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
        }
        entries.append(entry)
        by_key.setdefault(page.translation_key, []).append(entry)
    for entry, key in item_entries(request):
        entries.append(entry)
        by_key.setdefault(("item", key), []).append(entry)
    for group in by_key.values():
        alternates = [{"lang_code": e["language"], "location": e["location"]} for e in group]
        for entry in group:
            entry["alternates"] = alternates if len(group) > 1 else []
    return entries


def item_entries(request):
    """(entry, translation key) of every public item row whose language has a live catalogue
    page: the catalogue's address in that language, the initiative's and the item's slug."""
    from catalogue.models import Item

    from .models import CatalogueIndexPage

    catalogues = {}
    for page in CatalogueIndexPage.objects.live().public().select_related("locale"):
        url = page.get_url(request)
        if url:
            catalogues[page.locale_id] = (request.build_absolute_uri(url), page.locale)
    rows = (
        Item.objects.public()
        .filter(locale_id__in=catalogues)
        .select_related("initiative")
        .only("slug", "translation_key", "locale_id", "updated_at", "initiative__slug")
        .order_by("initiative__slug", "slug", "locale_id")
    )
    for item in rows:
        base, locale = catalogues[item.locale_id]
        entry = {
            "location": f"{base}{item.initiative.slug}/{item.slug}/",
            "lastmod": item.updated_at,
            "language": locale.language_code,
        }
        yield entry, item.translation_key


@require_GET
def sitemap(request):
    return render(
        request,
        "sitemap.xml",
        {"urlset": sitemap_entries(request)},
        content_type="application/xml",
    )
