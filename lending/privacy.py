"""A member's lending data in their data export, and what erasing their account does to it.

``members.privacy`` exports and erases an account without knowing of lending
(docs/architecture.md, "Apps"); these two hooks add the lending part:

- ``member_data_export``: the member's reservations with their history, and the reservation
  e-mails sent to the account (what was sent and when; the text is never stored).
- ``member_data_erase``: the reservations stay, detached from anyone (member set to NULL), so
  the loan counts still add up; the member's own notes are cleared, and volunteers' notes that
  may name them are scrubbed. The outbox rows go.
"""

from wagtail import hooks

from members.privacy import identifiers, scrub

from .models import OutgoingMail, Reservation, ReservationEvent


@hooks.register("member_data_export")
def export_lending_data(user, member):
    """The ``reservations`` and ``emails`` sections of the export."""
    return {
        "reservations": _reservations(user, member) if member is not None else [],
        "emails": _emails(user),
    }


def _reservations(user, member):
    reservations = (
        member.reservations.select_related("item", "item__initiative", "copy")
        .prefetch_related("events")
        .order_by("pickup_date", "pk")
    )
    return [
        {
            "id": reservation.pk,
            "item": reservation.item.name,
            "copy_code": reservation.copy.code,
            "initiative": reservation.item.initiative.title,
            "pickup_date": reservation.pickup_date,
            "return_date": reservation.return_date,
            "status": reservation.status,
            "notes": reservation.notes,
            "condition_note": reservation.condition_note,
            "accessories_checked": reservation.accessories_checked,
            "created_at": reservation.created_at,
            "updated_at": reservation.updated_at,
            "events": [_event(event, user) for event in reservation.events.all()],
        }
        for reservation in reservations
    ]


def _event(event, user):
    return {
        "at": event.at,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "by_you": event.by_id == user.pk,
        "note": event.note,
    }


def _emails(user):
    """The reservation e-mails: what was sent and when (the text is never stored)."""
    return [
        {
            "kind": outgoing.kind,
            "reservation": outgoing.reservation_id,
            "status": outgoing.status,
            "attempts": outgoing.attempts,
            "created_at": outgoing.created_at,
            "sent_at": outgoing.sent_at,
        }
        for outgoing in OutgoingMail.objects.filter(user=user).order_by("created_at", "pk")
    ]


@hooks.register("member_data_erase")
def erase_lending_data(user, member):
    """Anonymise the member's reservations and delete the account's outbox rows."""
    if member is not None:
        _anonymise_reservations(member, identifiers(user, member))
    # The outbox would go with the user (CASCADE); said here so that it stays that way.
    OutgoingMail.objects.filter(user=user).delete()


def _anonymise_reservations(member, names):
    reservations = Reservation.objects.filter(member=member)
    events = ReservationEvent.objects.filter(reservation__in=reservations)
    # Volunteers' notes may name the member: keep what they say about the item.
    for model, queryset, fields in (
        (Reservation, reservations, ("condition_note",)),
        (ReservationEvent, events, ("note",)),
    ):
        for row in queryset.only("pk", *fields):
            changed = {name: scrub(getattr(row, name), names) for name in fields}
            model.objects.filter(pk=row.pk).update(**changed)
    # The member's own notes are theirs: cleared. Detaching keeps the counts; the events the
    # member triggered keep their place in the history ("by" goes NULL with the user).
    reservations.update(member=None, notes="")
