"""Members: the profile behind a Django user, the social tariff and memberships per initiative.

Social-tariff evidence is sensitive: it is never part of a string representation or a log line.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Tariff(models.TextChoices):
    STANDARD = "standard", _("standard tariff")
    SOCIAL = "social", _("social tariff")


MEMBER_NUMBER_PREFIX = "DF-"


def member_number_for(pk):
    return f"{MEMBER_NUMBER_PREFIX}{pk:06d}"


class Member(models.Model):
    """A person who borrows: the Django user holds the name and e-mail, this the rest."""

    class Language(models.TextChoices):
        DUTCH = "nl", "Nederlands"
        FRENCH = "fr", "Français"
        ENGLISH = "en", "English"

    class SocialEvidence(models.TextChoices):
        REFERRAL_LETTER = "referral_letter", _("referral letter")
        UITPAS = "uitpas_kansentarief", _("UiTPAS with kansentarief")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="member",
    )
    # Null only between the insert and the update that derives it from the primary key.
    member_number = models.CharField(
        _("member number"), max_length=16, unique=True, null=True, editable=False
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.DUTCH
    )
    tariff = models.CharField(
        _("tariff"), max_length=10, choices=Tariff.choices, default=Tariff.STANDARD
    )
    social_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social tariff verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_verified_on = models.DateField(_("social tariff verified on"), null=True, blank=True)
    social_valid_until = models.DateField(_("social tariff valid until"), null=True, blank=True)
    social_evidence = models.CharField(
        _("social tariff evidence"), max_length=20, choices=SocialEvidence.choices, blank=True
    )
    created_at = models.DateTimeField(_("member since"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["member_number"]

    def __str__(self):
        return self.member_number or _("new member")

    def save(self, *args, **kwargs):
        if self.pk is not None or self.member_number:
            return super().save(*args, **kwargs)
        # Deriving the number from the primary key makes it unique without a racy max() + 1.
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.member_number = member_number_for(self.pk)
            Member.objects.filter(pk=self.pk).update(member_number=self.member_number)

    def clean(self):
        super().clean()
        if self.tariff != Tariff.SOCIAL:
            return
        errors = {}
        if not self.social_verified_on:
            errors["social_verified_on"] = _("Say when the social tariff was verified.")
        if not self.social_valid_until:
            errors["social_valid_until"] = _("Say until when the social tariff is valid.")
        elif self.social_verified_on and self.social_valid_until < self.social_verified_on:
            errors["social_valid_until"] = _("The social tariff cannot end before it was verified.")
        if not self.social_evidence:
            errors["social_evidence"] = _("Say what the social tariff was verified with.")
        if errors:
            raise ValidationError(errors)

    def has_social_tariff(self, on_date=None):
        """Whether a verified social tariff applies on the date (today by default)."""
        on_date = on_date or timezone.localdate()
        return bool(
            self.tariff == Tariff.SOCIAL
            and self.social_verified_on
            and self.social_valid_until
            and self.social_verified_on <= on_date <= self.social_valid_until
        )

    @property
    def display_name(self):
        return self.user.get_full_name() or self.member_number or ""


class MembershipQuerySet(models.QuerySet):
    def valid_through(self, day: datetime.date, since: datetime.date | None = None):
        """Memberships that run without a gap from `since` (default: `day`) to `day`."""
        return self.filter(start__lte=since or day, end__gte=day)


class Membership(models.Model):
    """A member's subscription to one initiative for a period, at the tariff applied."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="memberships"
    )
    # Always the default-language page: a membership belongs to the initiative, not a language.
    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    plan = models.ForeignKey(
        "initiatives.MembershipPlan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    tariff = models.CharField(
        _("tariff applied"), max_length=10, choices=Tariff.choices, default=Tariff.STANDARD
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="membership_end_not_before_start"
            ),
        ]
        indexes = [models.Index(fields=["member", "initiative", "end"])]

    def __str__(self):
        return f"{self.member} · {self.initiative} ({self.start}–{self.end})"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("A membership cannot end before it starts.")
        if self.initiative_id and not self.initiative.locale.is_default:
            errors["initiative"] = _("Choose the initiative in the default language.")
        if (
            self.tariff == Tariff.SOCIAL
            and self.member_id
            and self.start
            and not self.member.has_social_tariff(self.start)
        ):
            errors["tariff"] = _(
                "The member has no verified social tariff on the start date of this membership."
            )
        if errors:
            raise ValidationError(errors)

    def is_valid_through(self, day: datetime.date, since: datetime.date | None = None) -> bool:
        """Whether the membership runs from `since` (default: `day`) through `day`."""
        return self.start <= (since or day) and day <= self.end


