"""A member reserves an item and a volunteer lends it out, through the site and the desk.

The member logs in, searches, opens an item, is refused a pickup on a day the initiative is
closed (with a clear message, the dates kept), reserves on an open day, finds the reservation
in "my account" and the confirmation mails in her own language; a volunteer then finds it on
the desk, confirms it, hands the item out and takes it back. A second journey does the member's
part in a browser without JavaScript: the form is a plain POST.

The server runs on its own database, so the closed and open days are computed from the
demo's definition of the initiative's hours (demo_days.py) with the site's own schedule code,
and checked against the item's availability calendar before they are used. Only plain days
are chosen: no Belgian public holiday and no exception of the demo.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from .conftest import serious_violations
from .demo_days import choose_days, demo_initiative

pytestmark = pytest.mark.browser

PASSWORD = "deelfabriek-demo"  # every demo account (demo/management/commands/load_demo.py)
FRENCH_MEMBER = ("membre@deelfabriek.example", "Sophie Lambert")
DUTCH_MEMBER = ("lid@deelfabriek.example", "An Demeyer")
VOLUNTEER = "vrijwilliger-instrumentheek"
INITIATIVE = "instrumentheek"  # confirms reservations by hand: requested, then confirmed
# The demo's reservations at the initiative lie within its first four weeks; each journey
# reserves in a window of its own after them, within the eight weeks of the calendar.
MEMBER_WINDOW = (28, 41)
NO_JAVASCRIPT_WINDOW = (42, 55)
CONDITION = "Werkt goed; koffer, diepteaanslag en handgreep aanwezig."


def formatted(day, language, fmt="DATE_FORMAT"):
    """A date as the site writes it in `language` ("14 janvier 2027", "14 januari 2027")."""
    from django.utils import formats, translation

    with translation.override(language):
        return formats.date_format(day, fmt)


def translation_override(language):
    from django.utils import translation

    return translation.override(language)


def translated(language, text):
    from django.utils.translation import gettext

    with translation_override(language):
        return gettext(text)


def status_label(status, language="nl"):
    """A reservation status as the (Dutch) desk shows it."""
    from lending.models import Reservation

    with translation_override(language):
        return str(Reservation.Status(status).label)


# Mails ----------------------------------------------------------------------------------------

# The file-based backend writes the messages of a connection to one file, each followed by a
# line of 79 dashes.
SEPARATOR = re.compile(rb"^-{79}$", re.MULTILINE)


def mails_to(folder, address):
    found = []
    for path in sorted(folder.glob("*")):
        for chunk in SEPARATOR.split(path.read_bytes()):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.strip() + b"\n", policy=email.policy.default)
            if address in str(message.get("To", "")):
                found.append(message)
    return found


def new_mail(folder, address, seen, timeout=10):
    """The one mail to `address` that is not in `seen` (Message-IDs), once it has been written."""
    deadline = time.monotonic() + timeout
    while True:
        fresh = [m for m in mails_to(folder, address) if m["Message-ID"] not in seen]
        if fresh or time.monotonic() > deadline:
            break
        time.sleep(0.1)  # polling for the server's file, not waiting a fixed time
    assert len(fresh) == 1, f"expected one new mail to {address}, found {len(fresh)}"
    seen.add(fresh[0]["Message-ID"])
    return fresh[0]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def subject_as_rendered(kind, language, **context):
    """The subject the site renders for a reservation mail of `kind`, in `language`."""
    from django.template.loader import render_to_string

    with translation_override(language):
        text = render_to_string(f"lending/email/reservation_{kind}_subject.txt", context)
    return " ".join(text.split())


def assert_in_language(message, language, *, item_name, pickup, account_path, other_names=()):
    """What makes a mail's language, whether or not its own sentences are translated yet:
    the dates, the item's name and the link to "my account" in that language."""
    subject, body = str(message["Subject"]), text_of(message)
    assert item_name in subject, subject
    assert item_name in body
    for other in other_names:
        assert other not in subject and other not in body, f"{other!r} is another language"
    weekday, date = formatted(pickup, language, "l"), formatted(pickup, language)
    assert weekday in body and date in body, f"the pickup date in {language}: {weekday} {date}"
    assert account_path.startswith(f"/{language}/") and account_path in body
    html = message.get_body(preferencelist=("html",))
    assert html is not None and f'lang="{language}"' in html.get_content(), "the HTML part"


