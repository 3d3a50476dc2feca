"""Joining online: a member applies for a membership, a volunteer or coordinator decides
(docs/architecture.md, "Joining online").

``submit`` stores the application (and the referral letter, in private storage); ``approve``
makes the membership at the right price with a payment due, verifies a social tariff and
deletes the letter; ``reject`` gives the member the reason. Both are safe to run twice: the
application row is locked and only a waiting application is decided. The member hears of the
decision by mail: ``application_decided`` is sent in the decision's transaction, and the
lending app's outbox (which sends every member mail once it commits) answers it.

A social tariff is decided by coordinators only: a volunteer sees that an application waits
for a coordinator, nothing of why.
"""

from __future__ import annotations

import calendar
import datetime
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from core.languages import source_of

from .models import Member, Membership, MembershipApplication, Payment, Tariff

logger = logging.getLogger(__name__)

Status = MembershipApplication.Status
Route = MembershipApplication.SocialRoute

# Sent with ``application`` (approved or rejected), in the decision's transaction.
application_decided = Signal()

# How long a verified social tariff runs when nothing says otherwise (a referral letter).
SOCIAL_TARIFF_MONTHS = 12
# The UiTPAS service did not answer when the member applied.
UNCHECKED = "unchecked"
# A plan without a duration in months runs a year.
DEFAULT_PLAN_MONTHS = 12


class ApplicationRefused(Exception):
    """Why an application cannot be made or decided, in the active language."""


@dataclass(frozen=True)
class Decision:
    application: MembershipApplication
    changed: bool  # False when the application had been decided already


