"""One fictitious lot walked from planned to completed: every stage on the
site, in the feeds and in the downloads. The fixture is fictitious and marked
so; it never reaches the real site.

Each stage is rendered through the page generator and the templates the build
uses (``macros.pages``, ``macros.render``, ``grants.export``, ``grants.ics``),
without MkDocs: what a page shows of a lot's life is decided there, and a full
three-language build per stage would test Material six times over. The build
itself is covered by tests/test_site.py and tests/test_maintainer_edits.py.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from pathlib import Path

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FICTITIOUS, folded, parse_html

from grants import export, load_dataset
from grants.history import History
from grants.ics import deadlines
from macros import pages, views
from macros.render import base_for, render

FIXTURE = Path(__file__).parent / "fixtures" / "fictitious-lifecycle.yaml"
LOT = "fictitious-2031-01"
BUILD_DATE = dt.date(2031, 3, 10)
WINDOW = {"opens": "2031-03-01", "closes": "2031-03-20"}
AWARD = {
    "recipient": {"kk": "«Ойдан шығарылған қоғамдық бірлестік» ҚБ (тест)"},
    "bin": "310340000017",
    "amounts": [{"year": 2031, "amount": 4800000}],
    "agreement_date": "2031-04-01",
}
REPORT_1 = {
    "date": "2031-07-01",
    "achievements": [{"indicator": 1, "value": 120}],
    "text": {"kk": "Аралық есеп (тест)."},
}
REPORT_2 = {
    "date": "2031-12-15",
    "document": "https://example.invalid/report.pdf",
    "achievements": [{"indicator": 1, "value": 240}, {"indicator": 2, "value": 64}],
    "text": {"kk": "Қорытынды есеп (тест)."},
}

STAGES = {
    "planned": {},
    "open": {"status": "open", "application_window": WINDOW, "apply_url": "https://example.invalid/apply"},
    "evaluation": {"status": "evaluation", "application_window": WINDOW},
    "awarded": {"status": "awarded", "application_window": WINDOW, "award": AWARD},
    "in_progress": {
        "status": "in_progress",
        "application_window": WINDOW,
        "award": AWARD,
        "reports": [REPORT_1],
    },
    "completed": {
        "status": "completed",
        "application_window": WINDOW,
        "award": AWARD,
        "reports": [REPORT_1, REPORT_2],
    },
}


def fixture_at(stage: str) -> dict:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["lots"][0].update(copy.deepcopy(STAGES[stage]))
    return data


class Stage:
    """One stage of the lot, as the Kazakh site and its downloads show it."""

    def __init__(self, name: str, folder: Path) -> None:
        path = folder / "grants.yaml"
        path.write_text(
            yaml.safe_dump(fixture_at(name), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        self.name = name
        self.dataset = load_dataset(path)  # validated, as the build does first
        generated = pages.generate(self.dataset, "kk", BUILD_DATE, History(()))
        self.pages = {page.url: page.html for page in generated}
        self.pages["lots/"] = self.render("lot_index.html", "lots/", **views.lot_index(self.dataset, "kk"))
        self.pages["open/"] = self.render(
            "open.html", "open/", **views.open_now(self.dataset, "kk", BUILD_DATE)
        )
        self.pages["totals/"] = self.render("totals.html", "totals/", **views.totals(self.dataset, "kk"))
        self.files = export.files(self.dataset)
        self.calendar = deadlines(self.dataset, site_url="", build_date=BUILD_DATE)

    def render(self, template: str, url: str, **context: object) -> str:
        base = base_for(url)  # as the site's macros render a hand-written page's data
        return render(template, lang="kk", base=base, root=base, build_date=BUILD_DATE, **context)

    def soup(self, url: str) -> BeautifulSoup:
        return parse_html(self.pages[url])


@pytest.fixture(scope="module", params=list(STAGES))
def stage_site(request, tmp_path_factory) -> tuple[str, Stage]:
    return request.param, Stage(request.param, tmp_path_factory.mktemp(request.param))


def soup(site: Stage, url: str) -> BeautifulSoup:
    return site.soup(f"{url}/")


BADGES = {
    "planned": "Жоспарланған",
    "open": "Өтінім қабылдануда",
    "evaluation": "Бағалануда",
    "awarded": "Грант берілді",
    "in_progress": "Іске асырылуда",
    "completed": "Аяқталды",
}


def test_status_badge_on_the_lot_page_and_the_index(stage_site):
    stage, site = stage_site
    lot = soup(site, f"lots/{LOT}")
    assert folded(lot.select_one(".grant-lot-head .grant-badge")) == BADGES[stage]
    assert lot.select_one(f".grant-badge--{stage}") is not None
    index = soup(site, "lots")
    row = index.select_one(f".grant-lot-card#lot-{LOT}")
    assert row["data-status"] == stage
    assert folded(row.select_one(".grant-badge")) == BADGES[stage]


def test_open_now_page(stage_site):
    stage, site = stage_site
    page = soup(site, "open")
    assert "2031 ж. 10 наурыз" in folded(page.select_one(".grant-open"))  # the build date is shown
    items = page.select("ol.grant-open-list > li")
    if stage == "open":
        assert len(items) == 1
        text = folded(items[0])
        assert "Қалған күн: 10" in text  # 20 March - 10 March
        assert items[0].a["href"] == f"../lots/{LOT}/"
    else:
        assert items == []
        assert page.select_one(".grant-open-none") is not None


def test_application_window_on_the_lot_page(stage_site):
    stage, site = stage_site
    facts = folded(soup(site, f"lots/{LOT}").select_one(".grant-lot-head .grant-facts"))
    if stage == "planned":
        assert "Өтінім қабылдау мерзімі" not in facts
        return
    assert "Өтінім қабылдау мерзімі 2031 ж. 1 наурыз – 2031 ж. 20 наурыз" in facts
    if stage == "open":
        assert "Қалған күн: 10" in facts
        assert "https://example.invalid/apply" in facts
    else:
        assert "Қалған күн" not in facts


def test_award_shows_recipient_and_amount(stage_site):
    stage, site = stage_site
    page = soup(site, f"lots/{LOT}")
    award = page.select_one(".grant-award")
    if stage in ("planned", "open", "evaluation"):
        assert award is None
        return
    text = folded(award)
    assert "«Ойдан шығарылған қоғамдық бірлестік» ҚБ (тест)" in text
    assert "310340000017" in text
    assert "2031 4 800 000 ₸ (Жоспарланған: 5 000 000 ₸)" in text
    totals = {
        folded(tr.th): [folded(td) for td in tr.select("td")]
        for tr in soup(site, "totals").select("#table-awarded tbody tr")
    }
    assert totals == {"2031": ["5 000 000 ₸", "4 800 000 ₸"]}


def test_reports_show_target_against_achieved(stage_site):
    stage, site = stage_site
    page = soup(site, f"lots/{LOT}")
    table = page.select_one("table.grant-progress")
    if stage not in ("in_progress", "completed"):
        assert table is None
        return
    rows = table.select("tbody tr")
    first, second = (folded(r) for r in rows)
    meters = table.select("meter")
    if stage == "in_progress":
        assert "кемінде 200 адам" in first
        assert "120 адам" in first
        assert "орындалмады" in first
        assert float(meters[0]["value"]) == pytest.approx(0.6)
        assert "есеп жоқ" in second
    else:
        assert "240 адам" in first
        assert "орындалды" in first
        assert float(meters[0]["value"]) == 1.0
        assert "64 %" in second
        assert "орындалмады" in second
        assert float(meters[1]["value"]) == pytest.approx(64 / 70, abs=1e-3)
        reports = [folded(li) for li in page.select("ul.grant-reports li")]
        assert reports[0].startswith("2031 ж. 15 желтоқсан: Қорытынды есеп (тест).")
        assert page.select_one("ul.grant-reports a")["href"] == "https://example.invalid/report.pdf"


def test_calendar_and_downloads_follow_the_stage(stage_site):
    stage, site = stage_site
    calendar = icalendar.Calendar.from_ical(site.calendar)
    events = list(calendar.walk("VEVENT"))
    if stage == "planned":
        assert events == []
    else:
        assert len(events) == 1
        assert str(events[0]["dtstart"].dt) == "2031-03-20"
        assert events[0]["url"].endswith(f"lots/{LOT}/")
    row = next(csv.DictReader(io.StringIO(site.files["grants.csv"].decode("utf-8-sig"))))
    assert row["status"] == stage
    assert row["applications_close"] == ("" if stage == "planned" else "2031-03-20")
    assert row["recipient_bin"] == ("310340000017" if "award" in STAGES[stage] else "")
    lot = json.loads(site.files[f"lots/{LOT}.json"])["lot"]
    assert lot["status"] == stage
    assert lot.get("award") == STAGES[stage].get("award")
    assert lot.get("reports") == STAGES[stage].get("reports")


def test_the_fixtures_are_marked_fictitious():
    for path in (FIXTURE, FICTITIOUS):
        assert path.read_text(encoding="utf-8").startswith("# FICTITIOUS DATA, FOR TESTS ONLY."), path
