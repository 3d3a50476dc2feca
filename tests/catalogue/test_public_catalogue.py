"""The public catalogue as a visitor sees it: search, facets, paging, item pages, bad input."""

import datetime
import json
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from catalogue.models import Copy
from home.models import CatalogueIndexPage
from tests import factories
from tests.catalogue.factories import first_copy, set_copies_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(db):
    """A small site with a catalogue page in nl/fr/en and a few translated items."""
    trees = factories.build_site_tree()
    tools = trees["nl"].initiative
    tools.slug, tools.lends_items, tools.default_deposit = "instrumentheek", True, 20
    tools.save()
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus", intro="Zoek en leen.")
    trees["nl"].home.add_child(instance=catalogue)
    factories.publish(catalogue)
    for code in ("fr", "en"):
        factories.translate(catalogue, code, title=f"Catalogue [{code}]")
    drills = factories.build_category(
        "Boren", "boren", icon="drill", translations={"fr": "Perceuses", "en": "Drills"}
    )
    ladders = factories.build_category(
        "Ladders", "ladders", icon="ladder", translations={"fr": "Échelles", "en": "Ladders"}
    )
    items = {
        "drill": factories.build_item(
            tools,
            drills,
            "Klopboormachine Bosch",
            "IN-0001",
            brand="Bosch",
            description="Boort in beton.",
            contents="Koffer\nExtra handgreep",
            deposit=25,
            loan_days=7,
            translations={
                "fr": {"name": "Perceuse à percussion Bosch"},
                "en": {"name": "Hammer drill Bosch"},
            },
        ),
        "ladder": factories.build_item(
            tools,
            ladders,
            "Reformladder",
            "IN-0002",
            status=Copy.Status.IN_REPAIR,
            translations={"fr": {"name": "Échelle"}, "en": {"name": "Ladder"}},
        ),
    }
    for number in range(3, 31):
        factories.build_item(tools, drills, f"Accuboormachine {number}", f"IN-{number:04}")
    return {"trees": trees, "catalogue": catalogue, "items": items}


def text_of(response):
    return plain(response.content.decode())


def plain(html):
    html = re.sub(r"(?s)<(script|style).*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_search_shows_results_facets_and_a_count(client, shop):
    response = client.get("/nl/catalogus/", {"q": "klopboor"})
    assert response.status_code == 200
    text = text_of(response)
    assert "1 voorwerp" in text or "1 item" in text
    assert "Klopboormachine Bosch" in text
    assert 'href="/nl/catalogus/instrumentheek/klopboormachine-bosch/"' in response.content.decode()


def test_choosing_a_facet_gives_as_many_results_as_it_said(client, shop):
    response = client.get("/nl/catalogus/", {"q": ""})  # the search button, nothing typed
    html = response.content.decode()
    facets = re.findall(
        r'<a class="facet[^"]*" href="([^"]+)"[^>]*>.*?<span class="facet__count">(\d+)</span>',
        html,
    )
    assert len(facets) >= 4
    for href, count in facets:
        chosen = client.get("/nl/catalogus/" + href.replace("&amp;", "&"))
        shown = re.search(r'class="results__count"[^>]*>\s*(\d+)', chosen.content.decode())
        assert shown and shown.group(1) == count, href


def test_results_are_paged_and_sorted(client, shop):
    first = client.get("/nl/catalogus/", {"sort": "name"})
    html = first.content.decode()
    assert 'rel="next"' in html
    names = re.findall(r'class="item-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert names == sorted(names) and len(names) == 24
    second = client.get("/nl/catalogus/", {"sort": "name", "page": 2})
    assert len(re.findall(r'class="item-card__title"', second.content.decode())) == 6


def test_nothing_found_offers_help(client, shop):
    response = client.get("/nl/catalogus/", {"q": "olifant", "category": "ladders"})
    text = text_of(response)
    assert response.status_code == 200
    assert "0 " in text
    assert 'href="?q=olifant"' in response.content.decode(), "a link that drops the filters"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "x" * 10_000}, 200),
        ({"q": "boor\x00machine"}, 200),
        ({"q": "title:* OR 1=1"}, 200),
        ({"q": '"'}, 200),
        ({"category": "bestaat-niet", "initiative": "<script>"}, 200),
        ({"age": "999", "sort": "prijs"}, 200),
        ({"page": "-1"}, 400),
        ({"page": "abc"}, 400),
        ({"page": "999999"}, 400),
        ({"page": "40"}, 200),
    ],
)
def test_hostile_input_gets_a_clean_page(client, shop, params, status):
    response = client.get("/nl/catalogus/", params)
    assert response.status_code == status
    assert b"<h1" in response.content
    assert b"<script>" not in response.content.split(b"</head>")[1].replace(
        b'<script src="/static/js/suggest.js" defer></script>', b""
    )


