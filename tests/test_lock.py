"""The dependencies are pinned and locked: what CI tests is what a fresh machine installs.

requirements.txt (the site) and requirements-dev.txt (the tests and tools)
name the direct dependencies at exact versions; requirements.lock and
requirements-dev.lock, written from them by ``make lock``, name every package
installed, with hashes, and scripts/setup installs from the locks with
--require-hashes. These tests fail when a dependency is added unpinned, or
when a requirements file changes without its lock being written again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;#]+)")
_LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def direct(path: Path) -> dict[str, str]:
    """Name → version of each requirement in a requirements file, failing on an unpinned one."""
    pins: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            pins.update(direct(path.parent / line[3:].strip()))
            continue
        match = _REQUIREMENT.match(line)
        assert match, f"{path.name}:{number}: {raw.strip()!r} is not pinned: write it as name==version"
        pins[_name(match.group(1))] = match.group(3)
    return pins


def locked(path: Path) -> dict[str, str]:
    """Name → version of every package in a lock file, failing on a package without a hash."""
    text = path.read_text(encoding="utf-8")
    versions: dict[str, str] = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = _LOCKED.match(entry)
        if match:
            assert "--hash=sha256:" in entry, f"{path.name}: {match.group(0)} has no hash: run `make lock`"
            versions[_name(match.group(1))] = match.group(2)
    return versions


@pytest.mark.parametrize("name", ["requirements", "requirements-dev"])
def test_every_requirement_is_locked_at_its_pinned_version(name: str) -> None:
    pins, lock = direct(ROOT / f"{name}.txt"), locked(ROOT / f"{name}.lock")
    stale = {
        package: (version, lock.get(package))
        for package, version in pins.items()
        if lock.get(package) != version
    }
    assert not stale, f"{name}.lock does not match {name}.txt (wanted, locked): {stale}; run `make lock`"


def test_the_site_and_the_tests_install_the_same_versions() -> None:
    site, dev = locked(ROOT / "requirements.lock"), locked(ROOT / "requirements-dev.lock")
    differ = {
        package: (version, dev.get(package))
        for package, version in site.items()
        if dev.get(package) != version
    }
    assert not differ, (
        f"the tests would run other versions than the site (site, tests): {differ}; run `make lock`"
    )


def test_an_unpinned_requirement_is_caught(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("mkdocs==1.6.1\njinja2>=3\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="jinja2>=3' is not pinned"):
        direct(tmp_path / "requirements.txt")
