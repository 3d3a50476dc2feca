"""My account: the profile, memberships and reservations, cancelling one's own reservations
(lending's ``member_account_context`` hook and cancel address) and editing one's details."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from lending.models import Reservation
from members.models import Member, Membership, Tariff
from tests import factories
from tests.members.conftest import PASSWORD, reservation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

User = get_user_model()
Status = Reservation.Status


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
        cancel_url = reverse("lending:cancel_reservation", args=[upcoming.pk])
        others = [reverse("lending:cancel_reservation", args=[r.pk]) for r in (running, past)]
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
    assert client.get(reverse("lending:cancel_reservation", args=[booked.pk])).status_code == 405
    response = client.post(reverse("lending:cancel_reservation", args=[booked.pk]), follow=True)
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


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_cancelling_keeps_its_address_under_my_account(language):
    with translation.override(language):
        address = reverse("lending:cancel_reservation", args=[5])
    assert address == f"/{language}/account/reservations/5/cancel/"


def test_a_reservation_that_cannot_be_cancelled_any_more_is_refused(client, member, lending):
    _, item = lending
    out = reservation(item, member, timezone.localdate(), status=Status.PICKED_UP)
    client.force_login(member.user)
    response = client.post(reverse("lending:cancel_reservation", args=[out.pk]), follow=True)
    assert "can no longer be cancelled" in response.content.decode()
    out.refresh_from_db()
    assert out.status == Status.PICKED_UP


def test_another_members_reservation_is_a_404(client, member, make_member, lending):
    _, item = lending
    theirs = reservation(
        item, make_member("bert@example.be"), timezone.localdate() + datetime.timedelta(days=3)
    )
    client.force_login(member.user)
    response = client.post(reverse("lending:cancel_reservation", args=[theirs.pk]))
    assert response.status_code == 404
    assert client.post(reverse("lending:cancel_reservation", args=[10**9])).status_code == 404
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
