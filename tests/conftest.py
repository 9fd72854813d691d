"""Shared fixtures and helpers.

- ``built_site``: the real site, built once per test session from data/grants.yaml;
- ``fixture_site``: the site built once per session from the fictitious
  fixture in tests/fixtures/fictitious/ (two sources, lots at several stages of
  their life, some texts untranslated), for tests of the code;
- ``run_python``, ``run_grants``: a command (``python -m grants ...``) run in a child as a
  maintainer's shell would, in the language asked for;
- ``build_site``, ``copy_data``, ``git``, ``edit``: build a site, copy a data folder, run git
  in a throwaway repository, edit a file, in a test's own temporary folder;
- ``parse_html``, ``soup`` and ``folded``: a page, a built site's page, and an element's (or a
  text's) words as a reader sees them;
- ``serve``, and the browser's fixtures (``chromium``, ``browser``, ``site_url``, ``visits``,
  ``paged``): a folder served over HTTP, and Debian's Chromium visiting it.

Tests of the code use the fixture; tests of the real data (tests/test_data.py)
check only what the data itself declares and its archived source documents.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser fixture skips, or fails where the browser is required
    sync_playwright = PlaywrightTimeout = None

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "grants.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The fictitious data of the code's tests: never published, marked so in its first line.
FICTITIOUS = FIXTURES / "fictitious" / "grants.yaml"
#: The day the fixture site is built on: lot fictitious-2031-02 is open then (1–20 March).
FICTITIOUS_BUILD_DATE = "2031-03-10"
#: The broken data files the validator's messages are tested on, each with its .expect file.
BROKEN = Path(__file__).resolve().parent / "broken"
#: The small valid file they are each made from.
VALID = BROKEN / "_valid.yaml"
MKDOCS = [sys.executable, "-m", "mkdocs"]
sys.path.insert(0, str(ROOT / "benchmarks"))  # tests import bench_data (synthetic lots) and tree_memory
#: The variables that choose a program's language; gettext takes the first one set.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def shell_env(lang: str | None = None, **variables: str) -> dict[str, str]:
    """This process's environment as a maintainer's shell: with ``lang`` given, no locale
    variable but LANG=``lang`` ("" for none at all: a shell that chose no language, whose
    messages are English); then ``variables``."""
    env = dict(os.environ)
    if lang is not None:
        for name in LOCALE_VARIABLES:
            env.pop(name, None)
        if lang:
            env["LANG"] = lang
    return {**env, **variables}


def run_python(
    *args: str,
    cwd: Path = ROOT,
    lang: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGS`` in ``cwd`` (the repository) in a child, as a maintainer's shell would:
    its output read as UTF-8, in the language ``lang`` (see ``shell_env``), with the variables
    ``env`` set last."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=shell_env(lang, PYTHONIOENCODING="utf-8", **(env or {})),
        timeout=timeout,
        check=False,
    )


def run_grants(*args: str, **options) -> subprocess.CompletedProcess[str]:
    """``python -m grants ARGS`` as a maintainer runs it (``options``: those of ``run_python``)."""
    return run_python("-m", "grants", *args, **options)


def build_site(
    site_dir: Path,
    data: Path | None = None,
    *,
    strict: bool = True,
    build_date: str = "2026-11-24",
    site_url: str | None = None,
    lang: str | None = None,
    config: Path = ROOT / "mkdocs.yml",
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` as a maintainer would, into ``site_dir``, optionally on other data,
    as if on ``build_date`` (SOURCE_DATE_EPOCH), for the address ``site_url`` (SITE_URL, as
    the deploy workflow sets it; a local build has none), in a shell whose LANG is ``lang``
    (None: the messages' language is left to the environment's own), with the configuration
    ``config`` (another copy of the repository's: built in its folder)."""
    epoch = int(dt.datetime.fromisoformat(build_date).replace(tzinfo=dt.UTC).timestamp())
    env = shell_env(lang or None, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch))
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    if data is not None:
        env["GRANTS_DATA"] = str(data)
    else:
        env.pop("GRANTS_DATA", None)
    command = [*MKDOCS, "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, check=False)


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


def parse_html(page: Path | str) -> BeautifulSoup:
    """A page: an HTML file's, or HTML text's."""
    text = page.read_text(encoding="utf-8") if isinstance(page, Path) else page
    return BeautifulSoup(text, "html.parser")


def soup(site: Path, url: str) -> BeautifulSoup:
    """The page at ``url`` ('lots/x/', '' for the home page) of a built site."""
    path = site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"
    return parse_html(path)


def folded(element: Tag | str) -> str:
    """What a reader sees of an element (or a text): whitespace folded, no-break spaces as spaces."""
    text = element if isinstance(element, str) else element.get_text(" ")
    return " ".join(text.replace("\u00a0", " ").split())


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


# --- a site served, and Chromium, for every test that drives a browser --------------------

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
#: CI sets GRANTS_REQUIRE_BROWSER=1: there a browser test that cannot run fails.
REQUIRE_BROWSER = os.environ.get("GRANTS_REQUIRE_BROWSER") == "1"
TIMEOUT_MS = 10_000


def unavailable(reason: str) -> None:
    """Skip, or fail where the browser tests are required (CI sets GRANTS_REQUIRE_BROWSER=1)."""
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (GRANTS_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1 until the block ends: its address. The folder
    may be filled once the address is known (a site built for the address it is served at)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; checked first so that a skip does not wait for the site build."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} not found: install Debian's chromium package to run the browser tests")
    if sync_playwright is None:
        unavailable("playwright is not installed (pip install -r requirements-dev.txt)")
    return CHROMIUM


@pytest.fixture(scope="session")
def site_url(chromium: Path, built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1, for the whole session."""
    with serve(built_site) as url:
        yield url


def paged_lots() -> int:
    """Enough synthetic lots for four pages of the lot index, several card blocks, a grant type
    with more than a page of lots, and more search results than the first two "Show more"s."""
    from macros import views

    return 3 * views.PER_PAGE + 17


@pytest.fixture(scope="session")
def paged(chromium: Path, tmp_path_factory) -> Iterator[tuple[str, object]]:
    """A site of ``paged_lots()`` synthetic lots (benchmarks/bench_data.py), served: (url, dataset)."""
    from bench_data import write_dataset  # synthetic lots shaped like the real ones

    from grants import load_dataset

    folder = tmp_path_factory.mktemp("paged")
    data = folder / "grants.yaml"
    write_dataset(data, paged_lots())
    for name in re.findall(r"^    document: (\S+)$", data.read_text(encoding="utf-8"), re.M):
        (folder / name).write_text("A synthetic source document.\n", encoding="utf-8")  # the build wants it
    result = build_site(folder / "site", data=data, strict=False)  # untranslated: warnings only
    assert result.returncode == 0, result.stderr
    with serve(folder / "site") as url:
        yield url, load_dataset(data)


@pytest.fixture(scope="module")
def browser(chromium: Path):
    """One headless Chromium for the module: Debian's /usr/bin/chromium, nothing downloaded."""
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


class Visits:
    """Opens pages in fresh browser contexts and records what goes wrong on them."""

    def __init__(self, browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.local = urlsplit(base_url).netloc
        self.contexts: list = []
        self.pages: list = []
        self.problems: list[str] = []

    def new_page(self, **context_options):
        context = self.browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        # At context level so the search worker's requests are covered too.
        context.route("**/*", self._route)
        page = context.new_page()
        self.pages.append(page)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        return page

    def open(self, path: str, page=None, **context_options):
        page = page or self.new_page(**context_options)
        response = page.goto(self.base_url + path.lstrip("/"), wait_until="load")
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"
        return page

    def _route(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != self.local:
            self.problems.append(f"request to another host: {url}")
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _failed(self, request) -> None:
        # A request cut short because the page navigated away (the search worker still loading
        # when a link is clicked) is not a fault of the site; a missing file is an HTTP 404,
        # which _response records.
        if request.failure == "net::ERR_ABORTED":
            return
        if urlsplit(request.url).netloc == self.local:  # other hosts are already recorded
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def assert_clean(self) -> None:
        for page in self.pages:  # let late requests (search index, sitemap) finish or fail first
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_load_state("networkidle", timeout=3_000)
        assert not self.problems, "problems in the browser:\n" + "\n".join(self.problems)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def type_search(page, query: str, *, letter_by_letter: bool = False):
    """Open the header's search dialog (unless open), type ``query`` (at once, or one key at a
    time as on a phone), and wait until the dialog has told what it found for it (the first
    query loads Pagefind: slow on a busy machine). Returns the dialog."""
    dialog = page.locator("dialog.grant-search")
    if not dialog.is_visible():
        page.locator("header .grant-search__open").click()
    box = dialog.locator("input[type=search]")
    if letter_by_letter:
        box.fill("")
        box.press_sequentially(query, delay=60)
    else:
        box.fill(query)
    page.wait_for_function(
        """(query) => {
            const dialog = document.querySelector("dialog.grant-search");
            const status = dialog.querySelector(".grant-search__status").textContent;
            return dialog.querySelector("input").value === query
                && status && status !== JSON.parse(dialog.dataset.words).searching;
        }""",
        arg=query,
        timeout=30_000,
    )
    return dialog


@pytest.fixture
def visits(browser, site_url: str) -> Iterator[Visits]:
    """Page visits for one test on the real site; the test ends with ``visits.assert_clean()``."""
    visits = Visits(browser, site_url)
    try:
        yield visits
    finally:
        visits.close()


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
