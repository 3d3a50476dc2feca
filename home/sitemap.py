"""sitemap.xml with the pages of every language, each with its hreflang alternates.

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
    for group in by_key.values():
        alternates = [{"lang_code": e["language"], "location": e["location"]} for e in group]
        for entry in group:
            entry["alternates"] = alternates if len(group) > 1 else []
    return entries


@require_GET
def sitemap(request):
    return render(
        request,
        "sitemap.xml",
        {"urlset": sitemap_entries(request)},
        content_type="application/xml",
    )
