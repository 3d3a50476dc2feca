"""What search engines and lost visitors get: sitemap.xml, robots.txt and the 404 page."""

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext

from tests import factories

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


class TestSearchEnginesAndLostVisitors(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trees = factories.build_site_tree()

    def sitemap_entries(self):
        response = self.client.get("/sitemap.xml")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/xml")
        root = ET.fromstring(response.content)
        return {
            url.findtext("sm:loc", namespaces=NS): {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            }
            for url in root.findall("sm:url", NS)
        }

    def test_the_sitemap_lists_the_pages_of_every_language(self):
        entries = self.sitemap_entries()
        for code, tree in self.trees.items():
            for page in (
                tree.home,
                tree.index,
                tree.initiative,
                tree.event,
                tree.content,
                tree.news,
            ):
                assert f"http://testserver{page.url}" in entries, (code, page.url)
        assert all(location.startswith("http://testserver/") for location in entries)

    def test_each_sitemap_entry_names_its_translations(self):
        entries = self.sitemap_entries()
        for name in ("home", "initiative", "news"):
            expected = {
                code: f"http://testserver{getattr(tree, name).url}"
                for code, tree in self.trees.items()
            }
            assert set(expected) == {"nl", "fr", "en"}
            for location in expected.values():
                assert entries[location] == expected, name

    def test_an_untranslated_page_has_no_alternates(self):
        home = self.trees["nl"].home
        lonely = factories.build_content_page(home, "Alleen in het Nederlands", "alleen")
        assert self.sitemap_entries()[f"http://testserver{lonely.url}"] == {}

    def test_draft_pages_are_left_out_of_the_sitemap(self):
        factories.ContentPageFactory(parent=self.trees["nl"].home, slug="klad", live=False)
        assert "http://testserver/nl/klad/" not in self.sitemap_entries()

    def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(self):
        response = self.client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert "Sitemap: http://testserver/sitemap.xml" in lines
        assert "Disallow: /admin/" in lines

    def test_a_missing_page_answers_404_in_the_visitors_language(self):
        for code in ("nl", "fr", "en"):
            with self.subTest(language=code):
                response = self.client.get(f"/{code}/bestaat-niet/")
                assert response.status_code == 404
                html = BeautifulSoup(response.content.decode(), "html.parser")
                assert html.html["lang"] == code
                assert html.select_one(f'a[href="/{code}/"]') is not None
                with translation.override(code):
                    assert gettext("Page not found") in html.h1.get_text()
