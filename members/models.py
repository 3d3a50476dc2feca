"""Members: the profile behind a Django user, the social tariff and memberships per initiative.

Social-tariff evidence is sensitive: it is never part of a string representation or a log line.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
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
