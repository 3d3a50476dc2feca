"""A member waits for a lent-out item, is offered the copy that comes back, claims it and, once
it is handed out, extends the loan: through the site, the mail and the desk.

The demo never lends out an item of the Instrumentheek that has a single copy (its running loan
is of an item with several copies), so the journey makes one itself: a volunteer lends a free
single-copy item at the desk to another member (a walk-in loan, which starts today and so needs
the Instrumentheek to be open today: on a closed day the journey is skipped, with the reason).
The member, An, then joins its waiting list; the volunteer takes the copy back; An gets the
offer mail, claims the copy for today (the first open day the claim page offers), a volunteer
confirms it and hands it out, and An extends the loan from "my account".
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from .conftest import serious_violations
from .demo_days import demo_schedule
from .test_reservation_journey import (
    account_link,
    desk_action,
    desk_status,
    formatted,
    log_in,
    mails_to,
    status_label,
    text_of,
    translated,
    volunteer_logs_in,
)

pytestmark = pytest.mark.browser

MEMBER = "lid@deelfabriek.example"  # An Demeyer, Dutch: no reservation at the Instrumentheek
BORROWER = "jonas.vanneste@deelfabriek.example"  # borrows the item first, at the desk
INITIATIVE = "instrumentheek"  # confirms by hand; one extension of 7 days; offers for 3 days
SHOTS = Path("/tmp/shots")
CONDITION = "Werkt goed; alles aanwezig."
# The days from today that the loan, its extension and the claim may touch: no reservation of
# the chosen item may lie in them.
NEEDED_DAYS = 30


def nl(text, **values):
    """The Dutch of the site's message `text`, with its placeholders filled in."""
    message = translated("nl", text)
    return message % values if values else message


def today():
    from django.utils import timezone

    return timezone.localdate()


def skip(reason):
    print(f"SKIPPED: {reason}")
    pytest.skip(reason)


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=str(SHOTS / name), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})


def mail_about(folder, address, seen, needle, timeout=10):
    """The new mail to `address` whose subject contains `needle`; every new mail is seen."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        fresh = [m for m in mails_to(folder, address) if m["Message-ID"] not in seen]
        found = [m for m in fresh if needle in str(m["Subject"])]
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.1)  # polling for the server's file, not waiting a fixed time
    seen.update(m["Message-ID"] for m in fresh)
    subjects = [str(m["Subject"]) for m in fresh]
    assert len(found) == 1, f"one new mail about {needle!r} to {address}; new: {subjects}"
    return found[0]


# Choosing the item ------------------------------------------------------------------------------


def single_copy_items(page, site_url):
    """(name, path) of the Instrumentheek's items with one copy, free today (their card says
    "Available", not "1 of 2 available")."""
    from .demo_days import demo_initiative

    page.goto(f"{site_url}/nl/catalogus/?initiative={INITIATIVE}")
    title = demo_initiative(INITIATIVE)["title"]["nl"]
    found = []
    for card in page.locator(".item-card").all():
        status = card.locator(".status--open")
        meta = card.locator(".item-card__meta").inner_text()
        assert title in meta, f"only the {title}'s items: {meta}"
        if status.count() and status.inner_text().strip() == nl("Available"):
            link = card.locator(".item-card__title a")
            found.append((link.inner_text().strip(), urlsplit(link.get_attribute("href")).path))
    assert found, "the Instrumentheek has single-copy items free today"
    return found


def free_for_weeks(page, site_url, path):
    """Whether the item's calendar shows no reserved day in the days the journey needs."""
    page.goto(site_url + path)
    calendar = page.locator(".availability__table")
    for offset in range(NEEDED_DAYS):
        day = today() + datetime.timedelta(days=offset)
        cell = calendar.locator(f'td[data-date="{day.isoformat()}"]')
        if cell.count() and cell.get_attribute("data-reserved") != "false":
            return False
    return True


