"""`mkdocs serve --dirty` (what `make serve` runs) shows a maintainer's data edit, quickly and
never half-built: the edited amount on the lot page and in the totals, in every language; a file
the validator refuses is reported, and the site served stays the last good one."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import filecmp
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench_serve import split_lot_files  # benchmarks/, which conftest puts on the path
from conftest import FICTITIOUS, MKDOCS, ROOT, copy_data

from grants import check, export, formatting, load_dataset, sources
from grants.bundle import Kept
from grants.model import Lot
from grants.translations import coverage
from macros.pages import RenderMemo, generate
from macros.serve import POLL_SECONDS, Written, poll_often, remove_stale
from macros.state import BuildData


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 60) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _shown(text: str | None) -> str:
    """The page's text with no-break spaces as spaces (as money is compared)."""
    return (text or "").replace("\u00a0", " ").replace("&nbsp;", " ")


def _money(amount: int, lang: str) -> str:
    return formatting.money(amount, lang).replace("\u00a0", " ")


def _wait_for(url: str, text: str, seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in _shown(_get(url)):
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not show at {url} within {seconds} s")


def _set_amount(
    data: Path, lot_id: str, source_id: str, year: int, old: int, new: int, total: int | None
) -> None:
    """The lot's amount for ``year`` from ``old`` to ``new`` and, unless ``total`` is None, its
    source's declared total for that year to ``total``; written in one save."""
    text = data.read_text(encoding="utf-8")
    lot_at = text.index(f"  - id: {lot_id}\n")
    funding = re.compile(rf"      - year: {year}\n        amount: {old}\n")
    found = funding.search(text, lot_at)
    text = text[: found.start()] + f"      - year: {year}\n        amount: {new}\n" + text[found.end() :]
    if total is not None:
        source_at = text.index(f"  - id: {source_id}\n")
        declared = re.compile(rf"      - year: {year}\n        amount: (\d+)\n")
        found = declared.search(text, source_at)
        text = text[: found.start(1)] + str(total) + text[found.end(1) :]
    data.write_text(text, encoding="utf-8")


def _remove_lot(data: Path, lot: Lot) -> None:
    """The lot's entry gone from the data file, and its money from its source's declared
    totals (the lots' amounts add up to them): in one save."""
    text = data.read_text(encoding="utf-8")
    start = text.index(f"  - id: {lot.id}\n")
    end = re.compile(r"^(?:  - |\S)", re.M).search(text, start + 1)
    text = text[:start] + (text[end.start() :] if end else "")
    source_at = text.index(f"  - id: {lot.source.id}\n")
    for funding in lot.funding:
        declared = re.compile(rf"      - year: {funding.year}\n        amount: (\d+)\n")
        found = declared.search(text, source_at)
        text = text[: found.start(1)] + str(int(found[1]) - funding.amount) + text[found.end(1) :]
    data.write_text(text, encoding="utf-8")


def _csv_row(base: str, lot_id: str) -> dict[str, str] | None:
    """The lot's row of the served grants.csv, None when it has none."""
    rows = csv.DictReader((_get(f"{base}data/{export.CSV_NAME}") or "").lstrip("\ufeff").splitlines())
    return next((row for row in rows if row["id"] == lot_id), None)


def _serve_env(tmp_path: Path, data: Path, epoch: int) -> dict[str, str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "GRANTS_DATA": str(data),
        "SOURCE_DATE_EPOCH": str(epoch),
        "TMPDIR": str(tmp_path),  # MkDocs' temporary site: found there, and removed with the test's folder
    }
    env.pop("GRANTS_SERVE_FULL", None)
    return env


@contextlib.contextmanager
def _serving(tmp_path: Path, env: dict[str, str]) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve --dirty` with ``env`` until the block ends, stopped as by Ctrl+C:
    (base url, log file)."""
    port = _port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    command = [*MKDOCS, "serve", "--dirty", "-f", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            start = time.monotonic()
            while _get(base, timeout=120) is None:
                assert server.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() - start < 300, "mkdocs serve did not start"
                time.sleep(0.3)
            yield base, log
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs removes its temporary site
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()


@pytest.fixture
def served(tmp_path):
    """`mkdocs serve --dirty` on a copy of the fictitious fixture: (base url, data file, log file)."""
    data = copy_data(FICTITIOUS, tmp_path / "data")
    with _serving(tmp_path, _serve_env(tmp_path, data, 1930000000)) as (base, log):
        yield base, data, log
    # Nothing it started (the background search index, its Pagefind) is left running.
    start = time.monotonic()
    while _running_in(tmp_path) and time.monotonic() - start < 10:
        time.sleep(0.2)
    assert _running_in(tmp_path) == []


def _running_in(folder: Path) -> list[str]:
    """The command lines of the processes still running that name ``folder`` (Linux /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if any(str(folder).encode() in word for word in words):
            found.append(b" ".join(words).decode("utf-8", "replace"))
    return found


def test_serve_shows_an_edited_amount_and_never_a_refused_file(served) -> None:
    base, data, log = served
    dataset = load_dataset(data)
    lot = dataset.lots[0]
    year, old = lot.funding[0].year, lot.funding[0].amount
    declared = next(d.amount for d in lot.source.declared_totals if d.year == year)
    new = old + 123_000
    lot_page = f"{base}lots/{lot.id}/"
    assert _money(old, "kk") in _shown(_get(lot_page))
    # What the edit leaves as it was keeps its file: the page and download of a lot of another
    # source (a lot's download spells out its source, whose declared total changes), the schema.
    (site,) = (p for p in data.parent.parent.glob("mkdocs_*") if p.is_dir())  # its folder
    apart = next(other for other in dataset.lots if other.source.id != lot.source.id)
    untouched = [site / f"lots/{apart.id}/index.html", site / f"data/lots/{apart.id}.json"]
    untouched.append(site / f"data/{export.SCHEMA_NAME}")
    written = [path.stat().st_mtime_ns for path in untouched]
    time.sleep(1.5)  # the watcher has settled since the first build

    # A correct edit: the lot's amount and its source's declared total, in one save.
    _set_amount(data, lot.id, lot.source.id, year, old, new, declared + 123_000)
    _wait_for(lot_page, _money(new, "kk"), 120)
    shown = _shown(_get(lot_page))
    assert _money(lot.total + 123_000, "kk") in shown and _money(lot.total, "kk") not in shown
    # The same build wrote the totals and the other languages: no page shows the old figures.
    edited = load_dataset(data)
    totals = _shown(_get(f"{base}totals/"))
    assert _money(edited.total, "kk") in totals
    assert _money(dataset.total, "kk") not in totals
    assert _money(new, "ru") in _shown(_get(f"{base}ru/lots/{lot.id}/"))
    assert _money(edited.total, "en") in _shown(_get(f"{base}en/totals/"))
    download = json.loads(_get(f"{base}data/lots/{lot.id}.json") or "{}")  # the download too
    assert new in [row["amount"] for row in download["lot"]["funding"]]
    assert (_csv_row(base, lot.id) or {})[f"funding_{year}"] == str(new)  # and grants.csv
    assert [path.stat().st_mtime_ns for path in untouched] == written
    assert "Quick rebuilds" in log.read_text(encoding="utf-8")
    # The search index follows in the background, and replaces the previous one whole.
    start = time.monotonic()
    while "The search index is up to date." not in log.read_text(encoding="utf-8"):
        assert time.monotonic() - start < 120, log.read_text(encoding="utf-8")
        time.sleep(0.2)
    for prefix in ("", "ru/", "en/"):
        assert '"languages"' in (_get(f"{base}{prefix}pagefind/pagefind-entry.json") or "")

    # A refused edit (the lot's amount no longer adds up to the declared total): the
    # validator's message names the file and the lot, and no page shows the refused amount.
    refused = new + 7_000
    time.sleep(1.5)
    _set_amount(data, lot.id, lot.source.id, year, new, refused, None)
    start = time.monotonic()
    while "declared_totals" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() - start < 120, log.read_text(encoding="utf-8")
        time.sleep(0.2)
    report = log.read_text(encoding="utf-8")
    assert f"{data}:" in report and lot.source.id in report
    page = _get(lot_page, timeout=3)  # MkDocs answers nothing while the last build failed
    assert page is None or _money(refused, "kk") not in _shown(page)

    # Fixed: the next save shows it, quickly (only the pages the edit changes are built).
    time.sleep(1.5)
    _set_amount(data, lot.id, lot.source.id, year, refused, refused, declared + 123_000 + 7_000)
    _wait_for(lot_page, _money(refused, "kk"), 120)
    assert _money(edited.total + 7_000, "kk") in _shown(_get(f"{base}totals/"))

    # A lot deleted: its page and its downloads are gone, as a clean build would not have them.
    time.sleep(1.5)
    other = next(other for other in dataset.lots[1:] if other.source.id == lot.source.id)
    _remove_lot(data, other)
    assert other.id not in [kept.id for kept in load_dataset(data).lots]  # a correct edit
    start = time.monotonic()
    while _get(f"{base}data/lots/{other.id}.json", timeout=3) is not None:
        assert time.monotonic() - start < 120, log.read_text(encoding="utf-8")
        time.sleep(0.2)
    _wait_for(f"{base}totals/", _money(edited.total + 7_000 - other.total, "kk"), 120)
    assert not (site / f"data/lots/{other.id}.json").exists()
    assert not (site / f"lots/{other.id}").exists()
    assert _get(f"{base}ru/lots/{other.id}/", timeout=3) is None
    assert _csv_row(base, other.id) is None and _csv_row(base, lot.id) is not None


def test_downloads_made_again_from_kept_parts_are_the_same_bytes(tmp_path) -> None:
    """`mkdocs serve` re-encodes only the edited lot's part of the downloads: the files are the
    bytes `mkdocs build` writes."""
    data = copy_data(FICTITIOUS, tmp_path / "data")
    reuse = export.Reuse()
    first = load_dataset(data)
    assert export.files(first, reuse=reuse) == export.files(first)
    lot = first.lots[0]
    year, old = lot.funding[0].year, lot.funding[0].amount
    declared = next(d.amount for d in lot.source.declared_totals if d.year == year)
    _set_amount(data, lot.id, lot.source.id, year, old, old + 5_000, declared + 5_000)
    second = load_dataset(data)
    assert export.files(second, reuse=reuse) == export.files(second)
    assert export.files(second) != export.files(first)


def test_source_documents_kept_between_versions_are_the_ones_a_build_publishes(tmp_path) -> None:
    """`mkdocs serve` keeps the archived documents and their lines pages across an amount edit,
    but a document altered on disk is read and checked again: refused when its checksum no
    longer matches, shown anew once the data gives the new checksum."""
    data = copy_data(FICTITIOUS, tmp_path / "data")
    before = BuildData.load(data)
    assert before.published == sources.files(before.dataset)
    lot = before.dataset.lots[0]
    year, old = lot.funding[0].year, lot.funding[0].amount
    declared = next(d.amount for d in lot.source.declared_totals if d.year == year)
    _set_amount(data, lot.id, lot.source.id, year, old, old + 3_000, declared + 3_000)
    after = BuildData.load(data, previous=before)
    assert after.published == sources.files(after.dataset)

    source = next(s for s in after.dataset.sources if s.document and s.document.endswith(".txt"))
    document = data.parent / source.document
    document.write_bytes(document.read_bytes() + "Жаңа жол.\n".encode())
    altered = BuildData.load(data, previous=after)
    with pytest.raises(sources.SourceFileError):
        altered.published  # noqa: B018 (made on first use)
    text = data.read_text(encoding="utf-8")
    digest = hashlib.sha256(document.read_bytes()).hexdigest()
    data.write_text(text.replace(source.document_sha256, digest), encoding="utf-8")
    fixed = BuildData.load(data, previous=altered)
    assert "Жаңа жол." in fixed.published[source.document].decode("utf-8")  # its lines page draws from it
    assert digest in fixed.published[f"sources/{source.id}/index.html"].decode("utf-8")
    assert fixed.published == sources.files(fixed.dataset)


def test_pages_made_again_from_the_memo_are_the_pages_a_build_makes(tmp_path) -> None:
    data = copy_data(FICTITIOUS, tmp_path / "data")
    before = BuildData.load(data)
    memo = RenderMemo()
    for lang in ("kk", "ru"):
        assert generate(before.dataset, lang, before.build_date, before.history, memo=memo) == generate(
            before.dataset, lang, before.build_date, before.history
        )
    lot = before.dataset.lots[0]
    year, old = lot.funding[0].year, lot.funding[0].amount
    declared = next(d.amount for d in lot.source.declared_totals if d.year == year)
    _set_amount(data, lot.id, lot.source.id, year, old, old + 9_000, declared + 9_000)
    after = BuildData.load(data, previous=before)
    assert not after.same_lot(lot.id)
    # The unchanged lots are the previous version's (compared at no cost), the data as read.
    assert after.dataset == load_dataset(data)
    other = next(o for o in before.dataset.lots if o.source.id != lot.source.id)
    assert after.dataset.lot(other.id) is other and after.same_lot(other.id)
    memo.next_build()
    made = generate(after.dataset, "kk", after.build_date, after.history, memo=memo)
    assert made == generate(after.dataset, "kk", after.build_date, after.history)
    page = next(p for p in made if p.path == f"lots/{lot.id}.md")
    assert _money(old + 9_000, "kk") in _shown(page.html)


def test_translation_coverage_counted_again_is_the_one_a_build_counts(tmp_path) -> None:
    """`mkdocs serve` counts again only the translations of the lots an edit changed: a lot's
    English text taken out shows in the About page's figures as a build counts them."""
    data = copy_data(FICTITIOUS, tmp_path / "data")
    before = BuildData.load(data)
    assert before.coverage == coverage(before.dataset)
    lot = [lot for lot in before.dataset.lots if lot.priority.has("en")][-1]
    text = data.read_text(encoding="utf-8")
    english = re.compile(r"^ +en: .*\n", re.M).search(
        text, text.index(f"  - id: {lot.id}\n")
    )  # its priority's
    data.write_text(text[: english.start()] + text[english.end() :], encoding="utf-8")
    after = BuildData.load(data, previous=before)
    assert after.coverage == coverage(after.dataset)
    english_before, english_after = (next(c for c in d.coverage if c.lang == "en") for d in (before, after))
    assert english_after.translated == english_before.translated - 1
    assert english_after.total == english_before.total


def test_a_page_the_data_no_longer_makes_leaves_no_file_nor_empty_folder(tmp_path) -> None:
    """A list that got shorter (open/page/3/ of Open now) or a removed lot: the quick rebuild
    deletes its file and the folders left empty, as a clean build would not have them."""
    site = tmp_path / "site"
    before, after = Written(), Written()
    for path, dest in {
        "open/page/2.md": "open/page/2/index.html",
        "open/page/3.md": "open/page/3/index.html",
        "lots/gone.md": "lots/gone/index.html",
        "lots/kept.md": "lots/kept/index.html",
    }.items():
        (site / dest).parent.mkdir(parents=True, exist_ok=True)
        (site / dest).write_text("<html></html>", encoding="utf-8")
        before.dests[path] = str(site / dest)
    after.dests["lots/kept.md"] = before.dests["lots/kept.md"]
    remove_stale(before, after, site)
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert left == ["lots", "lots/kept", "lots/kept/index.html"]


def _synthetic(path: Path, lots: int) -> None:
    """Synthetic lots (benchmarks/bench_site.py, with the source documents the build
    publishes); the first 60 in one sector and accepting applications on the build date, so that
    the sector and Open now come in more than one page (50 lots a page)."""
    path.parent.mkdir(parents=True)
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_site.py"), "--write", str(path), str(lots)],
        check=True,
    )
    text = path.read_text(encoding="utf-8")
    sector = re.search(r"^    sector: (\S+)$", text, re.M)[1]
    done = 0

    def crowd(match: re.Match) -> str:
        nonlocal done
        done += 1
        if done > 60:
            return match[0]
        return (
            f"    sector: {sector}\n    status: open\n    application_window:\n"
            f'      opens: "2026-05-01"\n      closes: "2026-06-{1 + done % 28:02d}"\n'
            "    apply_url: https://example.invalid/apply\n"
        )

    path.write_text(re.sub(r"^    sector: \S+\n", crowd, text, flags=re.M), encoding="utf-8")


def test_a_quick_rebuild_leaves_the_site_mkdocs_build_makes(tmp_path) -> None:
    """After a data edit that changes a lot's amount, sector and territory and shortens the
    paged lists (a sector's page 2 and Open now's page 2 go), the folder `mkdocs serve
    --dirty` serves, search index included, is the one `mkdocs build` makes of the edited
    data: every generated page and file (lot, sector and list pages, the filters' side
    files, the downloads) is made again when it changes, and none is left over."""
    data = tmp_path / "data" / "grants.yaml"
    _synthetic(data, 130)
    env = _serve_env(tmp_path, data, int(dt.datetime(2026, 5, 28, tzinfo=dt.UTC).timestamp()))
    with _serving(tmp_path, env) as (base, log):
        (site,) = (p for p in tmp_path.glob("mkdocs_*") if p.is_dir())
        sector = load_dataset(data).lots[0].sector.id
        for prefix in ("", "en/"):
            assert (site / f"{prefix}open/page/2/index.html").is_file()
            assert (site / f"{prefix}sectors/{sector}/page/2/index.html").is_file()
        time.sleep(1.5)  # the watcher has settled since the first build

        text = data.read_text(encoding="utf-8")
        first = re.search(r"^  - id: (\S+)\n    source: (\S+)\n", text, re.M)  # the first lot
        # All but 40 lots of the crowded sector to another one, fifteen windows closed.
        others = sorted(set(re.findall(r"^    sector: (\S+)$", text, re.M)) - {sector})
        crowded = len(re.findall(rf"^    sector: {sector}$", text, re.M))
        text = re.sub(
            rf"^    sector: {sector}$", f"    sector: {others[0]}", text, count=crowded - 40, flags=re.M
        )
        text = re.sub(r'closes: "2026-06-\d\d"', 'closes: "2026-05-02"', text, count=15)
        territory = re.compile(r"^    territory:\n((?:      .*\n)+)", re.M)
        own = territory.search(text, first.end())
        other = next(m for m in territory.finditer(text) if m[1] != own[1])
        text = text[: own.start(1)] + other[1] + text[own.end(1) :]
        funding = re.compile(r"^      - year: (\d+)\n        amount: (\d+)\n", re.M).search(text, first.end())
        year, amount = funding[1], int(funding[2])
        text = text[: funding.start(2)] + str(amount + 11_000) + text[funding.end(2) :]
        source = first[2]
        declared = re.compile(
            rf"^  - id: {re.escape(source)}\n(?:    .*\n|      .*\n)*?      - year: {year}\n        amount: (\d+)\n",
            re.M,
        ).search(text)
        text = text[: declared.start(1)] + str(int(declared[1]) + 11_000) + text[declared.end(1) :]
        data.write_text(text, encoding="utf-8")

        _wait_for(f"{base}lots/{first[1]}/", _money(amount + 11_000, "kk"), 120)
        start = time.monotonic()
        while "The search index is up to date." not in log.read_text(encoding="utf-8"):
            assert time.monotonic() - start < 180, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        served = tmp_path / "served"
        shutil.copytree(site, served)
    assert not (served / "open" / "page").exists()
    assert not (served / "sectors" / sector / "page").exists()
    built = tmp_path / "built"
    subprocess.run(
        [*MKDOCS, "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(built)],
        cwd=ROOT,
        env={**env, "SITE_URL": base},
        check=True,
    )
    differ = filecmp.dircmp(built, served)
    pending = [differ]
    unequal = []
    while pending:
        here = pending.pop()
        unequal += [
            f"{here.left}/{n}" for n in here.left_only + here.right_only + here.diff_files + here.funny_files
        ]
        pending += here.subdirs.values()
    assert unequal == []


# --- lot files read again only when their bytes change (grants.bundle.Kept) -------------------


def _edit_in_lot_file(data: Path, lot_file: Path, lot: Lot, delta: int) -> int:
    """The lot's first amount in its lot file, and its source's declared total for that year in
    ``data``, each raised by ``delta`` and saved; the new amount."""
    year, old = lot.funding[0].year, lot.funding[0].amount
    text = lot_file.read_text(encoding="utf-8")
    at = text.index(f"  - id: {lot.id}\n")
    found = re.compile(rf"      - year: {year}\n        amount: {old}\n").search(text, at)
    lot_file.write_text(
        text[: found.start()]
        + f"      - year: {year}\n        amount: {old + delta}\n"
        + text[found.end() :],
        encoding="utf-8",
    )
    declared = next(d.amount for d in lot.source.declared_totals if d.year == year)
    text = data.read_text(encoding="utf-8")
    at = text.index(f"  - id: {lot.source.id}\n")
    found = re.compile(rf"      - year: {year}\n        amount: ({declared})\n").search(text, at)
    data.write_text(text[: found.start(1)] + str(declared + delta) + text[found.end(1) :], encoding="utf-8")
    return old + delta


def _wrong_grant_type(lot_file: Path, lot: Lot, value: str) -> tuple[str, int]:
    """The lot's grant type in its lot file made ``value`` and saved: (the file's text before,
    the line of the mistake)."""
    text = lot_file.read_text(encoding="utf-8")
    at = text.index(f"  - id: {lot.id}\n")
    grant_type = re.compile(r"^    grant_type: \w+$", re.M).search(text, at)
    lot_file.write_text(
        text[: grant_type.start()] + f"    grant_type: {value}" + text[grant_type.end() :], encoding="utf-8"
    )
    return text, text.count("\n", 0, grant_type.start()) + 1


def _told(problems: list) -> list[str]:
    return [p.format(lang="kk") for p in problems]


def test_a_kept_reading_gives_what_a_fresh_reading_gives(tmp_path) -> None:
    """`mkdocs serve` reads the data again after each save through ``Kept``: a file whose bytes
    did not change is not read again; the dataset, and every problem, word for word at its file
    and line, are those a fresh reading gives (what `grants validate` and `mkdocs build` tell)."""
    data = copy_data(FICTITIOUS, tmp_path / "data")
    kept = Kept()
    # All lots in grants.yaml: a second reading of the unchanged file gives the same dataset.
    assert load_dataset(data, kept=kept) == load_dataset(data, kept=kept) == load_dataset(data)

    files = split_lot_files(data)
    first = load_dataset(data, kept=kept)
    assert first == load_dataset(data)
    lot = first.lots[-1]
    lot_file, other = files[lot.source.id], next(f for s, f in files.items() if s != lot.source.id)
    untouched = kept.entries[other].loaded
    new = _edit_in_lot_file(data, lot_file, lot, 4_000)
    edited = load_dataset(data, kept=kept)
    assert edited.lot(lot.id).funding[0].amount == new
    assert edited == load_dataset(data)
    assert kept.entries[other].loaded is untouched  # not read again

    # A mistake in the edited lot file: told as a fresh reading tells it, at its file and line.
    text, line = _wrong_grant_type(lot_file, lot, "weekly")
    cached, fresh = check(data, warnings=False, kept=kept)[1], check(data, warnings=False)[1]
    assert _told(cached) == _told(fresh)
    assert any(f"{lot_file}:{line}:" in told and "weekly" in told for told in _told(cached)), _told(cached)
    # A YAML mistake too (a text with ': ' not in quotes).
    lot_file.write_text(text, encoding="utf-8")
    _wrong_grant_type(lot_file, lot, "a: b")
    cached, fresh = check(data, warnings=False, kept=kept)[1], check(data, warnings=False)[1]
    assert _told(cached) == _told(fresh)
    assert any(f"{lot_file}:{line}:" in told for told in _told(cached)), _told(cached)
    lot_file.write_text(text, encoding="utf-8")  # fixed
    assert load_dataset(data, kept=kept) == edited


def test_serve_shows_an_edit_in_a_lot_file_and_tells_its_mistakes_at_their_line(tmp_path) -> None:
    """With each source's lots in a lot file of their own, `mkdocs serve --dirty` reads again only
    the files a save changed: an edited amount in a lot file shows on the lot's page, and a
    mistake in that file is reported at its file and line, the site served staying the last good one."""
    data = copy_data(FICTITIOUS, tmp_path / "data")
    files = split_lot_files(data)
    lot = load_dataset(data).lots[-1]
    lot_file = files[lot.source.id]
    with _serving(tmp_path, _serve_env(tmp_path, data, 1930000000)) as (base, log):
        page = f"{base}lots/{lot.id}/"
        assert _money(lot.funding[0].amount, "kk") in _shown(_get(page))
        time.sleep(1.5)  # the watcher has settled since the first build
        new = _edit_in_lot_file(data, lot_file, lot, 9_000)
        _wait_for(page, _money(new, "kk"), 120)

        time.sleep(1.5)
        text, line = _wrong_grant_type(lot_file, lot, "weekly")
        start = time.monotonic()
        while f"{lot_file}:{line}:" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() - start < 120, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        assert "weekly" in log.read_text(encoding="utf-8")

        time.sleep(1.5)  # fixed, and edited again: shown
        lot_file.write_text(text, encoding="utf-8")
        newer = _edit_in_lot_file(data, lot_file, load_dataset(data).lot(lot.id), 2_000)
        _wait_for(page, _money(newer, "kk"), 120)


def test_the_watcher_looks_for_saves_every_tenth_of_a_second(tmp_path) -> None:
    """MkDocs' watcher looks every 0.5 s (a save waited 0.25 s on average before its rebuild);
    `mkdocs serve --dirty` makes it look every 0.1 s, and a save in a watched folder is noticed."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_port(), root=str(tmp_path))
    server.watch(str(tmp_path))
    poll_often(server.observer)
    assert [emitter.timeout for emitter in server.observer.emitters] == [POLL_SECONDS] == [0.1]
    server.observer.start()
    try:
        time.sleep(0.3)
        (tmp_path / "grants.yaml").write_text("saved\n", encoding="utf-8")
        start = time.monotonic()
        while not server._want_rebuild:
            assert time.monotonic() - start < 10, "the save was not noticed"
            time.sleep(0.02)
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
