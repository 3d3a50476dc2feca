"""A stand-in Elasticsearch 8 on 127.0.0.1 that answers the real client over HTTP with
recorded responses, and keeps every request it received."""

from __future__ import annotations

import json
import re
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

RECORDED = Path(__file__).parent / "recorded"
PLACEHOLDER = re.compile(r"^\{(=?)(\w+)(?:\.(\w+))?\}$")


def recorded(name: str, ids: dict | None = None):
    """A recorded response body; strings such as "{drill}" or "{drill.fr}" become the id of
    that item row as a string ("{=drill}" as a number, as in sort values); ``ids`` maps
    (nickname, language) to a primary key."""

    def fill(value):
        if isinstance(value, dict):
            return {key: fill(item) for key, item in value.items()}
        if isinstance(value, list):
            return [fill(item) for item in value]
        if isinstance(value, str) and ids is not None and (match := PLACEHOLDER.match(value)):
            pk = ids[match[2], match[3] or "nl"]
            return pk if match[1] else str(pk)
        return value

    return fill(json.loads((RECORDED / f"{name}.json").read_text()))


@dataclass
class Request:
    method: str
    path: str
    query: dict
    text: str
    headers: dict | None = None

    @property
    def json(self):
        return json.loads(self.text)

    @property
    def ndjson(self) -> list:
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]


class FakeElasticsearch:
    def __init__(self, product: bool = True):
        """``product=False``: answer like a server that is not Elasticsearch (a proxy, say)."""
        self.requests: list[Request] = []
        self.routes: list[tuple[str, re.Pattern, object]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                text = self.rfile.read(length).decode() if length else ""
                request = Request(
                    self.command, parts.path, parse_qs(parts.query), text, dict(self.headers)
                )
                server.requests.append(request)
                status, body = server.respond(request)
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                if product:
                    self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header(
                    "Content-Type", "application/vnd.elasticsearch+json;compatible-with=8"
                )
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, method: str, path: str, body, status: int = 200):
        """Answer requests to a path (a regular expression) with a body, or with what
        ``body(request)`` returns; the latest matching route wins."""
        self.routes.insert(0, (method, re.compile(path + "$"), (status, body)))

    def respond(self, request: Request):
        for method, pattern, (status, body) in self.routes:
            if method == request.method and pattern.match(request.path):
                return status, body(request) if callable(body) else body
        return 404, recorded("error_index_not_found")

    def sent(self, method: str, path: str) -> list[Request]:
        pattern = re.compile(path + "$")
        return [r for r in self.requests if r.method == method and pattern.match(r.path)]


def closed_port_url() -> str:
    """An address where nothing listens: the port was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def bulk_answer(request: Request) -> dict:
    """What _bulk answers when every action succeeds."""
    lines = request.ndjson
    items = []
    for action in lines[::2]:
        ((op, meta),) = action.items()
        items.append(
            {
                op: {
                    "_index": meta.get("_index"),
                    "_id": meta.get("_id"),
                    "_version": 1,
                    "result": "created",
                    "_shards": {"total": 2, "successful": 1, "failed": 0},
                    "_seq_no": len(items),
                    "_primary_term": 1,
                    "status": 201,
                }
            }
        )
    return {"took": 3, "errors": False, "items": items}
