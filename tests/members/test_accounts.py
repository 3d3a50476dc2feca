"""Member accounts: sign up with a confirmed e-mail address, log in by e-mail, throttling,
password reset, "my account" and cancelling one's own reservations."""

import datetime
import html
import re

import pytest
from axes.models import AccessAttempt

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail, signing
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalogue.models import Reservation
from members import accounts
from members.models import Member, Membership, Tariff
from members.throttling import lockout_message
from tests import factories
from tests.members.conftest import PASSWORD, reservation

pytestmark = pytest.mark.django_db

User = get_user_model()
Status = Reservation.Status
LINK = re.compile(r"https?://\S+")


def said(msgid, language):
    """The message as a page in ``language`` shows it."""
    with translation.override(language):
        return gettext(msgid)


def page_text(response):
    return html.unescape(response.content.decode())


@pytest.fixture(autouse=True)
def _english_pages():
    """Pages in English (the msgids), reached through /en/ addresses; each test that is about
    another language says so with translation.override."""
    with translation.override("en"):
        yield


def sign_up_data(**overrides):
    data = {
        "email": "Lotte.Claes@example.be",
        "first_name": "Lotte",
        "last_name": "Claes",
        "postal_code": "8500",
        "preferred_language": "nl",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def link_in(message):
    return LINK.search(message.body).group(0)


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("members:login"), {"username": email, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


# Signing up and confirming ------------------------------------------------------------------


def test_sign_up_confirm_and_log_in_by_email_shows_the_member_number(client):
    response = client.post(reverse("members:sign_up"), sign_up_data(preferred_language="fr"))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:sign_up_done")
    assert "Lotte.Claes@example.be".lower() in client.get(response["Location"]).content.decode()

    user = User.objects.get(email="lotte.claes@example.be")
    assert not user.is_active
    assert (user.first_name, user.last_name) == ("Lotte", "Claes")
    assert user.member.postal_code == "8500"
    assert user.member.preferred_language == "fr"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lotte.claes@example.be"]
    with translation.override("fr"):
        expected_subject = gettext("Confirm your e-mail address for %(site_name)s") % {
            "site_name": "De Deelfabriek"
        }
        confirm_prefix = reverse("members:confirm", kwargs={"token": "x"}).rsplit("x/", 1)[0]
    assert message.subject == expected_subject
    link = link_in(message)
    # The link is built in the member's language: it carries the French prefix.
    assert confirm_prefix.startswith("/fr/")
    assert confirm_prefix in link
    assert "social" not in message.body.lower()

    # Inactive until confirmed.
    response = log_in(client, "lotte.claes@example.be")
    assert response.status_code == 400
    assert "not active yet" in response.content.decode()
    assert logged_in_user_id(client) is None

    path = link.split("testserver", 1)[1]
    page = client.get(path)
    assert page.status_code == 200
    assert said("Confirm my e-mail address", "fr") in page_text(page), "the member's language"
    user.refresh_from_db()
    assert not user.is_active, "a GET (a mail scanner opening the link) must not activate"

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("members:login")
    user.refresh_from_db()
    assert user.is_active

    response = log_in(client, "  LOTTE.claes@Example.BE ")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user.pk)
    page = client.get(reverse("members:account")).content.decode()
    assert user.member.member_number in page
    assert "Lotte Claes" in page


def test_an_inactive_account_cannot_log_in_and_a_wrong_password_says_so(client, member):
    User.objects.filter(pk=member.user_id).update(is_active=False)
    response = log_in(client, member.user.email)
    assert response.status_code == 400
    assert "not active yet" in response.content.decode()
    assert logged_in_user_id(client) is None

    # A wrong password reveals nothing about the account's state.
    response = log_in(client, member.user.email, "not-the-password")
    assert "do not match an account" in response.content.decode()
    assert "not active yet" not in response.content.decode()


def test_an_expired_link_is_refused_with_a_clear_message(client, settings):
    client.post(reverse("members:sign_up"), sign_up_data())
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    settings.MEMBERS_CONFIRMATION_MAX_AGE = datetime.timedelta(seconds=-1)
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        assert said(
            "This confirmation link has expired. Sign up again with the same e-mail address "
            "and we will send you a new one.",
            "nl",
        ) in page_text(response)
    assert not User.objects.get(email="lotte.claes@example.be").is_active


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "eyJ1c2VyIjoxfQ:1vQ:tampered",
        signing.dumps({"user": 10**9, "email": "x@example.be"}, salt=accounts.CONFIRMATION_SALT),
        signing.dumps("a string", salt=accounts.CONFIRMATION_SALT),
        # Signed for another purpose: the salt differs.
        signing.dumps({"user": 1, "email": "lotte.claes@example.be"}),
    ],
    # Fixed ids: the signed tokens carry a timestamp, and xdist workers must collect alike.
    ids=["nonsense", "bad-signature", "unknown-user", "not-a-dict", "other-salt"],
)
def test_an_unknown_or_tampered_link_is_refused(client, token):
    client.post(reverse("members:sign_up"), sign_up_data())
    response = client.post(reverse("members:confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert "This confirmation link is not valid" in response.content.decode()
    assert not User.objects.get(email="lotte.claes@example.be").is_active


def test_a_tampered_copy_of_a_real_link_is_refused(client):
    client.post(reverse("members:sign_up"), sign_up_data())
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    token = path.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps(
        {"user": User.objects.get().pk, "email": "lotte.claes@example.be"}, salt="other"
    )
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged):
        response = client.post(path.replace(token, bad))
        assert response.status_code == 400
    assert not User.objects.get().is_active


def test_a_confirmed_link_used_again_says_the_address_is_confirmed(client):
    client.post(reverse("members:sign_up"), sign_up_data())
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    client.post(path)
    response = client.get(path)
    assert response.status_code == 400
    assert said("This e-mail address is confirmed already. You can log in.", "nl") in page_text(
        response
    )


def visible_text(response):
    """The words a visitor reads on a page (tags, scripts and styles left out)."""
    content = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", response.content.decode())
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())


