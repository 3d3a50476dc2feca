"""Every response carries a request id, and so does every log line written meanwhile."""

import logging

import pytest

from django.http import HttpResponse
from django.test import RequestFactory

from core.request_log import RequestIdFilter, RequestIdMiddleware


def logged_during(request):
    records = []

    def view(request):
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", (), None)
        RequestIdFilter().filter(record)
        records.append(record)
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(request)
    return response, records[0]


def test_a_request_gets_an_id_in_the_response_and_its_log_lines():
    response, record = logged_during(RequestFactory().get("/nl/"))
    assert len(response["X-Request-ID"]) == 32
    assert record.request_id == response["X-Request-ID"]


def test_the_proxys_request_id_is_kept_when_it_looks_like_one():
    given = "0c7a5f52-8a47-4e9e-9b7b-2b1f5c1d9e01"
    response, record = logged_during(RequestFactory().get("/", HTTP_X_REQUEST_ID=given))
    assert response["X-Request-ID"] == given == record.request_id


@pytest.mark.parametrize("given", ["a b c d e f g h", "x" * 200, "<script>", "short"])
def test_an_implausible_request_id_is_replaced(given):
    response, _ = logged_during(RequestFactory().get("/", HTTP_X_REQUEST_ID=given))
    assert response["X-Request-ID"] != given
    assert len(response["X-Request-ID"]) == 32


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", (), None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_the_site_answers_with_a_request_id(client, db):
    assert client.get("/robots.txt")["X-Request-ID"]
