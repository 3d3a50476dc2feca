"""Signing up and confirming an e-mail address, and the account e-mails in the member's language.

An account stays inactive until its address is confirmed through a signed, expiring link.
The username of a member's account is the e-mail address in lower case, so that the database
itself refuses a second account for one address (two sign-ups at once, a double submit).

Signing up never tells whether an address has an account: for an address in use the visitor
sees exactly what a new address gets ("check your e-mail"), and the mail goes to the owner of
that account instead, saying someone tried to sign up with it and how to log in.

Accounts waiting for confirmation ("pending": made by signing up, not active, never logged
in) follow one rule: whoever can read the mail sent to the address owns the account, and
nothing that reaches the site without that mailbox changes it.

- Signing up again with a pending address changes nothing in the account: not its password,
  names, postal code or language. The visitor sees what a new address gets, and the address
  gets a fresh confirmation link for the account as it stands, in the account's language,
  with the advice to confirm first and then choose a new password if the one chosen at
  sign-up is forgotten. The answer costs the same password hashing as a new account.
- A confirmation link activates the account with the password it had when the link was
  mailed: the token carries a keyed digest of the password hash (never the hash itself,
  since a signed token is readable). Signing up again leaves the password alone, so every
  link mailed for the account keeps working until it expires; a password changed in any
  other way (by an administrator) makes the earlier links invalid.
- "Forgotten your password?" also sends its link for a pending account, to the same
  address; choosing a password through it confirms the address as well. So the owner of the
  address gets in even if someone else started the sign-up (and knows its password): the
  new password replaces that one, and Django ends every session made with the old one.
- Accounts that are not pending (confirmed, or once logged in, or an admin account, or one
  without a member profile) are never changed by signing up, and never activated by a
  confirmation link or a reset: an account deactivated after it was used stays so. (An
  inactive member account that never logged in cannot be told apart from one waiting for
  confirmation, so it counts as pending.)
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

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

    An address that has an account already changes nothing in it (see the module's rule):
    a pending account gets a fresh confirmation link, an account in use a mail saying someone
    tried to sign up with its address. ``mail_sent`` tells whether the mail went.
    """
    email = normalise_email(email)
    User = get_user_model()
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.is_active = False
    # Hashed before anything is looked up: every answer costs this hashing work, and no other.
    user.set_password(password)
    try:
        with transaction.atomic():
            existing = users_with_email(email).first()
            if existing is None:
                user.save()
                Member.objects.create(
                    user=user, postal_code=postal_code, preferred_language=preferred_language
                )
    except IntegrityError:
        # Another request created the account between the lookup and the insert, or the
        # address is the username of an account with another address (made in the admin).
        existing = users_with_email(email).first()
        if existing is None:
            # Nobody to write to, and the answer must still look like any other.
            logger.warning("Sign-up with an address that is another account's username")
            return SignUpResult(user=None, created=False, mail_sent=True)
    if existing is None:
        return SignUpResult(user=user, created=True, mail_sent=send_confirmation(request, user))
    if is_pending(existing):
        mail_sent = send_confirmation(request, existing, again=True)
    else:
        mail_sent = send_sign_up_attempt(request, existing)
    return SignUpResult(user=existing, created=False, mail_sent=mail_sent)


def is_pending(user):
    """An account made by signing up whose address is not confirmed yet (the module's rule)."""
    return (
        not user.is_active
        and user.last_login is None
        and not user.is_staff
        and not user.is_superuser
        and Member.objects.filter(user_id=user.pk).exists()
    )


def activate(user):
    """Mark the account's address as confirmed: it may log in from now on."""
    get_user_model()._default_manager.filter(pk=user.pk).update(is_active=True)
    user.is_active = True


# Confirmation links -------------------------------------------------------------------------


def _password_digest(user):
    """Changes with the password, and tells nothing about it: keyed with the secret key."""
    return salted_hmac(CONFIRMATION_SALT, user.password, algorithm="sha256").hexdigest()[:32]


