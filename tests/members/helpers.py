"""What the account tests share: the sign-up form's data, the links in mails, logging in, and
reading a page as the visitor does."""

import html
import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.members.conftest import PASSWORD

LINK = re.compile(r"https?://\S+")


def said(msgid, language):
    """The message as a page in ``language`` shows it."""
    with translation.override(language):
        return gettext(msgid)


def page_text(response):
    return html.unescape(response.content.decode())


def sign_up_data(**overrides):
    data = {
        "email": "Lotte.Claes@example.be",
        "first_name": "Lotte",
        "last_name": "Claes",
        "postal_code": "8500",
        "preferred_language": "nl",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def link_in(message):
    return LINK.search(message.body).group(0)


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("members:login"), {"username": email, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def visible_text(response):
    """The words a visitor reads on a page (tags, scripts and styles left out)."""
    content = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", response.content.decode())
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())


def sign_up_as_seen(client, data):
    """What a visitor sees after sending the sign-up form, the typed address left out."""
    response = client.post(reverse("members:sign_up"), data)
    shown = client.get(response["Location"]) if response.status_code == 302 else response
    address = data["email"].lower()
    return (
        response.status_code,
        response.get("Location"),
        shown.status_code,
        visible_text(shown).replace(address, "<address>"),
    )