def test_the_item_page_shows_terms_plans_and_status(client, shop):
    response = client.get("/nl/catalogus/instrumentheek/klopboormachine-bosch/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Klopboormachine Bosch" in text
    assert "Extra handgreep" in text
    assert "7 dagen" in text or "7 days" in text
    assert "€ 25" in text
    assert "Jaarabonnement" in text or "Standaardtarief" in text or "Standard tariff" in text
    assert (
        'href="/nl/initiatieven/instrumentheek/#hours-heading"' in response.content.decode()
        or "#hours-heading" in response.content.decode()
    )
    ladder = text_of(client.get("/nl/catalogus/instrumentheek/reformladder/"))
    assert "Reformladder" in ladder
    assert "€ 20" in ladder, "the initiative's deposit applies when the item has none"


def test_an_item_lent_out_today_says_so_on_its_card_and_page_in_every_language(client, shop):
    from lending.models import Reservation

    drill = shop["items"]["drill"]
    today = timezone.localdate()

    def card(name):
        html = client.get("/en/catalogus/", {"q": "drill"}).content.decode()
        found = re.search(rf"(?s)<li class=\"item-card\">(?:(?!</li>).)*?{name}.*?</li>", html)
        return plain(found.group(0)) if found else ""

    assert "Available" in card("Hammer drill Bosch")
    Reservation.objects.create(
        item=drill,
        copy=first_copy(drill),
        pickup_date=today - datetime.timedelta(days=1),
        return_date=today + datetime.timedelta(days=2),
        status=Reservation.Status.PICKED_UP,
    )
    lent = card("Hammer drill Bosch")
    assert "Lent out today" in lent and "Available" not in lent
    page = text_of(client.get("/en/catalogus/instrumentheek/klopboormachine-bosch/"))
    assert "Lent out today" in page and "Available to borrow" not in page
    other = client.get("/nl/catalogus/instrumentheek/accuboormachine-3/").content.decode()
    assert "status--open" in other and "status--busy" not in other
    assert (
        "status--busy"
        in client.get("/fr/catalogus/instrumentheek/klopboormachine-bosch/").content.decode()
    )


def test_the_item_page_has_structured_data_and_alternates(client, shop):
    response = client.get("/nl/catalogus/instrumentheek/klopboormachine-bosch/")
    html = response.content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Product"
    assert data["name"] == "Klopboormachine Bosch"
    assert data["brand"]["name"] == "Bosch"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["url"].endswith("/nl/catalogus/instrumentheek/klopboormachine-bosch/")
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w\w)" href="([^"]+)"', html))
    assert alternates["fr"].endswith("/fr/catalogus/instrumentheek/klopboormachine-bosch/")
    assert alternates["en"].endswith(
        "/en/catalogue/instrumentheek/klopboormachine-bosch/"
    ) or alternates["en"].endswith("/en/catalogus/instrumentheek/klopboormachine-bosch/")
    french = client.get(alternates["fr"].split("testserver")[-1])
    assert "Perceuse à percussion Bosch" in text_of(french)


def test_a_language_link_leads_to_the_same_item(client, shop):
    html = client.get("/nl/catalogus/instrumentheek/klopboormachine-bosch/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert "/fr/catalogus/instrumentheek/klopboormachine-bosch/" in switcher


@pytest.mark.parametrize(
    "path",
    [
        "/nl/catalogus/instrumentheek/BESTAAT-NIET/",
        "/nl/catalogus/andere/klopboormachine-bosch/",
    ],
)
def test_unknown_items_are_not_found(client, shop, path):
    assert client.get(path).status_code == 404


def test_retired_and_unpublished_items_are_not_shown(client, shop):
    drill = shop["items"]["drill"]
    set_copies_status(drill, Copy.Status.RETIRED)
    assert client.get("/nl/catalogus/instrumentheek/klopboormachine-bosch/").status_code == 404
    assert client.get("/fr/catalogus/instrumentheek/klopboormachine-bosch/").status_code == 404
    assert "Klopboormachine" not in text_of(client.get("/nl/catalogus/", {"q": "klopboor"}))


def test_suggestions_and_the_site_search(client, shop):
    with translation.override("nl"):
        suggest, site_search = reverse("catalogue_suggestions"), reverse("site_search")
    assert suggest == "/nl/zoeken/suggesties/"
    assert client.get(suggest, {"q": "klopb"}).json()["suggestions"] == ["Klopboormachine Bosch"]
    assert client.get(suggest, {"q": "\x00" * 3}).json()["suggestions"] == []
    found = text_of(client.get(site_search, {"q": "klopboormachine"}))
    assert "Klopboormachine Bosch" in found
    pages = text_of(client.get(site_search, {"q": "Gereedschapsbib"}))
    assert "Gereedschapsbib" in pages
    assert client.get(site_search, {"q": "x" * 10_000}).status_code == 200


def test_the_number_of_queries_does_not_grow_with_the_results(client, shop):
    """A search makes at most 12 queries and an item page at most 10, however many results
    there are (the page tree, site and settings come from the cache once warm)."""

    def queries(url, data=None):
        client.get(url, data)  # warm the shared caches, as a running site has them
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, data)
        assert response.status_code == 200
        return len(captured), response

    one, response = queries("/nl/catalogus/", {"q": "klopboormachine", "available": "1"})
    assert "1 voorwerp voor" in text_of(response)
    many, response = queries("/nl/catalogus/", {"category": "boren", "sort": "name"})
    assert len(re.findall(r'class="item-card', response.content.decode())) > 20
    assert one == many
    assert many <= 12
    item, _response = queries("/nl/catalogus/instrumentheek/klopboormachine-bosch/")
    assert item <= 10

    # With reservations on, the page also shows the form and the calendar of eight weeks.
    tools = shop["trees"]["nl"].initiative
    tools.reservations_enabled = True
    factories.publish(tools)
    for language in ("nl", "fr"):
        catalogue = CatalogueIndexPage.objects.get(locale__language_code=language)
        item, response = queries(f"{catalogue.url}instrumentheek/klopboormachine-bosch/")
        assert 'class="availability' in response.content.decode()
        assert item <= 10, language


def test_free_for_a_period_leaves_out_items_reserved_then(client, shop):
    from lending.models import Reservation

    today = timezone.localdate()
    drill = shop["items"]["drill"]
    Reservation.objects.create(
        item=drill,
        copy=first_copy(drill),
        pickup_date=today + datetime.timedelta(days=3),
        return_date=today + datetime.timedelta(days=5),
        status=Reservation.Status.CONFIRMED,
    )
    period = {
        "from": (today + datetime.timedelta(days=4)).isoformat(),
        "to": (today + datetime.timedelta(days=6)).isoformat(),
    }
    response = client.get("/nl/catalogus/", {"q": "boormachine", **period})
    assert response.status_code == 200
    page = text_of(response)
    assert "Klopboormachine Bosch" not in page
    assert "Accuboormachine 3" in page
    assert f'value="{period["from"]}"' in response.content.decode(), "the dates stay filled in"
    assert "Vrij van" in page, "the period shows among the active filters, with a remove link"
    after = (today + datetime.timedelta(days=6)).isoformat()
    later = {"from": after, "to": after}
    assert "Klopboormachine Bosch" in text_of(client.get("/nl/catalogus/", {"q": "klop", **later}))


@pytest.mark.parametrize(
    "period, message",
    [
        ({"from": "morgen", "to": "2026-13-45"}, "Kies de data"),
        ({"from": "2999-01-02", "to": "2999-01-01"}, "voor het begin"),
        ({"from": "2000-01-01", "to": "2000-01-02"}, "verleden"),
        ({"from": "9999-01-01"}, "een jaar"),
    ],
)
def test_a_period_that_cannot_be_is_refused_with_a_message(client, shop, period, message):
    response = client.get("/nl/catalogus/", period)
    assert response.status_code == 400
    assert message in text_of(response)
