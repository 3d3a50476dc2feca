"""The demo site around the initiatives: home page, content pages, news, catalogue page, settings.

Texts come from demo/pages.py and demo/catalogue.py; every page is made through
`DemoLoader.ensure` (demo/loader.py), so what exists is left as it is.
"""

import datetime

from wagtail.models import Locale, Page, Site

from core.models import SiteSettings
from demo import catalogue as demo_catalogue
from demo import pages as demo_pages
from demo.dates import parse_slot
from demo.loader import LANGUAGES
from demo.search_words import build_search_words
from home.models import (
    BuildingOpeningException,
    BuildingOpeningSlot,
    CatalogueIndexPage,
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
)
from home.setup_site import remove_welcome_page
from initiatives.models import InitiativeIndexPage, InitiativePage

# the home page and the Wagtail site -----------------------------------------------------------


def home_page(loader):
    data = demo_pages.HOME
    nl = loader.locales["nl"]
    root = Page.get_first_root_node()
    body = loader.bodies("home", data["body"])
    exceptions = [loader.exception(spec) for spec in demo_pages.BUILDING_EXCEPTIONS]

    def build():
        remove_welcome_page(root)
        return HomePage(
            slug=data["slug"],
            locale=nl,
            title=data["title"]["nl"],
            intro=data["intro"]["nl"],
            hero_image=loader.images[data["image"]],
            body=body("nl"),
            building_slots=[
                BuildingOpeningSlot(sort_order=i, **parse_slot(slot, loader.today))
                for i, slot in enumerate(demo_pages.BUILDING_HOURS)
            ],
            building_exceptions=[
                BuildingOpeningException(sort_order=i, locale=nl, **fields)
                for i, (fields, _reasons) in enumerate(exceptions)
            ],
        )

    def translate(page, code):
        loader.set_texts(page, {"title": data["title"], "intro": data["intro"]}, code)
        page.body = body(code)
        loader.set_child_texts(
            page.building_exceptions.all(),
            loader.child_reasons(loader.pages[data["slug"]], exceptions),
            code,
        )

    home = loader.ensure(root, HomePage, data["slug"], "home page", build, translate)
    site(loader, home)
    return home


def site(loader, home):
    """The default Wagtail site shows the home page at localhost:80."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    wanted = {
        "hostname": "localhost",
        "port": 80,
        "root_page_id": home.pk,
        "is_default_site": True,
        "site_name": "De Deelfabriek",
    }
    if site is None:
        Site.objects.create(**wanted)
        loader.say("site: localhost:80 – created")
    elif any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
        loader.say("site: localhost:80 – now shows the home page")
    else:
        loader.say("site: localhost:80 – already loaded")


# pages under the home page --------------------------------------------------------------------


def simple_page(loader, parent, model, data, label):
    """A page with only a title and an intro (the overviews, the catalogue)."""

    def build():
        return model(
            slug=data["slug"],
            locale=loader.locales["nl"],
            title=data["title"]["nl"],
            intro=data["intro"]["nl"],
            show_in_menus=True,
        )

    def translate(page, code):
        loader.set_texts(page, {"title": data["title"], "intro": data["intro"]}, code)

    return loader.ensure(parent, model, data["slug"], label, build, translate)


def content_page(loader, home, data):
    body = loader.bodies(f"content/{data['slug']}", data["body"])

    def build():
        return ContentPage(
            slug=data["slug"],
            locale=loader.locales["nl"],
            title=data["title"]["nl"],
            intro=data["intro"]["nl"],
            body=body("nl"),
            show_in_menus=data.get("in_menu", True),
        )

    def translate(page, code):
        loader.set_texts(page, {"title": data["title"], "intro": data["intro"], "body": body}, code)

    return loader.ensure(home, ContentPage, data["slug"], "content page", build, translate)


def news_page(loader, index, data):
    body = loader.bodies(f"news/{data['slug']}", data["body"])

    def build():
        return NewsPage(
            slug=data["slug"],
            locale=loader.locales["nl"],
            date=datetime.date.fromisoformat(data["date"]),
            title=data["title"]["nl"],
            intro=data["intro"]["nl"],
            image=loader.images[data["image"]],
            body=body("nl"),
        )

    def translate(page, code):
        loader.set_texts(page, {"title": data["title"], "intro": data["intro"], "body": body}, code)

    return loader.ensure(index, NewsPage, data["slug"], "news", build, translate)


def initiative_index(loader, home):
    """The overview of the initiatives; the initiatives come later (demo/initiative_pages.py)."""
    return simple_page(
        loader, home, InitiativeIndexPage, demo_pages.INDEXES["initiatives"], "initiatives overview"
    )


def content_pages(loader, home):
    """The content pages, in the order of demo/pages.py, which is the order of the menu; then
    the privacy notice and the accessibility statement, outside the menu."""
    for data in demo_pages.CONTENT_PAGES:
        content_page(loader, home, data)
    for data in demo_pages.TRUST_PAGES:
        content_page(loader, home, data)


def news(loader, home):
    """The news overview and its articles."""
    index = simple_page(loader, home, NewsIndexPage, demo_pages.INDEXES["news"], "news overview")
    for data in demo_pages.NEWS:
        news_page(loader, index, data)


# site settings --------------------------------------------------------------------------------

# The settings that point at a page, and the slug of the demo page they point at.
SETTINGS_PAGES = {
    "tariffs_page": "tarieven",
    "privacy_page": "privacy",
    "accessibility_page": "toegankelijkheid",
}


def site_settings(loader, home):
    """Fill the empty site settings (contact details, the tariffs, privacy and accessibility
    pages); keep what is set."""
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    changed = []
    for name, value in demo_pages.SITE.items():
        if name != "name" and not getattr(settings, name):
            setattr(settings, name, value)
            changed.append(name)
    for field, slug in SETTINGS_PAGES.items():
        if getattr(settings, f"{field}_id") is None and slug in loader.pages:
            setattr(settings, field, loader.pages[slug])
            changed.append(field)
    if changed:
        settings.save()
        loader.say(f"site settings: {', '.join(changed)} – set")
    else:
        loader.say("site settings: already loaded")


# the catalogue --------------------------------------------------------------------------------


def catalogue(loader, synthetic=0):
    """The catalogue page and the items of the lending initiatives (and `synthetic` more)."""
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
    home = HomePage.objects.get(locale=locales["nl"], depth=2)
    simple_page(loader, home, CatalogueIndexPage, demo_catalogue.CATALOGUE_PAGE, "catalogue")
    initiatives = {
        page.slug: page
        for page in InitiativePage.objects.filter(locale=locales["nl"], lends_items=True)
    }
    demo_catalogue.build_items(initiatives, locales, say=loader.say)
    build_search_words(locales, say=loader.say)
    if synthetic:
        demo_catalogue.build_synthetic(synthetic, initiatives, locales, say=loader.say)
