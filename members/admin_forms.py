"""The admin forms for members and memberships.

Two member forms: coordinators edit everything, including the social tariff, whose
"verified by" and "verified on" are filled in by the form (never typed); anyone else gets
the postal code and the language only, so that the tariff fields are not in the form at all
and a crafted POST cannot reach them. The membership form offers the user's own initiatives
and their plans, and sets the tariff applied from the member's verified social tariff.
"""

import datetime
import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from initiatives.models import MembershipPlan
from initiatives.scope import initiatives_of, instances_user_may_act_on
from members.accounts import normalise_email
from members.applications import add_months
from members.backends import users_with_email
from members.models import Member, Membership, Tariff

# A social tariff that ends within this many days is flagged as expiring.
EXPIRY_WARNING_DAYS = 30
SOCIAL_FIELDS = ("tariff", "social_evidence", "social_valid_until")


def expires_in_days(member, today=None):
    """Days until the member's social tariff ends (negative once ended); None without one."""
    if member.tariff != Tariff.SOCIAL or not member.social_valid_until:
        return None
    return (member.social_valid_until - (today or timezone.localdate())).days


class ErrorsOnHiddenFieldsMixin:
    """Model validation errors on fields the form does not show become form-wide errors.

    Django raises a ValueError (a 500) when a model's ``clean()`` names a field that is not
    in the form; these forms fill such fields themselves, so this is a safety net.
    """

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            moved = {}
            for field, messages in errors.error_dict.items():
                key = field if field in self.fields or field == NON_FIELD_ERRORS else None
                moved.setdefault(key or NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)


# Members --------------------------------------------------------------------------------------


