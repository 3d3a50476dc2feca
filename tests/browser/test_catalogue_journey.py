"""A member searches the catalogue, narrows it with a facet, opens an item and switches language."""

import re

import pytest

from .conftest import serious_violations

pytestmark = pytest.mark.browser


def test_search_choose_a_facet_open_an_item_and_switch_language(page, site_url):
    page.goto(f"{site_url}/nl/catalogus/")
    page.get_by_label("Wat wil je lenen?").fill("boormachine")
    page.get_by_role("button", name="Zoeken").last.click()
    page.wait_for_load_state()
    count = page.locator(".results__count")
    total = int(re.search(r"\d+", count.inner_text()).group())
    assert total > 0

    page.locator(".facets__toggle").click()  # on a phone the filters are folded away
    facet = page.locator(".facets a.facet", has_text="Instrumentheek").first
    expected = int(facet.locator(".facet__count").inner_text())
    facet.click()
    page.wait_for_load_state()
    assert int(re.search(r"\d+", page.locator(".results__count").inner_text()).group()) == expected

    first = page.locator(".item-card__title a").first
    name = first.inner_text().strip()
    first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().strip() == name
    path = re.search(r"/nl/catalogus/(.+)$", page.url).group(1)

    page.get_by_role("navigation", name=re.compile("taal|language", re.I)).get_by_role(
        "link", name=re.compile("Français")
    ).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.url.endswith(f"/fr/catalogue/{path}"), "the same item, at its French address"
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""
    assert page.get_by_text(re.compile("Prêté par")).count() == 1


@pytest.mark.parametrize(("language", "text"), [("nl", "kinder"), ("fr", "enfant"), ("en", "bike")])
def test_search_and_item_pages_have_no_serious_accessibility_violations(
    page, site_url, axe, language, text
):
    page.goto(f"{site_url}/{language}/catalogus/?q={text}&available=1")
    pages = {"search": page.url}
    pages["item"] = site_url + page.locator(".item-card__title a").first.get_attribute(
        "href"
    ).removeprefix(site_url)
    problems = {}
    for name, url in pages.items():
        page.goto(url)
        violations = serious_violations(axe.run(page))
        if violations:
            problems[f"{name} ({url})"] = violations
    assert problems == {}
