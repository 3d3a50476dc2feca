"""Memberships in the admin: a volunteer registers and changes memberships of their own
initiatives only, after seeing the price; and who gets the members menu (the club is in
``club.py``).

"Today" is Monday 2 November 2026 at 10:00.
"""

import io

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from initiatives.teams import COORDINATION_GROUP
from members.models import Member, Membership, Tariff
from tests import factories
from tests.members.club import (
    SOCIAL_TARIFF_WORDS,
    TODAY,
    D,
    coordinator,
    members_url,
    membership_data,
    memberships_url,
    refused,
    register,
    volunteer_of,
)

pytestmark = pytest.mark.django_db


# Memberships ----------------------------------------------------------------------------------


def test_a_volunteer_lists_their_initiatives_memberships_only(client, club):
    volunteer_of(club["tools"], client)
    response = client.get(memberships_url("index"))
    assert set(response.context["object_list"]) == {club["alice_tools"]}
    assert "Babytheek" not in response.content.decode()


@pytest.mark.parametrize("view", ["edit", "delete", "history"])
def test_another_initiatives_membership_is_not_found(client, club, view):
    volunteer_of(club["tools"], client)
    assert client.get(memberships_url(view, club["bob_baby"].pk)).status_code == 404
    assert client.post(memberships_url(view, club["bob_baby"].pk)).status_code == 404
    assert Membership.objects.filter(pk=club["bob_baby"].pk).exists()


def test_the_form_offers_only_the_volunteers_initiatives_and_plans(client, club):
    volunteer_of(club["tools"], client)
    response = client.get(memberships_url("add"))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["initiative"].queryset) == [club["tools"]]
    assert list(form.fields["plan"].queryset) == [club["tools_plan"]]
    assert "tariff" not in form.fields


def test_a_volunteer_registers_a_membership_after_seeing_the_price(client, club):
    volunteer_of(club["tools"], client)
    dave = club["dave"]
    data = membership_data(dave, club["tools"], club["tools_plan"], tariff="social")
    preview, response = register(client, data)

    html = preview.content.decode()
    assert "Social price applies" in html
    assert preview.context["preview"]["social_price"] is False
    assert preview.context["preview"]["price"] == club["tools_plan"].standard_price
    assert not SOCIAL_TARIFF_WORDS.search(html)

    assert response.status_code == 302
    membership = Membership.objects.get(member=dave)
    assert membership.initiative == club["tools"]
    assert (membership.start, membership.end) == (TODAY, D(2027, 11, 1))  # the plan's year
    assert membership.tariff == Tariff.STANDARD  # the crafted "social" is not a field
    # Dave is now a member here: the volunteer lands on his page.
    assert response["Location"] == members_url("inspect", dave.pk)
    assert client.get(response["Location"]).status_code == 200


def test_the_social_price_follows_the_verified_social_tariff(client, club):
    volunteer_of(club["tools"], client)
    alice = club["alice"]
    Membership.objects.filter(pk=club["alice_tools"].pk).update(end=D(2026, 10, 31))
    data = membership_data(
        alice, club["tools"], club["tools_plan"], start=D(2026, 11, 10), end=D(2026, 11, 30)
    )
    preview, response = register(client, {**data, "tariff": "standard"})
    assert preview.context["preview"]["social_price"] is True
    assert preview.context["preview"]["price"] == club["tools_plan"].social_price
    assert response.status_code == 302
    assert Membership.objects.get(member=alice, start=D(2026, 11, 10)).tariff == Tariff.SOCIAL

    # After the social tariff ends, the standard price applies.
    data = membership_data(alice, club["tools"], club["tools_plan"], start=D(2026, 12, 1))
    preview, response = register(client, data)
    assert preview.context["preview"]["social_price"] is False
    assert Membership.objects.get(member=alice, start=D(2026, 12, 1)).tariff == Tariff.STANDARD


