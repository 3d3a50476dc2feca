"""Signing up again while the address waits for confirmation: nobody takes the pending account
over, and the owner gets a fresh link in the account's language."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from lending.models import Reservation
from tests.members.committing import CommittingClient
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
    visible_text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

User = get_user_model()
Status = Reservation.Status


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
    owner, intruder = CommittingClient(), CommittingClient()
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
    sign_up_pending(CommittingClient())
    pending = sign_up_as_seen(
        CommittingClient(),
        sign_up_data(
            email="LOTTE.CLAES@example.be",
            first_name="Mallory",
            password1=OTHER_PASSWORD,
            password2=OTHER_PASSWORD,
        ),
    )
    new = sign_up_as_seen(
        CommittingClient(),
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
    someone_else_signs_up(CommittingClient(), preferred_language="nl")

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
    sign_up_pending(CommittingClient())
    work = {}
    for case, email in {
        "new": "nieuw.lid@example.be",
        "pending": "lotte.claes@example.be",
        "confirmed": "an.peeters@example.be",
    }.items():
        CountingHasher.calls = 0
        response = someone_else_signs_up(CommittingClient(), email=email)
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
    assert log_in(CommittingClient(), "lotte.claes@example.be").status_code == 400
    assert log_in(client, "lotte.claes@example.be", new_password).status_code == 302
    # The confirmation link (a French page) has nothing left to do.
    response = CommittingClient().get(confirm_path)
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
