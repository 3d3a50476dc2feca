"""Member accounts: sign up with a confirmed e-mail address, log in by e-mail, password
reset, log out (signing up again with a pending address, throttling and "my account" have
their own files)."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from lending.models import Reservation
from members import accounts
from members.models import Member
from tests.members.conftest import PASSWORD
from tests.members.helpers import (
    LINK,
    link_in,
    log_in,
    logged_in_user_id,
    page_text,
    said,
    sign_up_as_seen,
    sign_up_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

User = get_user_model()
Status = Reservation.Status


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