def add_months(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def has_membership(member, initiative, day) -> bool:
    return Membership.objects.filter(
        member=member, initiative=source_of(initiative), start__lte=day, end__gte=day
    ).exists()


def open_application(member, initiative):
    """The member's waiting application at the initiative, or None."""
    if member is None:
        return None
    return MembershipApplication.objects.filter(
        member=member, initiative=source_of(initiative), status=Status.SUBMITTED
    ).first()


def submit(
    member,
    initiative,
    plan,
    *,
    social_route="",
    referred_by="",
    evidence=None,
    uitpas_number="",
    uitpas_check=None,
    now=None,
) -> MembershipApplication:
    """Store an application (the caller has validated the form). Raises ApplicationRefused
    when one is waiting already."""
    now = now or timezone.now()
    initiative = source_of(initiative)
    letter = social_route in (Route.LETTER_UPLOAD, Route.LETTER_BRING)
    application = MembershipApplication(
        member=member,
        initiative=initiative,
        plan=source_of(plan),
        social_route=social_route,
        referred_by=referred_by if letter else "",
        uitpas_number=uitpas_number if social_route == Route.UITPAS else "",
        house_rules_accepted_at=now,
        created_at=now,
    )
    if evidence is not None and social_route == Route.LETTER_UPLOAD:
        application.evidence = evidence
    if social_route == Route.UITPAS and uitpas_check is not None:
        # A PassCheck, or "unchecked" when the service did not answer (members/uitpas.py).
        application.uitpas_checked_at = now
        if uitpas_check == UNCHECKED:
            application.uitpas_status = UNCHECKED
        else:
            application.uitpas_status = uitpas_check.status
            application.uitpas_valid_until = uitpas_check.end_date
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        if application.evidence:
            application.evidence.delete(save=False)
        raise ApplicationRefused(
            _("Your application for this initiative is already waiting for a volunteer.")
        ) from error
    return application


def _locked(application):
    return MembershipApplication.objects.select_for_update().get(pk=application.pk)


def approve(application, by, *, social=None, social_valid_until=None, today=None) -> Decision:
    """Make the membership (from today, for the plan's duration) at the price that applies,
    with a payment due at the desk. ``social``: whether the social tariff is granted (asked
    for, and decided by a coordinator); it is verified on the member until
    ``social_valid_until`` and the referral letter is deleted."""
    today = today or timezone.localdate()
    with transaction.atomic():
        application = _locked(application)
        if application.status != Status.SUBMITTED:
            return Decision(application, changed=False)
        social = application.asks_social_tariff if social is None else social
        member = Member.objects.select_for_update().get(pk=application.member_id)
        if social:
            _verify_social_tariff(application, member, by, today, social_valid_until)
        membership = _membership_for(application, member, today)
        application.status = Status.APPROVED
        application.membership = membership
        _decided(application, by)
        _delete_evidence_after_commit(application)
    return Decision(application, changed=True)


def reject(application, by, reason) -> Decision:
    """Refuse the application with a reason the member reads in the mail."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationRefused(_("Say why, so that the member knows what to do."))
    with transaction.atomic():
        application = _locked(application)
        if application.status != Status.SUBMITTED:
            return Decision(application, changed=False)
        application.status = Status.REJECTED
        application.reason = reason
        _decided(application, by)
        _delete_evidence_after_commit(application)
    return Decision(application, changed=True)


def withdraw(application) -> bool:
    """The member takes back a waiting application; the letter goes with it."""
    with transaction.atomic():
        application = _locked(application)
        if application.status != Status.SUBMITTED:
            return False
        application.status = Status.WITHDRAWN
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at"])
        _delete_evidence_after_commit(application)
    return True


def _verify_social_tariff(application, member, by, today, valid_until):
    member.tariff = Tariff.SOCIAL
    member.social_verified_by = by
    member.social_verified_on = today
    checked = application.uitpas_status == "ACTIVE" and application.uitpas_valid_until
    default = application.uitpas_valid_until if checked else add_months(today, SOCIAL_TARIFF_MONTHS)
    member.social_valid_until = valid_until or default
    member.social_evidence = (
        Member.SocialEvidence.UITPAS
        if application.social_route == Route.UITPAS
        else Member.SocialEvidence.REFERRAL_LETTER
    )
    member.save(
        update_fields=[
            "tariff",
            "social_verified_by",
            "social_verified_on",
            "social_valid_until",
            "social_evidence",
        ]
    )


def _membership_for(application, member, today):
    plan = application.plan
    months = (plan.duration_months if plan is not None else None) or DEFAULT_PLAN_MONTHS
    end = add_months(today, months) - datetime.timedelta(days=1)
    social = member.has_social_tariff(today)
    membership = Membership.objects.create(
        member=member,
        initiative=application.initiative,
        plan=plan,
        start=today,
        end=end,
        tariff=Tariff.SOCIAL if social else Tariff.STANDARD,
    )
    if plan is not None:
        Payment.objects.create(
            membership=membership,
            amount=plan.social_price if social else plan.standard_price,
            method=Payment.Method.AT_DESK,
        )
    return membership


def _decided(application, by):
    application.decided_at = timezone.now()
    application.decided_by = by if by is not None and by.is_authenticated else None
    application.save()
    # In the decision's transaction: the mail's outbox row is saved with it or not at all.
    application_decided.send(sender=MembershipApplication, application=application)


def _delete_evidence_after_commit(application):
    """The letter leaves storage once the decision is saved (never before: a rollback would
    keep an application whose letter is gone)."""
    if not application.evidence:
        return
    name = application.evidence.name
    storage = application.evidence.storage
    application.evidence = ""
    application.evidence_deleted_at = timezone.now()
    application.save(update_fields=["evidence", "evidence_deleted_at"])

    def delete():
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete the evidence of application %s", application.pk)

    transaction.on_commit(delete)


def delete_evidence_with_the_application(sender, instance, **kwargs):
    """An application that goes (an erased account takes its applications with it) takes its
    referral letter out of private storage once the deletion commits."""
    if instance.evidence:
        name, storage = instance.evidence.name, instance.evidence.storage
        transaction.on_commit(lambda: storage.delete(name))
