"""Log in with an e-mail address (any case); Django's ModelBackend still takes admin usernames."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def users_with_email(email):
    """The users whose address is `email`, ignoring case and surrounding spaces."""
    return get_user_model()._default_manager.filter(email__iexact=(email or "").strip())


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = email or username
        if not email or "@" not in email or password is None:
            return None
        users = list(users_with_email(email)[:2])
        if len(users) != 1:
            # No such address, or one shared by two accounts (possible only for accounts made
            # in the admin): refuse, after the same hashing work as a real check would take.
            get_user_model()().set_password(password)
            return None
        user = users[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
