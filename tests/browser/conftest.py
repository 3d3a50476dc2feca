"""Browser journeys: a real server with the demo content, driven by Playwright in Chromium.

The server runs in its own process on a fresh SQLite file (or on DATABASE_URL when it
points at PostgreSQL), so the journeys see the site exactly as a visitor would.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    # One worker runs every journey, against one server with the demo content.
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.xdist_group("browser"))
    if Path(CHROMIUM).exists():
        return
    reason = (
        f"browser journeys skipped: no Chromium at {CHROMIUM} "
        "(install Debian's chromium package, or set CHROMIUM_PATH)"
    )
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer at {url} within {timeout} s")


@pytest.fixture(scope="session")
def site_workdir(tmp_path_factory):
    """The server's folder: its database, media, log and mail."""
    return tmp_path_factory.mktemp("site")


_PRIVATE_MEDIA = []


def private_media():
    """The server's private storage (social-tariff evidence), once the server runs."""
    return _PRIVATE_MEDIA[0]


@pytest.fixture(scope="session")
def mail_dir(site_url, site_workdir):
    """The folder where the server writes every mail it sends (the file-based backend)."""
    return site_workdir / "mail"


@pytest.fixture(scope="session")
def site_url(site_workdir):
    """Migrate a fresh database, load the demo content and serve it; yields the base URL."""
    workdir = site_workdir
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "deelfabriek.settings.dev",
            "MEDIA_ROOT": str(workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(workdir / "mail"),
        }
    )
    _PRIVATE_MEDIA[:] = [workdir / "private-media"]
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    else:
        env["DATABASE_URL"] = env["DATABASE_URL"].rsplit("/", 1)[0] + "/deelfabriek_browser"
        _recreate_postgres_database(env["DATABASE_URL"])
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo", "--quiet"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True)
    port = _free_port()
    log_path = workdir / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/robots.txt", process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        errors = [
            line for line in log_path.read_text(errors="replace").splitlines() if '" 50' in line
        ]
        assert not errors, "the server answered with errors:\n" + "\n".join(errors)


def _recreate_postgres_database(url):
    import psycopg

    admin_url, name = url.rsplit("/", 1)
    with psycopg.connect(admin_url + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def serious_violations(results):
    """The axe-core violations of serious or critical impact, readable in a failure message."""
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def path_in_language(page, site_url, dutch_path, language):
    """The path of the page at `dutch_path` in `language`, found through the language
    switcher (translated pages have addresses of their own language)."""
    from urllib.parse import urljoin, urlsplit

    page.goto(site_url + dutch_path)
    href = page.locator(f'.language-switcher a[hreflang="{language}"]').get_attribute("href")
    return urlsplit(urljoin(site_url, href)).path
