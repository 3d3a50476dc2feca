"""When a mail of the outbox goes out, is it still wanted? (lending/mail.py)

A retry can come hours after the mail was queued: the reservation may have moved on, the offer
expired, the account been confirmed or closed meanwhile. Each rule answers with the reason to
skip it, kept on the row, or "" to send it.
"""

from lending.models import OutgoingMail
from members.accounts import is_pending

Kind = OutgoingMail.Kind


def _reservation_statuses():
    from lending.models import Reservation

    Status = Reservation.Status
    # The reservation statuses in which each kind of mail still makes sense when it goes out.
    return {
        Kind.RECEIVED: {Status.REQUESTED, Status.CONFIRMED},
        Kind.CONFIRMED: {Status.CONFIRMED},
        Kind.PICKUP_REMINDER: {Status.CONFIRMED},
        Kind.RETURN_REMINDER: {Status.PICKED_UP},
        Kind.OVERDUE: {Status.PICKED_UP},
        Kind.CANCELLED: {Status.CANCELLED},
        Kind.RENEWED: {Status.PICKED_UP},
        Kind.RECEIPT_OUT: {Status.PICKED_UP, Status.RETURNED},
        Kind.RECEIPT_BACK: {Status.RETURNED},
    }


APPLICATION_KINDS = (Kind.APPLICATION_APPROVED, Kind.APPLICATION_REJECTED)


ACCOUNT_KINDS = (
    Kind.ACCOUNT_CONFIRM,
    Kind.ACCOUNT_CONFIRM_AGAIN,
    Kind.SIGN_UP_ATTEMPT,
    Kind.PASSWORD_RESET,
)


def _account_mail_needed(row):
    user = row.user
    if row.kind in (Kind.ACCOUNT_CONFIRM, Kind.ACCOUNT_CONFIRM_AGAIN) and user.is_active:
        return "already confirmed"
    # A new-password link for an account closed, or left without a password, since it was asked.
    closed = not user.has_usable_password() or (not user.is_active and not is_pending(user))
    return "account closed" if row.kind == Kind.PASSWORD_RESET and closed else ""


def no_longer_needed(row, today):
    """Why a mail should not go after all ("" when it should)."""
    if row.kind in ACCOUNT_KINDS:
        if not row.user.email:
            return "no address"
        return _account_mail_needed(row)
    if row.kind in APPLICATION_KINDS:
        if row.application is None:
            return "application deleted"
        return "" if row.user.email else "no address"
    if row.kind == Kind.OFFER:
        entry = row.waiting
        if entry is None or entry.status != entry.Status.OFFERED:
            return "offer no longer open"
        if entry.claim_until < today:
            return "offer expired"
        return "" if row.user.email else "no address"
    reservation = row.reservation
    if reservation is None:
        return "reservation deleted"
    if not row.user.email:
        return "no address"
    if reservation.status not in _reservation_statuses()[row.kind]:
        return f"reservation {reservation.status}"
    before_pickup = (Kind.RECEIVED, Kind.CONFIRMED, Kind.PICKUP_REMINDER)
    if row.kind in before_pickup and reservation.pickup_date < today:
        return "pickup date passed"
    if row.kind == Kind.RETURN_REMINDER and reservation.return_date < today:
        return "return date passed"
    return ""