def test_a_member_outside_the_volunteers_initiatives_needs_number_and_email(client, club):
    """Member numbers are sequential: a number alone must not reveal anyone's name or tariff."""
    volunteer_of(club["tools"], client)
    bob = club["bob"]  # a member of the baby library only, unknown to the tool library
    data = membership_data(bob, club["tools"], club["tools_plan"])
    unknown = client.post(memberships_url("add"), {**data, "member_number": "DF-999999"})
    unknown_error = unknown.context["form"].errors["member_number"]
    for partial in (
        {**data, "member_email": ""},
        {**data, "member_number": ""},
        {**data, "member_email": "someone.else@example.org"},
    ):
        response = client.post(memberships_url("add"), partial)
        html = response.content.decode()
        assert response.status_code == 200 and not response.context.get("preview")
        assert response.context["form"].errors["member_number"] == unknown_error
        assert "Claes" not in html and "Social price applies" not in html
    assert not Membership.objects.filter(member=bob, initiative=club["tools"]).exists()

    # Both, as the member at the desk shows them: the preview, then the registration.
    preview, response = register(client, data)
    assert "Claes" in preview.content.decode()
    assert response.status_code == 302
    assert Membership.objects.filter(member=bob, initiative=club["tools"]).exists()


def test_a_member_of_the_volunteers_initiative_is_found_by_number_alone(client, club):
    volunteer_of(club["tools"], client)
    carol = club["carol"]  # reserved at the tool library
    data = membership_data(carol, club["tools"], club["tools_plan"], member_email="")
    response = client.post(memberships_url("add"), data)
    assert response.context.get("preview"), response.context["form"].errors
    assert "Wouters" in response.content.decode()


def test_a_second_membership_of_the_same_initiative_at_the_same_time_is_refused(client, club):
    volunteer_of(club["tools"], client)
    data = membership_data(club["alice"], club["tools"], club["tools_plan"], start=D(2026, 12, 1))
    response = client.post(memberships_url("add"), data)
    assert response.status_code == 200 and not response.context.get("preview")
    assert "start" in response.context["form"].errors
    assert Membership.objects.filter(member=club["alice"], initiative=club["tools"]).count() == 1
    # A renewal after the current one ends is fine.
    _preview, response = register(client, {**data, "start": "2027-01-01"})
    assert response.status_code == 302
    assert Membership.objects.filter(member=club["alice"], initiative=club["tools"]).count() == 2


def test_a_changed_form_after_the_preview_is_checked_again(client, club):
    volunteer_of(club["tools"], client)
    data = membership_data(club["dave"], club["tools"], club["tools_plan"])
    preview = client.post(memberships_url("add"), data)
    token = preview.context["form"].token
    changed = {**data, "start": "2026-11-09", "confirmation": token}
    response = client.post(memberships_url("add"), changed)
    assert response.status_code == 200 and response.context["preview"]
    assert not Membership.objects.filter(member=club["dave"]).exists()


def test_a_membership_of_another_initiative_is_refused(client, club):
    volunteer_of(club["tools"], client)
    data = membership_data(club["dave"], club["baby"], club["baby_plan"])
    data["confirmation"] = "anything"
    response = client.post(memberships_url("add"), data)
    assert response.status_code == 200
    assert "initiative" in response.context["form"].errors
    assert not Membership.objects.filter(member=club["dave"]).exists()


def test_a_plan_of_another_initiative_is_refused(client, club):
    volunteer_of(club["tools"], client)
    response = client.post(
        memberships_url("add"), membership_data(club["dave"], club["tools"], club["baby_plan"])
    )
    assert response.status_code == 200
    assert "plan" in response.context["form"].errors
    assert not Membership.objects.filter(member=club["dave"]).exists()


def test_a_coordinator_cannot_mix_one_initiatives_plan_with_another(client, club):
    coordinator(client)
    response = client.post(
        memberships_url("add"), membership_data(club["dave"], club["tools"], club["baby_plan"])
    )
    assert response.status_code == 200
    with translation.override("en"):
        errors = [str(error) for error in response.context["form"].errors["plan"]]
    assert errors == ["This plan belongs to another initiative."]


