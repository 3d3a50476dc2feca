"""A member's own data: everything stored about them as JSON, and erasing it.

Erasure deletes the Django user, and with it the member profile, the memberships and the
outbox of reservation e-mails (which never held an address or a text); the
reservations stay, detached from anyone (member set to NULL), so the loan counts still add up.
Free text that may name the member (their reservation notes, volunteers' notes on them) is
cleared or scrubbed, and django-axes forgets the address's log-in records.
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

from wagtail.models import ModelLogEntry

from catalogue.models import Reservation, ReservationEvent
from members.models import Member, OutgoingMail

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


def export_data(user) -> dict:
    """Everything stored about the user as a member, ready for JSON (no password hash)."""
    member = _member_of(user)
    data = {
        "exported_at": timezone.now(),
        "user": {name: getattr(user, name) for name in USER_FIELDS},
        "member": None,
        "memberships": [],
        "reservations": [],
        "login_history": [
            {"at": entry.attempt_time, "logged_out_at": entry.logout_time}
            for entry in AccessLog.objects.filter(username__iexact=user.get_username())
        ],
        # The reservation e-mails: what was sent and when (the text is never stored).
        "emails": [
            {
                "kind": outgoing.kind,
                "reservation": outgoing.reservation_id,
                "status": outgoing.status,
                "attempts": outgoing.attempts,
                "created_at": outgoing.created_at,
                "sent_at": outgoing.sent_at,
            }
            for outgoing in OutgoingMail.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }
    if member is None:
        return data
    data["member"] = {
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
    memberships = member.memberships.select_related("initiative", "plan").order_by("start")
    data["memberships"] = [
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
    reservations = (
        member.reservations.select_related("item", "item__initiative")
        .prefetch_related("events")
        .order_by("pickup_date", "pk")
    )
    data["reservations"] = [
        {
            "id": reservation.pk,
            "item": reservation.item.name,
            "item_code": reservation.item.code,
            "initiative": reservation.item.initiative.title,
            "pickup_date": reservation.pickup_date,
            "return_date": reservation.return_date,
            "status": reservation.status,
            "notes": reservation.notes,
            "condition_note": reservation.condition_note,
            "accessories_checked": reservation.accessories_checked,
            "created_at": reservation.created_at,
            "updated_at": reservation.updated_at,
            "events": [
                {
                    "at": event.at,
                    "from_status": event.from_status,
                    "to_status": event.to_status,
                    "by_you": event.by_id == user.pk,
                    "note": event.note,
                }
                for event in reservation.events.all()
            ],
        }
        for reservation in reservations
    ]
    return data


def export_json(user) -> str:
    return json.dumps(export_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _identifiers(user, member):
    values = [user.email, user.get_username(), user.get_full_name(), user.first_name]
    values.append(user.last_name)
    if member is not None:
        values.append(member.phone)
    # Short values (a first name of two letters) would blank unrelated words: skip those.
    return sorted({value.strip() for value in values if value and len(value.strip()) >= 3}, key=len)


def _scrub(text, identifiers):
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


@transaction.atomic
def erase(user):
    """Erase the user's personal data; reservations are kept, anonymised."""
    User = get_user_model()
    member = _member_of(user)
    identifiers = _identifiers(user, member)
    addresses = {value.lower() for value in (user.email, user.get_username()) if value}

    if member is not None:
        reservations = Reservation.objects.filter(member=member)
        events = ReservationEvent.objects.filter(reservation__in=reservations)
        # Volunteers' notes may name the member: keep what they say about the item.
        for model, queryset, fields in (
            (Reservation, reservations, ("condition_note",)),
            (ReservationEvent, events, ("note",)),
        ):
            for row in queryset.only("pk", *fields):
                changed = {name: _scrub(getattr(row, name), identifiers) for name in fields}
                model.objects.filter(pk=row.pk).update(**changed)
        # The member's own notes are theirs: cleared. Detaching keeps the counts.
        reservations.update(member=None, notes="")

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

    # The outbox would go with the user (CASCADE); said here so that it stays that way.
    OutgoingMail.objects.filter(user=user).delete()

    # Deleting the user deletes the member profile and its memberships (CASCADE); the events
    # the member triggered keep their place in the history with "by" set to NULL.
    User.objects.filter(pk=user.pk).delete()
