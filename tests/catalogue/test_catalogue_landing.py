"""The catalogue as a visitor browses it: the landing page before any search, the results
with their "Filter" disclosure, and the initiative page's link to its own items."""

import datetime
import re

import pytest
import wagtail_factories

from django.utils import timezone

from catalogue.models import ItemImage
from home.models import CatalogueIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lenders_site(db):
    """A site in nl/fr/en with a catalogue, two lending initiatives and one that lends
    nothing; tools (with a drills subcategory) and bikes, a photo on one drill."""
    trees = factories.build_site_tree()
    index = trees["nl"].index
    tools = factories.build_initiative(
        index, "Instrumentheek", slug="instrumentheek", lends_items=True
    )
    bikes = factories.build_initiative(index, "Fietsbib", slug="fietsbib", lends_items=True)
    for code in ("fr", "en"):
        factories.translate(tools, code, title={"fr": "Outilthèque", "en": "Tool library"}[code])
        factories.translate(bikes, code, title=f"Fietsbib [{code}]")
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    trees["nl"].home.add_child(instance=catalogue)
    factories.publish(catalogue)
    for code in ("fr", "en"):
        factories.translate(catalogue, code, title=f"Catalogue [{code}]")
    tools_category = factories.build_category(
        "Gereedschap", "gereedschap", icon="tools", translations={"fr": "Outils", "en": "Tools"}
    )
    drills = factories.build_category(
        "Boren", "boren", parent=tools_category, translations={"fr": "Perceuses", "en": "Drills"}
    )
    bike_category = factories.build_category(
        "Fietsen", "fietsen", icon="bike", translations={"fr": "Vélos", "en": "Bikes"}
    )
    now = timezone.now()

    def item(initiative, category, name, code, days_ago, fr, copies=1):
        return factories.build_item(
            initiative,
            category,
            name,
            code,
            copies=copies,
            created_at=now - datetime.timedelta(days=days_ago),
            translations={"fr": {"name": fr}, "en": {"name": name}},
        )

    drill = item(tools, drills, "Klopboor", "IN-0001", 30, "Perceuse à percussion")
    item(tools, drills, "Schroefboor", "IN-0002", 20, "Visseuse")
    item(tools, tools_category, "Hamer", "IN-0003", 10, "Marteau")
    # One item with three copies: one card, one count.
    item(bikes, bike_category, "Kinderfiets", "FB-0001", 1, "Vélo d'enfant", copies=3)
    photo = wagtail_factories.ImageFactory(title="Klopboor")
    for row in drill.get_translations(inclusive=True):
        ItemImage.objects.create(item=row, image=photo)
    return {"trees": trees, "tools": tools, "bikes": bikes}


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def plain(html):
    html = re.sub(r"(?s)<(script|style).*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(html, heading_id):
    found = re.search(rf'(?s)<section[^>]*aria-labelledby="{heading_id}".*?</section>', html)
    assert found, heading_id
    return found.group(0)


def tiles(html):
    """(name, count, href) of each category tile."""
    return [
        (name, int(count), href.replace("&amp;", "&"))
        for href, name, count in re.findall(
            r'(?s)<a class="category-tile__link" href="([^"]+)">.*?'
            r'category-tile__name">([^<]+)<.*?category-tile__count">(\d+)',
            html,
        )
    ]


def count_of(response):
    return int(re.search(r'class="results__count"[^>]*>\s*(\d+)', html_of(response)).group(1))


def test_the_landing_page_offers_category_tiles_with_counts_and_photos(client, lenders_site):
    html = html_of(client.get("/nl/catalogus/"))
    assert 'class="item-card"' not in section(html, "landing-categories")
    assert tiles(html) == [
        ("Fietsen", 1, "?category=fietsen"),
        ("Gereedschap", 3, "?category=gereedschap"),
    ]
    photo = re.search(r'<img class="category-tile__image"[^>]*>', html).group(0)
    assert 'loading="lazy"' in photo and 'alt=""' in photo
    assert re.search(r'width="\d+" height="\d+"', photo), "no layout shift while it loads"
    assert 'category-tile__image--empty" aria-hidden="true"' in html, "bikes have no photo"
    assert "facets__disclosure" not in html, "no filters before a search"
    assert "noindex" not in html
    for name, count, href in tiles(html):
        assert count_of(client.get("/nl/catalogus/" + href)) == count, name


def test_the_landing_page_shows_the_newest_items_once_each(client, lenders_site):
    html = html_of(client.get("/nl/catalogus/"))
    new = section(html, "landing-new")
    names = re.findall(r'class="item-card__title"><a href="[^"]+">([^<]+)</a>', new)
    assert names == ["Kinderfiets", "Hamer", "Schroefboor", "Klopboor"]
    assert 'href="/nl/catalogus/fietsbib/kinderfiets/"' in new
    assert "3 van 3 nu beschikbaar" in plain(new), "one card for the three copies"
    assert 'href="?sort=newest"' in new
    assert "?sort=name" in html and "De hele catalogus (4 voorwerpen)" in plain(html)


def test_the_landing_page_leads_to_each_lending_initiative(client, lenders_site):
    html = html_of(client.get("/nl/catalogus/"))
    links = re.findall(
        r'<li><a href="([^"]+)"><span class="initiative-links__name">([^<]+)</span> '
        r'<span class="initiative-links__count">(\d+)',
        section(html, "landing-initiatives"),
    )
    assert links == [
        ("?initiative=fietsbib", "Fietsbib", "1"),
        ("?initiative=instrumentheek", "Instrumentheek", "3"),
    ]
    assert count_of(client.get("/nl/catalogus/?initiative=instrumentheek")) == 3


@pytest.mark.parametrize(
    ("language", "headings", "tile"),
    [
        ("fr", ["Parcourir les catégories", "Nouveautés du catalogue"], ("Outils", 3)),
        ("en", ["Browse the categories", "New in the catalogue"], ("Tools", 3)),
    ],
)
def test_the_landing_page_speaks_the_pages_language(client, lenders_site, language, headings, tile):
    html = html_of(client.get(f"/{language}/catalogus/"))
    text = plain(html)
    assert all(heading in text for heading in headings)
    assert tile in [(name, count) for name, count, _href in tiles(html)]
    if language == "fr":
        assert "Outilthèque" in section(html, "landing-initiatives")
        assert "Vélo d'enfant" in text or "Vélo d&#x27;enfant" in html


@pytest.mark.parametrize("params", [{"q": ""}, {"sort": "name"}, {"page": "1"}, {"q": "boor"}])
def test_a_search_or_any_parameter_shows_the_results_with_a_filter_disclosure(
    client, lenders_site, params
):
    html = html_of(client.get("/nl/catalogus/", params))
    assert 'class="results__count"' in html and "category-tile" not in html
    disclosure = re.search(r'(?s)<details class="facets__disclosure"[^>]*>.*?</details>', html)
    assert disclosure, "the facets sit in a <details>, which works without JavaScript"
    assert " open" not in disclosure.group(0).split(">")[0], "closed on a phone"
    assert '<summary class="facets__toggle">Filteren' in disclosure.group(0)


def test_the_filter_says_how_many_filters_are_chosen_and_the_period_button_is_a_button(
    client, lenders_site
):
    html = html_of(client.get("/nl/catalogus/", {"category": "boren", "available": "1"}))
    summary = re.search(r'(?s)<summary class="facets__toggle">.*?</summary>', html).group(0)
    assert "2 gekozen" in plain(summary)
    period = re.search(r'(?s)<form class="facet-period".*?</form>', html).group(0)
    assert '<button class="button" type="submit">Tonen</button>' in period


def test_the_initiative_page_links_to_its_own_items(client, lenders_site):
    tools = lenders_site["tools"]
    html = html_of(client.get(tools.url))
    link = re.search(r'(?s)<p class="initiative-catalogue">(.*?)</p>', html).group(1)
    assert 'href="/nl/catalogus/?initiative=instrumentheek"' in link
    assert "Bekijk de 3 voorwerpen die je bij Instrumentheek kunt lenen" in plain(link)
    french = tools.get_translation(factories.locales()["fr"])
    html = html_of(client.get(french.url))
    assert 'href="/fr/catalogus/?initiative=instrumentheek"' in html
    assert "Voir les 3 objets à emprunter chez Outilthèque" in plain(html)
    empty = lenders_site["trees"]["nl"].initiative  # lends nothing
    assert 'class="initiative-catalogue"' not in html_of(client.get(empty.url))


def test_a_catalogue_without_items_says_so(client, lenders_site):
    from catalogue.models import Item

    Item.objects.all().delete()
    html = html_of(client.get("/nl/catalogus/"))
    assert "De catalogus is nog leeg." in plain(html)
    assert "category-tile" not in html


def test_the_sitemap_lists_each_item_once_per_language_not_each_copy(client, lenders_site):
    from catalogue.models import Copy

    xml = client.get("/sitemap.xml").content.decode()
    bike = "/catalogus/fietsbib/kinderfiets/"
    assert xml.count(f"<loc>http://testserver/nl{bike}</loc>") == 1, "three copies, one address"
    assert f'hreflang="fr" href="http://testserver/fr{bike}"' in xml
    assert "FB-0001" not in xml, "no address per copy"
    Copy.objects.filter(item__name="Hamer").update(status=Copy.Status.RETIRED)
    assert "/hamer/" not in client.get("/sitemap.xml").content.decode()
