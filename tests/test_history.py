"""The history of the data, told in public words: `grants diff`, the Changes
page, each lot's "last changed", the Atom feed and the deadline calendar.

On a throwaway git repository of the fictitious fixture, made in a temporary
folder: a first version that today's rules reject (a lot without its
problem text), the missing text added, an amount corrected with its declared
total, a comment changed (no data), a Russian translation added, a lot added.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
import yaml
from conftest import FICTITIOUS, build_site, copy_data, edit, folded, git, run_grants, soup

from grants.diff import compare, describe_all, load_version, parse, to_markdown
from grants.feed import ATOM, atom
from grants.history import read
from grants.ics import deadlines
from grants.validate import build

LOT = "fictitious-2031-01"  # funded 3 300 000 ₸ in 2031 and 2032
NEW_LOT = "fictitious-2031-04"
SUBJECTS = [
    "Initial import (one MkDocs config per language, results[7].en)",
    "Add lot 1's problem",
    "Lot 1: funding corrected",
    "Tidy a comment",
    "Lot 2: Russian translation",
    "Lot 4 added",
]

NEW_LOT_YAML = """  - id: fictitious-2031-04
    source: fictitious-2031
    number: "4"
    source_lines: [7]
    sector: youth
    priority:
      kk: Төртінші ойдан шығарылған лот (тест)
    problem:
      kk: Жаңа ойдан шығарылған мәселе.
    funding:
      - year: 2031
        amount: 1200000
    grant_type: short
    period:
      start: 2031
      end: 2031
    territory:
      kk: Ойдан шығарылған қала
    indicators:
      - text:
          kk: Жобаның тікелей қамтуы - кемінде 40 адам.
        target:
          comparison: at_least
          value: 40
          unit:
            kk: адам
    results:
      - kk: Төртінші ойдан шығарылған нәтиже.
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("repo")
    data = copy_data(FICTITIOUS, folder / "data")
    problem = (
        "    problem:\n      kk: Бұл лот ойдан шығарылған; ол тек тесттерде қолданылады.\n"
        "      ru: Этот лот вымышлен; он используется только в тестах.\n"
        "      en: This lot is fictitious; it is used in tests only.\n"
    )
    text = data.read_text(encoding="utf-8")
    assert problem in text
    data.write_text(text.replace(problem, "", 1), encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=folder)
    git("add", ".", cwd=folder)

    def commit(subject: str, day: int) -> None:
        git("commit", "-q", "-am", subject, cwd=folder, date=f"2031-03-{day:02d}T10:00:00+05:00")

    commit(SUBJECTS[0], 1)
    data.write_text(text, encoding="utf-8")
    commit(SUBJECTS[1], 2)
    edit(data, "      - year: 2031\n        amount: 3300000", "      - year: 2031\n        amount: 3600000")
    edit(data, "amount: 12750000", "amount: 13050000")
    commit(SUBJECTS[2], 3)
    edit(data, "# FICTITIOUS DATA, FOR TESTS ONLY.", "# FICTITIOUS DATA, FOR TESTS ONLY. ")
    commit(SUBJECTS[3], 4)
    edit(
        data,
        "      kk: Екінші ойдан шығарылған лот, өтінім қабылдануда (тест)\n      ru: Второй вымышленный лот, приём заявок (тест)\n",
        "      kk: Екінші ойдан шығарылған лот, өтінім қабылдануда (тест)\n      ru: Второй вымышленный лот, приём заявок (тест)\n      en: Second fictitious lot, open (test)\n",
    )
    commit(SUBJECTS[4], 5)
    text = data.read_text(encoding="utf-8")
    data.write_text(
        text.replace("\n  - id: fictitious-2032-01\n", "\n" + NEW_LOT_YAML + "  - id: fictitious-2032-01\n"),
        encoding="utf-8",
    )
    edit(data, "amount: 13050000", "amount: 14250000")
    commit(SUBJECTS[5], 6)
    return folder


@pytest.fixture(scope="module")
def history(repo):
    return read(repo / "data" / "grants.yaml")


def texts_of(history) -> str:
    """Everything the history would tell a reader, in every language."""
    out = []
    for change in history.changes:
        for item in change.diff.changed:
            for lang in ("kk", "ru", "en"):
                out += [str(d) for d in describe_all(item.fields, lang)]
    return "\n".join(out)


# --- the history ----------------------------------------------------------------------


