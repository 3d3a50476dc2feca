"""Members and memberships in the admin: coordinators see and verify everything, a volunteer
sees the members of their own initiatives without contact details or anything about the social
tariff, and registers memberships of their own initiatives only.

"Today" is Monday 2 November 2026 at 10:00.
"""

import datetime
import io
import re

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from catalogue.models import Reservation
from initiatives.models import MembershipPlan
from initiatives.teams import COORDINATION_GROUP, ensure_coordination_group
from members.models import Member, Membership, Tariff
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 2)
# Alice's social tariff: verified in January, ends within 30 days of today.
VERIFIED_ON = D(2026, 1, 10)
VALID_UNTIL = D(2026, 11, 20)
# Words a volunteer must never read about a member (Dutch and English evidence names too).
SOCIAL_TARIFF_WORDS = re.compile(
    r"tariff|tarief|referral|uitpas|kansentarief|evidence|verified|Vermeulen", re.IGNORECASE
)


@pytest.fixture
def club(index, freeze_time):
    freeze_time(2026, 11, 2, 10)
    ensure_coordination_group()
    lending = {"lends_items": True, "reservations_enabled": True}
    tools = factories.build_initiative(index, "Instrumentheek", **lending)
    baby = factories.build_initiative(index, "Babytheek", **lending)
    MembershipPlan.objects.filter(page=tools).update(duration_months=12)
    tools_plan = MembershipPlan.objects.get(page=tools)
    baby_plan = MembershipPlan.objects.get(page=baby)
    verifier = factories.UserFactory(
        first_name="Charlotte",
        last_name="Vermeulen",
        groups=[Group.objects.get(name=COORDINATION_GROUP)],
    )
    alice = factories.MemberFactory(
        user__first_name="Alice",
        user__last_name="Peeters",
        user__email="alice@example.org",
        phone="0470 99 88 77",
        postal_code="8500",
        tariff=Tariff.SOCIAL,
        social_evidence=Member.SocialEvidence.REFERRAL_LETTER,
        social_verified_by=verifier,
        social_verified_on=VERIFIED_ON,
        social_valid_until=VALID_UNTIL,
    )
    bob = factories.MemberFactory(
        user__first_name="Bob",
        user__last_name="Claes",
        user__email="bob@example.org",
        phone="0499 11 11 11",
        postal_code="8510",
        preferred_language="fr",
    )
    carol = factories.MemberFactory(
        user__first_name="Carol", user__last_name="Wouters", postal_code="8530"
    )
    dave = factories.MemberFactory(user__first_name="Dave", user__last_name="Maes")
    category = factories.build_category("Gereedschap", "gereedschap")
    drill = factories.build_item(tools, category, "Klopboormachine", "IN-0001")
    return {
        "tools": tools,
        "baby": baby,
        "tools_plan": tools_plan,
        "baby_plan": baby_plan,
        "verifier": verifier,
        # Alice: memberships at both initiatives (the social one at the tool library).
        "alice": alice,
        "alice_tools": factories.MembershipFactory(
            member=alice, initiative=tools, plan=tools_plan, tariff=Tariff.SOCIAL
        ),
        "alice_baby": factories.MembershipFactory(
            member=alice, initiative=baby, plan=baby_plan, start=D(2026, 3, 1)
        ),
        # Bob: a member of the baby library only.
        "bob": bob,
        "bob_baby": factories.MembershipFactory(member=bob, initiative=baby, plan=baby_plan),
        # Carol: no membership, but she reserved the tool library's drill.
        "carol": carol,
        "carol_reservation": Reservation.objects.create(
            item=drill, member=carol, pickup_date=D(2026, 11, 9), return_date=D(2026, 11, 11)
        ),
        # Dave: signed up on the website, nothing else yet.
        "dave": dave,
    }


def volunteer_of(page, client):
    group = Group.objects.get(name=f"{page.title} – vrijwilligers")
    user = factories.UserFactory(groups=[group], admin_language="en")
    client.force_login(user)
    return user


def coordinator(client):
    user = factories.UserFactory(
        first_name="Cora",
        last_name="Dewitte",
        groups=[Group.objects.get(name=COORDINATION_GROUP)],
        admin_language="en",
    )
    client.force_login(user)
    return user


def members_url(name, *args):
    return reverse(f"member_admin:{name}", args=args)


def memberships_url(name, *args):
    return reverse(f"membership_admin:{name}", args=args)


def listed(response):
    return set(response.context["object_list"])


def refused(response):
    """Wagtail refuses with a 403, or a redirect to the dashboard with an error."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def member_form(member, **changes):
    """The coordinators' member form as saved, plus `changes`."""
    user = member.user
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": member.phone,
        "postal_code": member.postal_code,
        "preferred_language": member.preferred_language,
        "tariff": member.tariff,
        "social_evidence": member.social_evidence,
        "social_valid_until": member.social_valid_until.isoformat()
        if member.social_valid_until
        else "",
    }
    data.update(changes)
    return data


def membership_data(member, initiative, plan, start=TODAY, end="", **extra):
    return {
        "member_number": member.member_number,
        "member_email": member.user.email,
        "initiative": initiative.pk,
        "plan": plan.pk if plan else "",
        "start": start.isoformat(),
        "end": end.isoformat() if end else "",
        **extra,
    }


def register(client, data):
    """Submit the membership form, check the price on the preview, then confirm."""
    preview = client.post(memberships_url("add"), data)
    assert preview.status_code == 200, preview.status_code
    assert preview.context.get("preview"), preview.context["form"].errors
    assert not Membership.objects.filter(
        member__member_number=data["member_number"], start=data["start"]
    ).exists()  # nothing registered before the confirmation
    confirmed = {**data, "confirmation": preview.context["form"].token}
    return preview, client.post(memberships_url("add"), confirmed)


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
