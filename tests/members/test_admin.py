"""Members in the admin: coordinators see and verify everything, a volunteer sees the members
of their own initiatives without contact details or anything about the social tariff (the club
is in ``club.py``; memberships in ``test_admin_memberships.py``).

"Today" is Monday 2 November 2026 at 10:00.
"""

import pytest

from django.contrib.auth.models import Group, Permission

from members.models import Member, Membership, Tariff
from tests.members.club import (
    SOCIAL_TARIFF_WORDS,
    TODAY,
    VALID_UNTIL,
    VERIFIED_ON,
    D,
    coordinator,
    listed,
    member_form,
    members_url,
    memberships_url,
    refused,
    volunteer_of,
)

pytestmark = pytest.mark.django_db


# Coordinators ---------------------------------------------------------------------------------


def test_a_coordinator_lists_every_member_with_contact_and_tariff(client, club):
    coordinator(client)
    response = client.get(members_url("index"))
    assert response.status_code == 200
    assert listed(response) == {club["alice"], club["bob"], club["carol"], club["dave"]}
    html = response.content.decode()
    assert "bob@example.org" in html
    assert "ends in 18 days" in html  # Alice's social tariff, until 20 November


def test_a_coordinator_searches_by_number_name_and_email(client, club):
    coordinator(client)

    def found(query):
        return listed(client.get(members_url("index"), {"q": query}))

    assert found(club["bob"].member_number) == {club["bob"]}
    assert found("Alice Peeters") == {club["alice"]}
    assert found("bob@example") == {club["bob"]}
    assert found("Nobody") == set()


def test_a_coordinator_filters_by_tariff_social_tariff_and_language(client, club):
    coordinator(client)

    def filtered(**params):
        return listed(client.get(members_url("index"), params))

    assert filtered(tariff="social") == {club["alice"]}
    assert filtered(social_status="valid") == {club["alice"]}
    assert filtered(social_status="expiring") == {club["alice"]}
    assert filtered(social_status="expired") == set()
    assert filtered(preferred_language="fr") == {club["bob"]}
    assert filtered(initiative=club["baby"].pk) == {club["alice"], club["bob"]}

    Member.objects.filter(pk=club["alice"].pk).update(social_valid_until=D(2026, 10, 31))
    assert filtered(social_status="expired") == {club["alice"]}
    assert filtered(social_status="valid") == set()