def sign_up_as_seen(client, data):
    """What a visitor sees after sending the sign-up form, the typed address left out."""
    response = client.post(reverse("members:sign_up"), data)
    shown = client.get(response["Location"]) if response.status_code == 302 else response
    address = data["email"].lower()
    return (
        response.status_code,
        response.get("Location"),
        shown.status_code,
        visible_text(shown).replace(address, "<address>"),
    )


def test_signing_up_with_the_address_of_an_account_looks_like_signing_up_anew(client, make_member):
    owner = make_member(
        "lotte.claes@example.be", first_name="Lotte", last_name="Claes", preferred_language="fr"
    )
    taken = sign_up_as_seen(
        client,
        sign_up_data(
            email="LOTTE.CLAES@example.be",
            first_name="Lotje",
            postal_code="8510",
            password1="een-ander-wachtwoord-7",
            password2="een-ander-wachtwoord-7",
        ),
    )
    new = sign_up_as_seen(Client(), sign_up_data(email="Nieuw.Lid@example.be"))
    assert taken == new
    assert taken[:3] == (302, reverse("members:sign_up_done"), 200)
    assert "<address>" in taken[3] and "exists" not in taken[3]

    # The account is left as it was: same password, names and details, no second account.
    owner.refresh_from_db()
    owner.user.refresh_from_db()
    assert owner.user.check_password(PASSWORD)
    assert (owner.user.first_name, owner.postal_code) == ("Lotte", "8500")
    assert User.objects.filter(email__iexact="lotte.claes@example.be").count() == 1
    assert log_in(client, "lotte.claes@example.be").status_code == 302


