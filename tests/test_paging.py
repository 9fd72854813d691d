"""Pages that list lots or sources do not carry the whole dataset: a sector's lots,
Open now and the totals by source come a page at a time, and every item is
reached without JavaScript by following the static pages' "next" links; the
Changes page names a few lots of each change and counts the rest.

The fictitious fixture has a handful of lots, so the pages are made small here
(``monkeypatch`` on the per-page numbers of macros/views.py) to page it; the
sizes at 10,000 lots are measured by benchmarks/bench_pages.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import FICTITIOUS, parse_html

from grants import load_dataset
from grants.diff import DataDiff, LotRef
from grants.history import Change, History
from grants.model import ApplicationWindow
from macros import pages, views
from macros.render import base_for, render

DAY = dt.date(2031, 3, 10)
SITE = "https://example.org/"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FICTITIOUS)


def all_open(dataset):
    """The fixture's lots, every one accepting applications on DAY (closing on different days)."""
    lots = tuple(
        replace(
            lot,
            status="open",
            application_window=ApplicationWindow(DAY, DAY + dt.timedelta(days=len(dataset.lots) - i)),
        )
        for i, lot in enumerate(dataset.lots)
    )
    return replace(dataset, lots=lots, _lots_by_id={}, _memo={})


def generated(dataset) -> dict[str, BeautifulSoup]:
    return {
        SITE + page.url: parse_html(page.html) for page in pages.generate(dataset, "kk", DAY, History(()))
    }


def first_page(template: str, url: str, **context) -> BeautifulSoup:
    """A hand-written page's data, rendered as its macro renders it."""
    base = base_for(url)
    html = render(template, lang="kk", base=base, root=base, build_date=DAY, **context)
    return parse_html(html)


def follow(site: dict[str, BeautifulSoup], url: str, first: BeautifulSoup, items: str) -> list[list[str]]:
    """The addresses ``items`` link to on each page, from ``first`` (at ``url``) through the
    pages' "next" links, each of which must be a generated page."""
    seen, soup = [], first
    for _ in range(len(site) + 1):
        seen.append([urljoin(url, a["href"]) for a in soup.select(items)])
        following = soup.select_one(".grant-pager a[rel=next]")
        if following is None:
            return seen
        url = urljoin(url, following["href"])
        assert url in site, f"the next page {url} is not generated"
        soup = site[url]
    raise AssertionError("the pages do not end")


def test_a_sectors_lots_are_all_reached_through_its_pages(dataset, monkeypatch):
    monkeypatch.setattr(views, "SECTOR_LOTS", 1)
    site = generated(dataset)
    group = max(dataset.by_sector(), key=lambda g: g.count)
    assert group.count > 1, "the fixture should have a sector of several lots"
    url = f"{SITE}sectors/{group.key}/"
    seen = follow(site, url, site[url], ".grant-lot-list li a")
    assert seen == [[f"{SITE}lots/{lot.id}/"] for lot in group.lots]
    for number in range(2, group.count + 1):
        soup = site[f"{SITE}sectors/{group.key}/page/{number}/"]
        assert soup.select_one(".grant-pager__where").get_text() == f"{group.count} беттің {number}-беті"
        assert len(soup.select("#table-sector-by-year tbody tr")) == len(group.by_year)  # on every page


def test_one_page_sector_has_no_pager(dataset):
    site = generated(dataset)
    for group in dataset.by_sector():
        soup = site[f"{SITE}sectors/{group.key}/"]
        assert len(soup.select(".grant-lot-list li")) == group.count
        assert soup.select_one(".grant-pager") is None
        assert not any(u.startswith(f"{SITE}sectors/{group.key}/page/") for u in site)


def test_open_now_pages_reach_every_open_lot_nearest_deadline_first(dataset, monkeypatch):
    monkeypatch.setattr(views, "OPEN_LOTS", 2)
    opened = all_open(dataset)
    expected = opened.open_lots(DAY)
    assert len(expected) == len(dataset.lots) > 2
    site = generated(opened)
    url = f"{SITE}open/"
    first = first_page("open.html", "open/", **views.open_now(opened, "kk", DAY))
    seen = follow(site, url, first, ".grant-open-list li a[href*='lots/']")
    assert [len(links) for links in seen[:-1]] == [2] * (len(seen) - 1)
    assert [link for links in seen for link in links] == [f"{SITE}lots/{lot.id}/" for lot in expected]
    starts = [
        int(site[SITE + views.open_page_url(n)].select_one("ol")["start"]) for n in range(2, len(seen) + 1)
    ]
    assert starts == [1 + 2 * (n - 1) for n in range(2, len(seen) + 1)]  # numbered on from the page before


def test_sources_totals_come_a_page_at_a_time(dataset, monkeypatch):
    monkeypatch.setattr(views, "SOURCES_PER_PAGE", 1)
    assert len(dataset.sources) > 1, "the fixture should have several sources"
    site = generated(dataset)
    first = first_page("totals.html", "totals/", **views.totals(dataset, "kk"))
    titles = []
    soup = first
    for number in range(1, len(dataset.sources) + 1):
        rows = soup.select("#table-by-source tbody tr")
        assert len(rows) == 1
        titles.append(" ".join(rows[0].th.get_text().split()))
        # the grand total of all sources on every page
        assert soup.select_one("#table-by-source tfoot td").get_text() == str(len(dataset.lots))
        following = soup.select_one(".grant-pager a[rel=next]")
        if number < len(dataset.sources):
            url = urljoin(SITE + views.source_page_url(number).split("#")[0], following["href"])
            soup = site[url]
        else:
            assert following is None
    assert titles == [" ".join(s.title.kk.split()) for s in dataset.sources]


def test_changes_name_a_few_lots_of_a_big_import_and_count_the_rest(dataset, monkeypatch):
    monkeypatch.setattr(views, "CHANGE_LOTS", 1)
    added = tuple(LotRef(lot.id, lot.number, lot.priority, lot.source.id) for lot in dataset.lots)
    diff = DataDiff(added, (), (), {}, {}, ())
    when = dt.datetime(2031, 3, 1, 12, tzinfo=dt.UTC)
    history = History((Change("a" * 40, when, diff),))
    page = next(p for p in pages.generate(dataset, "kk", DAY, history) if p.url == "changes/")
    soup = parse_html(page.html)
    links = soup.select(".grant-change ul a")
    assert [a["href"] for a in links] == [f"../lots/{dataset.lots[0].id}/"]
    more = soup.select_one(".grant-change__more").get_text()
    assert more == f"…және тағы {len(dataset.lots) - 1} лот."
