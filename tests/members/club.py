"""The club the member admin tests work in: two lending initiatives, a coordinator who
verified Alice's social tariff, four members and a drill Carol reserved; and the helpers that
log in, address the admin and fill in its forms.

"Today" is Monday 2 November 2026 at 10:00.
"""

import datetime
import re

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from initiatives.models import MembershipPlan
from initiatives.teams import COORDINATION_GROUP, ensure_coordination_group
from lending.models import Reservation
from members.models import Member, Membership, Tariff
from tests import factories
from tests.catalogue.factories import first_copy

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
    """Two lending initiatives, Alice, Bob, Carol and Dave (see ``people``) and a drill."""
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
    alice, bob, carol, dave = people(verifier)
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
            item=drill,
            copy=first_copy(drill),
            member=carol,
            pickup_date=D(2026, 11, 9),
            return_date=D(2026, 11, 11),
        ),
        # Dave: signed up on the website, nothing else yet.
        "dave": dave,
    }


def people(verifier):
    """Alice (social tariff, verified by ``verifier``), Bob (French), Carol and Dave."""
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
    return alice, bob, carol, dave


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
