"""Sign-up and password mails go through the outbox: nothing of them waits in the request, a
mail server that is down costs a retry, and the link is made when the mail goes."""

from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from lending import mail as outbox
from lending.models import OutgoingMail
from tests.members.helpers import LINK, link_in, sign_up_data
from tests.members.mail_world import LOCMEM_SEND

pytestmark = pytest.mark.django_db


def test_the_confirmation_mail_is_an_outbox_row_without_the_address_or_the_link(client):
    client.post(reverse("members:sign_up"), sign_up_data())
    row = OutgoingMail.objects.get()
    assert (row.kind, row.status, row.attempts) == ("confirm", "sent", 1)
    assert len(mail.outbox) == 1
    stored = " ".join(str(value) for value in OutgoingMail.objects.values().get().values())
    assert "example.be" not in stored and "/bevestig" not in stored
    assert client.post(link_in(mail.outbox[0])).status_code == 302
    assert get_user_model().objects.get(email="lotte.claes@example.be").is_active


def test_a_mail_server_that_is_down_does_not_lose_the_confirmation(client):
    with mock.patch(LOCMEM_SEND, side_effect=ConnectionRefusedError(111, "refused")):
        response = client.post(reverse("members:sign_up"), sign_up_data())
    assert response.status_code == 302  # the visitor is told to look for the mail
    row = OutgoingMail.objects.get()
    assert (row.status, row.last_error) == ("failed", "ConnectionRefusedError 111")
    assert row.next_attempt_at is not None
    assert outbox.send(row.pk, now=row.next_attempt_at) == "sent"
    message = mail.outbox[-1]
    assert LINK.search(message.body)
    client.post(link_in(message))
    assert get_user_model().objects.get(email="lotte.claes@example.be").is_active


def test_a_confirmation_for_an_account_confirmed_meanwhile_is_not_sent(client):
    with mock.patch(LOCMEM_SEND, side_effect=ConnectionRefusedError(111, "refused")):
        client.post(reverse("members:sign_up"), sign_up_data())
    get_user_model().objects.filter(email="lotte.claes@example.be").update(is_active=True)
    row = OutgoingMail.objects.get()
    assert outbox.send(row.pk, now=row.next_attempt_at) == "skipped"
    assert mail.outbox == []


def test_each_password_reset_is_its_own_mail_with_a_working_link(client):
    client.post(reverse("members:sign_up"), sign_up_data())
    client.post(link_in(mail.outbox[0]))
    mail.outbox.clear()
    for _ in range(2):
        client.post(reverse("members:password_reset"), {"email": "lotte.claes@example.be"})
    assert list(
        OutgoingMail.objects.filter(kind="password_reset").values_list("status", flat=True)
    ) == ["sent", "sent"]
    assert len(mail.outbox) == 2
    form = client.get(link_in(mail.outbox[-1]), follow=True)
    assert form.status_code == 200 and b"new_password1" in form.content


def test_a_new_password_link_is_not_sent_to_an_account_closed_meanwhile(client):
    client.post(reverse("members:sign_up"), sign_up_data())
    client.post(link_in(mail.outbox[0]))
    mail.outbox.clear()
    with mock.patch(LOCMEM_SEND, side_effect=ConnectionRefusedError(111, "refused")):
        client.post(reverse("members:password_reset"), {"email": "lotte.claes@example.be"})
    user = get_user_model().objects.get(email="lotte.claes@example.be")
    user.last_login = user.date_joined
    user.is_active = False  # closed by a coordinator before the retry
    user.save()
    row = OutgoingMail.objects.get(kind="password_reset")
    assert outbox.send(row.pk, now=row.next_attempt_at) == "skipped"
    row.refresh_from_db()
    assert row.last_error == "account closed"
    assert mail.outbox == []
