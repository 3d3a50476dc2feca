"""Every public page fits a phone: a crawl of the demo site at 320 and 375 px in nl, fr and en.

From the three home pages the crawl follows every link to a public page (pages of every type,
the catalogue landing, news, events, initiatives, item pages), adds what no link leads to (a
search with results and one with none, the error pages) and a member's account pages, and on
each checks what a phone user would meet (docs/architecture.md, "Phone first"):

- no sideways scrolling: `document.scrollingElement.scrollWidth <= innerWidth`;
- every table fits the screen, or sits in a labelled scroll region that takes the focus;
- axe-core finds no violation of any impact (at 320 px).
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import path_in_language

pytestmark = pytest.mark.browser

LANGUAGES = ("nl", "fr", "en")
WIDTHS = (320, 375)
ITEM_PAGES_PER_LANGUAGE = 4
PASSWORD = "deelfabriek-demo"
MEMBER = "jonas.vanneste@deelfabriek.example"
DRILL = {"nl": "boormachine", "fr": "perceuse", "en": "drill"}

# Tables that are wider than the screen must sit in a focusable, labelled scroll region.
TABLES_OUT_OF_REACH = """() => [...document.querySelectorAll('main table')].filter(table => {
    if (table.getBoundingClientRect().right <= innerWidth + 1) return false;
    const region = table.closest('[role=region]');
    return !(region && region.tabIndex === 0
        && (region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'))
        && ['auto', 'scroll'].includes(getComputedStyle(region).overflowX));
}).map(table => table.className || table.querySelector('caption')?.textContent || 'table')"""

# The widest elements, to say which one makes the page scroll sideways.
WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
    .slice(-3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
        + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')"""


def _public_path(site_url, base, href):
    """The path of a link to a public page of this site, or None."""
    parts = urlsplit(urljoin(base, href))
    if f"{parts.scheme}://{parts.netloc}" != site_url or parts.query:
        return None
    if not re.match(r"^/(nl|fr|en)/", parts.path) or "/account/" in parts.path:
        return None
    if parts.path.endswith((".ics", ".json", ".xml", ".txt")):
        return None
    return parts.path


def _is_item(path):
    """An item page: /<language>/<catalogue>/<initiative>/<item>/ (docs/architecture.md)."""
    parts = path.strip("/").split("/")
    return len(parts) == 4 and parts[1] in ("catalogus", "catalogue")


def _crawl(page, site_url, problems, axe):
    """Visit every public page reachable from the home pages; returns the paths visited."""
    queue = deque(f"/{language}/" for language in LANGUAGES)
    seen, items = set(queue), dict.fromkeys(LANGUAGES, 0)
    visited = []
    while queue:
        path = queue.popleft()
        check_page(page, site_url + path, problems, axe)
        visited.append(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            found = _public_path(site_url, page.url, href)
            if not found or found in seen:
                continue
            if _is_item(found):
                language = found.split("/")[1]
                if items[language] >= ITEM_PAGES_PER_LANGUAGE:
                    continue
                items[language] += 1
            seen.add(found)
            queue.append(found)
    return visited


def check_page(page, url, problems, axe=None):
    """Load `url` at 320 px, then widen to 375 px; note what does not fit and what axe finds."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        if width == WIDTHS[0]:
            response = page.goto(url)
            if response is None or response.status >= 400:
                problems.append(f"{url}: answered {response and response.status}")
                return
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width > width:
            widest = ", ".join(page.evaluate(WIDEST))
            problems.append(f"{url} at {width} px: {scroll_width} px wide ({widest})")
        if tables := page.evaluate(TABLES_OUT_OF_REACH):
            problems.append(f"{url} at {width} px: tables out of reach: {tables}")
        if axe is not None and width == WIDTHS[0]:
            for violation in axe.run(page).response["violations"]:
                targets = "; ".join(node["target"][0] for node in violation["nodes"][:3])
                problems.append(f"{url}: axe {violation['id']} ({violation['impact']}) {targets}")


def _catalogue_path(page, site_url, language):
    page.goto(f"{site_url}/{language}/")
    # The menu is closed on a phone: read its links from the page, not the accessibility tree.
    href = page.locator(".main-nav a[href*='catalog']").first.get_attribute("href")
    return urlsplit(urljoin(site_url, href)).path


def _paths_no_link_leads_to(page, site_url, language):
    """Searches (with results and without), the log-in pages and an error page."""
    catalogue = _catalogue_path(page, site_url, language)
    site_search = page.locator("form.site-search").get_attribute("action")
    page.goto(urljoin(site_url, page.locator(".account-link").get_attribute("href")))
    log_in = urlsplit(page.url).path
    account_pages = {
        urlsplit(href).path
        for href in page.eval_on_selector_all(
            "main a[href*='/account/']", "els => els.map(a => a.href)"
        )
    }
    return [
        f"{catalogue}?q={DRILL[language]}",
        f"{catalogue}?q=zzqxv",
        f"{site_search}?q=repair",
        f"{site_search}?q=zzqxv",
        log_in,
        *sorted(account_pages),
        f"/{language}/errors/404/",
    ]


def test_every_public_page_fits_a_phone_and_passes_axe(browser, site_url, axe):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    problems = []
    visited = _crawl(page, site_url, problems, axe)
    extra = ["/nl/errors/400/", "/nl/errors/500/"]
    for language in LANGUAGES:
        extra += _paths_no_link_leads_to(page, site_url, language)
    for path in extra:
        check_page(page, site_url + path, problems, axe)
    context.close()

    kinds = {"item": sum(map(_is_item, visited)), "all": len(visited) + len(extra)}
    assert kinds["item"] >= len(LANGUAGES), f"the crawl reached item pages: {kinds}"
    assert kinds["all"] > 60, f"the crawl reached the whole demo site: {kinds}"
    assert problems == [], f"{len(problems)} problems on {kinds['all']} pages:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_members_pages_fit_a_phone(browser, site_url, axe, language):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(f"{site_url}/{language}/account/log-in/")
    page.locator('input[name="username"]').fill(MEMBER)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    account = urlsplit(page.url).path
    problems = []
    for path in (account, f"{account}details/", f"{account}delete/"):
        check_page(page, site_url + path, problems, axe)
    check_page(page, site_url + _first_item_path(page, site_url, language), problems, axe)
    context.close()
    assert problems == [], "\n".join(problems)


def _first_item_path(page, site_url, language):
    page.goto(f"{site_url}{_catalogue_path(page, site_url, language)}?q={DRILL[language]}")
    href = page.locator(".results .item-card a").first.get_attribute("href")
    return urlsplit(urljoin(site_url, href)).path


# What a phone user came for is within the first one and a half screens (375 × 812).
FIRST_SCREENS = 1.5 * 812


def _top(page, selector):
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_a_phone_user_came_for_is_on_the_first_screens(browser, site_url, language):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    catalogue = _catalogue_path(page, site_url, language)
    page.goto(f"{site_url}{catalogue}?q={DRILL[language]}")
    tops = {"first catalogue result": _top(page, ".results .item-card")}
    page.goto(site_url + _first_item_path(page, site_url, language))
    tops["reserve button"] = _top(page, "#reserve .button")
    page.goto(
        site_url + path_in_language(page, site_url, "/nl/initiatieven/instrumentheek/", language)
    )
    tops["opening hours"] = _top(page, "#hours-heading")
    context.close()
    assert {name: top for name, top in tops.items() if top > FIRST_SCREENS} == {}, tops
