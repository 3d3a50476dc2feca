"""Checking an UiTPAS with kansentarief at publiq's UiTPAS API v4 (docs/architecture.md,
"Joining online"; the README says how a city switches it on).

``checker()`` is the configured client, or None when the city has no credentials: a
coordinator then verifies the card by hand. ``HttpChecker`` asks the API itself: a token by
OAuth2 client credentials (kept in the cache until shortly before it expires), then
``GET /passes?identifier=<number>``, whose ``socialTariff`` says ACTIVE, EXPIRED or NONE with
an end date; any ``messages`` in the answer are passed on to be shown to the member.
``FakeChecker`` answers from a fixed list of cards, for development and the demo. A service
that does not answer, or answers nonsense, raises ``UiTPASUnavailable``: the application is
then taken as it is and checked by hand.
"""

from __future__ import annotations

import datetime
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

ACTIVE, EXPIRED, NONE = "ACTIVE", "EXPIRED", "NONE"
TOKEN_CACHE_KEY = "uitpas:token"


class UiTPASUnavailable(Exception):
    """The check could not be made (no answer, an error, an answer that makes no sense)."""


@dataclass(frozen=True)
class PassCheck:
    status: str  # ACTIVE, EXPIRED or NONE
    end_date: datetime.date | None = None
    messages: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return self.status == ACTIVE


def checker():
    """The client the settings ask for (``UITPAS_CHECKER``: "http" or "fake"), else None."""
    kind = getattr(settings, "UITPAS_CHECKER", "")
    if kind == "fake":
        return FakeChecker()
    if kind == "http" and settings.UITPAS_CLIENT_ID and settings.UITPAS_CLIENT_SECRET:
        return HttpChecker(
            api_url=settings.UITPAS_API_URL,
            token_url=settings.UITPAS_TOKEN_URL,
            client_id=settings.UITPAS_CLIENT_ID,
            client_secret=settings.UITPAS_CLIENT_SECRET,
            audience=settings.UITPAS_AUDIENCE,
        )
    return None


def parse_pass(data) -> PassCheck:
    """A ``PassCheck`` from the API's answer about a pass (a pass, or a list of them)."""
    if isinstance(data, list):
        data = data[0] if data else {}
    if not isinstance(data, dict):
        raise UiTPASUnavailable("the answer is not a pass")
    tariff = data.get("socialTariff") or {}
    status = str(tariff.get("status") or NONE).upper()
    if status not in (ACTIVE, EXPIRED, NONE):
        raise UiTPASUnavailable(f"unknown social tariff status {status!r}")
    end = tariff.get("endDate")
    try:
        end_date = datetime.date.fromisoformat(str(end)[:10]) if end else None
    except ValueError as error:
        raise UiTPASUnavailable("the end date is not a date") from error
    return PassCheck(status, end_date, _messages(data))


def _messages(data) -> tuple[str, ...]:
    texts = []
    for message in data.get("messages") or ():
        text = (
            message.get("text") or message.get("message") if isinstance(message, dict) else message
        )
        if text:
            texts.append(str(text)[:500])
    return tuple(texts)


class HttpChecker:
    def __init__(self, *, api_url, token_url, client_id, client_secret, audience="", timeout=5):
        self.api_url = api_url.rstrip("/")
        self.token_url = token_url
        self.client_id, self.client_secret = client_id, client_secret
        self.audience = audience
        self.timeout = timeout

    def check(self, number: str) -> PassCheck:
        query = urllib.parse.urlencode({"identifier": number})
        request = urllib.request.Request(
            f"{self.api_url}/passes?{query}",
            headers={"Authorization": f"Bearer {self._token()}", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                return parse_pass(json.load(answer))
        except urllib.error.HTTPError as error:
            if error.code == 404:  # no such card: no social tariff, with what the API says
                return PassCheck(NONE, None, _messages(_json_of(error)))
            if error.code == 401:
                cache.delete(TOKEN_CACHE_KEY)
            logger.warning("UiTPAS check answered HTTP %s", error.code)
            raise UiTPASUnavailable(f"HTTP {error.code}") from error
        except (OSError, ValueError) as error:
            logger.warning("UiTPAS check failed: %s", type(error).__name__)
            raise UiTPASUnavailable(type(error).__name__) from error

    def _token(self) -> str:
        token = cache.get(TOKEN_CACHE_KEY)
        if token:
            return token
        fields = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        if self.audience:
            fields["audience"] = self.audience
        request = urllib.request.Request(
            self.token_url,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                data = json.load(answer)
            token = data["access_token"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning("UiTPAS token request failed: %s", type(error).__name__)
            raise UiTPASUnavailable("no token") from error
        lifetime = int(data.get("expires_in") or 300)
        cache.set(TOKEN_CACHE_KEY, token, max(lifetime - 60, 30))
        return token


def _json_of(error):
    try:
        return json.load(error)
    except (OSError, ValueError):
        return {}


class FakeChecker:
    """Cards for development and the demo (no credentials needed); any other number has no
    kansentarief, and the last one stands for a service that does not answer."""

    CARDS = {
        "0900000000017": (ACTIVE, datetime.date(2027, 12, 31), ()),
        "0900000000025": (
            EXPIRED,
            datetime.date(2026, 6, 30),
            ("Het kansentarief van deze pas is verlopen.",),
        ),
    }
    DOWN = "0900000000099"

    def check(self, number: str) -> PassCheck:
        if number == self.DOWN:
            raise UiTPASUnavailable("the fake service is down for this card")
        status, end, messages = self.CARDS.get(number, (NONE, None, ()))
        return PassCheck(status, end, messages)