def walk_in_loan(desk, site_url, name):
    """The volunteer lends the item's copy to BORROWER at the desk; whether that worked (a copy
    held for someone's offer, say, is refused)."""
    desk.goto(f"{site_url}/admin/reservations/")
    with desk.expect_navigation():
        desk.get_by_role("link", name=nl("Walk-in loan")).click()
    form = desk.locator("main form[method=post]")
    form.locator('input[name="member_email"]').fill(BORROWER)
    select = form.locator('select[name="copy"]')
    options = select.locator("option").filter(has_text=f" · {name} · ")
    if options.count() != 1:
        return False
    select.select_option(options.first.get_attribute("value"))
    back = today() + datetime.timedelta(days=7)
    form.locator('input[name="return_date"]').fill(back.isoformat())
    form.locator('input[name="return_date"]').press("Escape")
    with desk.expect_navigation():
        form.get_by_role("button", name=nl("Lend out now")).click()
    if "/inspect/" not in desk.url:
        return False
    assert desk_status(desk) == status_label("picked_up")
    return True


def lend_out_an_item(page, desk, site_url):
    """A single-copy item of the Instrumentheek, lent out today to another member: (name, path)."""
    for name, path in single_copy_items(page, site_url)[:8]:
        if free_for_weeks(page, site_url, path) and walk_in_loan(desk, site_url, name):
            return name, path
    raise AssertionError("no single-copy item of the Instrumentheek could be lent out")


# The member's steps -----------------------------------------------------------------------------


def member_joins_the_line(page, site_url, name, path, account_path):
    page.goto(site_url + path)
    head = page.locator(".item__head")
    assert nl("Lent out today") in head.locator(".status--busy").inner_text()
    form = page.locator("form#waiting")
    with page.expect_navigation():
        form.get_by_role("button", name=nl("Join the waiting list")).click()
    notice = page.locator("#waiting[role=status]")
    place = nl(
        "You are on the waiting list: number %(place)s in line. "
        "We mail you as soon as a copy is free.",
        place=1,
    )
    assert notice.inner_text().strip() == place
    screenshot(page, "waiting-item.png")

    with page.expect_navigation():
        account_link(page).click()
    assert urlsplit(page.url).path == account_path
    section = page.locator('section[aria-labelledby="waiting-heading"]')
    assert section.locator("h2").inner_text().strip() == nl("My waiting lists")
    entry = section.locator(".account-list__item", has_text=name)
    assert entry.count() == 1
    assert nl("Number %(place)s in line", place=1) in entry.inner_text()


def member_claims(page, site_url, axe, offer, name, account_path):
    """Follow the mail's claim link, take the first day offered; returns (pickup, return)."""
    body = text_of(offer)
    links = [u for u in re.findall(r"https?://[^\s>]+", body) if re.search(r"/\d+/", u)]
    assert len(links) == 1, f"one claim link in the offer mail:\n{body}"
    page.goto(site_url + urlsplit(links[0]).path)
    assert page.locator("h1").inner_text().strip() == nl("Claim your copy")
    assert name in page.locator(".lead").inner_text()
    violations = serious_violations(axe.run(page))
    assert violations == [], "the claim page is accessible"
    screenshot(page, "claim-page.png")

    form = page.locator("form.reserve-form")
    first = form.locator('select[name="pickup_date"] option').first
    pickup = datetime.date.fromisoformat(first.get_attribute("value"))
    limit = int(re.search(r"\d+", form.locator(".reserve-form__hint").inner_text()).group())
    return_date = pickup + datetime.timedelta(days=min(limit, 7))
    form.locator('select[name="pickup_date"]').select_option(pickup.isoformat())
    form.locator('input[name="return_date"]').fill(return_date.isoformat())
    with page.expect_navigation():
        form.get_by_role("button", name=nl("Claim it")).click()
    assert urlsplit(page.url).path == account_path, form.inner_text() if form.count() else ""

    upcoming = page.locator('section[aria-labelledby="upcoming-heading"]')
    assert upcoming.locator("h3").inner_text().strip() == nl("Upcoming")
    entry = upcoming.locator(".account-list__item", has_text=name)
    assert entry.count() == 1, "the claimed copy is an upcoming reservation"
    text = entry.inner_text()
    assert formatted(pickup, "nl") in text and formatted(return_date, "nl") in text
    lines = page.locator('section[aria-labelledby="waiting-heading"]')
    assert lines.locator(".account-list__item", has_text=name).count() == 0
    return pickup, return_date