def assert_translated_subject(message, kind, language, item_name):
    """The subject as the site renders it in the member's language.

    TRANSLATED SUBJECT: this is a check of the language only once the subject's msgid has a
    translation in locale/<language>/LC_MESSAGES/django.po; until then the site (and this
    check) fall back to the English text, which the assertions on dates, names and links in
    assert_in_language cover meanwhile.
    """
    expected = subject_as_rendered(kind, language, item_name=item_name)
    assert str(message["Subject"]).strip() == expected


# Steps ----------------------------------------------------------------------------------------


def account_link(page):
    """The header's log-in or account link; on a phone it is in the menu, which opens first."""
    link = page.locator(".account-link")
    if link.is_visible():
        return link
    page.locator(".site-menu summary").click()
    return page.locator(".main-nav__account a")


def log_in(page, site_url, language, address):
    """Log in from the header link; returns the path of "my account" (where it lands)."""
    page.goto(f"{site_url}/{language}/")
    with page.expect_navigation():
        account_link(page).click()
    assert urlsplit(page.url).path.startswith(f"/{language}/")
    page.locator('input[name="username"]').fill(address)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    account_path = urlsplit(page.url).path
    assert page.locator(".account-link").get_attribute("href") == account_path, "my account"
    assert account_path.startswith(f"/{language}/")
    return account_path


def search_and_open_an_item(page, site_url, language, text):
    """Search, narrow to the initiative and open an item that is free today; returns
    (name, path)."""
    page.goto(f"{site_url}/{language}/catalogus/")
    search = page.locator("form.catalogue-search")
    search.locator('input[name="q"]').fill(text)
    with page.expect_navigation():
        search.locator("button[type=submit]").click()
    assert int(re.search(r"\d+", page.locator(".results__count").inner_text()).group()) > 0

    title = demo_initiative(INITIATIVE)["title"][language]
    page.locator(".facets__toggle").click()  # on a phone the filters are folded away
    with page.expect_navigation():
        page.locator(".facets a.facet", has_text=title).first.click()
    assert page.locator(".facets a.facet--selected", has_text=title).count() == 1

    card = page.locator(".item-card", has=page.locator(".status--open")).first
    link = card.locator(".item-card__title a")
    name = link.inner_text().strip()
    with page.expect_navigation():
        link.click()
    assert page.get_by_role("heading", level=1).inner_text().strip() == name
    path = urlsplit(page.url).path
    # /<language>/<the catalogue's address in that language>/<initiative>/<item>/
    assert re.match(rf"/{language}/[a-z-]+/{INITIATIVE}/", path), path
    return name, path


def check_calendar(page, closed, pickup):
    """The server's calendar agrees with the days computed from the demo data."""
    calendar = page.locator(".availability__table")
    closed_cell = calendar.locator(f'td[data-date="{closed.isoformat()}"]')
    pickup_cell = calendar.locator(f'td[data-date="{pickup.isoformat()}"]')
    assert closed_cell.get_attribute("data-open") == "false", f"closed on {closed}"
    assert pickup_cell.get_attribute("data-state") == "free", f"open and free on {pickup}"


def fill_dates(page, pickup, return_date):
    form = page.locator("form.reserve-form")
    form.locator('input[name="pickup_date"]').fill(pickup.isoformat())
    form.locator('input[name="return_date"]').fill(return_date.isoformat())
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def refused_on_a_closed_day(page, language, closed, pickup, return_date):
    fill_dates(page, closed, return_date)
    form = page.locator("form.reserve-form")
    assert form.locator('[role="alert"]').is_visible(), "the form says something is wrong"
    error = form.locator('.reserve-form__error[data-field="pickup_date"]')
    message = error.inner_text()
    name = demo_initiative(INITIATIVE)["title"][language]
    # "Outilthèque n'ouvre pas le 12 janvier 2027. Le prochain jour d'ouverture est le ...":
    # the initiative, the refused day and the next open day, in the page's language.
    assert name in message, message
    assert formatted(closed, language) in message, message
    assert formatted(pickup, language) in message, message
    assert form.locator('.reserve-form__error[data-field="return_date"]').count() == 0
    # The field says so to a screen reader too.
    field = form.locator('input[name="pickup_date"]')
    assert field.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in field.get_attribute("aria-describedby").split()
    # What was typed is kept.
    assert form.locator('input[name="pickup_date"]').input_value() == closed.isoformat()
    assert form.locator('input[name="return_date"]').input_value() == return_date.isoformat()


