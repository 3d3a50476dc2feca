"""A visitor finds an initiative, reads its hours and switches language; pages are accessible."""

import re

import pytest

from .conftest import path_in_language, serious_violations

pytestmark = pytest.mark.browser

LANGUAGES = ["nl", "fr", "en"]


def test_visitor_finds_an_initiative_reads_its_hours_and_switches_to_french(page, site_url):
    page.goto(f"{site_url}/nl/")
    assert page.locator("html").get_attribute("lang") == "nl"

    page.get_by_role("main").get_by_role("link", name="Instrumentheek").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Instrumentheek"
    dutch_url = page.url

    hours = page.get_by_role("table").filter(has_text="maandag")
    assert hours.count() == 1, "the week schedule is a table with the days of the week"
    assert re.search(r"\d{2}:\d{2}", hours.inner_text()), "the schedule shows opening times"
    assert page.get_by_text(re.compile("Volgende opening|Nu open", re.I)).count() >= 1

    page.get_by_role("navigation", name=re.compile("taal|language", re.I)).get_by_role(
        "link", name=re.compile("Français")
    ).click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "fr"
    assert "/fr/" in page.url
    # The French page is the same initiative: its Dutch alternate is the page we came from.
    dutch_alternate = page.locator('link[rel="alternate"][hreflang="nl"]').get_attribute("href")
    assert dutch_alternate == dutch_url
    assert page.get_by_role("table").filter(has_text="lundi").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_key_pages_have_no_serious_accessibility_violations(page, site_url, axe, language):
    page.goto(f"{site_url}/{language}/")
    pages = {"home": page.url}
    tools = path_in_language(page, site_url, "/nl/initiatieven/instrumentheek/", language)
    pages["initiative"] = site_url + tools
    page.goto(pages["home"])
    # On a phone the menu is folded away: read its links from the page.
    content_link = page.locator(".main-nav a").nth(1)
    pages["content"] = site_url + content_link.get_attribute("href").removeprefix(site_url)

    problems = {}
    for name, url in pages.items():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        violations = serious_violations(axe.run(page))
        if violations:
            problems[f"{name} ({url})"] = violations
    assert problems == {}
