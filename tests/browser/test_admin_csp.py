"""A volunteer works in the admin under its content security policy: edits the initiative's
page (rich text and a new photo through the image chooser), saves a draft, and opens the
reservation desk; the save works and the browser reports no violation of the policy."""

import os
import re
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VOLUNTEER = "vrijwilliger-instrumentheek"
PASSWORD = "deelfabriek-demo"
SENTENCE = "Ook een metronoom en een stemapparaat."
PHOTO_TITLE = "Instrumenten in de kast"

# Registered before any script of the page runs, in every page and frame (the preview too).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportViolation(
        `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
        + ` on ${location.pathname}: ${event.sample}`
    );
});
"""


def policy_messages(violations):
    """Keeps the console messages about the content security policy, and those about a
    Permissions-Policy feature the browser does not know."""

    def keep(message):
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            violations.append(message.text)

    return keep


@pytest.fixture
def admin(browser, site_url):
    """A desktop admin page and the list of violations its browser context reports."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    violations = []

    def report(text):
        violations.append(text)

    context.expose_function("reportViolation", report)
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", policy_messages(violations))
    yield page, violations
    context.close()


def log_in(page, site_url):
    response = page.goto(f"{site_url}/admin/login/")
    # The admin's own policy is in force: inline scripts, but no inline event handlers.
    policy = response.headers["content-security-policy"]
    assert "script-src-attr 'unsafe-hashes'" in policy and "'unsafe-eval'" not in policy
    page.locator('input[name="username"]').fill(VOLUNTEER)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('form button[type="submit"]').first.click()
    assert urlsplit(page.url).path == "/admin/"


def test_a_volunteer_edits_the_page_and_opens_the_desk_without_violations(
    admin, site_url, tmp_path
):
    page, violations = admin
    log_in(page, site_url)

    # The initiative's page, found through the admin's page search.
    page.goto(f"{site_url}/admin/pages/search/?q=Instrumentheek")
    with page.expect_navigation():
        page.locator("main table a[href$='/edit/']", has_text="Instrumentheek").first.click()
    edit_url = page.url

    # Rich text: a sentence at the end of "what we offer".
    offers = page.locator("[data-contentpath=offers] .public-DraftEditor-content")
    offers.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(SENTENCE)
    expect(offers).to_contain_text(SENTENCE)

    # A new photo, uploaded in the image chooser (a colour of its own: not a duplicate).
    photo = tmp_path / "instrumenten.png"
    Image.new("RGB", (800, 600), tuple(os.urandom(3))).save(photo)
    page.locator("#id_image-chooser .w-dropdown__toggle").click()
    page.locator("[data-chooser-action-choose]:visible").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Uploaden").click()
    modal.locator("#id_image-chooser-upload-file").set_input_files(photo)
    modal.locator("#id_image-chooser-upload-title").fill(PHOTO_TITLE)
    modal.locator("form[enctype] button[type=submit]").click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_image-title")).to_have_text(PHOTO_TITLE)

    # Publishing is the big button, saving a draft is in its menu. Save a draft: the page
    # says so, and the edit form shows both changes again.
    publish = page.locator("footer .w-dropdown-button > button").first
    expect(publish).to_have_attribute("name", "action-publish")
    page.locator("footer .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        page.locator("footer button.action-save").click()
    expect(page.locator(".messages .success")).to_contain_text("Instrumentheek")
    page.goto(edit_url)
    expect(page.locator("#id_image-title")).to_have_text(PHOTO_TITLE)
    expect(offers).to_contain_text(SENTENCE)

    # The preview of the draft, in the side panel.
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("iframe[data-w-preview-target]").last
    expect(preview.locator("main")).to_contain_text(SENTENCE)

    # The reservation desk: a request to confirm, opened from the dashboard, with its actions.
    page.goto(f"{site_url}/admin/")
    with page.expect_navigation():
        page.locator(".reservation-desk-pending tbody tr a[href*='/inspect/']").first.click()
    assert re.search(r"/admin/reservations/inspect/\d+/$", page.url)
    expect(page.locator(".reservation-desk-actions form button[type=submit]").first).to_be_visible()
    page.goto(f"{site_url}/admin/reservations/")
    expect(page.locator("main table tbody tr").first).to_be_visible()

    assert violations == []
