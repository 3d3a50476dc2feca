"""A member's own data: everything stored about them as JSON, and erasing it.

The export holds the account, the member profile, the memberships and the log-in history;
other apps add what they store about the member through two Wagtail hooks, so that this app
knows none of them (docs/architecture.md, "Apps"):

- ``member_data_export(user, member)`` returns a dict of sections merged into the export
  (``member`` is None for an account without a member profile);
- ``member_data_erase(user, member)`` is called inside the erasure's transaction, before the
  user row is deleted, to delete or anonymise what the app keeps (``lending/privacy.py``: the
  reservations stay, detached from anyone, so the loan counts still add up).

Erasure deletes the Django user, and with it the member profile and the memberships. Free text
that may name the member is cleared or scrubbed (``identifiers`` and ``scrub`` are here for the
hooks too), audit entries about the account go, and django-axes forgets the address's log-in
records.
"""

import json

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail import hooks
from wagtail.models import ModelLogEntry

from members.models import Member

USER_FIELDS = (
    "username",
    "email",
    "first_name",
    "last_name",
    "is_active",
    "date_joined",
    "last_login",
)


def _member_of(user):
    return Member.objects.filter(user=user).first()


# Export ---------------------------------------------------------------------------------------


def export_data(user) -> dict:
    """Everything stored about the user as a member, ready for JSON (no password hash)."""
    member = _member_of(user)
    data = {
        "exported_at": timezone.now(),
        "user": {name: getattr(user, name) for name in USER_FIELDS},
        "member": _member_section(member),
        "memberships": _memberships_section(member),
        "login_history": _login_history(user),
    }
    for hook in hooks.get_hooks("member_data_export"):
        data.update(hook(user, member))
    return data


def _member_section(member):
    if member is None:
        return None
    return {
        "member_number": member.member_number,
        "phone": member.phone,
        "postal_code": member.postal_code,
        "preferred_language": member.preferred_language,
        "member_since": member.created_at,
        "tariff": member.tariff,
        # What the member may know: whether, and until when, the social tariff applies.
        # Who verified it and with which evidence is for coordinators (see members/models.py).
        "social_tariff_until": member.social_valid_until if member.tariff == "social" else None,
    }


def _memberships_section(member):
    if member is None:
        return []
    memberships = member.memberships.select_related("initiative", "plan").order_by("start")
    return [
        {
            "initiative": membership.initiative.title,
            "plan": membership.plan.name if membership.plan else None,
            "start": membership.start,
            "end": membership.end,
            "tariff": membership.tariff,
            "created_at": membership.created_at,
        }
        for membership in memberships
    ]


def _login_history(user):
    return [
        {"at": entry.attempt_time, "logged_out_at": entry.logout_time}
        for entry in AccessLog.objects.filter(username__iexact=user.get_username())
    ]


def export_json(user) -> str:
    return json.dumps(export_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


# Scrubbing free text ----------------------------------------------------------------------------


def identifiers(user, member):
    """What may name the member in free text, shortest first (the argument of ``scrub``)."""
    values = [user.email, user.get_username(), user.get_full_name(), user.first_name]
    values.append(user.last_name)
    if member is not None:
        values.append(member.phone)
    # Short values (a first name of two letters) would blank unrelated words: skip those.
    return sorted({value.strip() for value in values if value and len(value.strip()) >= 3}, key=len)


def scrub(text, identifiers):
    """``text`` with every one of ``identifiers`` (ignoring case) replaced by "[…]"."""
    for value in reversed(identifiers):  # longest first: "An Peeters" before "An"
        text = _replace_ignoring_case(text, value, "[…]")
    return text


def _replace_ignoring_case(text, old, new):
    lowered, needle = text.lower(), old.lower()
    pieces, start = [], 0
    while (found := lowered.find(needle, start)) != -1:
        pieces += [text[start:found], new]
        start = found + len(old)
    return "".join(pieces) + text[start:]


# Erasure --------------------------------------------------------------------------------------


@transaction.atomic
def erase(user):
    """Erase the user's personal data; other apps' hooks anonymise what they keep."""
    User = get_user_model()
    member = _member_of(user)
    for hook in hooks.get_hooks("member_data_erase"):
        hook(user, member)

    addresses = {value.lower() for value in (user.email, user.get_username()) if value}
    address_q = Q()
    for address in addresses:
        address_q |= Q(username__iexact=address)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(address_q).delete()

    # Audit entries about this user or their profile name them in their labels.
    for model, pk in ((User, user.pk), (Member, member.pk if member else None)):
        if pk is None:
            continue
        content_type = ContentType.objects.get_for_model(model)
        LogEntry.objects.filter(content_type=content_type, object_id=str(pk)).delete()
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(pk)).delete()

    # Deleting the user deletes the member profile and its memberships (CASCADE); whatever
    # else points at the user says what happens to it (events keep "by" set to NULL).
    User.objects.filter(pk=user.pk).delete()
