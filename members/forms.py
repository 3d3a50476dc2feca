"""The member-facing account forms: sign up, log in by e-mail, profile, password reset, erasure."""

import unicodedata

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import User
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.accounts import is_pending, normalise_email, request_account_mail
from members.backends import users_with_email
from members.models import Member

# The username of a member's account is the address (members/accounts.py).
EMAIL_MAX_LENGTH = User._meta.get_field("username").max_length


def _language_initial():
    language = (translation.get_language() or "nl").split("-")[0]
    return language if language in Member.Language.values else Member.Language.DUTCH


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=10,
        required=False,
        help_text=_("It helps the city know which neighbourhoods we reach."),
        widget=forms.TextInput({"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for our e-mails"), choices=Member.Language.choices
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits, and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = _language_initial()

    def clean_email(self):
        # Whether the address has an account is never said here: accounts.sign_up answers
        # both alike and writes to the owner of an existing account.
        return normalise_email(self.cleaned_data["email"])

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data["password2"]
        if first and first != second:
            raise forms.ValidationError(_("The two passwords are not the same."), code="mismatch")
        return second

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password and "password2" not in self._errors:
            candidate = User(
                username=self.cleaned_data.get("email", ""),
                email=self.cleaned_data.get("email", ""),
                first_name=self.cleaned_data.get("first_name", ""),
                last_name=self.cleaned_data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class EmailAuthenticationForm(AuthenticationForm):
    """Django's log-in form, asking for the e-mail address (the field keeps its name)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "This e-mail address and password do not match an account. Check them and try "
            "again; both are case-sensitive apart from the address."
        ),
        "inactive": _(
            "This account is not active yet: follow the link in the e-mail we sent when you "
            "signed up."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login" and self._is_unconfirmed():
                raise self.get_inactive_user_error() from None
            raise

    def _is_unconfirmed(self):
        # Said only to whoever knows the password: an address alone reveals nothing.
        user = users_with_email(self.cleaned_data.get("username")).first()
        return bool(
            user is not None
            and not user.is_active
            and user.last_login is None
            and user.check_password(self.cleaned_data.get("password") or "")
        )

    def get_inactive_user_error(self):
        return forms.ValidationError(self.error_messages["inactive"], code="inactive")


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    class Meta:
        model = Member
        fields = ["phone", "postal_code", "preferred_language"]
        labels = {
            "phone": _("Phone"),
            "postal_code": _("Postal code"),
            "preferred_language": _("Language for our e-mails"),
        }
        widgets = {
            "phone": forms.TextInput({"autocomplete": "tel", "type": "tel"}),
            "postal_code": forms.TextInput({"autocomplete": "postal-code"}),
        }

    field_order = ["first_name", "last_name", "phone", "postal_code", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        digits = [char for char in phone if char.isdigit()]
        allowed = set("0123456789 +-./()")
        if phone and (len(digits) < 8 or not set(phone) <= allowed):
            raise forms.ValidationError(
                _("Enter a phone number of at least 8 digits, for example 056 12 34 56."),
                code="phone",
            )
        return phone

    def save(self, commit=True):
        member = super().save(commit=False)
        user = member.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if commit:
            user.save(update_fields=["first_name", "last_name"])
            member.save()
        return member


def _same_address(first, second):
    """Compared as Django's reset form compares them: Unicode-normalised, ignoring case."""
    return (
        unicodedata.normalize("NFKC", first).casefold()
        == unicodedata.normalize("NFKC", second).casefold()
    )


class MemberPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail in each member's own language.

    An account waiting for confirmation gets the link too: it goes to the address, so
    choosing a password through it confirms the address (members/accounts.py).
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        yield from super().get_users(email)
        for user in users_with_email(email).filter(is_active=False, last_login=None):
            if user.has_usable_password() and _same_address(email, user.email) and is_pending(user):
                yield user

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # Through the outbox: the link is made when the mail goes, in the member's language.
        request_account_mail(context["user"], "password_reset")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Type the password you log in with."),
                code="wrong_password",
            )
        return password
