"""The built site in a real browser: headless Chromium (Debian's, never a
downloaded one) against the site served locally.

Every page visit records console errors, failed requests, HTTP errors and any
request to another host (which is aborted): a public transparency site must not
depend on, or leak visits to, anything but its own files.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser fixture skips, or fails where the browser is required
    sync_playwright = None

pytestmark = pytest.mark.browser

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
REQUIRE_BROWSER = os.environ.get("GRANTS_REQUIRE_BROWSER") == "1"
TIMEOUT_MS = 10_000
ALL_LOTS = [f"lot-taraz-2026-0{n}" for n in range(1, 6)]


def _unavailable(reason: str) -> None:
    """Skip, or fail where the browser tests are required (CI sets GRANTS_REQUIRE_BROWSER=1)."""
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (GRANTS_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


# --------------------------------------------------------------------------- server and browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; checked first so that a skip does not wait for the site build."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found: install Debian's chromium package to run the browser tests")
    if sync_playwright is None:
        _unavailable("playwright is not installed (pip install -r requirements-dev.txt)")
    return CHROMIUM


@pytest.fixture(scope="session")
def site_url(chromium: Path, built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1, for the whole session."""
    handler = partial(_QuietHandler, directory=str(built_site))
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


@pytest.fixture
def visits(browser, site_url: str) -> Iterator[Visits]:
    """Page visits for one test; the test ends with ``visits.assert_clean()``."""
    visits = Visits(browser, site_url)
    try:
        yield visits
    finally:
        visits.close()


# --------------------------------------------------------------------------- helpers


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.grant-lots tbody tr", "rows => rows.filter(r => r.checkVisibility()).map(r => r.id)"
    )


def expect_rows(page, expected: list[str]) -> None:
    """Wait until exactly ``expected`` lot rows are visible (the reset handler is asynchronous)."""
    with contextlib.suppress(PlaywrightTimeout):  # the assertion below says what was visible instead
        page.wait_for_function(
            """expected => {
                const ids = [...document.querySelectorAll("table.grant-lots tbody tr")]
                    .filter(r => r.checkVisibility()).map(r => r.id);
                return JSON.stringify(ids) === JSON.stringify(expected);
            }""",
            arg=expected,
            timeout=3_000,
        )
    assert visible_rows(page) == expected


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def shown_count(page) -> str:
    return page.locator("form.grant-filters output[name=shown]").inner_text().strip()


# Search: tests/test_search.py.


# --------------------------------------------------------------------------- languages


def test_switching_language_on_a_lot_page_keeps_the_lot(visits: Visits) -> None:
    page = visits.open("/lots/taraz-2026-04/")
    page.wait_for_load_state("networkidle")
    page.locator("nav.grant-languages a[hreflang=ru]").click()
    page.wait_for_url("**/ru/lots/taraz-2026-04/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Лот № 4." in page.locator("article h1").inner_text().replace("\xa0", " ")
    page.locator("nav.grant-languages a[hreflang=en]").click()
    page.wait_for_url("**/en/lots/taraz-2026-04/")
    assert page.locator("article h1").inner_text().replace("\xa0", " ").startswith("Lot no. 4.")
    page.locator(".grant-unofficial--site a[hreflang=kk]").click()
    page.wait_for_url("**/lots/taraz-2026-04/")
    assert urlsplit(page.url).path == "/lots/taraz-2026-04/"
    visits.assert_clean()


# --------------------------------------------------------------------------- lot filters


def test_filters_sector_year_text_and_reset(visits: Visits) -> None:
    page = visits.open("/lots/")
    form = page.locator("form.grant-filters")
    assert form.is_visible(), "the filter form stays hidden although JavaScript runs"
    expect_rows(page, ALL_LOTS)
    assert shown_count(page) == "5"

    page.select_option("form.grant-filters select[name=sector]", "civil-society")
    expect_rows(page, ["lot-taraz-2026-01", "lot-taraz-2026-02"])
    assert query(page) == {"sector": ["civil-society"]}
    assert shown_count(page) == "2"

    page.select_option("form.grant-filters select[name=year]", "2027")
    expect_rows(page, ["lot-taraz-2026-01"])
    assert query(page) == {"sector": ["civil-society"], "year": ["2027"]}
    assert shown_count(page) == "1"

    # The filtered address, shared: a fresh page shows the same view.
    shared = visits.open(page.url.removeprefix(visits.base_url))
    expect_rows(shared, ["lot-taraz-2026-01"])
    assert shared.input_value("form.grant-filters select[name=sector]") == "civil-society"
    assert shared.input_value("form.grant-filters select[name=year]") == "2027"
    assert shown_count(shared) == "1"

    page.click("form.grant-filters button[type=reset]")
    expect_rows(page, ALL_LOTS)
    page.fill("form.grant-filters input[name=q]", "этнос")
    expect_rows(page, ["lot-taraz-2026-03"])
    assert query(page) == {"q": ["этнос"]}
    assert shown_count(page) == "1"

    page.click("form.grant-filters button[type=reset]")
    expect_rows(page, ALL_LOTS)
    assert shown_count(page) == "5"
    assert page.input_value("form.grant-filters input[name=q]") == ""
    assert urlsplit(page.url).path == "/lots/"
    assert urlsplit(page.url).query == ""
    visits.assert_clean()


def test_lot_index_without_javascript(visits: Visits) -> None:
    page = visits.open("/lots/", java_script_enabled=False)
    assert visible_rows(page) == ALL_LOTS
    assert page.locator("form.grant-filters").is_hidden()
    visits.assert_clean()


# --------------------------------------------------------------------------- phone


@pytest.mark.parametrize("path", ["/lots/taraz-2026-01/", "/lots/"])
def test_phone_layout(visits: Visits, tmp_path: Path, path: str) -> None:
    page = visits.open(path, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    shot = tmp_path / (path.strip("/").replace("/", "_") + ".png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    assert shot.read_bytes().startswith(b"\x89PNG")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"{path} is {width}px wide on a 390px phone: it scrolls sideways"
    visits.assert_clean()


# --------------------------------------------------------------------------- print


def test_lot_page_prints(visits: Visits, tmp_path: Path) -> None:
    page = visits.open("/lots/taraz-2026-01/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [...document.querySelectorAll(".md-header, .md-sidebar")]
            .map(e => [e.className, getComputedStyle(e).display])"""
    )
    assert hidden, "no header or sidebar found on the lot page"
    shown = [name for name, display in hidden if display != "none"]
    assert not shown, f"displayed in print: {shown}"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000
    (tmp_path / "lot.pdf").write_bytes(pdf)
    visits.assert_clean()


# --------------------------------------------------------------------------- accessibility


@pytest.fixture(scope="module")
def axe():
    # axe-playwright-python ships axe.min.js and injects it with page.evaluate: nothing is downloaded.
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/lots/",
        "/lots/taraz-2026-01/",
        "/totals/",
        "/sectors/civil-society/",
        "/downloads/",
        "/changes/",
        "/ru/lots/taraz-2026-01/",
        "/en/totals/",
    ],
)
def test_accessibility(visits: Visits, axe, path: str) -> None:
    page = visits.open(path)
    results = axe.run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    for violation in serious:
        targets = [node["target"] for node in violation["nodes"][:3]]
        print(f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    assert not serious, f"{path}: " + ", ".join(f"{v['id']} ({v['impact']})" for v in serious)
    visits.assert_clean()
