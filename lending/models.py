"""Lending: reservations, their history and the mail about them.

The rules and the status transitions live in ``lending/rules.py``; these models only store the
outcome. A reservation holds one copy of an item, and points at the default-language row of
that item too (docs/architecture.md, "Items and copies"). The tables keep the
names they had before this app existed, so that moving the models changed no data.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReservationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Reservation.ACTIVE_STATUSES)

    def overlapping(self, pickup_date, return_date):
        """Reservations sharing at least one day with the period; both ends count as booked."""
        return self.filter(pickup_date__lte=return_date, return_date__gte=pickup_date)


class Reservation(models.Model):
    """A member's claim on one copy of an item from the pickup date through the return date.

    ``item`` is what the member asked for (the default-language row), ``copy`` the physical
    unit the rules service chose for the period; ``copy.item`` is always ``item``."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        CONFIRMED = "confirmed", _("confirmed")
        PICKED_UP = "picked_up", _("picked up")
        RETURNED = "returned", _("returned")
        CANCELLED = "cancelled", _("cancelled")
        NO_SHOW = "no_show", _("no-show")

    # Kept in step with the PostgreSQL exclusion constraint of migration 0004.
    ACTIVE_STATUSES = (Status.REQUESTED, Status.CONFIRMED, Status.PICKED_UP)

    item = models.ForeignKey(
        "catalogue.Item",
        verbose_name=_("item"),
        on_delete=models.PROTECT,
        related_name="reservations",
    )
    copy = models.ForeignKey(
        "catalogue.Copy",
        verbose_name=_("copy"),
        on_delete=models.PROTECT,
        related_name="reservations",
    )
    # SET_NULL so that erasing a member anonymises the reservation and keeps the counts.
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reservations",
    )
    pickup_date = models.DateField(_("pickup date"))
    return_date = models.DateField(_("return date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    # How many times the loan was extended (``lending.rules.renew``).
    renewals = models.PositiveSmallIntegerField(_("times extended"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    condition_note = models.TextField(_("condition on return"), blank=True)
    accessories_checked = models.BooleanField(_("accessories checked on return"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReservationQuerySet.as_manager()

    class Meta:
        db_table = "catalogue_reservation"  # the table from before the lending app
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["pickup_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(return_date__gte=models.F("pickup_date")),
                name="reservation_return_not_before_pickup",
            ),
        ]
        indexes = [
            models.Index(
                fields=["item", "status", "pickup_date"], name="reservation_item_status_pickup"
            ),
            models.Index(
                fields=["copy", "status", "pickup_date"], name="reservation_copy_status_pickup"
            ),
        ]

    def __str__(self):
        return f"{self.copy.code} {self.pickup_date:%Y-%m-%d}–{self.return_date:%Y-%m-%d}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES


class ReservationEvent(models.Model):
    """One step in a reservation's history: who moved it from which status to which."""

    reservation = models.ForeignKey(
        Reservation, verbose_name=_("reservation"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("from status"), max_length=12, choices=Reservation.Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=12, choices=Reservation.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        db_table = "catalogue_reservationevent"
        verbose_name = _("reservation event")
        verbose_name_plural = _("reservation events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or '–'} → {self.to_status}"


class OutgoingMail(models.Model):
    """One e-mail about a reservation, waiting for, or done with, delivery (``lending/mail.py``).

    Neither the address nor the text is stored: both are read and rendered when the mail goes
    out, so the member's personal data lives on the user row only and leaves with it (CASCADE).
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", _("reservation received")
        CONFIRMED = "confirmed", _("reservation confirmed")
        PICKUP_REMINDER = "pickup_reminder", _("pickup reminder")
        RETURN_REMINDER = "return_reminder", _("return reminder")
        OVERDUE = "overdue", _("overdue notice")
        CANCELLED = "cancelled", _("reservation cancelled")
        RENEWED = "renewed", _("loan extended")
        OFFER = "offer", _("a copy is free for you (waiting list)")
        RECEIPT_OUT = "receipt_out", _("receipt: handed out")
        RECEIPT_BACK = "receipt_back", _("receipt: taken back")
        APPLICATION_APPROVED = "application_approved", _("membership application approved")
        APPLICATION_REJECTED = "application_rejected", _("membership application rejected")
        # Account mails (members/accounts.py): no reservation, place in line or application.
        ACCOUNT_CONFIRM = "confirm", _("e-mail address confirmation")
        ACCOUNT_CONFIRM_AGAIN = "confirm_again", _("e-mail address confirmation (again)")
        SIGN_UP_ATTEMPT = "sign_up_attempt", _("sign-up with an address in use")
        PASSWORD_RESET = "password_reset", _("new password link")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # The reservation moved on before the mail went (a walk-in loan handed out at once,
        # a reminder for a reservation cancelled meanwhile): nothing was sent.
        SKIPPED = "skipped", _("no longer needed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="outgoing_mails",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reservation = models.ForeignKey(
        Reservation,
        verbose_name=_("reservation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mails",
    )
    # A waiting-list mail (an offer) is about a place in line rather than a reservation.
    waiting = models.ForeignKey(
        "lending.WaitingEntry",
        verbose_name=_("place in a waiting list"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mails",
    )
    # A membership application's decision (members/applications.py).
    application = models.ForeignKey(
        "members.MembershipApplication",
        verbose_name=_("membership application"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mails",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When `send_reminders` should (re)try the row if no worker has sent it by then.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # The kind of error only (an exception class, an SMTP code), never an address.
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        db_table = "members_outgoingmail"
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        constraints = [
            # Each kind at most once per reservation: running the reminders twice sends
            # nothing twice, and two workers cannot both queue the same notice.
            models.UniqueConstraint(
                fields=["reservation", "kind"], name="outgoing_mail_once_per_reservation"
            ),
            models.UniqueConstraint(
                fields=["waiting", "kind"], name="outgoing_mail_once_per_waiting_entry"
            ),
            models.UniqueConstraint(
                fields=["application", "kind"], name="outgoing_mail_once_per_application"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"


class WaitingEntry(models.Model):
    """A member's place in the waiting list of an item (docs/architecture.md, "The waiting
    list"): waiting in line, then offered a copy that came back, which they claim (it becomes
    a reservation) or let expire; or they leave, or a volunteer skips them with a reason."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        OFFERED = "offered", _("offered a copy")
        CLAIMED = "claimed", _("claimed")
        EXPIRED = "expired", _("offer expired")
        LEFT = "left", _("left the list")
        SKIPPED = "skipped", _("skipped")

    OPEN_STATUSES = (Status.WAITING, Status.OFFERED)

    item = models.ForeignKey(
        "catalogue.Item", verbose_name=_("item"), on_delete=models.CASCADE, related_name="waiting"
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="waiting",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    copy = models.ForeignKey(
        "catalogue.Copy",
        verbose_name=_("offered copy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    claim_until = models.DateField(_("claim until"), null=True, blank=True)
    reservation = models.OneToOneField(
        Reservation,
        verbose_name=_("reservation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waiting_entry",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("place in a waiting list")
        verbose_name_plural = _("waiting lists")
        ordering = ["joined_at", "pk"]
        constraints = [
            # One open place per member and item: joining twice is one step, not two.
            models.UniqueConstraint(
                fields=["item", "member"],
                condition=Q(status__in=("waiting", "offered")),
                name="waiting_once_per_member_and_item",
            ),
        ]
        indexes = [models.Index(fields=["item", "status", "joined_at"], name="waiting_line")]

    def __str__(self):
        return f"{self.item_id} · {self.member_id} · {self.status}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class Deposit(models.Model):
    """The deposit a volunteer took when handing out a loan, and what came back of it when the
    item was taken back (``lending/desk_counter.py``). The method leaves room for an online
    payment provider."""

    class Method(models.TextChoices):
        CASH = "cash", _("cash")
        CARD = "card", _("card or Payconiq")
        TRANSFER = "transfer", _("bank transfer")
        ONLINE = "online", _("online payment")

    reservation = models.OneToOneField(
        Reservation, verbose_name=_("reservation"), on_delete=models.CASCADE, related_name="deposit"
    )
    amount = models.DecimalField(_("deposit taken (€)"), max_digits=7, decimal_places=2)
    method = models.CharField(_("paid by"), max_length=10, choices=Method.choices)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("taken"), default=timezone.now)
    returned_amount = models.DecimalField(
        _("deposit returned (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    kept_reason = models.TextField(_("why (part of) the deposit was kept"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)

    class Meta:
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="deposit_not_negative"),
            models.CheckConstraint(
                condition=Q(returned_amount__isnull=True)
                | Q(returned_amount__gte=0, returned_amount__lte=F("amount")),
                name="deposit_returned_within_amount",
            ),
        ]

    def __str__(self):
        return f"€ {self.amount} ({self.get_method_display()})"