def reserved(page, pickup, return_date, item_name):
    """Reserve on an open day; returns the reservation's number from the confirmation page."""
    fill_dates(page, pickup, return_date)
    match = re.search(r"/reserve/\?reservation=(\d+)", page.url)
    assert match, f"the confirmation page, not {page.url}"
    done = page.locator(".reservation-done")
    assert done.locator('[role="status"]').is_visible()
    assert done.locator(".reservation-status").get_attribute("data-status") == "requested"
    assert done.locator(f'time[datetime="{pickup.isoformat()}"]').is_visible()
    assert done.locator(f'time[datetime="{return_date.isoformat()}"]').is_visible()
    assert item_name in done.inner_text()
    return int(match.group(1))


def in_my_account(page, account_path, language, item_name, pickup, return_date, status):
    with page.expect_navigation():
        account_link(page).click()
    assert urlsplit(page.url).path == account_path
    entry = page.locator(".account-list__item", has_text=item_name)
    assert entry.count() == 1, f"{item_name} once in my account"
    text = entry.inner_text()
    assert formatted(pickup, language) in text and formatted(return_date, language) in text
    assert entry.locator(f".reservation-status--{status}").count() == 1
    return entry


# The desk -------------------------------------------------------------------------------------


def desk_status(page):
    label = translated("nl", "Status")
    return (
        page.locator("main dl dt", has_text=re.compile(f"^{re.escape(label)}$"))
        .locator("xpath=following-sibling::dd[1]")
        .inner_text()
        .strip()
    )


def desk_action(page, name):
    with page.expect_navigation():
        page.locator(f"form.reservation-action--{name} button[type=submit]").click()


# The journeys ---------------------------------------------------------------------------------


@dataclass
class Journey:
    """A member's reservation, as the steps of the journey pass it on."""

    language: str
    address: str
    full_name: str
    mail_dir: object
    seen: set  # Message-IDs of the member's mails already looked at
    closed: datetime.date
    pickup: datetime.date
    return_date: datetime.date
    account_path: str = ""
    item_name: str = ""
    number: str = ""
    received: object = None  # the mail saying the request was received

    def no_new_mail(self):
        return [
            m for m in mails_to(self.mail_dir, self.address) if m["Message-ID"] not in self.seen
        ]


def member_reserves(page, site_url, axe, journey):
    """The member, on the site in her language: refused on a closed day, then reserved."""
    language = journey.language
    journey.account_path = log_in(page, site_url, language, journey.address)
    assert journey.full_name in page.locator("main").inner_text()
    item_name, _item_path = search_and_open_an_item(page, site_url, language, "perceuse")
    journey.item_name = item_name
    check_calendar(page, journey.closed, journey.pickup)

    refused_on_a_closed_day(page, language, journey.closed, journey.pickup, journey.return_date)
    violations = serious_violations(axe.run(page))
    assert violations == [], "the refused form is accessible"
    assert journey.no_new_mail() == []

    journey.number = reserved(page, journey.pickup, journey.return_date, item_name)
    in_my_account(
        page,
        journey.account_path,
        language,
        item_name,
        journey.pickup,
        journey.return_date,
        "requested",
    )

    received = journey.received = new_mail(journey.mail_dir, journey.address, journey.seen)
    assert_in_language(
        received,
        language,
        item_name=item_name,
        pickup=journey.pickup,
        account_path=journey.account_path,
    )
    assert_translated_subject(received, "received", language, item_name)


def volunteer_logs_in(desk, site_url):
    desk.goto(f"{site_url}/admin/")
    desk.locator('input[name="username"]').fill(VOLUNTEER)
    desk.locator('input[name="password"]').fill(PASSWORD)
    with desk.expect_navigation():
        desk.locator('form button[type="submit"]').first.click()
    assert urlsplit(desk.url).path == "/admin/"


