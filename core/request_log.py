"""A request id on every log line, and the JSON log format of production.

``RequestIdMiddleware`` takes the id that the proxy in front sent (``X-Request-ID``, when it is
a plausible id) or makes one, keeps it for the log lines written while the request runs and
returns it in the response's ``X-Request-ID``, so that a visitor's "something went wrong" and
the proxy's access log lead to the same lines. ``RequestIdFilter`` puts it on each record
(``-`` outside a request: the worker, the scheduler, commands).

Production logs one JSON object per line on stdout (``JSON_FORMAT``, python-json-logger):
time, level, logger, message, request id and, for errors, the traceback. No personal data is
logged by the application (docs/architecture.md, "Running it for real").
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# Ids from the proxy are taken as they are when they look like one (a UUID, a hex or base64
# token); anything else (too long, spaces, control characters) is replaced by our own.
_PLAUSIBLE = re.compile(r"[A-Za-z0-9._:+/=-]{8,64}")

HEADER = "X-Request-ID"
JSON_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"


def current() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if _PLAUSIBLE.fullmatch(given) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True
