"""Signing up and confirming an e-mail address, and the account e-mails in the member's language.

An account stays inactive until its address is confirmed through a signed, expiring link.
The username of a member's account is the e-mail address in lower case, so that the database
itself refuses a second account for one address (two sign-ups at once, a double submit).

Signing up never tells whether an address has an account: for an address in use the visitor
sees exactly what a new address gets ("check your e-mail"), and the mail goes to the owner of
that account instead, saying someone tried to sign up with it and how to log in.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from members.backends import users_with_email
from members.models import Member

logger = logging.getLogger(__name__)

CONFIRMATION_SALT = "members.confirm-email"


@dataclass
class SignUpResult:
    user: object
    created: bool
    mail_sent: bool


def normalise_email(email):
    return (email or "").strip().lower()


def language_of(user, default=None):
    """The member's preferred language, else the active one."""
    member = Member.objects.filter(user_id=user.pk).only("preferred_language").first()
    if member and member.preferred_language:
        return member.preferred_language
    return default or translation.get_language() or settings.LANGUAGE_CODE


def sign_up(request, *, email, password, first_name, last_name, postal_code, preferred_language):
    """Create an inactive account and mail the confirmation link; idempotent per address.

    Signing up again with the address of an account that is still waiting for confirmation
    sends a new link (and takes the new password and details) instead of a second account.
    The address of an account in use changes nothing: its owner gets a mail saying someone
    tried to sign up with it (``mail_sent`` then tells whether that mail went).
    """
    email = normalise_email(email)
    User = get_user_model()
    created = False
    try:
        with transaction.atomic():
            existing = users_with_email(email).select_for_update().first()
            if existing is None:
                user = User(username=email, email=email, first_name=first_name)
                user.last_name = last_name
                user.is_active = False
                user.set_password(password)
                user.save()
                Member.objects.create(
                    user=user, postal_code=postal_code, preferred_language=preferred_language
                )
                created = True
            elif in_use(existing):
                user = existing
            else:
                user = existing
                _refresh_pending(user, password, first_name, last_name)
                Member.objects.update_or_create(
                    user=user,
                    defaults={"postal_code": postal_code, "preferred_language": preferred_language},
                )
    except IntegrityError:
        # Another request created the account between the lookup and the insert.
        user = users_with_email(email).first()
        if user is None:
            # The address is the username of an account with another address (made in the
            # admin): nobody to write to, and the answer must still look like any other.
            logger.warning("Sign-up with an address that is another account's username")
            User().set_password(password)
            return SignUpResult(user=None, created=False, mail_sent=True)
    if not created and in_use(user):
        # The same hashing work as a new account costs, so that the answer takes as long.
        User().set_password(password)
        return SignUpResult(user=user, created=False, mail_sent=send_sign_up_attempt(request, user))
    return SignUpResult(user=user, created=created, mail_sent=send_confirmation(request, user))


def in_use(user):
    """An account that has been confirmed (or used): signing up again must not touch it."""
    return user.is_active or user.last_login is not None


def _refresh_pending(user, password, first_name, last_name):
    fields = ["first_name", "last_name"]
    user.first_name, user.last_name = first_name, last_name
    # The same password again (a double submit) keeps the hash, so the first link stays valid.
    if not user.check_password(password):
        user.set_password(password)
        fields.append("password")
    user.save(update_fields=fields)


# Confirmation links -------------------------------------------------------------------------


def make_confirmation_token(user):
    return signing.dumps(
        {"user": user.pk, "email": normalise_email(user.email)}, salt=CONFIRMATION_SALT
    )


class ConfirmationError(Exception):
    def __init__(self, reason):
        self.reason = reason  # "expired", "invalid" or "already_confirmed"
        super().__init__(reason)


def user_for_token(token):
    """The inactive account a confirmation token stands for, or ConfirmationError."""
    max_age = settings.MEMBERS_CONFIRMATION_MAX_AGE
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ConfirmationError("expired") from None
    except signing.BadSignature:
        raise ConfirmationError("invalid") from None
    if not isinstance(data, dict):
        raise ConfirmationError("invalid")
    user = get_user_model()._default_manager.filter(pk=data.get("user")).first()
    if user is None or normalise_email(user.email) != data.get("email"):
        raise ConfirmationError("invalid")
    if user.is_active:
        raise ConfirmationError("already_confirmed")
    return user


def confirm(token):
    """Activate the account behind the token and return its user."""
    user = user_for_token(token)
    get_user_model()._default_manager.filter(pk=user.pk).update(is_active=True)
    user.is_active = True
    return user


# E-mails ------------------------------------------------------------------------------------


def absolute_url(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_account_mail(user, template, context, language=None):
    """Send a plain-text mail rendered in the member's language; False if it could not go."""
    language = language or language_of(user)
    with translation.override(language):
        context = {"user": user, "site_name": settings.WAGTAIL_SITE_NAME, **context}
        subject = render_to_string(f"members/email/{template}_subject.txt", context)
        body = render_to_string(f"members/email/{template}.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [user.email])
    except OSError:
        # SMTP errors are OSErrors too. The address stays out of the log: it is personal data.
        logger.warning("Could not send the %s e-mail to user %s", template, user.pk, exc_info=True)
        return False
    return True


def send_confirmation(request, user):
    language = language_of(user)
    with translation.override(language):
        path = reverse("members:confirm", kwargs={"token": make_confirmation_token(user)})
    days = settings.MEMBERS_CONFIRMATION_MAX_AGE.days
    context = {"confirm_url": absolute_url(request, path), "valid_days": days}
    return send_account_mail(user, "confirm", context, language=language)


def send_sign_up_attempt(request, user):
    """Tell the owner of an account that someone signed up with its address, with links to
    log in and to choose a new password (in the owner's language)."""
    language = language_of(user)
    with translation.override(language):
        login, reset = reverse("members:login"), reverse("members:password_reset")
    context = {"login_url": absolute_url(request, login), "reset_url": absolute_url(request, reset)}
    return send_account_mail(user, "sign_up_attempt", context, language=language)