class PrivateStorage(FileSystemStorage):
    """Files with no URL at all: social-tariff evidence, read only by the coordinators'
    evidence view (docs/architecture.md, "Joining online")."""

    def url(self, name):
        raise ValueError("Private files have no URL.")


def private_storage():
    """Where social-tariff evidence is kept: outside MEDIA_ROOT, never served."""
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


def evidence_path(instance, filename):
    """A random name: the file's own name can say who it is about."""
    import os
    import uuid

    extension = os.path.splitext(filename)[1].lower()
    extension = (
        extension if extension in {".pdf", ".jpg", ".jpeg", ".png", ".webp", ".heic"} else ""
    )
    return f"evidence/{uuid.uuid4().hex}{extension}"


class MembershipApplication(models.Model):
    """A member asking online for a membership of an initiative, waiting for a volunteer or a
    coordinator; approving it makes the membership (``members/applications.py``)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for a volunteer")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class SocialRoute(models.TextChoices):
        NONE = "", _("No, the standard tariff")
        LETTER_UPLOAD = "letter_upload", _("Yes, with a referral letter: I add a photo or PDF")
        LETTER_BRING = (
            "letter_bring",
            _("Yes, with a referral letter: I bring it on my first visit"),
        )
        UITPAS = "uitpas", _("Yes, with an UiTPAS with kansentarief")

    class ReferredBy(models.TextChoices):
        OCMW = "ocmw", _("OCMW (public social welfare centre)")
        CAW = "caw", _("CAW (centre for general welfare work)")
        OTHER = "other", _("another social organisation")

    class PaymentMethod(models.TextChoices):
        AT_DESK = "at_desk", _("At the desk on my first visit (cash or card)")

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="applications"
    )
    # Always the default-language page, as for memberships.
    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="membership_applications",
    )
    plan = models.ForeignKey(
        "initiatives.MembershipPlan",
        verbose_name=_("plan"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    social_route = models.CharField(
        _("social tariff"), max_length=20, choices=SocialRoute.choices, blank=True
    )
    referred_by = models.CharField(
        _("referral letter from"), max_length=10, choices=ReferredBy.choices, blank=True
    )
    evidence = models.FileField(
        _("referral letter"), storage=private_storage, upload_to=evidence_path, blank=True
    )
    uitpas_number = models.CharField(_("UiTPAS number"), max_length=20, blank=True)
    # What publiq's UiTPAS API said when the member applied (members/uitpas.py); empty when
    # it was not asked (no credentials) and "unchecked" when it did not answer.
    uitpas_status = models.CharField(_("UiTPAS check"), max_length=10, blank=True)
    uitpas_valid_until = models.DateField(_("kansentarief until"), null=True, blank=True)
    uitpas_checked_at = models.DateTimeField(_("UiTPAS checked"), null=True, blank=True)
    house_rules_accepted_at = models.DateTimeField(_("house rules accepted"))
    payment_method = models.CharField(
        _("payment"), max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.AT_DESK
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    membership = models.OneToOneField(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    # The letter is deleted once the tariff is verified; who verified it and when stay on the
    # member (social_verified_by, social_verified_on).
    evidence_deleted_at = models.DateTimeField(_("letter deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "initiative"],
                condition=Q(status="submitted"),
                name="one_open_application_per_initiative",
            ),
        ]

    def __str__(self):
        # Nothing of the social tariff: this string reaches logs and the admin's history.
        return f"{self.member} · {self.initiative}"

    @property
    def asks_social_tariff(self):
        return bool(self.social_route)


class Payment(models.Model):
    """What a member pays for a membership: due until a volunteer records it paid. The method
    leaves room for an online payment provider."""

    class Method(models.TextChoices):
        AT_DESK = "at_desk", _("at the desk")
        CASH = "cash", _("cash")
        CARD = "card", _("card or Payconiq")
        TRANSFER = "transfer", _("bank transfer")
        ONLINE = "online", _("online payment")

    class Status(models.TextChoices):
        DUE = "due", _("to be paid")
        PAID = "paid", _("paid")

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="payments"
    )
    amount = models.DecimalField(_("amount (€)"), max_digits=7, decimal_places=2)
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="due")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.membership} · € {self.amount} ({self.get_status_display()})"
