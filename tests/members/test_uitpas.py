"""Checking a kansentarief at publiq's UiTPAS API (members/uitpas.py), against a fake of the
API served on this machine: a token by client credentials, then GET /passes?identifier=.

Cards of the fake: ACTIVE_CARD has a kansentarief until 31 March 2027, EXPIRED_CARD had one
(with a message the member must read), any other number is unknown (404), DOWN_CARD answers
503. "Today" is Monday 2 November 2026 (tests/members/club.py).
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from django.urls import reverse
from django.utils import translation

from members import applications, uitpas
from members.models import MembershipApplication
from tests.members.club import coordinator

pytestmark = pytest.mark.django_db

ACTIVE_CARD, EXPIRED_CARD, DOWN_CARD = "0930000123450", "0930000123468", "0930000123476"
EXPIRED_MESSAGE = "De pas is vervallen: vernieuw ze aan een UiTPAS-balie."
SECRET = "fake-secret"


class FakeUiTPAS(BaseHTTPRequestHandler):
    tokens_issued = 0

    def log_message(self, *args):  # quiet
        pass

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802 - the standard library's name
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if form.get("grant_type") != ["client_credentials"] or form.get("client_secret") != [
            SECRET
        ]:
            return self._answer(401, {"error": "invalid_client"})
        type(self).tokens_issued += 1
        return self._answer(200, {"access_token": "token-1", "expires_in": 3600})

    def do_GET(self):  # noqa: N802
        if self.headers.get("Authorization") != "Bearer token-1":
            return self._answer(401, {"title": "Unauthorized"})
        number = parse_qs(urlsplit(self.path).query).get("identifier", [""])[0]
        if number == ACTIVE_CARD:
            tariff = {"status": "ACTIVE", "endDate": "2027-03-31T23:59:59+02:00"}
            return self._answer(200, {"uitpasNumber": number, "socialTariff": tariff})
        if number == EXPIRED_CARD:
            tariff = {"status": "EXPIRED", "endDate": "2026-06-30"}
            messages = [{"level": "WARNING", "text": EXPIRED_MESSAGE}]
            return self._answer(200, {"socialTariff": tariff, "messages": messages})
        if number == DOWN_CARD:
            return self._answer(503, {"title": "Service Unavailable"})
        return self._answer(404, {"title": "Not found", "messages": []})


@pytest.fixture
def fake_api(settings):
    FakeUiTPAS.tokens_issued = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeUiTPAS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.UITPAS_CHECKER = "http"
    settings.UITPAS_API_URL = base
    settings.UITPAS_TOKEN_URL = base + "/token"
    settings.UITPAS_CLIENT_ID = "deelfabriek-test"
    settings.UITPAS_CLIENT_SECRET = SECRET
    yield base
    server.shutdown()
    server.server_close()


def test_an_active_card_gives_its_end_date_and_the_token_is_asked_once(fake_api):
    client = uitpas.checker()
    first, second = client.check(ACTIVE_CARD), client.check(ACTIVE_CARD)
    assert first == second
    assert first.active and first.end_date.isoformat() == "2027-03-31"
    assert FakeUiTPAS.tokens_issued == 1


def test_an_expired_card_passes_on_the_apis_message(fake_api):
    check = uitpas.checker().check(EXPIRED_CARD)
    assert (check.status, check.messages) == ("EXPIRED", (EXPIRED_MESSAGE,))


def test_an_unknown_card_has_no_social_tariff(fake_api):
    assert uitpas.checker().check("0930000999999").status == "NONE"


def test_a_service_that_fails_or_is_gone_is_unavailable(fake_api, settings):
    with pytest.raises(uitpas.UiTPASUnavailable):
        uitpas.checker().check(DOWN_CARD)
    settings.UITPAS_API_URL = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(uitpas.UiTPASUnavailable):
        uitpas.checker().check(ACTIVE_CARD)


def test_wrong_credentials_are_unavailable_not_an_error(fake_api, settings):
    settings.UITPAS_CLIENT_SECRET = "wrong"
    with pytest.raises(uitpas.UiTPASUnavailable):
        uitpas.checker().check(ACTIVE_CARD)


def test_without_credentials_there_is_no_online_check(settings):
    settings.UITPAS_CHECKER = "http"
    settings.UITPAS_CLIENT_ID = settings.UITPAS_CLIENT_SECRET = ""
    assert uitpas.checker() is None


# Joining with an UiTPAS ------------------------------------------------------------------------


def join(client, club, number):
    with translation.override("nl"):
        url = reverse("members:join", args=["instrumentheek"])
    data = {
        "plan": str(club["tools_plan"].pk),
        "social_route": "uitpas",
        "uitpas_number": number,
        "house_rules": "on",
        "payment_method": "at_desk",
    }
    return client.post(url, data, follow=True)


def test_an_active_uitpas_verifies_the_tariff_until_its_end_without_any_letter(
    fake_api, club, client
):
    client.force_login(club["dave"].user)
    response = join(client, club, ACTIVE_CARD)
    assert "31 maart 2027" in response.content.decode()
    application = MembershipApplication.objects.get(member=club["dave"])
    assert (application.uitpas_status, str(application.uitpas_valid_until)) == (
        "ACTIVE",
        "2027-03-31",
    )
    assert not application.evidence
    applications.approve(application, coordinator(client), social=True)
    dave = club["dave"]
    dave.refresh_from_db()
    assert str(dave.social_valid_until) == "2027-03-31"
    assert dave.social_evidence == "uitpas_kansentarief"


def test_an_expired_uitpas_is_refused_with_the_apis_message(fake_api, club, client):
    client.force_login(club["dave"].user)
    response = join(client, club, EXPIRED_CARD)
    assert response.status_code == 400
    html = response.content.decode()
    assert EXPIRED_MESSAGE in html and "30 juni 2026" in html
    assert not MembershipApplication.objects.exists()


def test_when_uitpas_does_not_answer_the_application_waits_for_a_check_by_hand(
    fake_api, club, client
):
    client.force_login(club["dave"].user)
    response = join(client, club, DOWN_CARD)
    assert response.status_code == 200
    application = MembershipApplication.objects.get(member=club["dave"])
    assert application.uitpas_status == applications.UNCHECKED
    coordinator(client)
    detail = client.get(reverse("applications:detail", args=[application.pk]))
    assert "check the card by hand" in detail.content.decode()
