"""Running the admin-scope walk's requests (tests/security/test_admin_scope.py) and judging
their outcomes.

Each request runs in a savepoint that is rolled back afterwards, so every request starts from
the same data; "nothing changed" compares each table the request wrote to (its SQL says which)
with a fingerprint of that table taken before the walk. problems_of() lists what is wrong with
one outcome; Report gathers them by kind and pattern.
"""

import hashlib
import re
import sys
import traceback
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.db import DatabaseError, connection, transaction
from django.test import Client

from tests.security.admin_scope_calls import Call
from tests.security.admin_scope_urls import OPEN

# Tables left out of "nothing changed", with the reason.
NOT_CONTENT = {
    "django_session": "the session changes with every request",
    "wagtailusers_userprofile": "the admin remembers the user's own preferences",
    "wagtailcore_pagelogentry": "a log entry: what it logs shows in the content tables",
    "wagtailcore_modellogentry": "a log entry: what it logs shows in the content tables",
    "django_admin_log": "a log entry: what it logs shows in the content tables",
    "wagtail_localize_translationlog": "a log entry: what it logs shows in the content tables",
    "wagtailcore_referenceindex": "derived from the content",
    "wagtailimages_rendition": "thumbnails, made when an image is shown",
    "wagtailsearch_indexentry": "the search index, derived from the content",
    "wagtailsearch_indexentry_fts": "the search index, derived from the content",
    "search_itemdocument": "the catalogue's search index, derived from the content",
    "django_tasks_database_dbtaskresult": "the background task queue",
    "axes_accessattempt": "log-in throttling records",
    "axes_accessattemptexpiration": "log-in throttling records",
    "axes_accessfailurelog": "log-in throttling records",
    "axes_accesslog": "log-in throttling records",
}
NOT_CONTENT_COLUMNS = {"auth_user": {"last_login"}}
WRITE = re.compile(
    r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE
)


def content_tables():
    """{table: [columns]} of every model's table except NOT_CONTENT."""
    existing = set(connection.introspection.table_names())
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.db_table in NOT_CONTENT:
            continue
        if meta.db_table not in existing:
            continue
        skip = NOT_CONTENT_COLUMNS.get(meta.db_table, set())
        tables[meta.db_table] = [
            f.column for f in meta.local_concrete_fields if f.column not in skip
        ]
    return tables


def fingerprint(table, columns):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")  # noqa: S608
        rows = sorted(repr(row) for row in cursor.fetchall())
    return len(rows), hashlib.sha1("\n".join(rows).encode(), usedforsecurity=False).hexdigest()


@dataclass
class Outcome:
    call: Call
    status: int
    location: str = ""
    body: bytes = b""
    messages: list = field(default_factory=list)
    error: str = ""
    changed: list = field(default_factory=list)
    followed: "Outcome" = None

    def text(self):
        parts = [self.body, *(m.encode() for m in self.messages)]
        if self.followed is not None:
            parts.append(self.followed.text())
        return b"\n".join(parts)


