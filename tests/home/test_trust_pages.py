"""What makes the site trustworthy at a glance: the privacy notice and the accessibility
statement linked from every page and the sign-up form, every initiative's prices on one page,
and the site's icons."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site

from core.models import SiteSettings
from demo import pages as demo_pages
from demo import site as demo_site
from demo.loader import DemoLoader
from home.models import ContentPage
from tests import factories

pytestmark = pytest.mark.django_db

ICONS = django_settings.BASE_DIR / "static" / "icons"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


def content_page(parent, title, slug, body):
    page = factories.ContentPageFactory(
        parent=parent, title=title, slug=slug, show_in_menus=False, body=body
    )
    return factories.publish(page)


def site_settings(**pages):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, page in pages.items():
        setattr(settings, name, page)
    settings.save()


def overview(title="Alle tarieven"):
    return [{"type": "tariffs_overview", "value": {"title": title}}]


@pytest.fixture
def trust_pages(home):
    privacy = content_page(
        home,
        "Privacyverklaring",
        "privacy",
        [{"type": "account_data", "value": {"title": "Je gegevens", "text": "Meld je aan."}}],
    )
    accessibility = content_page(home, "Toegankelijkheid", "toegankelijkheid", [])
    site_settings(privacy_page=privacy, accessibility_page=accessibility)
    return privacy, accessibility


# The privacy notice and the accessibility statement -------------------------------------------


def test_the_footer_links_the_privacy_notice_and_accessibility_statement_in_each_language(
    client, trust_pages
):
    privacy, accessibility = trust_pages
    french = {page.slug: factories.translate(page, "fr") for page in trust_pages}
    home_fr = privacy.get_parent().get_translation(french["privacy"].locale)
    for home_url, pages in (
        (privacy.get_parent().url, (privacy, accessibility)),
        (home_fr.url, (french["privacy"], french["toegankelijkheid"])),
    ):
        footer = soup(client.get(home_url)).select_one("footer.site-footer")
        links = {a["href"] for a in footer.select("#footer-more ~ ul a")}
        assert {page.url for page in pages} <= links, home_url
    html = soup(client.get(home_fr.url))
    labels = [text_of(a) for a in html.select("footer #footer-more ~ ul a")]
    assert "Déclaration de confidentialité" in labels
    assert "Déclaration d'accessibilité" in labels


def test_without_the_pages_chosen_the_footer_has_no_broken_link(client, home):
    footer = soup(client.get(home.url)).select_one("footer.site-footer")
    assert footer.select("#footer-more ~ ul a")  # the calendar, the site map...
    assert not [a for a in footer.select("a") if "privacy" in a["href"]]


def test_the_sign_up_form_links_the_privacy_notice_before_the_button(client, trust_pages):
    privacy, _accessibility = trust_pages
    with translation.override("nl"):
        sign_up = reverse("members:sign_up")
    form = soup(client.get(sign_up)).select_one("form.account-form")
    link = form.find("a", href=privacy.url)
    assert link is not None
    assert text_of(link.parent) == "Hoe we met je gegevens omgaan: privacyverklaring"
    assert link.find_next("button", type="submit") is not None


def test_the_privacy_notice_links_to_the_members_own_data_in_the_visitors_language(
    client, trust_pages
):
    privacy, _accessibility = trust_pages
    french = factories.translate(privacy, "fr")
    for page, code in ((privacy, "nl"), (french, "fr")):
        links = {a["href"] for a in soup(client.get(page.url)).select("main a")}
        assert f"/{code}/account/my-data.json" in links
        assert f"/{code}/account/delete/" in links


# Every initiative's prices on one page --------------------------------------------------------


def tariff_rows(html, initiative):
    heading = html.find("h3", id=f"tariffs-{initiative.slug}")
    table = heading.find_next("table")
    return heading, [
        [text_of(cell) for cell in row.select("th, td")] for row in table.tbody.select("tr")
    ]


def test_the_price_overview_shows_each_initiatives_standard_and_social_price(client, index):
    fixers = factories.build_initiative(
        index, "Fietskeuken", plans=(("Jaarkaart", "30", "15", "50"),)
    )
    toys = factories.build_initiative(
        index, "Spelotheek", plans=(("Basis", "5", "2.5", ""), ("Gezin", "10", "5", ""))
    )
    page = content_page(index.get_parent(), "Tarieven", "tarieven", overview())
    html = soup(client.get(page.url))
    heading, rows = tariff_rows(html, fixers)
    assert heading.a["href"] == fixers.url
    assert rows == [["Jaarkaart (1 jaar)", "€ 30", "€ 15", "€ 50"]]
    heading, rows = tariff_rows(html, toys)
    assert heading.a["href"] == toys.url
    assert [row[1:3] for row in rows] == [["€ 5", "€ 2,50"], ["€ 10", "€ 5"]]
    jump = [a["href"] for a in html.select(".tariffs-overview nav a")]
    assert jump == [f"#tariffs-{fixers.slug}", f"#tariffs-{toys.slug}"]


def test_the_price_overview_shows_the_plans_in_the_pages_language(client, index):
    initiative = factories.build_initiative(index, "Fietskeuken")
    page = content_page(index.get_parent(), "Tarieven", "tarieven", overview())
    french_initiative = factories.translate(initiative, "fr", title="Atelier vélo")
    plan = french_initiative.plans.get()
    plan.name = "Abonnement annuel"
    plan.save()
    french = factories.translate(page, "fr")
    html = soup(client.get(french.url))
    heading, rows = tariff_rows(html, french_initiative)
    assert text_of(heading) == "Atelier vélo"
    assert heading.a["href"] == french_initiative.url
    assert rows[0][0].startswith("Abonnement annuel")
    assert rows[0][1:3] == ["€ 20", "€ 10"]


def test_the_price_overview_makes_as_many_queries_for_five_initiatives_as_for_two(client, index):
    page = content_page(index.get_parent(), "Tarieven", "tarieven", overview())
    counts = []
    for count in (2, 5):
        while index.get_children().count() < count:
            factories.build_initiative(index)
        client.get(page.url)  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            html = soup(client.get(page.url))
        assert len(html.select(".tariffs-overview table")) == count
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_overview_block_is_offered_once_per_content_page():
    block = ContentPage._meta.get_field("body").stream_block
    assert block.meta.block_counts["tariffs_overview"] == {"max_num": 1}
    assert {"tariffs_overview", "account_data", "paragraph", "faq"} <= set(block.child_blocks)


# Icons ----------------------------------------------------------------------------------------


def test_favicon_ico_answers_with_an_icon_that_caches_for_a_day(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert "max-age=86400" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body == (ICONS / "favicon.ico").read_bytes()


def test_every_page_names_its_icons_and_they_are_small(client, home):
    head = soup(client.get(home.url)).head
    assert head.find("link", rel="icon", href="/favicon.ico")
    assert head.find("link", rel="icon", type="image/svg+xml")
    assert head.find("link", rel="apple-touch-icon")
    assert head.find("link", rel="manifest")
    for name, size in (("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)):
        with Image.open(ICONS / name) as image:
            assert image.size == (size, size)
    assert all(path.stat().st_size < 10_000 for path in ICONS.iterdir())


# The demo -------------------------------------------------------------------------------------


def test_the_demo_makes_both_pages_in_three_languages_and_chooses_them_once(home):
    loader = DemoLoader(timezone.localdate(), say=lambda message: None)
    loader.load_locales()
    for data in demo_pages.TRUST_PAGES:
        demo_site.content_page(loader, home, data)
    demo_site.site_settings(loader, home)
    settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    for field, slug in (("privacy_page", "privacy"), ("accessibility_page", "toegankelijkheid")):
        page = getattr(settings, field)
        assert page.slug == slug and not page.show_in_menus
        codes = {p.locale.language_code for p in page.get_translations(inclusive=True).live()}
        assert codes == {"nl", "fr", "en"}
    said = StringIO()
    again = DemoLoader(timezone.localdate(), say=lambda message: said.write(message + "\n"))
    again.load_locales()
    for data in demo_pages.TRUST_PAGES:
        demo_site.content_page(again, home, data)
    demo_site.site_settings(again, home)
    assert "created" not in said.getvalue() and "– set" not in said.getvalue()
