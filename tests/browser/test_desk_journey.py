"""The desk on a volunteer's phone (375 px): the member shows their card, the volunteer types
(as a scanner does) the member number into the walk-in loan, lends a copy with its accessories
and records the deposit, then takes it back with one accessory missing and part of the deposit
kept; the history says so, in Brussels time (docs/architecture.md, "The desk at the counter").

The walk-in loan starts today, so on a day the Instrumentheek is closed the journey is skipped
with the reason printed.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from .demo_days import demo_schedule
from .test_reservation_journey import (
    desk_status,
    formatted,
    log_in,
    mails_to,
    new_mail,
    status_label,
    text_of,
    translated,
)
from .test_waiting_journey import skip, today

pytestmark = pytest.mark.browser

MEMBER = "jonas.vanneste@deelfabriek.example"
VOLUNTEER, PASSWORD = "vrijwilliger-instrumentheek", "deelfabriek-demo"
INITIATIVE = "instrumentheek"
PHONE = {"width": 375, "height": 812}
SHOTS = Path("/tmp/shots")


def nl(text, **values):
    message = translated("nl", text)
    return message % values if values else message


def member_number_from_the_card(page, site_url):
    log_in(page, site_url, "nl", MEMBER)
    page.goto(f"{site_url}/nl/account/kaart/")
    assert page.locator(".member-card svg").is_visible(), "the QR code"
    return page.locator(".member-card__number").inner_text().strip()


def volunteer_on_a_phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, locale="nl-BE", timezone_id="Europe/Brussels")
    desk = context.new_page()
    desk.set_default_timeout(15_000)
    desk.goto(f"{site_url}/admin/")
    desk.locator('input[name="username"]').fill(VOLUNTEER)
    desk.locator('input[name="password"]').fill(PASSWORD)
    with desk.expect_navigation():
        desk.locator('form button[type="submit"]').first.click()
    return context, desk


def lend_with_deposit(desk, site_url, number):
    """A walk-in loan of a copy whose item has accessories; the items' names tried in order."""
    desk.goto(f"{site_url}/admin/reservations/walk-in/")
    options = desk.locator('select[name="copy"] option')
    values = [options.nth(n).get_attribute("value") for n in range(min(options.count(), 12))]
    for value in filter(None, values):
        desk.goto(f"{site_url}/admin/reservations/walk-in/")
        form = desk.locator("main form[method=post]")
        field = form.locator('input[name="member_number"]')
        field.fill(number)
        field.press("Enter")  # a scanner's Enter moves on instead of sending the form
        assert "/walk-in/" in desk.url
        form.locator('select[name="copy"]').select_option(value)
        back = today() + datetime.timedelta(days=7)
        form.locator('input[name="return_date"]').fill(back.isoformat())
        form.locator('input[name="return_date"]').press("Escape")
        form.locator('input[name="deposit_amount"]').fill("20")
        form.locator('select[name="deposit_method"]').select_option("cash")
        with desk.expect_navigation():
            form.get_by_role("button", name=nl("Lend out now")).click()
        given = desk.locator(".messages").inner_text()
        give_along = translated("nl", "Give along: %(names)s.").split("%(names)s")[0]
        if "/inspect/" in desk.url and give_along in given:
            return given
        if "/inspect/" in desk.url:  # lent, but an item without accessories: take it back
            take_back(desk, keep_one=False)
    raise AssertionError("no copy with accessories could be lent out at the desk")


def take_back(desk, *, keep_one=True):
    """Take the loan back; with keep_one, the first accessory is missing and €5 is kept."""
    form = desk.locator("form.reservation-action--take_back")
    boxes = form.locator('input[name="accessories"]')
    missing = ""
    for n in range(boxes.count()):
        if keep_one and n == 0:
            missing = boxes.nth(n).get_attribute("value")
            continue
        boxes.nth(n).check()
    if keep_one:
        form.locator('input[name="deposit_returned"]').fill("15")
        form.locator('textarea[name="kept_reason"]').fill("Onderdeel ontbreekt")
        form.locator('input[name="send_receipt"]').check()
    with desk.expect_navigation():
        form.locator("button[type=submit]").click()
    return missing


def test_a_walk_in_loan_with_deposit_and_a_take_back_with_a_missing_accessory(
    page, browser, site_url, mail_dir
):
    if not demo_schedule(INITIATIVE, today()).is_open_on(today()):
        skip(f"the Instrumentheek is closed today ({today()}): no walk-in loan can be made")
    seen = {m["Message-ID"] for m in mails_to(mail_dir, MEMBER)}
    number = member_number_from_the_card(page, site_url)
    assert re.fullmatch(r"DF-\d{6}", number), number
    context, desk = volunteer_on_a_phone(browser, site_url)
    try:
        lend_with_deposit(desk, site_url, number)
        assert desk_status(desk) == status_label("picked_up")
        SHOTS.mkdir(parents=True, exist_ok=True)
        desk.screenshot(path=str(SHOTS / "desk-take-back-375.png"), full_page=True)
        assert desk.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        missing = take_back(desk)
        assert desk_status(desk) == status_label("returned")
        history = desk.locator(".reservation-desk-history tbody tr").last.inner_text()
        assert nl("Missing: %(names)s.", names=missing) in history
        assert "15,00" in history and "Onderdeel ontbreekt" in history
        # The step's time, as the volunteer's clock in Brussels shows it.
        now = datetime.datetime.now(ZoneInfo("Europe/Brussels"))
        shown = re.search(r"\b(\d{1,2}):(\d{2})\b", history)
        assert shown, history
        minutes = int(shown.group(1)) * 60 + int(shown.group(2))
        assert abs(minutes - (now.hour * 60 + now.minute)) <= 2, (history, now.isoformat())

        # The member's receipt: the loan's dates as the member's calendar says them.
        receipt = new_mail(mail_dir, MEMBER, seen)
        body = text_of(receipt)
        assert "15,00" in body and "Onderdeel ontbreekt" in body
        assert formatted(today(), "nl") in body and missing in body
    finally:
        context.close()
