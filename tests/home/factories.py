"""Factories and builders of the site's own pages: the home page, content pages and news."""

import datetime

import factory
import wagtail_factories

from wagtail.models import Page, Site

from home.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from tests.core.factories import LANGUAGES, locales, publish


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Welkom in De Deelfabriek"
    slug = "home"
    intro = "Delen in Kortrijk"


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContentPage

    title = "Tarieven"
    slug = "tarieven"
    intro = "Standaard en sociaal tarief"
    show_in_menus = True
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Het sociaal tarief is de helft.</p>"}]
    )


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nieuws"
    slug = "nieuws"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    date = datetime.date(2026, 11, 2)
    intro = "Nieuws uit de Deelfabriek"


def build_home(**fields):
    """A Dutch home page as the default site's root, replacing Wagtail's welcome page."""
    locale = locales()["nl"]
    root = Page.get_first_root_node()
    root.get_children().exclude(locale__language_code__in=LANGUAGES[1:]).delete()
    home = HomePageFactory(parent=root, locale=locale, **fields)
    publish(home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


def build_content_page(parent, title="Tarieven", slug="tarieven"):
    return publish(ContentPageFactory(parent=parent, title=title, slug=slug))


def build_news(home):
    index = publish(NewsIndexPageFactory(parent=home))
    article = publish(
        NewsPageFactory(
            parent=index,
            title="Europese prijs voor de Deelfabriek",
            slug="europese-prijs",
            date=datetime.date(2026, 11, 2),
        )
    )
    return index, article