def test_history_lists_each_data_change_newest_first_and_never_a_commit_subject(repo, history):
    assert history.unavailable is None
    log = git("log", "--format=%H", cwd=repo).split()
    data_changes = [log[0], log[1], log[3], log[4], log[5]]  # log[2] only changed a comment
    assert [c.commit for c in history.changes] == data_changes
    assert [c.date.date() for c in history.changes] == [dt.date(2031, 3, d) for d in (6, 5, 3, 2, 1)]
    assert not any(hasattr(c, "message") for c in history.changes)
    told = texts_of(history)
    for subject in SUBJECTS:
        assert subject not in told


def test_a_version_todays_rules_reject_is_still_read(history):
    """The first version lacks a required text; the history still starts with its four lots."""
    first, second = history.changes[-1], history.changes[-2]
    assert len(first.diff.added) == 4
    assert [c.lot.id for c in second.diff.changed] == [LOT]
    assert [str(d) for d in describe_all(second.diff.changed[0].fields, "en")] == [
        "The problem: — → This lot is fictitious; it is used in tests only."
    ]


def test_last_change_of_each_lot(history):
    log = {c.date.day: c.commit for c in history.changes}
    assert history.last_change(LOT).commit == log[3]
    assert history.last_change("fictitious-2031-02").commit == log[5]
    assert history.last_change(NEW_LOT).commit == log[6]
    assert history.last_change("fictitious-2032-01").commit == log[1]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", "Қаржыландыру көлемі, 2031: 3 300 000 ₸ → 3 600 000 ₸"),
        ("ru", "Объём финансирования, 2031: 3 300 000 ₸ → 3 600 000 ₸"),
        ("en", "Funding, 2031: KZT 3,300,000 → KZT 3,600,000"),
    ],
)
def test_an_amount_is_told_before_and_after_in_each_language(history, lang, expected):
    change = next(c for c in history.changes if c.date.day == 3)
    (lot,) = change.diff.changed
    assert [str(d).replace("\u00a0", " ") for d in describe_all(lot.fields, lang)] == [expected]
    assert change.diff.totals_before[2031] + 300_000 == change.diff.totals_after[2031]


def test_a_translation_added_is_told_as_such(history):
    change = next(c for c in history.changes if c.date.day == 5)
    (lot,) = change.diff.changed
    assert [str(d) for d in describe_all(lot.fields, "kk")] == ["Басым бағыт: ағылшынша аудармасы қосылды"]
    assert [str(d) for d in describe_all(lot.fields, "ru")] == [
        "Приоритетное направление: добавлен перевод на английский"
    ]


def test_status_dates_and_short_texts_are_told_with_their_values():
    before = parse(FICTITIOUS.read_text(encoding="utf-8"))
    after = parse(FICTITIOUS.read_text(encoding="utf-8"))
    lot = next(lot for lot in after["lots"] if lot["id"] == LOT)
    lot["status"] = "open"
    lot["application_window"] = {"opens": "2031-03-01", "closes": "2031-03-20"}
    lot["apply_url"] = "https://example.invalid/apply"
    lot["territory"]["ru"] = "Другой вымышленный район"
    (change,) = compare(before, after).changed
    told = [re.sub("[\u00a0\u202f]", " ", str(d)) for d in describe_all(change.fields, "ru")]
    assert told == [
        "Территория реализации: Вымышленный район → Другой вымышленный район",
        "Статус: Запланирован → Приём заявок",
        "Срок приёма заявок: — → 1 марта 2031 г. – 20 марта 2031 г.",
        "Где подать заявку: — → https://example.invalid/apply",
    ]
    assert not any(re.search(r"\w\.\w|\[\d", t.split(":")[0]) for t in told)  # no field path


