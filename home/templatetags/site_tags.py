"""Template tags for the site frame: navigation, language switcher, footer hours, images.

Every tag here makes a fixed number of queries, whatever the number of pages it shows.
"""

import json

from django import template
from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from core.layout_cache import locale_for
from initiatives.hours import status_at

register = template.Library()

CONTENT_LANGUAGES = dict(settings.WAGTAIL_CONTENT_LANGUAGES)


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _active_locale(context):
    """Locale.get_active(), looked up once per request."""
    request = context.get("request")
    language = translation.get_language()
    cached = getattr(request, "_deelfabriek_locale", None)
    if cached is not None and cached[0] == language:
        return cached[1]
    locale = locale_for(language)
    if request is not None:
        request._deelfabriek_locale = (language, locale)
    return locale


def _home_for(locale):
    from home.models import HomePage

    if locale is None:
        return None
    return HomePage.objects.live().filter(locale=locale).first()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The pages shown in the main navigation of the active language.

    Each item says whether it is the current page (`current == "page"`) or one of its
    ancestors (`current == "true"`), for aria-current.
    """
    home = _home_for(_active_locale(context))
    if home is None:
        return []
    page = _current_page(context)
    items = list(home.get_children().live().public().in_menu())
    for item in items:
        item.current = ""
        if page is not None:
            if item.pk == page.pk:
                item.current = "page"
            elif page.path.startswith(item.path):
                item.current = "true"
    return items


@register.simple_tag(takes_context=True)
def home_url(context):
    """The address of the home page of the active language."""
    home = _home_for(_active_locale(context))
    if home is not None:
        url = home.get_url(context.get("request"))
        if url:
            return url
    return f"/{translation.get_language() or settings.LANGUAGE_CODE}/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per content language to the same page, or its nearest translated ancestor."""
    page = _current_page(context)
    request = context.get("request")
    active = translation.get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    links = []
    translations = {}
    ancestors = []
    if page is not None:
        translations = {
            p.locale_id: p for p in page.get_translations(inclusive=True).live().public()
        }
        ancestor_keys = list(
            page.get_ancestors().filter(depth__gt=1).values_list("translation_key", flat=True)
        )
        ancestors = list(
            Page.objects.live()
            .public()
            .filter(translation_key__in=ancestor_keys)
            .order_by("-depth")
        )
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale = locales.get(code)
        url, fallback = None, False
        if page is not None and locale is not None:
            target = translations.get(locale.pk)
            if target is None:
                target = next((a for a in ancestors if a.locale_id == locale.pk), None)
                fallback = target is not None
            if target is not None:
                url = target.get_url(request)
                route = context.get("route_path")
                if route and not fallback:
                    # A route of a page (a catalogue item): the same route where it exists.
                    if code in context.get("route_languages", ()):
                        url += route
                    else:
                        fallback = True
                if fallback:
                    url += "?untranslated=1"
        if url is None:
            url = f"/{code}/"
            fallback = page is not None and not page.is_root()
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == active,
                "fallback": fallback,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates of the current page: only real translations."""
    page = _current_page(context)
    request = context.get("request")
    if page is None:
        return []
    links = []
    route = context.get("route_path", "")
    for translated in (
        page.get_translations(inclusive=True).live().public().select_related("locale")
    ):
        url = translated.get_url(request)
        if route:
            if translated.locale.language_code not in context.get("route_languages", ()):
                continue
            url += route
        if url:
            url = request.build_absolute_uri(url) if request else url
            links.append({"code": translated.locale.language_code, "url": url})
    return sorted(links, key=lambda link: link["code"])


@register.simple_tag(takes_context=True)
def content_language(context):
    """` lang=".." dir="auto"` for the page's own text when it is not in the interface
    language (an interface-only language such as Arabic shows Dutch pages)."""
    page = _current_page(context)
    if page is None:
        return ""
    language = translation.get_language()
    active = _active_locale(context)
    if active is not None and active.language_code == language and page.locale_id == active.pk:
        return ""
    code = page.locale.language_code
    if code == language:
        return ""
    return format_html(' lang="{}" dir="auto"', code)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute address of the current page, built like the hreflang alternates."""
    page = _current_page(context)
    request = context.get("request")
    if page is None:
        return ""
    url = page.get_url(request)
    if url and context.get("route_path"):
        url += context["route_path"]
    if url and request is not None:
        url = request.build_absolute_uri(url)
    return url or ""


@register.simple_tag(takes_context=True)
def fallback_note(context):
    """When the visitor asked for a language the page they read is not in, say so."""
    request = context.get("request")
    return bool(request and request.GET.get("untranslated"))


@register.inclusion_tag("includes/building_hours.html", takes_context=True)
def building_hours(context):
    """The building's hours this week and whether it is open now: during its own hours, its
    initiatives' hours and their sessions, the rule the home page uses too
    (`home.models.building_presence`; a fixed number of queries, the footer is cached)."""
    from home.models import HomePage, building_presence, default_home_page

    home = default_home_page()
    if home is None:
        return {"week": []}
    locale = _active_locale(context)
    translated = None
    if locale is not None and locale.pk != home.locale_id:
        translated = HomePage.objects.filter(
            translation_key=home.translation_key, locale=locale
        ).first()
    now = timezone.localtime()
    building = building_presence(translated_from=translated, now=now, home=home)
    return {"week": building.week(now.date()), "today": now.date()} | status_at(building, now)


@register.simple_tag
def prefetch_images(pages, field="image"):
    """Fetch the renditions of the pages' images in one query (the images must be loaded,
    for example with select_related). Renders nothing."""
    images = [getattr(page, field) for page in pages if getattr(page, f"{field}_id", None)]
    if images:
        renditions = get_image_model().get_rendition_model().objects.all()
        prefetch_related_objects(
            images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
        )
    return ""


@register.filter
def json_ld(data):
    """Render a dict as a JSON-LD script body, safe inside <script>."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return mark_safe(  # noqa: S308 - escaped for a <script> element just above
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )


@register.filter
def weekday_name(day):
    from initiatives.opening_hours import WEEKDAYS

    return dict(WEEKDAYS)[day]


@register.filter
def starts_with(value, prefix):
    return str(value).startswith(str(prefix))


@register.filter
def translated(page):
    """``page.localized`` (its live translation in the active language, else the page itself)
    with the active locale read from the cache instead of a query on every page."""
    if page is None:
        return page
    locale = locale_for(translation.get_language())
    if locale is None or locale.pk == page.locale_id:
        return page
    translation_ = page.get_translation_or_none(locale)
    return translation_ if translation_ is not None and translation_.live else page
