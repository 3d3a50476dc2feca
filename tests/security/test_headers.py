"""The security headers every response carries: the public content security policy, the
admin's own, Permissions-Policy, Cross-Origin-Resource-Policy and Cross-Origin-Opener-Policy;
and, with the production settings, on static files and over HTTPS too."""

import importlib
import re

import pytest

from django.test import override_settings
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

REFUSED_FEATURES = [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "serial",
    "hid",
    "browsing-topics",
    "interest-cohort",
]


def policy(response, header="Content-Security-Policy"):
    """The policy in a response as {directive: set of sources}."""
    assert header in response, f"no {header} on {response.status_code} {response.get('Location')}"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


def permissions(response):
    """Permissions-Policy as {feature: allow list}."""
    return dict(re.findall(r"([a-z-]+)=(\([^)]*\))", response["Permissions-Policy"]))


def assert_common_headers(response):
    features = permissions(response)
    refused = {feature: features.get(feature) for feature in REFUSED_FEATURES}
    assert refused == dict.fromkeys(REFUSED_FEATURES, "()")
    assert "fullscreen" not in features and "clipboard-write" not in features
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def initiative(index):
    return factories.build_initiative(index, "Instrumentheek")


@pytest.mark.parametrize("path", ["home", "initiative", "missing", "robots.txt"])
def test_public_responses_have_the_strict_public_policy(client, initiative, path):
    url = {
        "home": initiative.get_parent().get_parent().url,
        "initiative": initiative.url,
        "missing": "/nl/bestaat-niet/",
        "robots.txt": "/robots.txt",
    }[path]
    response = client.get(url)
    assert response.status_code == (404 if path == "missing" else 200)

    csp = policy(response)
    assert csp["default-src"] == {"'self'"}
    assert csp["script-src"] == {"'self'"}
    assert csp["style-src"] == {"'self'"}
    assert csp["img-src"] == {"'self'", "data:"}
    assert csp["object-src"] == {"'none'"}
    assert csp["base-uri"] == {"'none'"}
    assert csp["frame-ancestors"] == {"'self'"}
    assert csp["form-action"] == {"'self'"}
    assert "script-src-attr" not in csp
    assert_common_headers(response)


def assert_admin_policy(response):
    csp = policy(response)
    assert csp["default-src"] == {"'self'"}
    # Wagtail's inline initialisers, but never eval.
    assert csp["script-src"] == {"'self'", "'unsafe-inline'"}
    assert not any("'unsafe-eval'" in sources for sources in csp.values())
    # No inline event handlers: only the one hashed "return;".
    assert csp["script-src-attr"] == {
        "'unsafe-hashes'",
        "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='",
    }
    assert csp["style-src"] == {"'self'", "'unsafe-inline'"}
    assert csp["img-src"] == {"'self'", "data:", "blob:"}
    assert csp["object-src"] == {"'none'"}
    assert csp["base-uri"] == {"'none'"}
    assert csp["frame-ancestors"] == {"'self'"}
    assert csp["form-action"] == {"'self'"}
    # Requests, frames, fonts and workers: this site only (default-src).
    assert {"connect-src", "frame-src", "font-src", "worker-src"}.isdisjoint(csp)
    assert_common_headers(response)


def test_the_admin_login_page_has_the_admin_policy(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert_admin_policy(response)


def test_a_volunteer_gets_the_admin_policy_on_the_dashboard_and_the_page_editor(client, initiative):
    factories.volunteer_of(initiative, client)
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[initiative.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_admin_policy(response)


def test_an_admin_dialog_has_the_admin_policy(client, initiative):
    factories.coordinator(client)
    response = client.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_admin_policy(response)


def test_the_django_admin_has_the_admin_policy(client):
    response = client.get("/django-admin/login/")
    assert response.status_code == 200
    assert_admin_policy(response)


@pytest.fixture
def production(monkeypatch, tmp_path):
    """The production settings module, read with throw-away values for what it requires."""
    monkeypatch.setenv("SECRET_KEY", "production-test-not-secret")
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://testserver")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    monkeypatch.delenv("REDIS_URL", raising=False)
    settings = importlib.reload(importlib.import_module("deelfabriek.settings.production"))
    with override_settings(
        MIDDLEWARE=settings.MIDDLEWARE,
        SECURE_SSL_REDIRECT=settings.SECURE_SSL_REDIRECT,
        SECURE_PROXY_SSL_HEADER=settings.SECURE_PROXY_SSL_HEADER,
        SECURE_HSTS_SECONDS=settings.SECURE_HSTS_SECONDS,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
        SECURE_HSTS_PRELOAD=settings.SECURE_HSTS_PRELOAD,
        SECURE_REFERRER_POLICY=settings.SECURE_REFERRER_POLICY,
        # Whitenoise serves the files where they are, instead of from a collectstatic run.
        STATIC_ROOT=tmp_path,
        WHITENOISE_USE_FINDERS=True,
    ):
        yield settings


def test_in_production_static_files_carry_the_headers_too(client, production):
    response = client.get("/static/css/site.css", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert_common_headers(response)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_in_production_pages_and_the_admin_carry_every_header_over_https(
    client, production, initiative
):
    insecure = client.get(initiative.url)
    assert insecure.status_code == 301
    assert insecure["Location"].startswith("https://")

    page = client.get(initiative.url, secure=True)
    assert page.status_code == 200
    assert policy(page)["script-src"] == {"'self'"}
    assert_common_headers(page)
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page["Referrer-Policy"] == "same-origin"

    admin = client.get(reverse("wagtailadmin_login"), secure=True)
    assert admin.status_code == 200
    assert_admin_policy(admin)
    assert admin["Strict-Transport-Security"].startswith("max-age=31536000")