def test_the_owner_of_the_address_is_told_in_their_language_how_to_log_in(client, make_member):
    make_member("lotte.claes@example.be", first_name="Lotte", preferred_language="fr")
    client.post(
        reverse("members:sign_up"),
        sign_up_data(password1="een-ander-wachtwoord-7", password2="een-ander-wachtwoord-7"),
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lotte.claes@example.be"]
    subject = "Someone tried to sign up at %(site_name)s with your e-mail address"
    assert message.subject == said(subject, "fr") % {"site_name": "De Deelfabriek"}
    assert message.subject != subject % {"site_name": "De Deelfabriek"}, "in French"
    assert message.body.startswith(said("Hello %(name)s,", "fr") % {"name": "Lotte"})
    with translation.override("fr"):
        login, reset = reverse("members:login"), reverse("members:password_reset")
    assert login.startswith("/fr/") and reset.startswith("/fr/")
    links = [link.split("testserver", 1)[1] for link in LINK.findall(message.body)]
    assert links == [login, reset]
    for path in links:
        assert client.get(path).status_code == 200
    assert "een-ander-wachtwoord-7" not in message.body
    assert "confirm" not in message.body.lower()


def test_an_admin_account_with_the_address_is_told_and_gets_no_member_profile(client):
    staff = User.objects.create_user(
        "coordinator", "Coordinatie@example.be", PASSWORD, first_name="Cor", is_staff=True
    )
    response = client.post(reverse("members:sign_up"), sign_up_data(email="coordinatie@example.be"))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:sign_up_done")
    assert [message.to for message in mail.outbox] == [["Coordinatie@example.be"]]
    assert mail.outbox[0].subject == said(
        "Someone tried to sign up at %(site_name)s with your e-mail address", "en"
    ) % {"site_name": "De Deelfabriek"}
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD) and staff.username == "coordinator"
    assert not Member.objects.filter(user=staff).exists()
    assert User.objects.count() == 1


