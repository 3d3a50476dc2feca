"""A newcomer joins an initiative online with the social tariff, in Dutch and in French: signs up,
confirms the address, applies with a referral letter (a generated PDF), a coordinator opens the
letter and approves, and the member reserves. Afterwards the letter is no longer stored and the
membership is at the social price (docs/architecture.md, "Joining online").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .conftest import path_in_language, private_media, serious_violations
from .demo_days import choose_days
from .test_reservation_journey import mails_to, new_mail, text_of, translated

pytestmark = pytest.mark.browser

PASSWORD = "een-lang-wachtwoord-2026"
INITIATIVE = "instrumentheek"
# Days from today for each language's reservation: well after the demo's own reservations,
# and apart, so that the two journeys never want the same copy.
WINDOWS = {"nl": (60, 75), "fr": (76, 92)}


def in_language(language, name, *args):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(name, args=args)


def referral_letter(tmp_path):
    """A one-page PDF, as a social worker's letter would be scanned."""
    from PIL import Image

    path = tmp_path / "verwijsbrief.pdf"
    Image.new("RGB", (300, 400), "white").save(path, "PDF")
    return path


def signs_up(page, site_url, language, address, mail_dir, seen):
    page.goto(site_url + in_language(language, "members:sign_up"))
    form = page.locator("form.account-form")
    form.locator('input[name="email"]').fill(address)
    form.locator('input[name="first_name"]').fill("Noor")
    form.locator('input[name="last_name"]').fill("Nieuwkomer")
    form.locator('input[name="postal_code"]').fill("8500")
    form.locator('select[name="preferred_language"]').select_option(language)
    form.locator('input[name="password1"]').fill(PASSWORD)
    form.locator('input[name="password2"]').fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    confirm = new_mail(mail_dir, address, seen)
    link = re.search(r"https?://\S+", text_of(confirm)).group()
    page.goto(site_url + urlsplit(link).path)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.locator('input[name="username"]').fill(address)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    return urlsplit(page.url).path


def applies_with_a_letter(page, site_url, language, letter, axe):
    """From the initiative page: the plan, the social tariff with the letter, the house rules."""
    with page.expect_navigation():
        page.locator(".initiative-join a").click()
    form = page.locator("form.join-form")
    assert form.locator(".plan-option").count() >= 1
    # Both prices side by side, before anything is chosen.
    assert "€" in form.locator(".plan-option__prices").first.inner_text()
    form.locator('input[name="social_route"][value="letter_upload"]').check()
    form.locator('input[name="referred_by"][value="ocmw"]').check()
    form.locator('input[name="evidence"]').set_input_files(str(letter))
    # Forgetting the house rules keeps everything else that was chosen.
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".field--check .field__errors").is_visible()
    assert page.locator('input[name="social_route"][value="letter_upload"]').is_checked()
    assert serious_violations(axe.run(page)) == [], "the refused form is accessible"
    form.locator('input[name="evidence"]').set_input_files(str(letter))
    form.locator('input[name="house_rules"]').check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    waiting = translated(language, "Waiting for a volunteer")
    assert waiting in page.locator("main").inner_text()


def coordinator_approves(browser, site_url, address):
    """In the admin: the application in the queue, its letter, approved at the social tariff.
    Returns the letter's admin address."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    desk = context.new_page()
    try:
        desk.goto(f"{site_url}/admin/login/")
        desk.locator('input[name="username"]').fill("coordinator")
        desk.locator('input[name="password"]').fill("deelfabriek-demo")
        with desk.expect_navigation():
            desk.locator("form button[type=submit]").click()
        desk.goto(f"{site_url}/admin/applications/")
        row = desk.locator("main table tbody tr", has_text="Nieuwkomer")
        with desk.expect_navigation():
            row.locator("a").first.click()
        letter_link = desk.locator("main a", has_text=translated("nl", "Open the letter"))
        letter_url = site_url + letter_link.get_attribute("href")
        answer = desk.request.get(letter_url)
        assert answer.status == 200 and answer.body().startswith(b"%PDF-")
        assert desk.locator('input[name="social"][value="1"]').is_checked()
        with desk.expect_navigation():
            desk.locator(
                "main form button.button",
                has_text=translated("nl", "Approve and make the membership"),
            ).click()
        assert desk.request.get(letter_url).status == 404, "the letter is gone once decided"
    finally:
        context.close()


def reserves(page, site_url, language):
    """The member reserves an item of the initiative, now that the membership exists."""
    _closed, pickup, back = choose_days(INITIATIVE, WINDOWS[language])
    page.goto(
        site_url + path_in_language(page, site_url, f"/nl/initiatieven/{INITIATIVE}/", language)
    )
    with page.expect_navigation():
        page.locator(".initiative-catalogue a").click()
    with page.expect_navigation():
        page.locator(".item-card__title a").first.click()
    assert page.locator("#reserve-needs-membership").count() == 0
    form = page.locator("form.reserve-form")
    form.locator('input[name="pickup_date"]').fill(pickup.isoformat())
    form.locator('input[name="return_date"]').fill(back.isoformat())
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert re.search(r"/reserve/\?reservation=\d+", page.url), page.url


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_a_newcomer_joins_with_the_social_tariff_and_reserves(
    page, browser, site_url, mail_dir, axe, tmp_path, language
):
    address = f"noor.{language}@nieuwkomer.example"
    seen = {m["Message-ID"] for m in mails_to(mail_dir, address)}
    signs_up(page, site_url, language, address, mail_dir, seen)

    page.goto(
        site_url + path_in_language(page, site_url, f"/nl/initiatieven/{INITIATIVE}/", language)
    )
    applies_with_a_letter(page, site_url, language, referral_letter(tmp_path), axe)

    coordinator_approves(browser, site_url, address)
    approved = new_mail(mail_dir, address, seen)
    body = text_of(approved)
    assert translated(language, "You pay the membership at the desk on your first visit.") in body
    assert not re.search(r"social|sociaal|uitpas|verwijs|recommandation", body, re.IGNORECASE)

    page.goto(site_url + in_language(language, "members:account"))
    membership = page.locator(".account-list__item").first.inner_text()
    assert translated(language, "Social tariff") in membership
    assert "€ 10" in membership  # the plan's social price, to pay at the desk
    reserves(page, site_url, language)
    assert_no_letter_left()


def assert_no_letter_left():
    """The server's private storage holds no letter: every one was decided."""
    assert not [path for path in private_media().rglob("*") if path.is_file()]
