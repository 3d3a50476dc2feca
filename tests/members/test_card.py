"""The member card (members/card.py): the member number as a QR code in my account and on a
printable card, for the desk's scanner."""

import pytest

from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def url(name):
    with translation.override("nl"):
        return reverse(name)


def test_my_account_and_the_card_show_the_number_as_a_qr_code(club, client):
    dave = club["dave"]
    client.force_login(dave.user)
    for page in (url("members:account"), url("members:card")):
        html = client.get(page).content.decode()
        assert "<svg" in html and dave.member_number in html
    card = client.get(url("members:card")).content.decode()
    assert "Dave Maes" in card


def test_the_qr_code_holds_the_member_number_only():
    import segno

    from members.card import qr_svg

    svg = qr_svg("DF-000042")
    assert svg.startswith("<svg") and "DF-000042" not in svg  # the number is in the modules
    expected = segno.make("DF-000042", error="m", micro=False)
    assert expected.svg_inline(scale=5, dark="#111", light="#fff", omitsize=True) == svg


def test_the_card_asks_a_visitor_to_log_in(client, db):
    response = client.get(url("members:card"))
    assert response.status_code == 302 and "next=" in response["Location"]
