"""The form a member fills in to join an initiative online (``members/join.py``)."""

from __future__ import annotations

import re

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import MembershipApplication

Route = MembershipApplication.SocialRoute

# A referral letter: a photo or a PDF, at most this big.
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
UITPAS_DIGITS = 13


def _price(amount):
    return f"€ {amount:.2f}".replace(".", ",") if amount else _("free")


class PlanChoice(forms.RadioSelect):
    option_template_name = "members/includes/plan_option.html"


class JoinForm(forms.Form):
    plan = forms.TypedChoiceField(
        label=gettext_lazy("Plan"),
        widget=PlanChoice,
        coerce=int,
        error_messages={"required": gettext_lazy("Choose a plan.")},
    )
    social_route = forms.ChoiceField(
        label=gettext_lazy("Does the social tariff apply to you?"),
        choices=Route.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=Route.NONE,
    )
    referred_by = forms.ChoiceField(
        label=gettext_lazy("Who gave you the referral letter?"),
        choices=MembershipApplication.ReferredBy.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    evidence = forms.FileField(
        label=gettext_lazy("Photo or PDF of the referral letter"),
        required=False,
        help_text=gettext_lazy(
            "A photo taken with your phone is fine. Only the city's coordinators see it, and it "
            "is deleted as soon as your tariff is checked."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    uitpas_number = forms.CharField(
        label=gettext_lazy("UiTPAS number"),
        required=False,
        max_length=30,
        help_text=gettext_lazy("The 13 digits on the back of your card."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    house_rules = forms.BooleanField(
        error_messages={"required": gettext_lazy("Agree to the house rules to become a member.")},
    )
    payment_method = forms.ChoiceField(
        label=gettext_lazy("How do you pay?"),
        choices=MembershipApplication.PaymentMethod.choices,
        widget=forms.RadioSelect,
        initial=MembershipApplication.PaymentMethod.AT_DESK,
    )

    def __init__(self, *args, plans, initiative_name, rules_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {plan.pk: plan for plan in plans}
        self.fields["plan"].choices = [(plan.pk, plan) for plan in plans]
        if len(plans) == 1:
            self.fields["plan"].initial = plans[0].pk
        label = _("I agree to the house rules of %(initiative)s.") % {"initiative": initiative_name}
        if rules_url:
            label = format_html('{} <a href="{}">{}</a>', label, rules_url, _("Read them"))
        self.fields["house_rules"].label = label

    def clean_uitpas_number(self):
        number = re.sub(r"[\s.-]", "", self.cleaned_data.get("uitpas_number", ""))
        if number and not (number.isdigit() and len(number) == UITPAS_DIGITS):
            raise forms.ValidationError(
                _("An UiTPAS number has 13 digits, as on the back of the card.")
            )
        return number

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if not upload:
            return None
        if upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB: take a smaller photo."))
        if not (_is_pdf(upload) or _is_image(upload)):
            raise forms.ValidationError(_("Add a photo (JPEG or PNG) or a PDF of the letter."))
        upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        route = cleaned.get("social_route") or Route.NONE
        letter = route in (Route.LETTER_UPLOAD, Route.LETTER_BRING)
        if letter and not cleaned.get("referred_by"):
            self.add_error("referred_by", _("Say who gave you the referral letter."))
        if (
            route == Route.LETTER_UPLOAD
            and not cleaned.get("evidence")
            and "evidence" not in self.errors
        ):
            self.add_error(
                "evidence",
                _("Add a photo or PDF of the letter, or choose to bring it on your first visit."),
            )
        no_number = not cleaned.get("uitpas_number") and "uitpas_number" not in self.errors
        if route == Route.UITPAS and no_number:
            self.add_error("uitpas_number", _("Fill in your UiTPAS number."))
        plan = cleaned.get("plan")
        if plan is not None and plan not in self.plans:
            self.add_error("plan", _("Choose a plan."))
        cleaned["social_route"] = route
        return cleaned

    def chosen_plan(self):
        return self.plans[self.cleaned_data["plan"]]


def _is_pdf(upload) -> bool:
    upload.seek(0)
    return upload.read(5) == b"%PDF-"


def _is_image(upload) -> bool:
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
            return image.format in IMAGE_FORMATS
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return False
    except Image.DecompressionBombError:
        return False
