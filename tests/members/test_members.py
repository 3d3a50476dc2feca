"""Members: member numbers, the verified social tariff and memberships per initiative."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Member, Membership, Tariff
from tests import factories
from tests.catalogue.factories import first_copy

D = datetime.date

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(index):
    return factories.build_initiative(index, "Instrumentheek")


def social_member(**fields):
    values = {
        "tariff": Tariff.SOCIAL,
        "social_verified_by": factories.UserFactory(),
        "social_verified_on": D(2026, 9, 1),
        "social_valid_until": D(2026, 11, 30),
        "social_evidence": Member.SocialEvidence.REFERRAL_LETTER,
    }
    values.update(fields)
    return factories.MemberFactory(**values)


def test_a_new_member_gets_a_unique_number_derived_from_its_id():
    first, second = factories.MemberFactory(), factories.MemberFactory()
    for member in (first, second):
        assert member.member_number == f"DF-{member.pk:06d}"
        member.refresh_from_db()
        assert member.member_number == f"DF-{member.pk:06d}"
    assert first.member_number != second.member_number


def test_saving_again_keeps_the_member_number():
    member = factories.MemberFactory()
    number = member.member_number
    member.phone = "056 00 00 00"
    member.save()
    member.refresh_from_db()
    assert member.member_number == number


def test_member_numbers_are_unique_in_the_database():
    member = factories.MemberFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=factories.MemberFactory().pk).update(
            member_number=member.member_number
        )


def test_the_member_is_a_profile_of_the_user():
    member = factories.MemberFactory(user__first_name="An", user__last_name="Peeters")
    assert member.user.member == member
    assert member.display_name == "An Peeters"
    assert member.preferred_language == "nl"
    assert member.tariff == Tariff.STANDARD


def test_the_social_tariff_applies_only_while_verified_and_valid():
    member = social_member()
    assert not member.has_social_tariff(D(2026, 8, 31))
    assert member.has_social_tariff(D(2026, 9, 1))
    assert member.has_social_tariff(D(2026, 11, 30))
    assert not member.has_social_tariff(D(2026, 12, 1))


def test_the_social_tariff_defaults_to_today(freeze_time):
    member = social_member()
    freeze_time(2026, 10, 1)
    assert member.has_social_tariff()
    freeze_time(2026, 12, 1)
    assert not member.has_social_tariff()


def test_no_social_tariff_without_verification_or_at_the_standard_tariff():
    assert not social_member(social_verified_on=None).has_social_tariff(D(2026, 10, 1))
    assert not social_member(social_valid_until=None).has_social_tariff(D(2026, 10, 1))
    assert not social_member(tariff=Tariff.STANDARD).has_social_tariff(D(2026, 10, 1))


def test_a_social_tariff_needs_its_verification_details():
    member = factories.MemberFactory(tariff=Tariff.SOCIAL)
    with pytest.raises(ValidationError) as invalid:
        member.full_clean()
    assert set(invalid.value.message_dict) >= {
        "social_verified_on",
        "social_valid_until",
        "social_evidence",
    }
    social_member().full_clean()
    with pytest.raises(ValidationError) as invalid:
        social_member(social_valid_until=D(2026, 8, 1)).full_clean()
    assert "social_valid_until" in invalid.value.message_dict


def test_the_string_of_a_member_holds_no_personal_or_social_details():
    member = social_member(
        social_evidence=Member.SocialEvidence.UITPAS,
        user__first_name="An",
        user__last_name="Peeters",
    )
    text = str(member) + repr(member)
    assert member.member_number in text
    for secret in ("An", "Peeters", member.user.email, member.phone, "social", "uitpas"):
        assert secret.lower() not in text.lower()


def test_a_membership_is_valid_through_a_day_within_its_period(initiative):
    membership = factories.MembershipFactory(
        initiative=initiative, start=D(2026, 1, 1), end=D(2026, 12, 31)
    )
    assert membership.is_valid_through(D(2026, 1, 1))
    assert membership.is_valid_through(D(2026, 12, 31))
    assert not membership.is_valid_through(D(2027, 1, 1))
    assert not membership.is_valid_through(D(2025, 12, 31))
    assert membership.is_valid_through(D(2026, 12, 31), since=D(2026, 6, 1))
    assert not membership.is_valid_through(D(2026, 6, 1), since=D(2025, 12, 1))
    valid = Membership.objects.valid_through(D(2026, 12, 31), since=D(2026, 6, 1))
    assert list(valid) == [membership]
    assert not Membership.objects.valid_through(D(2027, 1, 1)).exists()


def test_a_membership_cannot_end_before_it_starts(initiative):
    membership = factories.MembershipFactory.build(
        member=factories.MemberFactory(),
        initiative=initiative,
        start=D(2026, 6, 1),
        end=D(2026, 5, 31),
    )
    with pytest.raises(ValidationError) as invalid:
        membership.full_clean()
    assert "end" in invalid.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_a_membership_at_the_social_tariff_needs_a_verified_social_tariff(initiative):
    plan = initiative.plans.get()
    standard = factories.MembershipFactory.build(
        member=factories.MemberFactory(),
        initiative=initiative,
        plan=plan,
        start=D(2026, 10, 1),
        tariff=Tariff.SOCIAL,
    )
    with pytest.raises(ValidationError) as invalid:
        standard.full_clean()
    assert "tariff" in invalid.value.message_dict
    social = factories.MembershipFactory.build(
        member=social_member(), initiative=initiative, plan=plan, start=D(2026, 10, 1)
    )
    social.tariff = Tariff.SOCIAL
    social.full_clean()


def test_a_membership_belongs_to_the_default_language_initiative(initiative):
    french = factories.translate(initiative, "fr")
    membership = factories.MembershipFactory.build(
        member=factories.MemberFactory(), initiative=french, start=D(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as invalid:
        membership.full_clean()
    assert "initiative" in invalid.value.message_dict


def test_erasing_a_member_keeps_the_reservation_without_the_member(initiative):
    from lending.models import Reservation

    initiative.lends_items = True
    initiative.save()
    category = factories.build_category("Boren", "boren")
    item = factories.build_item(initiative, category, "Boor", "IN-1")
    member = factories.MemberFactory()
    reservation = Reservation.objects.create(
        item=item,
        copy=first_copy(item),
        member=member,
        pickup_date=D(2026, 11, 2),
        return_date=D(2026, 11, 4),
    )
    member.user.delete()
    reservation.refresh_from_db()
    assert reservation.member is None
    assert Reservation.objects.count() == 1
