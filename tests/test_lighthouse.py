"""Lighthouse, as a search engine's and an auditor's view of the site: on a phone
(Lighthouse's default, mobile), the home page, the lot index, a lot and the totals in
kk, ru and en score 100 for accessibility, best practices and SEO, on the fixture's
site built for the address it is served at (SITE_URL, as the deploy workflow builds
it: canonical links, hreflang, sitemaps, robots.txt).

Lighthouse is npm's, pinned in tests/lighthouse/package-lock.json; scripts/test
installs it with `npm ci` into LIGHTHOUSE_DIR, outside the clone. It drives Debian's
Chromium (CHROME_PATH), never a downloaded one, through tests/lighthouse/run.mjs
(copied beside those packages, where Node finds them): one browser for every page.
Performance is not a target here (the machine running the tests sets it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, FICTITIOUS, FICTITIOUS_BUILD_DATE, build_site, copy_data, serve, unavailable

from grants import load_dataset

pytestmark = [pytest.mark.browser, pytest.mark.lighthouse]

HERE = Path(__file__).resolve().parent / "lighthouse"
#: Where scripts/test installs Lighthouse's packages (the same expression as there).
LIGHTHOUSE_DIR = Path(
    os.environ.get("GRANTS_LIGHTHOUSE_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "grants-site" / "lighthouse"
)
LANGS = {"kk": "", "ru": "ru/", "en": "en/"}
CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    """The fixture's site built with SITE_URL = the address it is then served at."""
    node = shutil.which("node")
    if node is None:
        unavailable("node is not installed: the Lighthouse test needs Node.js 18.20 or later")
    if not (LIGHTHOUSE_DIR / "node_modules" / "lighthouse").is_dir():
        unavailable(f"Lighthouse is not installed in {LIGHTHOUSE_DIR}: run scripts/test, which installs it")
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} not found: install Debian's chromium package")
    folder = tmp_path_factory.mktemp("lighthouse")
    with serve(folder / "site") as url:
        data = copy_data(FICTITIOUS, folder / "data")
        result = build_site(folder / "site", data=data, build_date=FICTITIOUS_BUILD_DATE, site_url=url)
        assert result.returncode == 0, result.stderr
        yield url


def test_lighthouse_gives_100_on_a_phone_for_accessibility_best_practices_and_seo(served):
    dataset = load_dataset(FICTITIOUS)
    # The lot with the most parts on its page: an award, reports, notes, corrections.
    lot = max(
        dataset.lots,
        key=lambda lot: (lot.award is not None, len(lot.reports), len(lot.notes), len(lot.corrections)),
    )
    pages = {"home": "", "index": "lots/", "lot": f"lots/{lot.id}/", "totals": "totals/"}
    urls = [served + prefix + path for prefix in LANGS.values() for path in pages.values()]
    runner = LIGHTHOUSE_DIR / "run.mjs"  # beside node_modules, so Node resolves "lighthouse" there
    shutil.copyfile(HERE / "run.mjs", runner)
    run = subprocess.run(
        ["node", str(runner), f"--categories={','.join(CATEGORIES)}", *urls],
        cwd=LIGHTHOUSE_DIR,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(run.stdout)
    assert [r["url"] for r in results] == urls

    local = urlsplit(served).netloc
    problems = []
    for r in results:
        print(r["url"], r["scores"])
        if r["error"]:
            problems.append(f"{r['url']}: Lighthouse could not audit it: {r['error']}")
        for category in CATEGORIES:
            if r["scores"].get(category) != 100:
                problems.append(f"{r['url']}: {category} {r['scores'].get(category)}")
        for audit in r["failing"]:
            problems.append(f"  {audit['category']}: {audit['id']} ({audit['title']}): {audit['items']}")
        for requested in r["requested"]:
            parts = urlsplit(requested)
            if parts.scheme not in {"data", "blob"} and parts.netloc != local:
                problems.append(f"{r['url']}: asked for something outside the site: {requested}")
    assert not problems, "Lighthouse (mobile):\n" + "\n".join(problems)