def member_extends(page, site_url, account_path, name, return_date):
    """The loan is running: "Extend until ..." in my account; returns the new return date."""
    page.goto(site_url + account_path)
    running = page.locator('section[aria-labelledby="running-heading"]')
    entry = running.locator(".account-list__item", has_text=name)
    assert entry.count() == 1, "the loan is under 'borrowed now'"
    new_return = return_date + datetime.timedelta(days=7)
    label = nl("Extend until %(date)s", date=formatted(new_return, "nl"))
    button = entry.locator("button", has_text=label)
    assert button.count() == 1, entry.inner_text()
    with page.expect_navigation():
        button.click()
    done = nl(
        "Your loan is extended: bring the item back on %(date)s at the latest.",
        date=formatted(new_return, "nl"),
    )
    assert done in page.locator("main").inner_text()
    entry = page.locator('section[aria-labelledby="running-heading"] .account-list__item')
    entry = entry.filter(has_text=name)
    assert formatted(new_return, "nl") in entry.inner_text()
    again = nl("Extend until %(date)s", date="").strip()
    assert entry.locator("button", has_text=again).count() == 0, "one extension only"
    return new_return


# The desk ---------------------------------------------------------------------------------------


def open_at_desk(desk, site_url, name, status):
    desk.goto(f"{site_url}/admin/reservations/?status={status}&item={quote(name)}")
    links = desk.locator("table.listing tbody tr a[href*='/inspect/']")
    assert links.count() == 1, f"one {status} reservation of {name} on the desk"
    with desk.expect_navigation():
        links.first.click()
    assert desk_status(desk) == status_label(status)


def volunteer_takes_back(desk, site_url, name):
    open_at_desk(desk, site_url, name, "picked_up")
    take_back = desk.locator("form.reservation-action--take_back")
    take_back.locator('textarea[name="condition_note"]').fill(CONDITION)
    # Every accessory came back: one box each.
    for box in take_back.locator('input[name="accessories"]').all():
        box.check()
    desk_action(desk, "take_back")
    assert desk_status(desk) == status_label("returned")


def volunteer_confirms_and_hands_out(desk, site_url, name):
    open_at_desk(desk, site_url, name, "requested")
    desk_action(desk, "confirm")
    assert desk_status(desk) == status_label("confirmed")
    desk_action(desk, "hand_out")
    assert desk_status(desk) == status_label("picked_up")


# The journey ------------------------------------------------------------------------------------


def test_a_member_waits_claims_the_copy_that_came_back_and_extends_the_loan(
    page, browser, site_url, mail_dir, axe
):
    if not demo_schedule(INITIATIVE, today()).is_open_on(today()):
        skip(f"the Instrumentheek is closed today ({today()}): no walk-in loan can be made")
    seen = {m["Message-ID"] for m in mails_to(mail_dir, MEMBER)}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    desk = context.new_page()
    desk.set_default_timeout(15_000)
    try:
        volunteer_logs_in(desk, site_url)
        account_path = log_in(page, site_url, "nl", MEMBER)
        name, path = lend_out_an_item(page, desk, site_url)
        member_joins_the_line(page, site_url, name, path, account_path)

        volunteer_takes_back(desk, site_url, name)
        offer = mail_about(mail_dir, MEMBER, seen, name)
        assert account_path in text_of(offer)
        pickup, return_date = member_claims(page, site_url, axe, offer, name, account_path)
        if pickup != today():
            skip(f"the first pickup day offered is {pickup}, not today: no loan to extend")
        volunteer_confirms_and_hands_out(desk, site_url, name)
    finally:
        context.close()

    new_return = member_extends(page, site_url, account_path, name, return_date)
    subject = nl(
        "Your loan of %(item_name)s is extended until %(return_date)s",
        item_name=name,
        return_date="",
    )
    renewed = mail_about(mail_dir, MEMBER, seen, subject.strip())
    assert formatted(new_return, "nl") in text_of(renewed)
