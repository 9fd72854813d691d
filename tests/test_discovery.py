"""Found by search engines and shareable: with the deploy workflow's SITE_URL,
each language has its own canonical links and sitemap (with each page's
address in every language), robots.txt names the sitemaps, and a shared lot
link previews the lot's title, money and sector."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, parse_html, serve

from grants import formatting, load_dataset

pytestmark = pytest.mark.site

SITE_URL = "https://grants.example.org/site/"
PREFIX = {"kk": "", "ru": "ru/", "en": "en/"}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LOT = load_dataset().lots[-1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("discovery") / "site"
    result = build_site(site, site_url=SITE_URL)
    assert result.returncode == 0, result.stderr
    return site


def lot_page(site: Path, lang: str) -> BeautifulSoup:
    return parse_html(site / PREFIX[lang] / "lots" / LOT.id / "index.html")


@pytest.mark.parametrize("lang", PREFIX)
def test_each_language_has_its_own_canonical_link(site, lang):
    soup = lot_page(site, lang)
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{SITE_URL}{PREFIX[lang]}lots/{LOT.id}/"


def built_file(site: Path, url: str) -> Path | None:
    """The file of the built site that ``url`` (an address under SITE_URL) serves, if any."""
    assert url.startswith(SITE_URL), url
    path = site / url[len(SITE_URL) :]
    if url.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


@pytest.mark.parametrize("lang", PREFIX)
def test_the_head_names_this_very_lot_in_every_language(site, lang):
    soup = lot_page(site, lang)
    links = soup.select('head link[rel="alternate"][hreflang]')
    found = {link["hreflang"]: link["href"] for link in links}
    assert len(found) == len(links), "a language named twice"
    expected = {other: f"{SITE_URL}{prefix}lots/{LOT.id}/" for other, prefix in PREFIX.items()}
    assert found == {**expected, "x-default": expected["kk"]}
    for url in found.values():
        target = built_file(site, url)
        assert target is not None, f"{url} is not in the built site (a 404)"
        assert f'<link rel="canonical" href="{url}">' in target.read_text(encoding="utf-8")


def test_every_page_names_only_pages_that_exist_in_its_head(site):
    """No hreflang link in any page of any language leads to a missing page, and each
    language's page is named by the same set of addresses."""
    sets: dict[str, set[str]] = {}
    for page in site.rglob("index.html"):
        head = parse_html(page).head
        hrefs = {link["href"] for link in head.select('link[rel="alternate"][hreflang]')}
        if not hrefs:
            continue
        missing = [url for url in hrefs if built_file(site, url) is None]
        assert not missing, f"{page.relative_to(site)}: {missing}"
        canonical = head.select_one('link[rel="canonical"]')["href"]
        assert canonical in hrefs, f"{page.relative_to(site)} does not name itself"
        sets[canonical] = hrefs
    assert len(sets) > 3 * len(load_dataset().lots)
    for canonical, hrefs in sets.items():
        for other in hrefs:  # each alternate names the same set back
            assert sets.get(other) == hrefs, f"{other} does not name {canonical} back"


@pytest.mark.parametrize("lang", PREFIX)
def test_each_sitemap_links_every_page_to_itself_in_every_language(site, lang):
    tree = ElementTree.parse(site / PREFIX[lang] / "sitemap.xml")
    entries = {url.findtext("s:loc", namespaces=NS): url for url in tree.getroot().findall("s:url", NS)}
    own = f"{SITE_URL}{PREFIX[lang]}lots/{LOT.id}/"
    assert own in entries
    assert all(loc.startswith(SITE_URL + PREFIX[lang]) for loc in entries)
    links = {link.get("hreflang"): link.get("href") for link in entries[own].findall("x:link", NS)}
    expected = {other: f"{SITE_URL}{prefix}lots/{LOT.id}/" for other, prefix in PREFIX.items()}
    assert links == {**expected, "x-default": expected["kk"]}


def test_robots_txt_names_every_sitemap(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert [line for line in robots if line.startswith("Sitemap:")] == [
        f"Sitemap: {SITE_URL}{prefix}sitemap.xml" for prefix in PREFIX.values()
    ]


@pytest.mark.parametrize("lang", PREFIX)
def test_a_shared_lot_link_previews_its_title_money_and_sector(site, lang):
    soup = lot_page(site, lang)

    def meta(attribute: str, name: str) -> str:
        return soup.select_one(f'meta[{attribute}="{name}"]')["content"]

    title = meta("property", "og:title")
    assert title.startswith(f"{LOT.number}. ")
    assert " ".join(LOT.priority.get(lang).split())[:40] in title
    description = meta("property", "og:description")
    assert formatting.money(LOT.total, lang) in description
    assert LOT.sector.name.get(lang)[:40] in description
    assert meta("property", "og:url") == f"{SITE_URL}{PREFIX[lang]}lots/{LOT.id}/"
    assert meta("name", "twitter:card") == "summary"
    # X reads the title and description from Open Graph's when its own tags are absent.
    assert not soup.select('meta[name="twitter:title"], meta[name="twitter:description"]')


@pytest.mark.parametrize("lang", PREFIX)
def test_the_language_selector_leads_to_the_same_lot(site, lang):
    soup = lot_page(site, lang)
    page = site / PREFIX[lang] / "lots" / LOT.id / "index.html"
    links = soup.select(".md-header .md-select__link[hreflang]")
    assert sorted(a["hreflang"] for a in links) == sorted(PREFIX)
    for link in links:
        target = (page.parent / link["href"] / "index.html").resolve()
        assert target == (site / PREFIX[link["hreflang"]] / "lots" / LOT.id / "index.html").resolve()


# --------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def served(chromium, tmp_path_factory):
    """The site built for the address it is then served at, as on GitHub Pages."""
    site = tmp_path_factory.mktemp("served") / "site"
    with serve(site) as url:
        result = build_site(site, strict=False, site_url=url)
        assert result.returncode == 0, result.stderr
        yield url


@pytest.mark.browser
def test_materials_language_selector_stays_on_the_same_page_and_fetches_no_sitemap(served, browser):
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    sitemaps: list[str] = []
    page.on("request", lambda r: r.url.endswith("sitemap.xml") and sitemaps.append(r.url))
    path = f"lots/{LOT.id}/"
    page.goto(served + path)
    for lang in ("ru", "en", "kk"):
        page.wait_for_load_state("networkidle")  # any sitemap Material would fetch is fetched
        alternates = page.eval_on_selector_all(
            "head link[rel=alternate][hreflang]", "links => links.map(l => l.hreflang)"
        )
        assert sorted(alternates) == sorted([*PREFIX, "x-default"]), "hreflang links gone after load"
        page.locator(".md-header .md-select").hover()
        page.locator(f".md-header .md-select__link[hreflang={lang}]").click()
        page.wait_for_url(served + PREFIX[lang] + path)
        assert page.locator("html").get_attribute("lang") == lang
    page.wait_for_load_state("networkidle")
    page.close()
    assert not errors
    # The selector's links are this page in each language: Material's script need not look
    # it up in any sitemap, and does not (assets/javascripts/grants.js).
    assert not sitemaps
