#!/usr/bin/env python3
"""Phone benchmark: first-load weight and Lighthouse mobile scores of the key public pages.

    python3 dev.py serve                                   # in another terminal
    .venv/bin/python bench/phone_pages.py                  # weights only (Playwright)
    .venv/bin/python bench/phone_pages.py --lighthouse ~/lh/node_modules/.bin/lighthouse

For the home page, an initiative, an item, a content page and the catalogue landing (in Dutch,
found by following the site's own links, so translated addresses need no configuration) it
loads the page in Chromium at 375 × 812 with an empty cache and prints the bytes that crossed
the wire, by kind. With `--lighthouse` (the Lighthouse CLI from npm: `npm install lighthouse`
in a folder outside the repository; nothing here downloads it) it also prints Lighthouse's
mobile scores for performance, accessibility, best practices and SEO.

The targets (docs/architecture.md, "Phone first"): home ≤ 120 KB on first load; Lighthouse
mobile ≥ 98 performance and 100 for the other three. The development server sends files
uncompressed, so its weights are an upper bound of what a compressing proxy sends.
Not part of the test command.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def key_pages(page, base: str) -> dict[str, str]:
    """The five pages, found from the Dutch home page's links."""
    page.goto(f"{base}/nl/")
    menu = page.locator(".main-nav a")
    hrefs = [menu.nth(i).get_attribute("href") for i in range(menu.count())]
    catalogue = next(href for href in hrefs if "catalog" in href)
    content = next(href for href in hrefs[1:] if href != catalogue and "initiat" not in href)
    initiative = page.locator('main a[href*="/instrumentheek/"]').first.get_attribute("href")
    page.goto(urljoin(base, catalogue) + "?q=boormachine")
    item = page.locator("main a[href*='/instrumentheek/']").first.get_attribute("href")
    pages = {
        "home": "/nl/",
        "initiative": initiative,
        "item": item,
        "content page": content,
        "catalogue": catalogue,
    }
    return {name: urljoin(base, href) for name, href in pages.items()}


def first_load_weight(browser, url: str) -> Counter:
    """Bytes received per resource type when `url` loads with an empty cache."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # images that load lazily near the first screen
    weights = Counter()
    for request in responses:
        sizes = request.sizes()
        weights[request.resource_type] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return weights


def lighthouse_scores(binary: str, url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            binary,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new --no-sandbox",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        subprocess.run(command, check=True, env=env, capture_output=True)
        categories = json.loads(report.read_text())["categories"]
    return {name: round(category["score"] * 100) for name, category in categories.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the running site")
    parser.add_argument("--lighthouse", help="path of the Lighthouse CLI (optional)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pages = key_pages(browser.new_page(), args.url.rstrip("/"))
        print(f"{'page':<14} {'KB':>6}  {'by kind':<48} {'Lighthouse (perf/a11y/bp/seo)'}")
        for name, url in pages.items():
            weights = first_load_weight(browser, url)
            kinds = ", ".join(f"{kind} {size / 1024:.0f}" for kind, size in weights.most_common())
            scores = ""
            if args.lighthouse:
                scores = "/".join(str(s) for s in lighthouse_scores(args.lighthouse, url).values())
            print(f"{name:<14} {sum(weights.values()) / 1024:>6.1f}  {kinds:<48} {scores}")
            print(f"{'':<14} {url}", file=sys.stderr)
        browser.close()


if __name__ == "__main__":
    main()
