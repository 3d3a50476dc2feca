"""Every page type renders in every language and shows what a visitor comes for."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from initiatives.models import EventPage, InitiativeIndexPage, InitiativePage
from tests import factories
from tests.clock import BRUSSELS, frozen_at

# Monday 16 November 2026, 10:00 in Kortrijk.
NOW = (2026, 11, 16, 10)
PAGE_NAMES = ("home", "index", "initiative", "event", "content", "news_index", "news")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


class TestEveryPageInEveryLanguage(WagtailPageTestCase):
    """One small site, in Dutch and translated into French and English, seen on a Monday."""

    @classmethod
    def setUpTestData(cls):
        with frozen_at(*NOW):
            cls.trees = factories.build_site_tree()
            nl = cls.trees["nl"]
            cls.past_event = factories.build_event(
                nl.initiative,
                "Voorbije workshop",
                start=datetime.datetime(2026, 11, 2, 19, tzinfo=BRUSSELS),
            )
            cls.next_event = factories.build_event(
                nl.initiative,
                "Fietsherstelavond",
                start=datetime.datetime(2026, 11, 19, 19, tzinfo=BRUSSELS),
            )

    def setUp(self):
        self.enterContext(frozen_at(*NOW))

    def get(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        return response

    def test_every_page_type_renders_in_dutch_french_and_english(self):
        for code, tree in self.trees.items():
            for name in PAGE_NAMES:
                page = getattr(tree, name)
                with self.subTest(language=code, page=name):
                    self.assertEqual(page.locale.language_code, code)
                    self.assertTrue(page.url.startswith(f"/{code}/"), page.url)
                    self.assertPageIsRenderable(page)
                    html = soup(self.get(page))
                    self.assertEqual(html.html["lang"], code)
                    self.assertEqual(text_of(html.h1), page.title)

    def test_the_language_switcher_leads_to_the_same_page_in_each_language(self):
        html = soup(self.get(self.trees["fr"].initiative))
        links = {a["hreflang"]: a["href"] for a in html.select(".language-switcher a")}
        self.assertEqual(links, {code: tree.initiative.url for code, tree in self.trees.items()})

    def test_an_initiative_shows_its_hours_this_week_starting_on_monday(self):
        html = soup(self.get(self.trees["nl"].initiative))
        rows = html.select(".initiative__aside table.hours tbody tr")
        self.assertEqual(len(rows), 7)
        days = [text_of(row.th) for row in rows]
        self.assertTrue(days[0].startswith("maandag 16/11"), days[0])
        self.assertTrue(days[6].startswith("zondag 22/11"), days[6])
        hours = [text_of(row.td) for row in rows]
        self.assertEqual(hours[0], "09:00–12:00")
        self.assertEqual(hours[2], "14:00–18:00")
        self.assertNotIn("09:00", hours[1] + hours[3] + hours[6])
        self.assertEqual(rows[0].get("aria-current"), "date")

    def test_an_initiative_shows_the_next_opening(self):
        html = soup(self.get(self.trees["nl"].initiative))
        # Open now (Monday 09–12), so the next opening is Wednesday afternoon.
        status = html.select_one(".initiative__header .status")
        self.assertIn("status--open", status["class"])
        self.assertEqual(status.time["datetime"], "2026-11-18T14:00:00+01:00")
        self.assertIn("woensdag 18 november, 14:00", text_of(status))

    def test_the_french_page_reads_the_hours_of_the_initiative(self):
        html = soup(self.get(self.trees["fr"].initiative))
        rows = html.select(".initiative__aside table.hours tbody tr")
        self.assertTrue(text_of(rows[0].th).startswith("lundi"))
        self.assertEqual(text_of(rows[0].td), "09:00–12:00")
        next_opening = html.select_one(".initiative__header .status time")
        self.assertEqual(next_opening["datetime"], "2026-11-18T14:00:00+01:00")

    def test_an_initiative_shows_standard_and_social_tariffs_side_by_side(self):
        html = soup(self.get(self.trees["nl"].initiative))
        table = html.select_one("table.tariffs")
        headers = [text_of(th) for th in table.select("thead th")]
        self.assertEqual(len(headers), 4)
        row = table.select_one("tbody tr")
        self.assertTrue(text_of(row.th).startswith("Jaarabonnement"))
        self.assertEqual([text_of(td) for td in row.select("td")], ["€ 20", "€ 10", "€ 40"])

    def test_an_initiative_shows_how_to_reach_it(self):
        html = soup(self.get(self.trees["nl"].initiative))
        contact = html.select_one("ul.contact")
        self.assertIn("Unit 3", text_of(contact))
        self.assertIsNotNone(contact.select_one('a[href="mailto:team@example.org"]'))
        self.assertIsNotNone(contact.select_one('a[href="tel:056112233"]'))

    def test_an_initiative_lists_its_upcoming_events_only(self):
        initiative = self.trees["nl"].initiative
        html = soup(self.get(initiative))
        events = html.select("ul.events li")
        titles = [text_of(li.a) for li in events]
        self.assertEqual(titles, ["Fietsherstelavond", "Repair Café"])
        self.assertEqual(events[0].time["datetime"], "2026-11-19T19:00:00+01:00")
        self.assertEqual(events[0].a["href"], self.next_event.url)
        calendar = reverse("initiative_calendar", args=[initiative.pk])
        self.assertIsNotNone(html.select_one(f'a[href="{calendar}"]'))

    def test_an_event_page_shows_its_date(self):
        response = self.get(self.next_event)
        self.assertContains(response, "Fietsherstelavond")
        self.assertContains(response, "2026-11-19T19:00:00+01:00")

    def test_the_news_overview_lists_its_articles(self):
        for code, tree in self.trees.items():
            with self.subTest(language=code):
                html = soup(self.get(tree.news_index))
                links = [a["href"] for a in html.select("main a")]
                self.assertIn(tree.news.url, links)

    def test_the_initiatives_overview_lists_the_initiatives_of_its_language(self):
        for code, tree in self.trees.items():
            with self.subTest(language=code):
                html = soup(self.get(tree.index))
                links = [a["href"] for a in html.select("main a")]
                self.assertIn(tree.initiative.url, links)

    def test_the_home_page_lists_the_initiatives_open_today(self):
        html = soup(self.get(self.trees["nl"].home))
        section = html.select_one("#open-today").find_parent("section")
        self.assertEqual([text_of(a) for a in section.select("a")], ["Gereedschapsbib"])
        self.assertIn("09:00–12:00", text_of(section))


# The home page on other days -------------------------------------------------------------


def open_today_section(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    section = soup(response).select_one("#open-today").find_parent("section")
    return [text_of(a) for a in section.select("a")], text_of(section)


@pytest.fixture
def three_initiatives(index):
    return [
        factories.build_initiative(index, "Maandagbib", slots=[("0", "09:00", "12:00")]),
        factories.build_initiative(index, "Woensdagbib", slots=[("2", "14:00", "18:00")]),
        factories.build_initiative(
            index,
            "Gesloten bib",
            slots=[("0", "13:00", "16:00")],
            exceptions=[{"start_date": datetime.date(2026, 11, 16), "reason": "Verhuis"}],
        ),
    ]


def test_the_home_page_lists_only_the_initiatives_open_that_day(
    client, home, three_initiatives, freeze_time
):
    freeze_time(2026, 11, 16, 8)
    assert open_today_section(client, home)[0] == ["Maandagbib"]


def test_the_home_page_changes_with_the_day(client, home, three_initiatives, freeze_time):
    freeze_time(2026, 11, 18, 8)  # a Wednesday
    assert open_today_section(client, home)[0] == ["Woensdagbib"]


def test_on_a_public_holiday_the_home_page_lists_nobody_open(
    client, home, three_initiatives, freeze_time
):
    freeze_time(2026, 4, 6, 10)  # Easter Monday
    titles, _text = open_today_section(client, home)
    assert titles == []
    cards = soup(client.get(home.url)).select(".cards .card")
    monday = next(card for card in cards if "Maandagbib" in text_of(card))
    # Closed days are said quietly, with the next opening; open ones stand out in green.
    status = monday.select_one(".status")
    assert "status--quiet" in status["class"] and "status--open" not in status["class"]
    assert "Vandaag gesloten" in text_of(status)


def test_an_initiative_shows_a_public_holiday_as_closed_with_its_name(client, index, freeze_time):
    freeze_time(2026, 7, 20, 10)  # the Monday before the national day
    page = factories.build_initiative(index, "Dinsdagbib", slots=[("1", "14:00", "18:00")])
    french = factories.translate(page, "fr", title="Bib du mardi")

    rows = soup(client.get(page.url)).select(".initiative__aside table.hours tbody tr")
    assert text_of(rows[1].th).startswith("dinsdag 21/7")
    assert "Nationale feestdag" in text_of(rows[1].td)
    assert "14:00" not in text_of(rows[1].td)

    rows = soup(client.get(french.url)).select(".initiative__aside table.hours tbody tr")
    assert "Fête nationale" in text_of(rows[1].td)


def test_special_hours_on_a_public_holiday_show_on_the_page(client, index, freeze_time):
    freeze_time(2026, 7, 20, 10)
    page = factories.build_initiative(
        index,
        "Feestbib",
        slots=[("1", "14:00", "18:00")],
        exceptions=[
            {
                "start_date": datetime.date(2026, 7, 21),
                "closed": False,
                "opens": datetime.time(10),
                "closes": datetime.time(12),
                "reason": "Feestdagmarkt",
            }
        ],
    )
    html = soup(client.get(page.url))
    today_cell = text_of(html.select(".initiative__aside table.hours tbody tr")[1].td)
    assert today_cell.startswith("10:00–12:00")
    assert "Feestdagmarkt" in today_cell
    assert html.select_one(".initiative__header .status time")["datetime"] == (
        "2026-07-21T10:00:00+02:00"
    )


def test_a_closing_day_is_announced_on_the_initiative_page(client, index, freeze_time):
    freeze_time(2026, 11, 16, 13)
    page = factories.build_initiative(
        index,
        "Ruilbib",
        exceptions=[{"start_date": datetime.date(2026, 11, 18), "reason": "Inventaris"}],
    )
    html = soup(client.get(page.url))
    assert "Inventaris" in text_of(html.select(".initiative__aside table.hours tbody tr")[2].td)
    assert re.search(r"18 november 2026.*Inventaris", text_of(html.select_one("ul.exceptions")))
    assert "status--closed" in html.select_one(".initiative__header .status")["class"]


# The page tree ----------------------------------------------------------------------------


class TestPageTree(WagtailPageTestCase):
    def test_the_initiatives_hang_under_their_overview_and_events_under_an_initiative(self):
        self.assertCanCreateAt(HomePage, InitiativeIndexPage)
        self.assertCanCreateAt(InitiativeIndexPage, InitiativePage)
        self.assertCanCreateAt(InitiativePage, EventPage)
        self.assertCanNotCreateAt(HomePage, InitiativePage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(InitiativeIndexPage, EventPage)
        self.assertCanNotCreateAt(ContentPage, InitiativePage)

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(InitiativeIndexPage, {InitiativePage})
        self.assertAllowedSubpageTypes(InitiativePage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, {})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, {})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})

    def test_a_home_page_can_only_be_created_under_the_root(self):
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)
        home = factories.build_home()
        root = Page.get_first_root_node()
        # One home page per language: another one still fits under the root...
        self.assertTrue(HomePage.can_create_at(root))
        # ...and nowhere else, not even under a plain page.
        plain = root.add_child(instance=Page(title="Elders", slug="elders"))
        self.assertFalse(HomePage.can_create_at(plain))
        self.assertFalse(HomePage.can_create_at(home))

    def test_the_admin_refuses_a_home_page_below_the_root(self):
        factories.build_home()
        root = Page.get_first_root_node()
        plain = root.add_child(instance=Page(title="Elders", slug="elders"))
        self.client.force_login(factories.UserFactory(is_superuser=True, admin_language="en"))
        below = reverse("wagtailadmin_pages:add", args=["home", "homepage", plain.pk])
        at_root = reverse("wagtailadmin_pages:add", args=["home", "homepage", root.pk])
        self.assertIn(self.client.get(below).status_code, (302, 403))
        self.assertEqual(self.client.get(at_root).status_code, 200)