def make_confirmation_token(user):
    return signing.dumps(
        {"user": user.pk, "email": normalise_email(user.email), "digest": _password_digest(user)},
        salt=CONFIRMATION_SALT,
    )


class ConfirmationError(Exception):
    def __init__(self, reason):
        self.reason = reason  # "expired", "invalid" or "already_confirmed"
        super().__init__(reason)


def user_for_token(token):
    """The pending account a confirmation token stands for, or ConfirmationError."""
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
    digest = data.get("digest")
    if not isinstance(digest, str) or not constant_time_compare(digest, _password_digest(user)):
        # The password changed since the link was mailed (or the token predates digests).
        raise ConfirmationError("invalid")
    if not is_pending(user):
        raise ConfirmationError("invalid")
    return user


def confirm(token):
    """Activate the account behind the token and return its user."""
    user = user_for_token(token)
    # Only with the password the link was made for, even if it changes at this very moment.
    updated = (
        get_user_model()
        ._default_manager.filter(pk=user.pk, password=user.password)
        .update(is_active=True)
    )
    if not updated:
        raise ConfirmationError("invalid")
    user.is_active = True
    return user


# E-mails ------------------------------------------------------------------------------------


def absolute_url(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# The account mails: the confirmation link, the same when someone signs up again while the
# account waits, "someone signed up with your address", and the password-reset link. They go
# through the outbox (lending/mail.py, which listens to ``account_mail_requested``): the row
# holds neither address nor link, which are made when the mail is sent (docs/architecture.md,
# "Mail through an outbox").
ACCOUNT_MAILS = ("confirm", "confirm_again", "sign_up_attempt", "password_reset")
account_mail_requested = Signal()


def request_account_mail(user, template):
    """Hand an account mail to the outbox; without one (no app listening), send it now.
    Returns False only when it was sent now and could not go."""
    if any(
        queued
        for _receiver, queued in account_mail_requested.send(None, user=user, template=template)
    ):
        return True
    try:
        account_mail(user, template).send()
    except OSError:
        # SMTP errors are OSErrors too. The address stays out of the log: it is personal data.
        logger.warning("Could not send the %s e-mail to user %s", template, user.pk, exc_info=True)
        return False
    return True


def account_mail(user, template):
    """The mail, rendered now in the member's language with fresh links."""
    with translation.override(language_of(user)):
        context = {"user": user, "site_name": settings.WAGTAIL_SITE_NAME, **_links(user, template)}
        subject = render_to_string(f"members/email/{template}_subject.txt", context)
        body = render_to_string(f"members/email/{template}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [user.email])


def _links(user, template):
    """The addresses a mail holds, under the active language's prefix."""
    if template == "password_reset":
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        return {
            "protocol": base.scheme,
            "domain": base.netloc,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
    reset = absolute_url(None, reverse("members:password_reset"))
    if template == "sign_up_attempt":
        return {"login_url": absolute_url(None, reverse("members:login")), "reset_url": reset}
    path = reverse("members:confirm", kwargs={"token": make_confirmation_token(user)})
    links = {
        "confirm_url": absolute_url(None, path),
        "valid_days": settings.MEMBERS_CONFIRMATION_MAX_AGE.days,
    }
    if template == "confirm_again":
        links["reset_url"] = reset
    return links


def send_confirmation(request, user, again=False):
    """The confirmation link, in the member's language. ``again``: the address was used to
    sign up once more while the account waits, so the mail says that the account is as it
    was and how to get in if the password chosen then is forgotten."""
    return request_account_mail(user, "confirm_again" if again else "confirm")


def send_sign_up_attempt(request, user):
    """Tell the owner of an account that someone signed up with its address, with links to
    log in and to choose a new password (in the owner's language)."""
    return request_account_mail(user, "sign_up_attempt")
