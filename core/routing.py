"""Serving pages without re-reading the page tree on every request.

Wagtail finds the page for a URL by walking the tree one query per level, then checks view
restrictions on the page and its ancestors (two more queries), and reads the site and its
settings: about eight queries before a page does any work of its own. Here the site, the
live pages' addresses, the pages themselves and the site settings are kept in the cache
behind the layout version that every page, site, settings or privacy change bumps
(``core.layout_cache``), so a warm request starts with none of those queries.

The result is handed to Wagtail's own ``serve`` view through the attributes it caches on the
request, so every hook, routable page and privacy check runs exactly as before.

This needs a cache that every process shares (``settings.ROUTE_CACHE``): with a cache per
process, another worker would go on serving an unpublished or newly private page until its
copy expired. Production turns it on with ``REDIS_URL``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import get_language

from wagtail.models import Page, PageViewRestriction, Site

from .layout_cache import cached, locale_for


def _site_for(request) -> Site | None:
    host, port = request.get_host(), request.get_port()

    def build():
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - loaded now, so the cached copy carries it
        return site or False

    return cached(f"site:{host}:{port}", build) or None


def _addresses(site: Site, language: str) -> dict[str, int]:
    """{path below the language's home page, without slashes at the ends: page id} of the
    live pages of this site in this language."""

    def build():
        root = site.root_page.localized
        start = len(root.url_path)
        rows = Page.objects.live().descendant_of(root, inclusive=True)
        return {
            url_path[start:].strip("/"): pk for pk, url_path in rows.values_list("pk", "url_path")
        }

    return cached(f"addresses:{site.pk}:{language}", build)


def _page(pk: int):
    return cached(f"page:{pk}", lambda: Page.objects.get(pk=pk).specific)


def _site_settings(site: Site):
    from .models import SiteSettings

    def build():
        settings = SiteSettings.for_site(site)
        # Loaded now, so the cached copy carries them.
        settings.tariffs_page  # noqa: B018
        settings.privacy_page  # noqa: B018
        settings.accessibility_page  # noqa: B018
        return settings

    return cached(f"site-settings:{site.pk}", build)


def prime(request, path: str) -> None:
    """Put the site, the route and the site settings on the request, from the cache."""
    from .models import SiteSettings

    site = _site_for(request)
    request._wagtail_site = site
    if site is None:
        return
    site_settings = _site_settings(site)
    site_settings._request = request
    setattr(request, SiteSettings.get_cache_attr_name(), site_settings)

    components = [component for component in path.split("/") if component]
    addresses = _addresses(site, get_language())
    for length in range(len(components), -1, -1):
        pk = addresses.get("/".join(components[:length]))
        if pk is not None:
            break
    else:
        return  # not under this site's home page: Wagtail decides
    try:
        # A routable page resolves the rest of the path itself, without a query.
        request._wagtail_route_for_request = _page(pk).route(request, components[length:])
    except Http404:
        request._wagtail_route_for_request = None


def serve(request, path):
    """Wagtail's page view, with the route taken from the cache when it is known."""
    from wagtail.views import serve as wagtail_serve  # loads models: not at import time

    if settings.ROUTE_CACHE and request.method in ("GET", "HEAD"):
        prime(request, path)
    try:
        return wagtail_serve(request, path)
    except Http404:
        target = request.method in ("GET", "HEAD") and address_in_language(request, path)
        if target:
            return HttpResponsePermanentRedirect(target)
        raise


def address_in_language(request, path: str) -> str | None:
    """The address of the page that `path` names in another language's tree, in the language
    of the request: "/fr/initiatieven/babytheek/" → "/fr/initiatives/bebetheque/", keeping a
    sub-route ("catalogus/instrumentheek/IN-0001/") and the query string. None when no other
    tree has it, or it has no live translation in this language.

    Translated pages have addresses of their own language, so an address with another
    language's slugs (an old link, a bookmark from before a translation was renamed, a
    visitor switching the language prefix by hand) still leads to the page. Runs only on a
    404: a few queries per other language.
    """
    site = _site_for(request)
    locale = locale_for(get_language())
    components = [component for component in path.split("/") if component]
    if site is None or locale is None or not components:
        return None
    homes = Page.objects.filter(translation_key=site.root_page.translation_key).exclude(
        locale=locale
    )
    for home in homes.specific():
        try:
            page, _args, _kwargs = home.route(request, components)
        except Http404:
            continue
        translated = page.get_translation_or_none(locale)
        url = translated.get_url(request) if translated is not None and translated.live else None
        if not url:
            return None
        rest = "/".join(components[page.depth - home.depth :])
        target = url + (f"{rest}/" if rest else "")
        if target == request.path:
            return None
        query = request.META.get("QUERY_STRING")
        return f"{target}?{query}" if query else target
    return None


def restricted_paths() -> frozenset[str]:
    """Tree paths of the pages that carry a view restriction or are aliases (whose
    restrictions are their source's): only below those does Wagtail's own check run."""

    def build():
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        return frozenset([*restricted, *aliases])

    return cached("restricted-paths", build)


class CachedPrivacyMixin:
    """Pages whose view-restriction check costs no query when nothing above them is private."""

    def get_view_restrictions(self):
        if not settings.ROUTE_CACHE:
            return super().get_view_restrictions()
        paths = restricted_paths()
        steps = range(Page.steplen, len(self.path) + 1, Page.steplen)
        if paths and any(self.path[:end] in paths for end in steps):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