def volunteer_confirms(desk, journey):
    """On the desk, among the requests to confirm: the volunteer opens it and confirms it; the
    confirmation mail goes out in the member's language, not the volunteer's."""
    item_name, language = journey.item_name, journey.language
    row = desk.locator(".reservation-desk-pending tbody tr").filter(
        has=desk.locator(f'a[href$="/inspect/{journey.number}/"]')
    )
    assert row.count() == 1, "the new request is on the desk"
    # The copy the rules service chose: the volunteer sees its code, the member does not.
    code = re.search(r"\(([A-Z]{2}-\d{4})\)", row.inner_text()).group(1)
    assert journey.full_name in row.inner_text()
    with desk.expect_navigation():
        row.locator("a").first.click()
    assert desk_status(desk) == status_label("requested")
    dutch_name = desk.locator("main dl dd").first.inner_text().rsplit(" (", 1)[0].strip()
    assert f"({code})" in desk.locator("main dl dd").first.inner_text()
    assert code not in text_of(journey.received), "the member reserved the item, not a copy"

    desk_action(desk, "confirm")
    assert desk_status(desk) == status_label("confirmed")
    assert desk.locator("form.reservation-action--confirm").count() == 0

    confirmed = new_mail(journey.mail_dir, journey.address, journey.seen)
    others = [dutch_name] if dutch_name != item_name else []
    for message in (journey.received, confirmed):
        assert_in_language(
            message,
            language,
            item_name=item_name,
            pickup=journey.pickup,
            account_path=journey.account_path,
            other_names=others,
        )
    assert formatted(journey.return_date, language) in text_of(confirmed)
    assert_translated_subject(confirmed, "confirmed", language, item_name)


def volunteer_hands_out_and_takes_back(desk):
    desk_action(desk, "hand_out")
    assert desk_status(desk) == status_label("picked_up")

    take_back = desk.locator("form.reservation-action--take_back")
    take_back.locator('textarea[name="condition_note"]').fill(CONDITION)
    # Every accessory came back: one box each.
    for box in take_back.locator('input[name="accessories"]').all():
        box.check()
    desk_action(desk, "take_back")
    assert desk_status(desk) == status_label("returned")
    facts = desk.locator("main dl").inner_text()
    assert CONDITION in facts and translated("nl", "yes") in facts
    assert desk.locator(".reservation-desk-actions form").count() == 0, "nothing left to do"
    assert desk.locator(".reservation-desk-history tbody tr").count() == 4


def test_member_reserves_and_a_volunteer_confirms_hands_out_and_takes_back(
    page, browser, site_url, mail_dir, axe
):
    address, full_name = FRENCH_MEMBER
    journey = Journey(
        "fr",
        address,
        full_name,
        mail_dir,
        {m["Message-ID"] for m in mails_to(mail_dir, address)},
        *choose_days(INITIATIVE, MEMBER_WINDOW),
    )
    member_reserves(page, site_url, axe, journey)

    # The volunteer, in the (Dutch) admin.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    desk = context.new_page()
    desk.set_default_timeout(15_000)
    try:
        volunteer_logs_in(desk, site_url)
        volunteer_confirms(desk, journey)
        volunteer_hands_out_and_takes_back(desk)
    finally:
        context.close()

    # Two mails in all: handing out and taking back send none.
    assert journey.no_new_mail() == []

    # Back in my account, the loan is over.
    page.goto(site_url + journey.account_path)
    entry = page.locator(".account-list__item", has_text=journey.item_name)
    assert entry.locator(".reservation-status--returned").count() == 1


def test_the_reservation_form_works_without_javascript(browser, site_url, mail_dir):
    language, (address, _full_name) = "nl", DUTCH_MEMBER
    closed, pickup, return_date = choose_days(INITIATIVE, NO_JAVASCRIPT_WINDOW)
    seen = {m["Message-ID"] for m in mails_to(mail_dir, address)}
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-BE", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        account_path = log_in(page, site_url, language, address)
        item_name, _path = search_and_open_an_item(page, site_url, language, "boormachine")
        check_calendar(page, closed, pickup)
        refused_on_a_closed_day(page, language, closed, pickup, return_date)
        reserved(page, pickup, return_date, item_name)
        in_my_account(page, account_path, language, item_name, pickup, return_date, "requested")
    finally:
        context.close()
    received = new_mail(mail_dir, address, seen)
    assert_in_language(
        received, language, item_name=item_name, pickup=pickup, account_path=account_path
    )
    assert_translated_subject(received, "received", language, item_name)
