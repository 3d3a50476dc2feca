"""The walk-in loan at the desk: a member at the desk borrows the copy on the desk, handed
out at once, through the same rules as a reservation (the world: desk_world.py)."""

import pytest

from lending.models import OutgoingMail, Reservation
from tests import factories
from tests.catalogue.factories import first_copy
from tests.lending.desk_world import NEXT_MONDAY, TODAY, Status, messages_of, url

pytestmark = pytest.mark.django_db


# The walk-in loan ---------------------------------------------------------------------------


def test_a_walk_in_loan_is_handed_out_at_once(client, desk):
    volunteer = factories.volunteer_of(desk["tools"], client)
    response = client.get(url("walk_in"))
    assert response.status_code == 200
    copies = response.context["form"].fields["copy"].queryset
    assert set(copies) == {first_copy(desk["drill"]), first_copy(desk["saw"])}

    # The drill is free from Wednesday 11 November; the saw is due back today.
    Reservation.objects.filter(pk=desk["confirmed"].pk).delete()
    response = client.post(
        url("walk_in"),
        {
            "member_number": desk["bob"].member_number.lower(),
            "copy": first_copy(desk["drill"]).pk,
            "return_date": "2026-11-09",
        },
    )
    assert response.status_code == 200  # the drill is requested from today on: refused
    Reservation.objects.filter(pk=desk["requested"].pk).update(status=Status.CANCELLED)

    response = client.post(
        url("walk_in"),
        {
            "member_email": "BOB@example.org",
            "copy": first_copy(desk["drill"]).pk,
            "return_date": "2026-11-09",
        },
        follow=True,
    )
    loan = Reservation.objects.get(item=desk["drill"], status=Status.PICKED_UP)
    assert response.redirect_chain[-1][0] == url("inspect", loan.pk)
    assert (loan.member, loan.pickup_date, loan.return_date) == (desk["bob"], TODAY, NEXT_MONDAY)
    assert [e.to_status for e in loan.events.all()] == [
        Status.REQUESTED,
        Status.CONFIRMED,
        Status.PICKED_UP,
    ]
    assert all(e.by == volunteer for e in loan.events.all())
    # The member stands at the desk: no "received" or "confirmed" mail is queued for it.
    assert not OutgoingMail.objects.filter(reservation=loan).exists()
    assert any("is lent to" in message for message in messages_of(response))


def test_a_walk_in_loan_that_overlaps_is_refused_and_keeps_what_was_typed(client, desk):
    factories.volunteer_of(desk["tools"], client)
    before = Reservation.objects.count()
    response = client.post(
        url("walk_in"),
        {
            "member_email": "bob@example.org",
            "copy": first_copy(desk["drill"]).pk,
            "return_date": "2026-11-04",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [
        "This item is already reserved for part of that period. Choose other dates."
    ]
    html = response.content.decode()
    assert "This item is already reserved for part of that period." in html
    assert 'value="bob@example.org"' in html and 'value="2026-11-04"' in html
    assert Reservation.objects.count() == before


def test_a_walk_in_loan_shows_a_refusal_next_to_its_field(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = client.post(
        url("walk_in"),
        {
            "member_email": "nobody@example.org",
            "copy": first_copy(desk["saw"]).pk,
            "return_date": "2026-10-01",
        },
    )
    assert "No member found with these details." in (response.content.decode()), (
        "the refusal in the volunteer's admin language (English)"
    )
    response = client.post(
        url("walk_in"),
        {
            "member_email": "alice@example.org",
            "copy": first_copy(desk["saw"]).pk,
            "return_date": "2026-10-01",
        },
    )
    assert response.context["form"].errors["return_date"] == [
        "The return date cannot be before the pickup date."
    ]
    assert not Reservation.objects.filter(pickup_date=TODAY, item=desk["saw"]).exists()


def test_a_walk_in_loan_of_another_initiatives_item_is_refused(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = client.post(
        url("walk_in"),
        {
            "member_email": "alice@example.org",
            "copy": first_copy(desk["pram"]).pk,
            "return_date": "2026-11-04",
        },
    )
    assert "copy" in response.context["form"].errors
    assert not Reservation.objects.filter(item=desk["pram"], status=Status.PICKED_UP).exists()


def test_a_walk_in_loan_to_someone_new_needs_number_and_email(client, desk):
    """A member of no initiative of the volunteer: one of the two finds no one."""
    factories.volunteer_of(desk["tools"], client)
    newcomer = factories.MemberFactory(user__last_name="Nieuwkomer", user__email="new@example.org")
    data = {"copy": first_copy(desk["saw"]).pk, "return_date": "2026-11-04"}
    for partial in ({"member_number": newcomer.member_number}, {"member_email": "new@example.org"}):
        response = client.post(url("walk_in"), {**data, **partial})
        assert response.status_code == 200
        assert "No member found with these details." in response.content.decode()
    assert not Reservation.objects.filter(member=newcomer).exists()
    both = {"member_number": newcomer.member_number, "member_email": "new@example.org"}
    # Both find the newcomer: the desk is now told what the rules say (register a membership).
    form = client.post(url("walk_in"), {**data, **both}).context["form"]
    assert "member_number" not in form.errors
    assert "You need a membership of Instrumentheek" in form.non_field_errors()[0]


def test_a_walk_in_loan_takes_the_copy_on_the_desk(client, desk):
    """Of an item with several copies, the loan holds the copy the volunteer chose; a copy
    that is taken is refused by its code, even when another copy is free."""
    factories.volunteer_of(desk["tools"], client)
    ladder = factories.build_item(
        desk["tools"], desk["drill"].category, "Ladder", "IN-0100", copies=2
    )
    first, second = ladder.copies.order_by("code")
    Reservation.objects.create(
        item=ladder,
        copy=first,
        member=desk["alice"],
        pickup_date=TODAY,
        return_date=NEXT_MONDAY,
        status=Status.CONFIRMED,
    )
    data = {"member_email": "bob@example.org", "return_date": "2026-11-04"}
    response = client.post(url("walk_in"), {**data, "copy": first.pk})
    assert response.context["form"].non_field_errors() == [
        "Copy IN-0100-1 is reserved for part of that period or cannot be lent: choose another copy."
    ]
    client.post(url("walk_in"), {**data, "copy": second.pk})
    loan = Reservation.objects.get(item=ladder, status=Status.PICKED_UP)
    assert loan.copy == second and loan.member == desk["bob"]
