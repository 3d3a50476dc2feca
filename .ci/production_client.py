"""A small HTTP client for the production run (.ci/production.py): a visitor behind the
site's HTTPS proxy, with its own cookies, speaking to gunicorn on a local port."""

from __future__ import annotations

import io
import re
import socket
import uuid
from html import unescape
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 90, 30)).save(buffer, "PNG")
    return buffer.getvalue()


class Client:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    @staticmethod
    def port_open(port) -> bool:
        with socket.socket() as sock:
            sock.settimeout(1)
            return sock.connect_ex(("127.0.0.1", int(port))) == 0

    @staticmethod
    def fetch(url):
        """GET an absolute address (an image in the bucket): (status, headers, body bytes)."""
        parts = urlsplit(url)
        connection = HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()

    def request(self, method, path, body=None, content_type=None):
        # The proxy in front terminates HTTPS and says so; the cookies are Secure, so a
        # browser would send them: this client sends them whatever the scheme.
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "deelfabriek-production-ci",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
            headers["Content-Type"] = content_type
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    self.cookies[morsel.key] = morsel.value
        headers = {k.lower(): v for k, v in response.getheaders()}
        return response.status, headers, response.read().decode(errors="replace")

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        body = urlencode(fields)
        return self.request("POST", path, body, "application/x-www-form-urlencoded")

    def post_multipart(self, path, fields, files):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content, mime) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {mime}\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")

    @staticmethod
    def csrf_token(html):
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return found.group(1) if found else ""

    def log_in(self, path, fields):
        html = self.get(path)[2]
        return self.post(path, {**fields, "csrfmiddlewaretoken": self.csrf_token(html)})[0]

    def reserve(self, item_path, pickup, return_date):
        """Send the reservation form of the item page; the status of the answer."""
        html = self.get(item_path)[2]
        form = next(
            (f for f in re.findall(r"(?s)<form.*?</form>", html) if 'name="pickup_date"' in f), ""
        )
        action = re.search(r'action="([^"]*)"', form)
        target = unescape(action.group(1)) if action and action.group(1) else item_path
        fields = {
            "csrfmiddlewaretoken": self.csrf_token(form),
            "pickup_date": pickup,
            "return_date": return_date,
        }
        return self.post(target, fields)[0]

    def cancel_first_reservation(self):
        """Cancel the first reservation listed in "my account"; the status of the answer."""
        html = self.get("/nl/account/")[2]
        forms = [f for f in re.findall(r"(?s)<form.*?</form>", html) if "/cancel/" in f]
        if not forms:
            return None
        target = unescape(re.search(r'action="([^"]*)"', forms[0]).group(1))
        return self.post(target, {"csrfmiddlewaretoken": self.csrf_token(forms[0])})[0]