def test_a_coordinator_creates_a_member(client, club):
    coordinator(client)
    assert client.get(members_url("add")).status_code == 200
    response = client.post(
        members_url("add"),
        {
            "first_name": "Emma",
            "last_name": "Desmet",
            "email": "Emma.Desmet@Example.org",
            "phone": "056 12 34 56",
            "postal_code": "8500",
            "preferred_language": "nl",
            "tariff": "standard",
            "social_evidence": "",
            "social_valid_until": "",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(user__first_name="Emma")
    assert member.member_number.startswith("DF-")
    assert member.user.email == member.user.username == "emma.desmet@example.org"
    assert member.user.has_usable_password()  # so that "forgot your password?" works
    assert response["Location"] == members_url("inspect", member.pk)


def test_a_new_member_needs_an_unused_address(client, club):
    coordinator(client)
    response = client.post(
        members_url("add"),
        member_form(club["dave"], email="BOB@example.org", tariff="standard"),
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_a_coordinator_verifies_a_social_tariff(client, club):
    user = coordinator(client)
    dave = club["dave"]
    form = client.get(members_url("edit", dave.pk)).context["form"]
    assert "social_verified_by" not in form.fields and "social_verified_on" not in form.fields

    response = client.post(
        members_url("edit", dave.pk),
        member_form(
            dave,
            tariff="social",
            social_evidence="uitpas_kansentarief",
            social_valid_until="2027-06-30",
            # Typed by hand: ignored, the form fills these in.
            social_verified_by=club["verifier"].pk,
            social_verified_on="2020-01-01",
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    dave.refresh_from_db()
    assert dave.tariff == Tariff.SOCIAL
    assert dave.social_evidence == "uitpas_kansentarief"
    assert dave.social_valid_until == D(2027, 6, 30)
    assert dave.social_verified_by == user
    assert dave.social_verified_on == TODAY
    assert dave.has_social_tariff(TODAY)


def test_renewing_a_social_tariff_records_the_new_verification(client, club):
    user = coordinator(client)
    alice = club["alice"]
    response = client.post(
        members_url("edit", alice.pk), member_form(alice, social_valid_until="2027-11-30")
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.social_verified_by, alice.social_verified_on) == (user, TODAY)


def test_editing_other_fields_keeps_the_verification(client, club):
    coordinator(client)
    alice = club["alice"]
    response = client.post(members_url("edit", alice.pk), member_form(alice, postal_code="8501"))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.postal_code == "8501"
    assert alice.social_verified_by == club["verifier"]
    assert alice.social_verified_on == VERIFIED_ON


def test_a_social_tariff_needs_evidence_and_an_end_date(client, club):
    coordinator(client)
    dave = club["dave"]
    response = client.post(members_url("edit", dave.pk), member_form(dave, tariff="social"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "social_evidence" in errors and "social_valid_until" in errors
    dave.refresh_from_db()
    assert dave.tariff == Tariff.STANDARD and dave.social_verified_on is None


def test_a_social_tariff_that_has_already_ended_is_a_form_error(client, club):
    coordinator(client)
    dave = club["dave"]
    response = client.post(
        members_url("edit", dave.pk),
        member_form(
            dave, tariff="social", social_evidence="referral_letter", social_valid_until="2026-1-1"
        ),
    )
    assert response.status_code == 200
    assert "social_valid_until" in response.context["form"].errors


def test_back_to_the_standard_tariff_forgets_the_evidence(client, club):
    coordinator(client)
    alice = club["alice"]
    response = client.post(members_url("edit", alice.pk), member_form(alice, tariff="standard"))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.tariff == Tariff.STANDARD
    assert alice.social_evidence == ""
    assert alice.social_valid_until is None
    assert alice.social_verified_by is None and alice.social_verified_on is None


def test_a_coordinator_sees_the_social_tariff_on_the_member_page(client, club):
    coordinator(client)
    html = client.get(members_url("inspect", club["alice"].pk)).content.decode()
    assert "alice@example.org" in html and "0470 99 88 77" in html
    assert "referral letter" in html
    assert "Charlotte Vermeulen" in html
    assert "Babytheek" in html and "Instrumentheek" in html


def test_the_coordinators_form_shows_who_verified_and_when_it_ends(client, club):
    coordinator(client)
    response = client.get(members_url("edit", club["alice"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Charlotte Vermeulen" in html  # verified by, shown and not editable
    assert "This social tariff ends in 18 days" in html
    assert 'name="social_verified_by"' not in html and 'name="social_verified_on"' not in html


def test_a_coordinator_sees_the_tariff_each_membership_applied(client, club):
    coordinator(client)
    response = client.get(memberships_url("index"))
    assert set(response.context["object_list"]) == set(Membership.objects.all())
    assert "Tariff applied" in response.content.decode()


# Volunteers: what they see --------------------------------------------------------------------


def test_a_volunteer_lists_only_their_initiatives_members(client, club):
    volunteer_of(club["tools"], client)
    response = client.get(members_url("index"))
    assert response.status_code == 200
    # Alice has a membership here, Carol reserved an item here; Bob and Dave are elsewhere.
    assert listed(response) == {club["alice"], club["carol"]}
    html = response.content.decode()
    assert club["alice"].member_number in html and "Carol Wouters" in html
    assert club["bob"].member_number not in html and "Bob" not in html
    assert club["dave"].member_number not in html
    assert "alice@example.org" not in html and "0470 99 88 77" not in html


def test_the_volunteers_search_does_not_leak_other_members(client, club):
    volunteer_of(club["tools"], client)

    def found(query):
        return listed(client.get(members_url("index"), {"q": query}))

    assert found("Alice") == {club["alice"]}
    assert found(club["carol"].member_number) == {club["carol"]}
    assert found("Bob") == set()
    assert found(club["bob"].member_number) == set()
    assert found("Dave Maes") == set()
    # No search by address: a volunteer cannot probe for a member's e-mail.
    assert found("alice@example.org") == set()
    assert found("example.org") == set()


def test_the_volunteers_list_ignores_tariff_filters(client, club):
    volunteer_of(club["tools"], client)
    response = client.get(members_url("index"), {"tariff": "standard", "social_status": "expired"})
    assert listed(response) == {club["alice"], club["carol"]}
    form_fields = response.context["filters"].form.fields
    assert "tariff" not in form_fields and "social_status" not in form_fields
    assert list(form_fields["initiative"].queryset) == [club["tools"]]


def test_a_volunteer_sees_a_member_and_their_memberships_here_only(client, club):
    volunteer_of(club["tools"], client)
    response = client.get(members_url("inspect", club["alice"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert club["alice"].member_number in html
    assert "Alice Peeters" in html and "8500" in html and "Nederlands" in html
    assert "Instrumentheek" in html
    assert "Babytheek" not in html  # her membership elsewhere is not this team's business
    assert "alice@example.org" not in html and "0470 99 88 77" not in html
    assert not SOCIAL_TARIFF_WORDS.search(html), SOCIAL_TARIFF_WORDS.search(html)
    assert "20/11/2026" not in html and "2026-11-20" not in html  # the social tariff's end


@pytest.mark.parametrize("view", ["edit", "inspect", "history", "history_results"])
def test_another_initiatives_member_is_not_found(client, club, view):
    volunteer_of(club["tools"], client)
    for member in (club["bob"], club["dave"]):
        assert client.get(members_url(view, member.pk)).status_code == 404


def test_there_is_no_delete_copy_or_usage_address_for_members(client, club):
    coordinator(client)
    for view in ("delete", "copy", "usage"):
        assert client.get(f"/admin/members/{view}/{club['bob'].pk}/").status_code == 404
    assert client.post(f"/admin/members/delete/{club['bob'].pk}/").status_code == 404
    assert Member.objects.filter(pk=club["bob"].pk).exists()


def test_no_page_a_volunteer_sees_says_anything_about_the_social_tariff(client, club):
    volunteer_of(club["tools"], client)
    pages = [
        members_url("index"),
        members_url("inspect", club["alice"].pk),
        members_url("inspect", club["carol"].pk),
        memberships_url("index"),
        memberships_url("add") + f"?member={club['alice'].pk}",
        memberships_url("edit", club["alice_tools"].pk),
        memberships_url("history", club["alice_tools"].pk),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        found = SOCIAL_TARIFF_WORDS.search(html)
        assert not found, (url, html[max(0, found.start() - 200) : found.end() + 200])
        assert "alice@example.org" not in html and "0470 99 88 77" not in html


# Volunteers: what they cannot change ----------------------------------------------------------


def test_a_volunteer_cannot_create_or_edit_members(client, club):
    volunteer_of(club["tools"], client)
    alice = club["alice"]
    assert refused(client.get(members_url("add")))
    assert refused(client.get(members_url("edit", alice.pk)))
    crafted = member_form(
        alice,
        tariff="standard",
        social_evidence="",
        social_valid_until="",
        postal_code="1000",
        email="thief@example.org",
    )
    assert refused(client.post(members_url("edit", alice.pk), crafted))
    assert refused(client.post(members_url("add"), member_form(club["dave"], email="x@y.org")))
    alice.refresh_from_db()
    assert alice.tariff == Tariff.SOCIAL and alice.social_valid_until == VALID_UNTIL
    assert alice.postal_code == "8500" and alice.user.email == "alice@example.org"


def test_even_with_the_change_permission_a_volunteer_never_gets_the_tariff_fields(client, club):
    """If someone grants a team "change member", its form still has no tariff in it."""
    group = Group.objects.get(name="Instrumentheek – vrijwilligers")
    group.permissions.add(Permission.objects.get(codename="change_member"))
    volunteer_of(club["tools"], client)
    alice = club["alice"]

    response = client.get(members_url("edit", alice.pk))
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"postal_code", "preferred_language"}
    assert not SOCIAL_TARIFF_WORDS.search(response.content.decode())

    crafted = member_form(
        alice,
        postal_code="8501",
        tariff="standard",
        social_evidence="uitpas_kansentarief",
        social_valid_until="2030-01-01",
        social_verified_by=response.wsgi_request.user.pk,
        social_verified_on="2026-11-02",
        email="thief@example.org",
        phone="000",
    )
    assert client.post(members_url("edit", alice.pk), crafted).status_code == 302
    alice.refresh_from_db()
    assert alice.postal_code == "8501"
    assert alice.tariff == Tariff.SOCIAL
    assert alice.social_evidence == "referral_letter"
    assert alice.social_valid_until == VALID_UNTIL
    assert (alice.social_verified_by, alice.social_verified_on) == (club["verifier"], VERIFIED_ON)
    assert alice.user.email == "alice@example.org" and alice.phone == "0470 99 88 77"
    # And another initiative's member stays out of reach.
    assert client.post(members_url("edit", club["bob"].pk), crafted).status_code == 404
