"""The lock files pin what requirements*.txt ask for: a requirement changed without
`python3 dev.py lock` fails here (README, "Dependencies")."""

import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def requirements(name):
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            yield from requirements(line[3:].strip())
        elif line:
            yield Requirement(line)


def pinned(name):
    text = (ROOT / name).read_text()
    pins = {}
    for match in re.finditer(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)", text, re.MULTILINE):
        pins[canonicalize_name(match.group(1).split("[")[0])] = match.group(2)
    return pins, text


@pytest.mark.parametrize(
    ("source", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_every_requirement_is_pinned_in_a_version_it_allows_with_hashes(source, lock):
    pins, text = pinned(lock)
    for requirement in requirements(source):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in {lock}: run python3 dev.py lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {requirement.name}=={pins[name]}, which {source} does not allow "
            f"({requirement.specifier}): run python3 dev.py lock"
        )
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    unhashed = [
        block.split()[0] for block in blocks if "==" in block and "--hash=sha256:" not in block
    ]
    assert not unhashed, f"pinned without a hash in {lock}: {unhashed}"
