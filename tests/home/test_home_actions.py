"""The home page leads with what people come for (something to borrow, today's hours, how to
join) and lets the open initiatives stand out (docs/architecture.md, "Phone first")."""

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache

from wagtail.models import Site

from core.models import SiteSettings
from home.models import CatalogueIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


@pytest.fixture
def site(home, index):
    """A catalogue, a tariffs page chosen in the site settings, and three initiatives: one
    open on Monday morning, one on Monday afternoon, one on Tuesday."""
    cache.clear()
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    home.add_child(instance=catalogue)
    factories.publish(catalogue)
    tariffs = factories.build_content_page(home)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tariffs_page = tariffs
    settings.save()
    factories.build_initiative(index, "Ochtendbib", slots=[("0", "09:00", "12:00")])
    factories.build_initiative(index, "Middagbib", slots=[("0", "14:00", "18:00")])
    factories.build_initiative(index, "Dinsdagbib", slots=[("1", "10:00", "12:00")])
    return home, catalogue, tariffs


def test_the_home_page_leads_with_a_catalogue_search_and_how_to_join(client, site, freeze_time):
    home, catalogue, tariffs = site
    freeze_time(2026, 11, 16, 10)  # a Monday
    html = soup(client.get(home.url))
    form = html.select_one(".hero form.primary-search")
    assert form["action"] == catalogue.url and form["method"] == "get"
    assert form.select_one("input[type=search]")["name"] == "q"
    assert form.select_one("label")["for"] == form.select_one("input")["id"]
    assert form.select_one("a.primary-search__browse")["href"] == catalogue.url
    actions = html.select(".hero .primary-actions a")
    assert actions[0]["href"] == "#open-today"
    assert text_of(actions[0]) == "Openingsuren vandaag Nu open tot 12:00"
    assert actions[1]["href"] == tariffs.url
    assert "Lid worden" in text_of(actions[1]) and "sociaal tarief" in text_of(actions[1])


def test_open_initiatives_stand_out_and_closed_ones_say_when_they_open(client, site, freeze_time):
    home, *_ = site
    freeze_time(2026, 11, 16, 10)
    html = soup(client.get(home.url))
    strip = html.select(".open-today li")
    assert [text_of(li.a) for li in strip] == ["Ochtendbib", "Middagbib"]  # open now first
    assert strip[0]["class"] == ["is-open-now"] and "Nu open" in text_of(strip[0])
    statuses = {
        text_of(card.select_one(".card__title")): card.select_one(".status")
        for card in html.select(".cards--initiatives .card")
    }
    assert "status--open" in statuses["Ochtendbib"]["class"]
    assert text_of(statuses["Ochtendbib"]) == "Nu open tot 12:00"
    assert text_of(statuses["Middagbib"]) == "Vandaag open 14:00–18:00"
    assert "status--quiet" in statuses["Dinsdagbib"]["class"]
    assert text_of(statuses["Dinsdagbib"]) == "Volgende opening: morgen, 10:00"
    assert not html.select(".cards .status--closed"), "no red 'closed' on the cards"


def test_after_hours_the_day_is_over_and_cards_name_the_weekday(client, site, freeze_time):
    home, *_ = site
    freeze_time(2026, 11, 17, 19)  # Tuesday evening: everyone is closed
    html = soup(client.get(home.url))
    assert [li["class"] for li in html.select(".open-today li")] == [["is-over"]]
    cards = {
        text_of(card.select_one(".card__title")): text_of(card.select_one(".status"))
        for card in html.select(".cards--initiatives .card")
    }
    assert cards["Ochtendbib"] == "Volgende opening: maandag 09:00"
    hero = text_of(html.select_one(".hero .primary-actions li"))
    assert "Volgende opening: maandag 09:00" in hero
    footer = text_of(html.select_one(".site-footer .building-status"))
    assert "maandag 23 november, 09:00" in footer, "the footer says the same"