def body_of(response):
    # (The test client closes a streaming response once it is read; closing it again here
    # would fire request_finished inside the transaction, which drops the connection.)
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class Walker:
    """Requests as one user, each in a savepoint rolled back afterwards."""

    def __init__(self, user):
        self.user = user
        self.client = Client(raise_request_exception=False)
        self.client.force_login(user)
        self.tables = content_tables()
        self.baseline = {table: fingerprint(table, cols) for table, cols in self.tables.items()}
        self.errors = []
        self.requests = 0

    def _record_error(self, sender, request=None, **kwargs):
        kind, value, tb = sys.exc_info()
        frames = traceback.extract_tb(tb)
        where = next(
            (f"{f.filename.split('site-packages/')[-1]}:{f.lineno}" for f in reversed(frames)),
            "",
        )
        self.errors.append(f"{kind.__name__}: {str(value)[:200]} at {where}")

    def send(self, call):
        client = self.client
        method = call.method.lower()
        if call.method == "GET":
            return client.get(call.url)
        if call.content_type:
            return getattr(client, method)(call.url, call.data, content_type=call.content_type)
        return getattr(client, method)(call.url, call.data or {})

    def run(self, call, *, follow=True, compare=True):
        writes = set()

        def watch(execute, sql, params, many, context):
            match = WRITE.match(sql)
            if match:
                writes.add(match.group(1))
            return execute(sql, params, many, context)

        self.errors = []
        got_request_exception.connect(self._record_error)
        try:
            with transaction.atomic():
                with connection.execute_wrapper(watch):
                    response = self.send(call)
                outcome = self._outcome(call, response)
                if response.wsgi_request.user.pk != self.user.pk:
                    raise AssertionError(f"the walk lost its log-in before {call}")
                if compare:
                    outcome.changed = [
                        table for table in self._changed(writes) if table not in call.may_change
                    ]
                    if call.verify and outcome.changed[:1] != ["(the transaction broke)"]:
                        wrong = call.verify()
                        if wrong:
                            outcome.changed.append(wrong)
                if follow and 300 <= outcome.status < 400 and self._worth_following(outcome):
                    followed = self.send(Call(call.pattern, "GET", outcome.location))
                    outcome.followed = self._outcome(call, followed)
                transaction.set_rollback(True)
        finally:
            got_request_exception.disconnect(self._record_error)
            self.client.cookies.pop("messages", None)
        if writes:
            cache.clear()
        self.requests += 1
        return outcome

    def _outcome(self, call, response):
        storage = getattr(response.wsgi_request, "_messages", None)
        return Outcome(
            call=call,
            status=response.status_code,
            location=response.get("Location", ""),
            body=body_of(response),
            messages=[str(m) for m in getattr(storage, "_queued_messages", [])],
            error="; ".join(self.errors),
        )

    def _changed(self, writes):
        changed = []
        for table in sorted(writes & set(self.tables)):
            try:
                now = fingerprint(table, self.tables[table])
            except DatabaseError:
                return ["(the transaction broke)"]
            if now != self.baseline[table]:
                changed.append(table)
        return changed

    @staticmethod
    def _worth_following(outcome):
        location = outcome.location.removeprefix("http://testserver")
        return location.startswith("/admin/") and location.split("?")[0] not in (
            "/admin/",
            "/admin/login/",
        )

    def changed_since_start(self):
        """Tables that differ from the fingerprint taken before the walk (none, if every
        request was rolled back)."""
        return [
            table
            for table, cols in self.tables.items()
            if fingerprint(table, cols) != self.baseline[table]
        ]


# Checks and the report ----------------------------------------------------------------------

SERVER_ERROR = "answers with a server error"
SHOWS = "shows another initiative's data"
CHANGES = "changes the database"
REACHES = "answers 2xx for another initiative's object"


def problems_of(outcome, canaries, *, named_object):
    """[(kind, detail)] of one request."""
    found = []
    for answer in (outcome, outcome.followed):
        if answer is not None and answer.status >= 500:
            where = "" if answer is outcome else f" after the redirect to {outcome.location}"
            found.append((SERVER_ERROR, f"{answer.status}{where} {answer.error}".strip()))
    text, sent = outcome.text(), outcome.call.sent()
    shown = [c for c in canaries if c.encode() in text and c not in sent]
    if shown:
        found.append(
            (SHOWS, f"{outcome.status}: " + ", ".join(f"{c} ({canaries[c]})" for c in shown))
        )
    if outcome.changed:
        found.append((CHANGES, ", ".join(outcome.changed)))
    reached = named_object and not outcome.call.shared and 200 <= outcome.status < 300
    if reached and outcome.call.pattern.key not in OPEN:
        found.append((REACHES, str(outcome.status)))
    return found


class Report:
    """Problems by kind and pattern, a few example requests each."""

    EXAMPLES = 3

    def __init__(self, title):
        self.title = title
        self.found = defaultdict(lambda: defaultdict(list))  # kind -> pattern -> [lines]

    def add(self, kind, pattern_label, line):
        self.found[kind][pattern_label].append(line)

    def check(self, outcome, canaries, *, named_object):
        for kind, detail in problems_of(outcome, canaries, named_object=named_object):
            self.add(kind, outcome.call.pattern.label, f"{outcome.call} -> {detail}")

    def __bool__(self):
        return bool(self.found)

    def __str__(self):
        lines = [self.title]
        for kind, patterns in self.found.items():
            lines.append(f"\n{kind} ({len(patterns)} patterns):")
            for label, examples in sorted(patterns.items()):
                lines.append(f"  {label}")
                for example in examples[: self.EXAMPLES]:
                    lines.append(f"      {example}")
                if len(examples) > self.EXAMPLES:
                    lines.append(f"      ... and {len(examples) - self.EXAMPLES} more")
        return "\n".join(lines)


def with_arguments(patterns):
    return [pattern for pattern in patterns if pattern.arguments]


def without_arguments(patterns):
    return [pattern for pattern in patterns if not pattern.arguments]
