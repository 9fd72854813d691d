"""Shared fixtures and helpers.

- ``built_site``: the real site, built once per test session from data/grants.yaml;
- ``fixture_site``: the site built once per session from the fictitious
  fixture in tests/fixtures/fictitious/ (two sources, lots at several stages of
  their life, some texts untranslated), for tests of the code;
- ``build_site``, ``copy_data``, ``git_repo``: build a site, copy a data folder,
  make a throwaway git repository, in a test's own temporary folder;
- ``soup`` and ``folded``: a built page, and an element's text as a reader sees it.

Tests of the code use the fixture; tests of the real data (tests/test_data.py)
check only what the data itself declares and its archived source documents.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "grants.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The fictitious data of the code's tests: never published, marked so in its first line.
FICTITIOUS = FIXTURES / "fictitious" / "grants.yaml"
#: The day the fixture site is built on: lot fictitious-2031-02 is open then (1–20 March).
FICTITIOUS_BUILD_DATE = "2031-03-10"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGS`` from the repository in a child, as a maintainer's shell would, reading UTF-8."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )


def build_site(
    site_dir: Path,
    data: Path | None = None,
    *,
    strict: bool = True,
    build_date: str = "2026-11-24",
    site_url: str | None = None,
    lang: str | None = None,
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` as a maintainer would, into ``site_dir``, optionally on other data,
    as if on ``build_date`` (SOURCE_DATE_EPOCH), for the address ``site_url`` (SITE_URL, as
    the deploy workflow sets it; a local build has none), in a shell whose LANG is ``lang``
    (None: the messages' language is left to the environment's own)."""
    epoch = int(dt.datetime.fromisoformat(build_date).replace(tzinfo=dt.UTC).timestamp())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    env.pop("SITE_URL", None)
    if lang:
        for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            env.pop(variable, None)
        env["LANG"] = lang
    if site_url:
        env["SITE_URL"] = site_url
    if data is not None:
        env["GRANTS_DATA"] = str(data)
    else:
        env.pop("GRANTS_DATA", None)
    command = [*MKDOCS, "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def copy_data(source: Path, folder: Path) -> Path:
    """A copy of the data file at ``source`` with its archived documents (the ``sources/`` beside
    it), in ``folder``; returns the copy's data file."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / "grants.yaml")
    if (source.parent / "sources").is_dir():
        shutil.copytree(source.parent / "sources", folder / "sources", dirs_exist_ok=True)
    return folder / "grants.yaml"


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
}


def git(*args: str, cwd: Path, date: str | None = None) -> str:
    """Run git in a throwaway repository; ``date`` (ISO) sets the commit's date."""
    env = dict(GIT_ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a file, failing when ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def soup(site: Path, url: str) -> BeautifulSoup:
    """The page at ``url`` ('lots/x/', '' for the home page) of a built site."""
    path = site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def folded(element) -> str:
    """What a reader sees: whitespace folded, no-break spaces as spaces."""
    return " ".join(element.get_text(" ").replace("\u00a0", " ").split())


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with ``mkdocs build --strict`` from data/grants.yaml."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fictitious fixture's site (all three languages), built once, on FICTITIOUS_BUILD_DATE.

    The data is copied out of the repository first, so the build has no git history of
    it: tests of the history make their own repositories.
    """
    folder = tmp_path_factory.mktemp("fictitious")
    data = copy_data(FICTITIOUS, folder / "data")
    result = build_site(folder / "site", data=data, build_date=FICTITIOUS_BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return folder / "site"


# --- Chromium, for every test that drives a browser ---------------------------------------

#: Debian's Chromium (never a browser downloaded by a test tool), and the flags it runs with here.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


# --- message catalogs ---------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def catalog_problems(po: Path, lang: str, marked: tuple[str | tuple[str, str], ...]) -> list[str]:
    """What is wrong with the catalog ``po`` for the messages the code marks (a plural as its
    (singular, plural) pair): a message with no translation (or a fuzzy one, or a missing
    plural form), a translation whose {placeholders} differ, a translation of a message the
    code no longer has. Empty when the catalog is whole."""
    from babel.messages.pofile import read_po

    with po.open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    problems = []
    for message in marked:
        forms = message if isinstance(message, tuple) else (message,)
        entry = catalog.get(forms[0])
        strings = (
            () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        )
        if entry is None or entry.fuzzy or not strings or not all(strings):
            problems.append(f"{lang}: not translated: {forms[0]!r}")
            continue
        if isinstance(message, tuple) and len(strings) != catalog.num_plurals:
            problems.append(f"{lang}: {len(strings)} plural forms, not {catalog.num_plurals}: {forms[0]!r}")
        expected = set().union(*(_PLACEHOLDER.findall(form) for form in forms))
        problems += [
            f"{lang}: placeholders differ: {forms[0]!r} → {s!r}"
            for s in strings
            if set(_PLACEHOLDER.findall(s)) != expected
        ]
    ids = {m[0] if isinstance(m, tuple) else m for m in marked}
    problems += [
        f"{lang}: a translation of a message the code no longer has: {m.id!r}"
        for m in catalog
        if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in ids
    ]
    return problems
