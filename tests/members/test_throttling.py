"""Login throttling with django-axes: failures lock an address on the client that failed, the
message names the cool-off time, and a password reset lifts the lock."""

import datetime

import pytest
from axes.models import AccessAttempt

from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse

from lending.models import Reservation
from members.throttling import lockout_message
from tests.members.conftest import PASSWORD
from tests.members.helpers import (
    link_in,
    log_in,
    logged_in_user_id,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

User = get_user_model()
Status = Reservation.Status


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
