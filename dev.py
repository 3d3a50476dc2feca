#!/usr/bin/env python3
"""Set up, serve and test De Deelfabriek with nothing but Python 3.11+.

python3 dev.py serve   set up .venv, migrate SQLite, load the demo, serve on 127.0.0.1:8000
python3 dev.py test    lint, Django checks, migration check, deploy check, the test suite
python3 dev.py setup   only the set-up part (virtualenv, packages, translations, database)
python3 dev.py pytest  only the test suite (extra arguments go to pytest)
python3 dev.py lock    pin requirements*.txt again in requirements*.lock, with hashes
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEELFABRIEK_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".deelfabriek-requirements"
REQUIREMENTS = [
    "requirements.txt",
    "requirements-dev.txt",
    "requirements.lock",
    "requirements-dev.lock",
    "pyproject.toml",
]


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*args, env: dict | None = None, check: bool = True) -> int:
    merged = {**os.environ, **(env or {})}
    merged.pop("PYTHONPATH", None)  # the repository root would shadow the standard `site` module
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=merged)
    if check and result.returncode != 0:
        say(f"failed ({result.returncode}): {' '.join(str(a) for a in args)}")
        sys.exit(result.returncode)
    return result.returncode


def manage(*args, env: dict | None = None, check: bool = True) -> int:
    return run(PYTHON, "manage.py", *args, env=env, check=check)


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in REQUIREMENTS:
        digest.update((ROOT / name).read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def setup_environment() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs before anything is installed
        sys.exit("De Deelfabriek needs Python 3.11 or newer.")
    if not PYTHON.exists():
        say(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = requirements_digest()
    if not STAMP.exists() or STAMP.read_text() != digest:
        say("installing the packages (the first time this downloads them, later it is quick)")
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        # The exact versions of the lock file, each checked against its hash; then the project
        # itself, which has no hash to check (README, "Dependencies").
        run(
            PYTHON,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--require-hashes",
            "-r",
            "requirements-dev.lock",
        )
        run(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
        STAMP.write_text(digest)
    else:
        say("packages are up to date")
    say("compiling the interface translations")
    manage("compile_translations", "--quiet")


def serve(args: list[str]) -> None:
    started = time.monotonic()
    setup_environment()
    say("preparing the database")
    manage("migrate", "--no-input", "-v", "0")
    say("loading the demo content")
    manage("load_demo")
    manage("collectstatic", "--no-input", "-v", "0")
    say(f"ready in {time.monotonic() - started:.0f} s")
    address = args[0] if args else "127.0.0.1:8000"
    say(f"serving on http://{address}/  (admin: http://{address}/admin/, Ctrl+C stops)")
    manage("runserver", address, check=False)


def production_env() -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "deelfabriek.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "deelfabriek.example",
        "WAGTAILADMIN_BASE_URL": "https://deelfabriek.example",
        "DATABASE_URL": f"sqlite:///{ROOT / 'build' / 'deploy-check.sqlite3'}",
    }


def test(args: list[str]) -> None:
    started = time.monotonic()
    setup_environment()
    test_env = {"DJANGO_SETTINGS_MODULE": "deelfabriek.settings.test"}
    say("ruff: formatting")
    run(BIN / "ruff", "format", "--check", ".")
    say("ruff: lint")
    run(BIN / "ruff", "check", ".")
    say("lint-imports: the apps depend one way (docs/architecture.md)")
    run(BIN / "lint-imports")
    say("manage.py check")
    manage("check", "--fail-level", "WARNING", env=test_env)
    say("manage.py makemigrations --check")
    manage("makemigrations", "--check", "--dry-run", "-v", "1", env=test_env)
    say("manage.py check --deploy with the production settings")
    manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    say("pytest")
    pytest(args)
    say(f"all checks passed in {time.monotonic() - started:.0f} s")


def lock() -> None:
    """Resolve requirements*.txt again into requirements*.lock (exact versions and hashes,
    for every platform and Python 3.11+), with uv from the development packages."""
    setup_environment()
    for source, target in (
        ("requirements.txt", "requirements.lock"),
        ("requirements-dev.txt", "requirements-dev.lock"),
    ):
        say(f"locking {source} in {target}")
        run(
            BIN / "uv",
            "pip",
            "compile",
            source,
            "--universal",
            "--generate-hashes",
            "--python-version",
            "3.11",
            "--quiet",
            "-o",
            target,
        )
    say("done: commit the lock files; the next set-up installs exactly these versions")


def pytest(args: list[str]) -> None:
    run(PYTHON, "-m", "pytest", *args)


def main() -> None:
    command, *args = sys.argv[1:] or ["help"]
    if command == "serve":
        serve(args)
    elif command == "test":
        test(args)
    elif command == "setup":
        setup_environment()
        manage("migrate", "--no-input", "-v", "0")
    elif command == "lock":
        lock()
    elif command == "pytest":
        setup_environment()
        pytest(args)
    else:
        print(__doc__)
        sys.exit(0 if command in {"help", "-h", "--help"} else 2)


if __name__ == "__main__":
    main()
