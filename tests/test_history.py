"""grants diff, the history of the data file, and the Atom feed, on a throwaway repository."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grants.diff import compare, load_version, to_markdown
from grants.feed import ATOM, atom
from grants.history import read

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "grants.yaml"


def run(*args: str, cwd: Path) -> str:
    env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """Three commits: the real data; lot 2's funding corrected; lot 3's text changed."""
    folder = tmp_path_factory.mktemp("repo")
    (folder / "data").mkdir()
    data = folder / "data" / "grants.yaml"
    shutil.copy(DATA, data)
    run("git", "init", "-q", "-b", "main", cwd=folder)
    run("git", "add", ".", cwd=folder)
    run("git", "commit", "-q", "-m", "Taraz 2026-2027 list", cwd=folder)
    edit(data, "amount: 6000000", "amount: 6500000")
    edit(data, "amount: 40000000", "amount: 40500000")
    run("git", "commit", "-q", "-am", "Lot 2: funding corrected", cwd=folder)
    edit(data, "“Этно шеру”", "«Этно шеру»")
    run("git", "commit", "-q", "-am", "Lot 3: quotes as in the document", cwd=folder)
    return folder


def test_diff_of_two_files_names_the_lot_the_field_and_the_totals(repo, tmp_path):
    before = tmp_path / "before.yaml"
    before.write_text(run("git", "show", "HEAD~2:data/grants.yaml", cwd=repo), encoding="utf-8")
    after = repo / "data" / "grants.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "grants", "diff", str(before), str(after)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "**Lots: 0 added, 0 removed, 2 changed.**" in out
    assert "| 2026 | 40 000 000 ₸ | 40 500 000 ₸ | +500 000 ₸ |" in out
    assert "| 2027 | 18 000 000 ₸ | 18 000 000 ₸ | none |" in out
    assert "#### `taraz-2026-02` (№ 2)" in out
    assert "| `funding.2026` | 6 000 000 ₸ | 6 500 000 ₸ |" in out
    assert "#### `taraz-2026-03` (№ 3)" in out
    assert "`results[1].kk`" in out
    assert "source taraz-2026: declared_totals[1].amount changed" in out


def test_diff_by_git_revision(repo):
    data = repo / "data" / "grants.yaml"
    before = load_version("HEAD~1", data, repo)
    after = load_version("HEAD", data, repo)
    diff = compare(before, after)
    assert [c.lot.id for c in diff.changed] == ["taraz-2026-03"]
    assert diff.totals_before == diff.totals_after
    assert "No change" not in to_markdown(diff, "HEAD~1", "HEAD")


def test_diff_of_identical_versions_says_so():
    dataset = load_version(str(DATA))
    assert to_markdown(compare(dataset, dataset), "a", "b").endswith("No change to the published data.\n")


def test_diff_refuses_an_unknown_revision():
    result = subprocess.run(
        [sys.executable, "-m", "grants", "diff", "no-such-revision", str(DATA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "'no-such-revision' is neither a file nor a git revision" in result.stderr


def test_diff_escapes_markdown_in_data_text(tmp_path):
    hostile = tmp_path / "hostile.yaml"
    shutil.copy(DATA, hostile)
    edit(hostile, "Тараз қаласының кемінде 2 ауданы", "<img src=x onerror=alert(1)> | **bold**")
    out = to_markdown(compare(load_version(str(DATA)), load_version(str(hostile))), "a", "b")
    assert "&lt;img src=x onerror=alert(1)&gt; \\| \\*\\*bold\\*\\*" in out
    assert "<img" not in out


def test_history_lists_each_change_newest_first(repo):
    history = read(repo / "data" / "grants.yaml", repo=repo)
    assert history.unavailable is None
    assert [c.message for c in history.changes] == [
        "Lot 3: quotes as in the document",
        "Lot 2: funding corrected",
        "Taraz 2026-2027 list",
    ]
    assert len(history.changes[-1].diff.added) == 5
    assert history.last_change("taraz-2026-02").message == "Lot 2: funding corrected"
    assert history.last_change("taraz-2026-01").message == "Taraz 2026-2027 list"


def test_history_is_unavailable_without_git_or_in_a_shallow_clone(repo, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    history = read(plain / "data" / "grants.yaml", repo=plain)
    assert history.changes == ()
    assert "no git history" in history.unavailable
    shallow = tmp_path / "shallow"
    run("git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow), cwd=tmp_path)
    history = read(shallow / "data" / "grants.yaml", repo=shallow)
    assert history.changes == ()
    assert "shallow clone" in history.unavailable


def test_feed_has_an_entry_per_new_or_changed_lot(repo):
    history = read(repo / "data" / "grants.yaml", repo=repo)
    xml = atom(
        history, title="Гранттар", site_url="https://example.invalid/", build_date=dt.date(2026, 11, 24)
    )
    root = ET.fromstring(xml)
    entries = root.findall(f"{{{ATOM}}}entry")
    assert len(entries) == 1 + 1 + 5
    first = entries[0]
    assert first.find(f"{{{ATOM}}}title").text.startswith("Лот өзгертілді: № 3.")
    assert first.find(f"{{{ATOM}}}link").get("href") == "https://example.invalid/lots/taraz-2026-03/"
    assert "results[1].kk" in first.find(f"{{{ATOM}}}summary").text
    ids = [e.find(f"{{{ATOM}}}id").text for e in entries]
    assert len(set(ids)) == len(ids)


@pytest.mark.site
def test_changes_page_and_lot_pages_show_the_history(built_site):
    from bs4 import BeautifulSoup

    real = read()
    changes = BeautifulSoup(
        (built_site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    lot = BeautifulSoup(
        (built_site / "lots" / "taraz-2026-01" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    last = lot.find("dt", string="Деректер соңғы рет өзгертілген").find_next("dd")
    if real.unavailable:  # a shallow clone or a tarball: the site says so
        assert changes.select_one(".admonition.info") is not None
        assert "Өзгерістер тарихы қолжетімсіз" in last.get_text()
        return
    sections = changes.select("section.grant-change")
    assert len(sections) == len(real.changes)
    assert real.changes[-1].message in sections[-1].h2.get_text()
    assert last.a["href"] == f"../../changes/#change-{real.last_change('taraz-2026-01').commit[:12]}"


@pytest.mark.site
def test_site_without_history_says_so(tmp_path):
    from bs4 import BeautifulSoup
    from conftest import build_site

    outside = tmp_path / "grants.yaml"
    shutil.copy(DATA, outside)
    result = build_site(tmp_path / "site", data=outside)
    assert result.returncode == 0, result.stderr
    changes = BeautifulSoup(
        (tmp_path / "site" / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "Өзгерістер тарихы қолжетімсіз" in changes.select_one(".admonition.info").get_text()
    feed = ET.fromstring((tmp_path / "site" / "feed.xml").read_bytes())
    assert feed.findall(f"{{{ATOM}}}entry") == []