class MemberAdminForm(ErrorsOnHiddenFieldsMixin, WagtailAdminModelForm):
    """Everything about a member, for coordinators (the panels choose the model fields)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        required=False,
        help_text=_(
            "The member logs in with this address and gets our e-mails there. Leave it empty "
            "if the member has none."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user if self.instance.user_id else None
        if user is not None:
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name
            self.fields["email"].initial = user.email
        if "social_valid_until" in self.fields:
            self.fields["social_valid_until"].help_text = self._valid_until_help()
        if "tariff" in self.fields:
            self.fields["tariff"].help_text = _(
                "The social tariff needs evidence: a referral letter from social services or "
                "an UiTPAS with kansentarief. When you set or change it, you are recorded as "
                "the verifier, with today's date."
            )
        if "social_evidence" in self.fields:
            self.fields["social_evidence"].help_text = _(
                "What you saw. Only coordinators see this; volunteers never do."
            )

    def _valid_until_help(self):
        days = expires_in_days(self.instance) if self.instance.pk else None
        usual = _("Usually the end date on the referral letter or the UiTPAS.")
        if days is None or days > EXPIRY_WARNING_DAYS:
            return usual
        if days < 0:
            return _(
                "This social tariff has ended. Renew it with new evidence, or set the tariff "
                "to standard."
            )
        return ngettext(
            "This social tariff ends in %(days)d day. Renew it with new evidence in time.",
            "This social tariff ends in %(days)d days. Renew it with new evidence in time.",
            days,
        ) % {"days": days}

    def clean_email(self):
        email = normalise_email(self.cleaned_data.get("email"))
        if not email:
            return ""
        user_id = self.instance.user_id
        User = get_user_model()
        taken = users_with_email(email) | User._default_manager.filter(username__iexact=email)
        if user_id is not None:
            taken = taken.exclude(pk=user_id)
        if taken.exists():
            raise ValidationError(
                _("Another account uses this e-mail address already."), code="duplicate"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        self._fill_in_verification(cleaned)
        return cleaned

    def _fill_in_verification(self, cleaned):
        """Who verified the social tariff and when: the coordinator saving a change, today."""
        if "tariff" not in self.fields:
            return
        member = self.instance
        if cleaned.get("tariff") != Tariff.SOCIAL:
            # Back to (or staying at) the standard tariff: no evidence is kept.
            cleaned["social_evidence"] = ""
            cleaned["social_valid_until"] = None
            member.social_verified_by = None
            member.social_verified_on = None
            return
        changed = not member.social_verified_on or any(
            name in self.changed_data for name in SOCIAL_FIELDS
        )
        if changed:
            member.social_verified_by = self.for_user
            member.social_verified_on = timezone.localdate()

    def save(self, commit=True):
        member = super().save(commit=False)
        User = get_user_model()
        user = member.user if member.user_id else None
        email = self.cleaned_data["email"]
        if user is None:
            # A member registered at the desk: they set a password with "forgot your
            # password?" on the website; nobody knows this random one.
            user = User(username=email or f"lid-{secrets.token_hex(6)}")
            user.set_password(secrets.token_urlsafe(32))
        elif normalise_email(user.get_username()) == normalise_email(user.email) and user.email:
            # A member's username is their address (members/accounts.py): keep them together.
            user.username = email or f"lid-{secrets.token_hex(6)}"
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.email = email
        if commit:
            user.save()
            member.user = user
            member.save()
            self._save_m2m()
        else:
            member.user = user
        return member


class MemberDeskForm(ErrorsOnHiddenFieldsMixin, WagtailAdminModelForm):
    """For anyone but a coordinator: no contact details and no tariff fields at all."""


# Memberships ----------------------------------------------------------------------------------


def initiatives_for(user):
    """The initiatives (default-language pages) whose memberships the user manages."""
    return initiatives_of(user)


NOT_FOUND_MESSAGE = _(
    "No member found with these details. For someone who is new to your initiative, fill in "
    "both the member number and the e-mail address, as shown in their account."
)


def find_member(number, email, user):
    """The member with this number and/or e-mail address whom `user` may register, or a
    ValidationError.

    One of the two finds a member of the user's own initiatives (``may_act_on``). Anyone else
    needs both, as only the member at the desk knows them: member numbers are sequential, so
    a number alone would let a volunteer look up every member's name and tariff. The answer
    for "no such member" and "not yours" is the same.
    """
    number, email = (number or "").strip()[:32], (email or "").strip()[:254]
    if not number and not email:
        raise ValidationError(
            _("Fill in the member number or the e-mail address."), code="required"
        )
    members = Member.objects.select_related("user")
    if number:
        members = members.filter(member_number__iexact=number)
    if email:
        members = members.filter(user__email__iexact=email)
    if not (number and email):
        members = members.filter(pk__in=instances_user_may_act_on(user, Member).values("pk"))
    found = list(members[:2])
    if len(found) > 1:
        raise ValidationError(
            _("Several members use this e-mail address: enter the member number as well."),
            code="ambiguous",
        )
    if not found:
        raise ValidationError(NOT_FOUND_MESSAGE, code="unknown")
    return found[0]


def confirmation_token(member, initiative, plan, start, end):
    """What a volunteer checked on the preview; a different form asks to check again."""
    parts = (member.pk, initiative.pk, plan.pk if plan else "", start.isoformat(), end.isoformat())
    return ":".join(str(part) for part in parts)


class MemberLookupForm(forms.Form):
    """The member at the desk, by member number and/or e-mail address (``find_member``)."""

    member_number = forms.CharField(
        label=_("Member number"),
        max_length=32,
        required=False,
        help_text=_("For example DF-000012."),
    )
    member_email = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_(
            "A member of your initiative: the member number or the e-mail address is enough. "
            "Someone new to your initiative: fill in both, as shown in their account."
        ),
    )

    def lookup_member(self, cleaned, user):
        try:
            return find_member(cleaned.get("member_number"), cleaned.get("member_email"), user)
        except ValidationError as error:
            self.add_error("member_number", error)
            return None


class MembershipForm(ErrorsOnHiddenFieldsMixin, MemberLookupForm, WagtailAdminModelForm):
    """A membership of one of the user's initiatives; the tariff applied is never chosen."""

    confirmation = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Membership
        fields = ["initiative", "plan", "start", "end"]
        widgets = {
            "initiative": forms.Select,
            "plan": forms.Select,
            "start": AdminDateInput,
            "end": AdminDateInput,
        }

    field_order = [
        "member_number",
        "member_email",
        "initiative",
        "plan",
        "start",
        "end",
        "confirmation",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initiatives = initiatives_for(self.for_user)
        self.fields["initiative"].queryset = initiatives
        self.fields["initiative"].label_from_instance = lambda page: page.title
        self.fields["plan"].queryset = (
            MembershipPlan.objects.filter(page__in=initiatives)
            .select_related("page")
            .order_by("page__title", "sort_order", "pk")
        )
        self.fields["plan"].label_from_instance = lambda plan: f"{plan.page.title} · {plan.name}"
        self.fields["plan"].help_text = _("A plan of the initiative chosen above.")
        self.fields["end"].required = False
        self.fields["end"].help_text = _(
            "Leave empty to take the length of the plan (for example one year)."
        )
        if self.instance.pk:
            # The member of a membership does not change; register a new one instead.
            for name in ("member_number", "member_email", "confirmation"):
                del self.fields[name]
        else:
            # The instance's empty values are the form's initial data: replace those.
            self.initial.setdefault("start", None)
            self.initial["start"] = self.initial["start"] or timezone.localdate()
            if len(initiatives) == 1 and not self.initial.get("initiative"):
                self.initial["initiative"] = initiatives[0].pk
                plans = list(self.fields["plan"].queryset[:2])
                if len(plans) == 1 and not self.initial.get("plan"):
                    self.initial["plan"] = plans[0].pk

    @property
    def creating(self):
        return self.instance.pk is None

    def clean(self):
        cleaned = super().clean()
        member = (
            self.lookup_member(cleaned, self.for_user) if self.creating else self.instance.member
        )
        if self.creating and member is not None:
            self.instance.member = member
        initiative, plan = cleaned.get("initiative"), cleaned.get("plan")
        start, end = cleaned.get("start"), cleaned.get("end")
        if initiative is not None:
            if plan is not None and plan.page_id != initiative.pk:
                self.add_error("plan", _("This plan belongs to another initiative."))
                plan = None
            elif plan is None and initiative.plans.exists():
                self.add_error("plan", _("Choose the plan the member takes."))
        if start and not end and "end" not in self.errors:
            if plan is not None and plan.duration_months:
                end = add_months(start, plan.duration_months) - datetime.timedelta(days=1)
                cleaned["end"] = end
            elif "plan" not in self.errors:
                self.add_error("end", _("Say when the membership ends."))
        if start and end and end < start:
            self.add_error("end", _("A membership cannot end before it starts."))
        elif member is not None and initiative is not None and start and end:
            self._check_overlap(member, initiative, start, end)
        # The tariff applied follows the member's verified social tariff on the start date.
        # An existing membership keeps the tariff it was registered at unless its start moves.
        if member is not None and start and (self.creating or "start" in self.changed_data):
            self.instance.tariff = (
                Tariff.SOCIAL if member.has_social_tariff(start) else Tariff.STANDARD
            )
        self.token = None
        complete = member is not None and initiative and start and end
        if self.creating and complete and not self.errors:
            self.token = confirmation_token(member, initiative, plan, start, end)
        return cleaned

    def _check_overlap(self, member, initiative, start, end):
        """One membership of an initiative at a time: a renewal starts after the last one."""
        overlapping = (
            Membership.objects.filter(
                member=member, initiative=initiative, start__lte=end, end__gte=start
            )
            .exclude(pk=self.instance.pk)
            .order_by("start")
            .first()
        )
        if overlapping is not None:
            self.add_error(
                "start",
                _(
                    "This member already has a membership of %(initiative)s from %(start)s to "
                    "%(end)s. Change that one, or start the new one after it ends."
                )
                % {
                    "initiative": initiative.title,
                    "start": formats.date_format(overlapping.start, "DATE_FORMAT"),
                    "end": formats.date_format(overlapping.end, "DATE_FORMAT"),
                },
            )

    def _update_errors(self, errors):
        # The form sets the tariff itself: from the verified social tariff on the start date
        # (valid by construction), or kept as registered when the start does not move. A later
        # renewal moves "verified on" past an old start date; that must neither block a change
        # of the end date nor tell a volunteer anything about the social tariff.
        if hasattr(errors, "error_dict") and "tariff" in errors.error_dict:
            remaining = {k: v for k, v in errors.error_dict.items() if k != "tariff"}
            if not remaining:
                return
            errors = ValidationError(remaining)
        super()._update_errors(errors)

    @property
    def needs_confirmation(self):
        """A new membership is saved only after its price has been shown (the preview)."""
        return self.creating and self.cleaned_data.get("confirmation") != self.token

    def preview(self):
        """What the volunteer asks the member to pay; says nothing about the evidence."""
        data = self.cleaned_data
        membership = self.instance
        member, plan = membership.member, data.get("plan")
        social = membership.tariff == Tariff.SOCIAL
        price = deposit = None
        if plan is not None:
            price = plan.social_price if social else plan.standard_price
            deposit = plan.effective_social_deposit if social else plan.deposit
        name = member.user.get_full_name()
        return {
            "member": f"{member.member_number} · {name}" if name else member.member_number,
            "initiative": data["initiative"].title,
            "plan": plan.name if plan else None,
            "start": formats.date_format(data["start"], "DATE_FORMAT"),
            "end": formats.date_format(data["end"], "DATE_FORMAT"),
            "social_price": social,
            "price": price,
            "deposit": deposit,
        }