def test_bad_sign_up_input_gets_messages_next_to_the_fields(client):
    response = client.post(
        reverse("members:sign_up"),
        sign_up_data(email="not-an-address", password1="12345678", password2="87654321"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_email_errors"' in html
    assert 'id="id_password2_errors"' in html
    assert "The two passwords are not the same." in html
    assert 'value="not-an-address"' in html
    assert not User.objects.exists()

    response = client.post(
        reverse("members:sign_up"), sign_up_data(password1="12345678", password2="12345678")
    )
    assert response.status_code == 400
    assert 'id="id_password1_errors"' in response.content.decode()
    assert not User.objects.exists()


def test_the_same_sign_up_submitted_twice_creates_one_account_and_both_links_work(client):
    first = client.post(reverse("members:sign_up"), sign_up_data())
    second = client.post(reverse("members:sign_up"), sign_up_data())
    assert first.status_code == second.status_code == 302
    assert User.objects.filter(email__iexact="lotte.claes@example.be").count() == 1
    assert Member.objects.count() == 1
    assert len(mail.outbox) == 2
    # The first mail's link still works after the second submission.
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    assert client.post(path).status_code == 302
    assert User.objects.get().is_active


# Signing up again while the address waits for confirmation ----------------------------------

OTHER_PASSWORD = "overname-wachtwoord-9"
SITE = {"site_name": "De Deelfabriek"}


def sign_up_pending(client):
    """Lotte signs up, with French as her language, and has not confirmed her address yet."""
    client.post(reverse("members:sign_up"), sign_up_data(preferred_language="fr"))
    assert not User.objects.get(email="lotte.claes@example.be").is_active


def someone_else_signs_up(client, email="LOTTE.CLAES@example.be", **overrides):
    """Another visitor sends the sign-up form with that address and details of their own."""
    data = sign_up_data(
        email=email,
        first_name="Mallory",
        last_name="Overnemer",
        postal_code="1000",
        preferred_language="nl",
        password1=OTHER_PASSWORD,
        password2=OTHER_PASSWORD,
    )
    data.update(overrides)
    return client.post(reverse("members:sign_up"), data)


@pytest.mark.parametrize("confirmed_through", [0, 1], ids=["first-mail", "fresh-mail"])
def test_signing_up_again_with_a_pending_address_cannot_take_the_account_over(confirmed_through):
    owner, intruder = Client(), Client()
    sign_up_pending(owner)
    response = someone_else_signs_up(intruder)
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["lotte.claes@example.be"]] * 2

    # The owner confirms through one of the links mailed to her address (a French page).
    path = link_in(mail.outbox[confirmed_through]).split("testserver", 1)[1]
    with translation.override("fr"):
        assert owner.post(path)["Location"] == reverse("members:login")

    response = log_in(intruder, "lotte.claes@example.be", OTHER_PASSWORD)
    assert response.status_code == 400
    assert said(
        "This e-mail address and password do not match an account. Check them and try "
        "again; both are case-sensitive apart from the address.",
        "en",
    ) in page_text(response)
    assert logged_in_user_id(intruder) is None

    assert log_in(owner, "lotte.claes@example.be").status_code == 302
    account = visible_text(owner.get(reverse("members:account")))
    assert "Lotte Claes" in account and "Mallory" not in account
    profile = owner.get(reverse("members:profile")).content.decode()
    assert 'value="8500"' in profile and 'value="1000"' not in profile
    assert '<option value="fr" selected>' in profile


def test_signing_up_with_a_pending_address_looks_like_signing_up_anew():
    sign_up_pending(Client())
    pending = sign_up_as_seen(
        Client(),
        sign_up_data(
            email="LOTTE.CLAES@example.be",
            first_name="Mallory",
            password1=OTHER_PASSWORD,
            password2=OTHER_PASSWORD,
        ),
    )
    new = sign_up_as_seen(
        Client(),
        sign_up_data(
            email="Nieuw.Lid@example.be",
            first_name="Mallory",
            password1=OTHER_PASSWORD,
            password2=OTHER_PASSWORD,
        ),
    )
    assert pending == new
    assert pending[:3] == (302, reverse("members:sign_up_done"), 200)
    assert "<address>" in pending[3]
    assert User.objects.filter(email__iexact="lotte.claes@example.be").count() == 1


def test_the_fresh_confirmation_mail_is_for_the_account_as_it_stands_in_its_language(client):
    sign_up_pending(client)
    mail.outbox.clear()
    someone_else_signs_up(Client(), preferred_language="nl")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lotte.claes@example.be"]
    subject = "Confirm your e-mail address for %(site_name)s"
    assert message.subject == said(subject, "fr") % SITE
    assert message.subject != subject % SITE, "in French, the account's language"
    body = " ".join(message.body.split())
    assert body.startswith(said("Hello %(name)s,", "fr") % {"name": "Lotte"})
    started = (
        "A sign-up at %(site_name)s was started with this e-mail address. An account with this "
        "address is waiting for its confirmation already. Open this link to confirm your "
        "e-mail address and activate that account:"
    )
    unchanged = (
        "Signing up again changes nothing in the account: it keeps the password and the "
        "details given when it was created."
    )
    forgotten = (
        "Forgotten the password you chose? Confirm your e-mail address first with the link "
        "above, then choose a new password with “Forgotten your password?”:"
    )
    for sentence in (said(started, "fr") % SITE, said(unchanged, "fr"), said(forgotten, "fr")):
        assert sentence in body
    assert said(forgotten, "fr") != forgotten
    assert "Mallory" not in body and OTHER_PASSWORD not in body

    # The confirmation link first, then "forgotten your password?", both in French.
    with translation.override("fr"):
        confirm_prefix = reverse("members:confirm", kwargs={"token": "x"}).rsplit("x/", 1)[0]
        reset = reverse("members:password_reset")
    links = [link.split("testserver", 1)[1] for link in LINK.findall(message.body)]
    assert len(links) == 2
    assert links[0].startswith(confirm_prefix) and confirm_prefix.startswith("/fr/")
    assert links[1] == reset
    page = client.get(links[0])
    assert page.status_code == 200
    assert said("Confirm my e-mail address", "fr") in page_text(page)
    assert client.get(links[1]).status_code == 200


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting its work (checking a password hashes it too)."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


def test_signing_up_takes_the_same_hashing_work_whatever_the_address(make_member, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    make_member("an.peeters@example.be")
    sign_up_pending(Client())
    work = {}
    for case, email in {
        "new": "nieuw.lid@example.be",
        "pending": "lotte.claes@example.be",
        "confirmed": "an.peeters@example.be",
    }.items():
        CountingHasher.calls = 0
        response = someone_else_signs_up(Client(), email=email)
        assert response["Location"] == reverse("members:sign_up_done")
        work[case] = CountingHasher.calls
    assert work == {"new": 1, "pending": 1, "confirmed": 1}


def test_a_new_password_chosen_through_the_mail_confirms_a_pending_account(client):
    sign_up_pending(client)
    confirm_path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    mail.outbox.clear()
    response = client.post(reverse("members:password_reset"), {"email": "Lotte.Claes@example.be"})
    assert response["Location"] == reverse("members:password_reset_done")
    assert [message.to for message in mail.outbox] == [["lotte.claes@example.be"]]
    assert mail.outbox[0].subject == said("A new password for %(site_name)s", "fr") % SITE

    response = client.get(link_in(mail.outbox[0]).split("testserver", 1)[1], follow=True)
    new_password = "een-nieuw-wachtwoord-42"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert log_in(Client(), "lotte.claes@example.be").status_code == 400
    assert log_in(client, "lotte.claes@example.be", new_password).status_code == 302
    # The confirmation link (a French page) has nothing left to do.
    response = Client().get(confirm_path)
    assert response.status_code == 400
    assert said("This e-mail address is confirmed already. You can log in.", "fr") in page_text(
        response
    )


def test_a_confirmation_link_stops_working_when_the_password_is_changed_otherwise(client):
    sign_up_pending(client)
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    user = User.objects.get(email="lotte.claes@example.be")
    user.set_password("door-een-beheerder-gekozen-5")
    user.save()
    invalid = said(
        "This confirmation link is not valid. Copy the whole link from the e-mail into your "
        "browser, or sign up again to get a new one.",
        "fr",
    )
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        assert invalid in page_text(response)
    assert not User.objects.get(pk=user.pk).is_active


def test_a_deactivated_account_is_not_activated_by_signing_up_or_a_reset(client, make_member):
    member = make_member("an.peeters@example.be")
    User.objects.filter(pk=member.user_id).update(is_active=False, last_login=timezone.now())
    client.post(reverse("members:password_reset"), {"email": "an.peeters@example.be"})
    assert not mail.outbox
    someone_else_signs_up(client, email="an.peeters@example.be")
    assert [message.subject for message in mail.outbox] == [
        said("Someone tried to sign up at %(site_name)s with your e-mail address", "nl") % SITE
    ]
    with translation.override("nl"):
        confirm_prefix = reverse("members:confirm", kwargs={"token": "x"}).rsplit("x/", 1)[0]
    assert confirm_prefix not in mail.outbox[0].body
    user = User.objects.get(pk=member.user_id)
    assert not user.is_active and user.check_password(PASSWORD)


def test_signing_up_while_logged_in_goes_to_my_account(client, member):
    client.force_login(member.user)
    response = client.get(reverse("members:sign_up"))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:account")


# Password reset -----------------------------------------------------------------------------


def test_password_reset_mail_in_the_members_language_and_reset(client, make_member):
    member = make_member("jan@example.be", first_name="Jan", preferred_language="en")
    response = client.post(reverse("members:password_reset"), {"email": "JAN@example.be"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jan@example.be"]
    link = link_in(message)
    assert "/en/" in link
    assert "social" not in message.body.lower()
    assert "De Deelfabriek" in message.subject

    response = client.get(link.split("testserver", 1)[1], follow=True)
    assert response.status_code == 200
    form_path = response.redirect_chain[-1][0]
    new_password = "een-nieuw-wachtwoord-42"
    response = client.post(
        form_path, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    assert log_in(client, "jan@example.be", new_password).status_code == 302
    assert logged_in_user_id(client) == str(member.user_id)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("members:password_reset"), {"email": "nobody@example.be"})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:password_reset_done")
    assert not mail.outbox


def test_a_used_or_wrong_reset_link_says_so(client, member):
    path = reverse("members:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad"})
    response = client.get(path)
    assert response.status_code == 200
    assert "This link is not valid any more" in response.content.decode()


# Throttling ---------------------------------------------------------------------------------


def test_five_failures_lock_that_email_on_that_client_with_a_message(client, make_member, settings):
    locked = make_member("an@example.be")
    other = make_member("bert@example.be", first_name="Bert")
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        response = log_in(client, "an@example.be", f"wrong-{attempt}")
        assert response.status_code == 400
    response = log_in(client, "AN@example.be", "wrong-again")
    assert response.status_code == 429
    html = response.content.decode()
    assert lockout_message() in html
    assert 'value="AN@example.be"' in html

    # Locked, even with the right password and in another case.
    response = log_in(client, "an@Example.be")
    assert response.status_code == 429
    assert logged_in_user_id(client) is None

    # Everyone else logs in as usual, from the same browser and address.
    response = log_in(client, "bert@example.be")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(other.user_id)
    client.post(reverse("members:logout"))

    # After the cool-off the address may try again.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    response = log_in(client, "an@example.be")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(locked.user_id)


LOG_INS = {
    "members": ("members:login", "coordinatie@example.be"),
    "admin": ("wagtailadmin_login", "coordinator"),
}


@pytest.mark.parametrize("page", LOG_INS)
def test_failures_from_one_client_do_not_keep_the_owner_out_from_another(page, settings):
    view, name = LOG_INS[page]
    User.objects.create_user("coordinator", "coordinatie@example.be", PASSWORD, is_staff=True)
    attacker, owner = Client(REMOTE_ADDR="198.51.100.7"), Client(REMOTE_ADDR="203.0.113.20")

    def log_in_as(client, password):
        return client.post(reverse(view), {"username": name, "password": password})

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = log_in_as(attacker, f"wrong-{attempt}")
    assert response.status_code == 429
    assert lockout_message() in response.content.decode()
    assert log_in_as(attacker, PASSWORD).status_code == 429, "the failing client stays locked"

    response = log_in_as(owner, PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(owner) is not None
    # The owner's log-in clears only the owner's own count: the attacker is still locked.
    assert log_in_as(attacker, PASSWORD).status_code == 429
    assert logged_in_user_id(attacker) is None


def test_behind_a_proxy_the_lock_follows_the_address_the_proxy_saw(make_member, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    member = make_member("an@example.be")

    def visitor(address):
        # What the proxy sends on: its own address as REMOTE_ADDR, the visitor's appended to
        # whatever X-Forwarded-For the visitor sent.
        return Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(visitor("192.0.2.50"), "an@example.be", f"wrong-{attempt}")
    assert log_in(visitor("192.0.2.50"), "an@example.be").status_code == 429
    # Another address in front of the proxy's own is what the visitor typed: still locked.
    assert log_in(visitor("198.51.100.1, 192.0.2.50"), "an@example.be").status_code == 429

    owner = visitor("203.0.113.20")
    assert log_in(owner, "an@example.be").status_code == 302
    assert logged_in_user_id(owner) == str(member.user_id)


def test_an_ipv6_client_cannot_escape_the_lock_by_changing_its_address(make_member, settings):
    make_member("an@example.be")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client = Client(REMOTE_ADDR=f"2001:db8:1:2::{attempt + 1}")
        log_in(client, "an@example.be", f"wrong-{attempt}")
    same_network = Client(REMOTE_ADDR="2001:db8:1:2:abcd::9")
    assert log_in(same_network, "an@example.be").status_code == 429
    other_network = Client(REMOTE_ADDR="2001:db8:1:3::1")
    assert log_in(other_network, "an@example.be").status_code == 302


def test_the_lockout_message_names_the_cool_off_time(settings):
    assert "15 minutes" in lockout_message()


def test_resetting_the_password_lifts_the_lock(client, make_member, settings):
    member = make_member("an@example.be")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "an@example.be", f"wrong-{attempt}")
    assert log_in(client, "an@example.be").status_code == 429
    client.post(reverse("members:password_reset"), {"email": "an@example.be"})
    response = client.get(link_in(mail.outbox[0]).split("testserver", 1)[1], follow=True)
    new_password = "een-nieuw-wachtwoord-42"
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert log_in(client, "an@example.be", new_password).status_code == 302
    assert logged_in_user_id(client) == str(member.user_id)


def test_a_locked_admin_username_gets_the_lockout_page_not_an_error(client, settings):
    User.objects.create_user("coordinator", "coordinatie@example.be", PASSWORD, is_staff=True)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("wagtailadmin_login"), {"username": "Coordinator", "password": f"x{attempt}"}
        )
    assert response.status_code == 429
    assert lockout_message() in response.content.decode()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "coordinator", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert logged_in_user_id(client) is None


def test_the_admin_still_logs_in_with_a_username(client):
    User.objects.create_user("coordinator", "coordinatie@example.be", PASSWORD, is_staff=True)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "coordinator", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert logged_in_user_id(client) is not None


# Logging out, anonymous visitors ----------------------------------------------------------


def test_log_out_takes_a_post(client, member):
    client.force_login(member.user)
    assert client.get(reverse("members:logout")).status_code == 405
    assert logged_in_user_id(client) == str(member.user_id)
    response = client.post(reverse("members:logout"))
    assert response.status_code == 302
    assert logged_in_user_id(client) is None


@pytest.mark.parametrize(
    "name", ["members:account", "members:profile", "members:download_data", "members:delete"]
)
def test_anonymous_visitors_are_sent_to_the_log_in_page(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("members:login") + "?next=")


def test_the_log_in_page_returns_to_where_the_visitor_was_going(client, member):
    target = reverse("members:profile")
    response = client.post(
        reverse("members:login"),
        {"username": member.user.email, "password": PASSWORD, "next": target},
    )
    assert response["Location"] == target


def test_the_header_links_to_log_in_or_to_my_account(client, home, member):
    html = client.get(reverse("members:login")).content.decode()
    assert f'href="{reverse("members:login")}"' in html
    client.force_login(member.user)
    html = client.get(reverse("members:profile")).content.decode()
    assert f'class="account-link" href="{reverse("members:account")}"' in html


# My account ---------------------------------------------------------------------------------


def test_my_account_shows_memberships_and_reservations_split_by_time(client, member, lending):
    initiative, item = lending
    today = timezone.localdate()
    Membership.objects.create(
        member=member,
        initiative=initiative,
        start=today - datetime.timedelta(days=30),
        end=today + datetime.timedelta(days=335),
        tariff=Tariff.STANDARD,
    )
    upcoming = reservation(item, member, today + datetime.timedelta(days=7))
    running = reservation(item, member, today - datetime.timedelta(days=2), status=Status.PICKED_UP)
    past = reservation(item, member, today - datetime.timedelta(days=20), status=Status.RETURNED)
    client.force_login(member.user)
    with translation.override("en"):
        response = client.get(reverse("members:account"))
    assert response.status_code == 200
    assert [r.pk for r in response.context["upcoming"]] == [upcoming.pk]
    assert [r.pk for r in response.context["running"]] == [running.pk]
    assert [r.pk for r in response.context["past"]] == [past.pk]
    html = response.content.decode()
    assert "Instrumentheek" in html and "Drill" in html  # the item in the page language
    assert "Standard tariff" in html
    with translation.override("en"):
        cancel_url = reverse("members:cancel_reservation", args=[upcoming.pk])
        others = [reverse("members:cancel_reservation", args=[r.pk]) for r in (running, past)]
    assert f'action="{cancel_url}"' in html
    for other in others:
        assert other not in html


def test_my_account_makes_as_many_queries_for_one_reservation_as_for_many(client, member, lending):
    initiative, item = lending
    today = timezone.localdate()
    Membership.objects.create(
        member=member, initiative=initiative, start=today, end=today + datetime.timedelta(days=300)
    )
    reservation(item, member, today + datetime.timedelta(days=7))
    client.force_login(member.user)

    def queries():
        with translation.override("en"), CaptureQueriesContext(connection) as captured:
            html = client.get(reverse("members:account")).content.decode()
        return len(captured), html

    queries()  # the first request fills the page and layout caches
    one, _ = queries()
    for number in range(2, 8):
        other = factories.build_item(
            initiative,
            item.category,
            f"Schroevendraaier {number}",
            f"IN-010{number}",
            translations={"en": {"name": f"Screwdriver {number}"}},
        )
        reservation(other, member, today + datetime.timedelta(days=number * 10))
    many, html = queries()
    assert many == one
    assert "Screwdriver 7" in html and "Schroevendraaier" not in html


def test_the_social_tariff_shows_only_its_end_date(client, make_member):
    verifier = User.objects.create_user("coordinator", "c@example.be", "x", first_name="Coco")
    today = timezone.localdate()
    member = make_member(
        tariff=Tariff.SOCIAL,
        social_verified_by=verifier,
        social_verified_on=today - datetime.timedelta(days=10),
        social_valid_until=today + datetime.timedelta(days=100),
        social_evidence=Member.SocialEvidence.REFERRAL_LETTER,
    )
    client.force_login(member.user)
    html = client.get(reverse("members:account")).content.decode()
    assert "Social tariff until" in html
    assert "Coco" not in html and "coordinator" not in html
    assert "referral" not in html.lower() and "uitpas" not in html.lower()


def test_cancelling_my_reservation_goes_through_the_service(client, member, lending):
    _, item = lending
    booked = reservation(item, member, timezone.localdate() + datetime.timedelta(days=3))
    client.force_login(member.user)
    assert client.get(reverse("members:cancel_reservation", args=[booked.pk])).status_code == 405
    response = client.post(reverse("members:cancel_reservation", args=[booked.pk]), follow=True)
    assert response.status_code == 200
    assert "Your reservation has been cancelled." in response.content.decode()
    booked.refresh_from_db()
    assert booked.status == Status.CANCELLED
    event = booked.events.order_by("-pk").first()
    assert (event.from_status, event.to_status, event.by_id) == (
        Status.CONFIRMED,
        Status.CANCELLED,
        member.user_id,
    )


def test_a_reservation_that_cannot_be_cancelled_any_more_is_refused(client, member, lending):
    _, item = lending
    out = reservation(item, member, timezone.localdate(), status=Status.PICKED_UP)
    client.force_login(member.user)
    response = client.post(reverse("members:cancel_reservation", args=[out.pk]), follow=True)
    assert "can no longer be cancelled" in response.content.decode()
    out.refresh_from_db()
    assert out.status == Status.PICKED_UP


def test_another_members_reservation_is_a_404(client, member, make_member, lending):
    _, item = lending
    theirs = reservation(
        item, make_member("bert@example.be"), timezone.localdate() + datetime.timedelta(days=3)
    )
    client.force_login(member.user)
    response = client.post(reverse("members:cancel_reservation", args=[theirs.pk]))
    assert response.status_code == 404
    assert client.post(reverse("members:cancel_reservation", args=[10**9])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.CONFIRMED


def test_editing_my_details_saves_them(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("members:profile"),
        {
            "first_name": "Anneke",
            "last_name": "Peeters",
            "phone": "+32 56 12 34 56",
            "postal_code": "8501",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.user.first_name == "Anneke"
    assert (member.phone, member.postal_code, member.preferred_language) == (
        "+32 56 12 34 56",
        "8501",
        "en",
    )


def test_editing_my_details_keeps_what_was_typed_on_an_error(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("members:profile"),
        {
            "first_name": "Anneke",
            "last_name": "",
            "phone": "bel me maar",
            "postal_code": "8501",
            "preferred_language": "fr",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Anneke"' in html and 'value="bel me maar"' in html and 'value="8501"' in html
    assert 'id="id_phone_errors"' in html and 'id="id_last_name_errors"' in html
    assert '<option value="fr" selected>' in html
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert (member.user.first_name, member.phone) == ("An", "0470 11 22 33")


def test_an_account_without_a_member_profile_gets_a_page_not_an_error(client):
    staff = User.objects.create_user("volunteer", "v@example.be", PASSWORD)
    client.force_login(staff)
    response = client.get(reverse("members:account"))
    assert response.status_code == 200
    assert "no member profile" in response.content.decode()
    assert client.get(reverse("members:profile")).status_code == 404