def test_history_is_unavailable_without_git_or_in_a_shallow_clone(repo, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    history = read(plain / "data" / "grants.yaml")
    assert history.changes == ()
    assert "no git history" in history.unavailable
    shallow = tmp_path / "shallow"
    git("clone", "-q", "--depth", "1", f"file://{repo}", str(shallow), cwd=tmp_path)
    history = read(shallow / "data" / "grants.yaml")
    assert history.changes == ()
    assert "shallow clone" in history.unavailable


# --- grants diff: the pull-request summary ------------------------------------------------------


def run_diff(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run_grants("diff", *args, cwd=cwd)


def test_diff_by_revision_tells_the_change_in_words_with_the_coverage(repo):
    result = run_diff("HEAD~4", "HEAD~3", cwd=repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout.replace("\u00a0", " ")
    assert "| 2031 | 12 750 000 ₸ | 13 050 000 ₸ | +300 000 ₸ |" in out
    assert "- Қаржыландыру көлемі, 2031 / Объём финансирования, 2031: 3 300 000 ₸ → 3 600 000 ₸" in out
    assert "Итог, указанный в документе, 2031: 12 750 000 ₸ → 13 050 000 ₸" in out
    assert re.search(r"Аударма / Перевод: ru: \d+% \(\d+/\d+\), en: \d+% \(\d+/\d+\)", out)
    assert "funding" not in out and "declared_totals" not in out and "[" not in out.replace("\\[", "")


def test_diff_of_files_and_of_identical_versions(repo, tmp_path):
    before = tmp_path / "before.yaml"
    before.write_text(git("show", "HEAD~1:data/grants.yaml", cwd=repo), encoding="utf-8")
    result = run_diff(str(before), str(repo / "data" / "grants.yaml"), cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "**Лоттар / Лоты: +1 / −0 / ~0.**" in result.stdout
    assert f"`{NEW_LOT}` (№ 4) Төртінші ойдан шығарылған лот (тест)" in result.stdout
    same = run_diff(str(before), str(before), cwd=repo)
    assert same.stdout.endswith("Публикуемые данные не меняются.\n")


def test_diff_refuses_an_unknown_revision(repo):
    result = run_diff("no-such-revision", "HEAD", cwd=repo)
    assert result.returncode == 1
    assert "'no-such-revision' is neither a file nor a git revision" in result.stderr


def test_diff_escapes_markdown_in_data_text():
    before = parse(FICTITIOUS.read_text(encoding="utf-8"))
    after = parse(FICTITIOUS.read_text(encoding="utf-8"))
    after["lots"][0]["territory"]["kk"] = "<img src=x onerror=alert(1)> | **bold**"
    out = to_markdown(compare(before, after), "a", "b")
    assert "&lt;img src=x onerror=alert(1)&gt; \\| \\*\\*bold\\*\\*" in out
    assert "<img" not in out


# --- the feed and the calendar ---------------------------------------------------------


def test_feed_has_an_entry_per_new_changed_or_removed_lot_in_words(history):
    xml = atom(
        history, title="Гранттар", site_url="https://example.invalid/", build_date=dt.date(2031, 3, 10)
    )
    entries = ET.fromstring(xml).findall(f"{{{ATOM}}}entry")
    assert len(entries) == 1 + 1 + 1 + 1 + 4
    first = entries[0]
    assert first.find(f"{{{ATOM}}}title").text == "Жаңа лот: Лот № 4. Төртінші ойдан шығарылған лот (тест)"
    assert first.find(f"{{{ATOM}}}link").get("href") == f"https://example.invalid/lots/{NEW_LOT}/"
    funding = next(
        e for e in entries if e.find(f"{{{ATOM}}}title").text.startswith("Лот өзгертілді: Лот № 1.")
    )
    summary = funding.find(f"{{{ATOM}}}summary").text.replace("\u00a0", " ")
    assert summary == "Қаржыландыру көлемі, 2031: 3 300 000 ₸ → 3 600 000 ₸"
    ids = [e.find(f"{{{ATOM}}}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    assert not any(subject in xml.decode() for subject in SUBJECTS)


CONTROL = "\x01\x08\x0b\x1b\x7f\x85\x9f"


def hostile_data() -> dict:
    """The fixture with control characters in every text the feed and calendar carry."""
    data = parse(FICTITIOUS.read_text(encoding="utf-8"))
    for lot in data["lots"]:
        lot["priority"]["kk"] = f"Басы{CONTROL}соңы"
        lot["number"] = f"{lot['number']}{CONTROL}"
    data["sources"][0]["issuer"]["kk"] += CONTROL
    return data


def test_feed_and_calendar_stay_well_formed_whatever_the_text_holds(tmp_path):
    data = hostile_data()
    # A history whose versions hold the characters: the raw data is written as YAML escapes.
    folder = tmp_path / "repo"
    path = copy_data(FICTITIOUS, folder / "data")
    git("init", "-q", "-b", "main", cwd=folder)
    git("add", ".", cwd=folder)
    git("commit", "-q", "-m", f"subject {CONTROL}", cwd=folder)
    path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    git("commit", "-q", "-am", f"second {CONTROL}", cwd=folder)
    history = read(path)
    assert len(history.changes) == 2
    xml = atom(
        history,
        title=f"Гранттар{CONTROL}",
        site_url="https://example.invalid/",
        build_date=dt.date(2031, 3, 10),
    )
    feed = ET.fromstring(xml)  # raises on a character XML forbids
    titles = [e.find(f"{{{ATOM}}}title").text for e in feed.findall(f"{{{ATOM}}}entry")]
    assert "Лот өзгертілді: Лот № 1. Басысоңы" in titles
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", xml.decode("utf-8"))
    # The calendar, from a dataset built without the validator (which would refuse such data).
    ics = deadlines(build(data, path), site_url="https://example.invalid/", build_date=dt.date(2031, 3, 10))
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", ics)
    assert not re.search("[\x80-\x9f]", ics.decode("utf-8"))
    events = list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))
    assert len(events) == sum(1 for lot in data["lots"] if "application_window" in lot)
    assert "Басысоңы" in str(events[0]["summary"])


def test_a_commit_that_changes_no_data_is_not_listed(tmp_path):
    folder = tmp_path / "repo"
    path = copy_data(FICTITIOUS, folder / "data")
    git("init", "-q", "-b", "main", cwd=folder)
    git("add", ".", cwd=folder)
    git("commit", "-q", "-m", "first", cwd=folder)
    # Same data, written differently: another comment, another quoting, another order of keys.
    text = path.read_text(encoding="utf-8").replace("currency: KZT", 'currency: "KZT"  # tenge')
    path.write_text(text, encoding="utf-8")
    git("commit", "-q", "-am", "restyle", cwd=folder)
    assert len(read(path).changes) == 1
    assert load_version("HEAD", path, folder) == load_version("HEAD~1", path, folder)


# --- on the built site ----------------------------------------------------------------


@pytest.fixture(scope="module")
def history_site(repo, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("history-site") / "site"
    result = build_site(site, data=repo / "data" / "grants.yaml", build_date="2031-03-10")
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.site
@pytest.mark.parametrize(
    ("prefix", "funding"),
    [
        ("", "Қаржыландыру көлемі, 2031: 3 300 000 ₸ → 3 600 000 ₸"),
        ("ru/", "Объём финансирования, 2031: 3 300 000 ₸ → 3 600 000 ₸"),
        ("en/", "Funding, 2031: KZT 3,300,000 → KZT 3,600,000"),
    ],
)
def test_changes_page_and_lot_page_tell_the_change_in_the_pages_language(
    history_site, history, prefix, funding
):
    page = soup(history_site, f"{prefix}changes/")
    sections = page.select("section.grant-change")
    assert [s["id"] for s in sections] == [f"change-{c.commit[:12]}" for c in history.changes]
    text = folded(page.select_one(".grant-changes"))
    assert funding in text
    for subject in SUBJECTS:
        assert subject not in text
    assert not re.search(r"\b(funding|declared_totals|priority)\b|\[\d+\]|\.(kk|ru|en)\b", text)
    lot = soup(history_site, f"{prefix}lots/{LOT}/")
    last = lot.select_one(".grant-source").find("a", href=re.compile("changes/#change-"))
    assert last["href"].endswith(f"changes/#change-{history.last_change(LOT).commit[:12]}")
    assert funding in folded(last.find_parent("dd"))


@pytest.mark.site
def test_site_without_history_says_so(fixture_site):
    """The fixture site is built from a copy of the data outside any repository."""
    changes = soup(fixture_site, "changes/")
    assert "Өзгерістер тарихы қолжетімсіз" in folded(changes.select_one(".admonition.info"))
    feed = ET.fromstring((fixture_site / "feed.xml").read_bytes())
    assert feed.findall(f"{{{ATOM}}}entry") == []


def test_a_swapped_source_document_is_told_before_and_after_with_its_checksum():
    """A reviewer must see a document link or checksum swapped in a pull request, in words."""
    before = parse(FICTITIOUS.read_text(encoding="utf-8"))
    after = parse(FICTITIOUS.read_text(encoding="utf-8"))
    source = after["sources"][0]
    source["document"] = "sources/other/swapped.txt"
    source["document_sha256"] = "0" * 64
    out = to_markdown(compare(before, after), "a", "b")
    old = before["sources"][0]
    assert f"{old['document']} → sources/other/swapped.txt" in out
    assert f"Контрольная сумма файла документа (SHA-256): {old['document_sha256']} → {'0' * 64}" in out