def test_an_end_before_the_start_is_a_form_error(client, club):
    volunteer_of(club["tools"], client)
    data = membership_data(
        club["dave"], club["tools"], club["tools_plan"], start=TODAY, end=D(2026, 10, 1)
    )
    response = client.post(memberships_url("add"), data)
    assert response.status_code == 200
    with translation.override("en"):
        errors = [str(error) for error in response.context["form"].errors["end"]]
    assert errors == ["A membership cannot end before it starts."]

    edit = memberships_url("edit", club["alice_tools"].pk)
    response = client.post(
        edit,
        {
            "initiative": club["tools"].pk,
            "plan": club["tools_plan"].pk,
            "start": "2026-01-01",
            "end": "2025-12-31",
        },
    )
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    assert Membership.objects.get(pk=club["alice_tools"].pk).end == D(2026, 12, 31)


def test_an_unknown_member_or_a_bad_date_is_a_form_error(client, club):
    volunteer_of(club["tools"], client)
    data = membership_data(club["dave"], club["tools"], club["tools_plan"])
    response = client.post(memberships_url("add"), {**data, "member_number": "DF-999999"})
    assert "member_number" in response.context["form"].errors
    response = client.post(memberships_url("add"), {**data, "start": "2026-02-30"})
    assert response.status_code == 200
    assert "start" in response.context["form"].errors


def test_a_volunteer_changes_a_membership_and_its_tariff_stays(client, club):
    volunteer_of(club["tools"], client)
    membership = club["alice_tools"]
    # The social tariff was renewed since: its verification no longer covers 1 January.
    Member.objects.filter(pk=club["alice"].pk).update(
        social_verified_on=D(2026, 10, 1), social_valid_until=D(2027, 9, 30)
    )
    response = client.post(
        memberships_url("edit", membership.pk),
        {
            "initiative": club["tools"].pk,
            "plan": club["tools_plan"].pk,
            "start": "2026-01-01",
            "end": "2027-01-31",
            "tariff": "standard",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    membership.refresh_from_db()
    assert membership.end == D(2027, 1, 31)
    assert membership.tariff == Tariff.SOCIAL  # as registered


def test_a_volunteer_cannot_move_a_membership_to_another_initiative(client, club):
    volunteer_of(club["tools"], client)
    membership = club["alice_tools"]
    response = client.post(
        memberships_url("edit", membership.pk),
        {
            "initiative": club["baby"].pk,
            "plan": club["baby_plan"].pk,
            "start": "2026-01-01",
            "end": "2026-12-31",
        },
    )
    assert response.status_code == 200
    assert "initiative" in response.context["form"].errors
    assert Membership.objects.get(pk=membership.pk).initiative == club["tools"]


def test_a_volunteer_cannot_delete_a_membership(client, club):
    volunteer_of(club["tools"], client)
    membership = club["alice_tools"]
    assert refused(client.post(memberships_url("delete", membership.pk)))
    assert Membership.objects.filter(pk=membership.pk).exists()


# Permissions ----------------------------------------------------------------------------------


def test_the_members_menu_is_there_for_volunteers_and_not_for_other_staff(client, club):
    volunteer_of(club["tools"], client)
    assert members_url("index") in client.get(reverse("wagtailadmin_home")).content.decode()

    staff = factories.UserFactory(admin_language="en")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert members_url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert refused(client.get(members_url("index")))


def test_setup_teams_grants_the_member_permissions_to_existing_teams(club):
    group = Group.objects.get(name="Instrumentheek – vrijwilligers")
    codenames = {"view_member", "view_membership", "add_membership", "change_membership"}
    group.permissions.remove(*Permission.objects.filter(codename__in=codenames))
    coordination = Group.objects.get(name=COORDINATION_GROUP)
    coordination.permissions.remove(*Permission.objects.filter(content_type__app_label="members"))

    call_command("setup_teams", stdout=io.StringIO())

    granted = set(
        group.permissions.filter(content_type__app_label="members").values_list(
            "codename", flat=True
        )
    )
    assert granted == codenames
    assert set(
        coordination.permissions.filter(content_type__app_label="members").values_list(
            "codename", flat=True
        )
    ) == codenames | {"add_member", "change_member", "delete_membership"}
