"""The real data says what it declares and what its archived source documents say.

Nothing here knows how many lots there are, what they are called or what they
cost: every expected value is read from the data's own declarations (each
source's declared totals) or from the source document archived in the
repository at ``data/sources/<source-id>/`` (its checksum, its table rows, their
numbered indicators and results, the amounts and the "Итого" row). So a
maintainer's correct edit (a corrected amount with its total, a new lot, a new
list with its document) keeps these tests green, and a wrong one turns them red.

``GRANTS_DATA`` points them at another copy of the data (tests/test_maintainer_edits.py
does that); by default they read data/grants.yaml.

The table comparison applies to every document in the layout of the text
extractions described in data/sources/taraz-2026/READING.md: a row is the line
that starts with the lot number plus the lines up to the next such line (rows
are cut at page breaks), and a cell's text may run on over several of them.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import DATA as REPOSITORY_DATA
from conftest import run_grants

from grants import Lot, Source, load_dataset

DATA = Path(os.environ.get("GRANTS_DATA") or REPOSITORY_DATA).resolve()
DATASET = load_dataset(DATA)

GRANT_TYPES = {"қысқа": "short", "орта": "medium", "ұзақ": "long"}


# --- the archived documents -------------------------------------------------------


def document_path(source: Source) -> Path:
    return DATA.parent / source.document


@cache
def document_lines(source_id: str) -> tuple[str, ...]:
    source = next(s for s in DATASET.sources if s.id == source_id)
    return tuple(document_path(source).read_text(encoding="utf-8").split("\n"))


def plain(line: str) -> str:
    """A line of the document without its HTML tags and runs of spaces and tabs."""
    return " ".join(re.sub(r"<[^>]+>", " ", line).split())


def is_table(source: Source) -> bool:
    """A text extraction of a lot table: numbered rows ending at an "Итого" row."""
    if not source.document or not source.document.endswith(".txt"):
        return False
    lines = document_lines(source.id)
    return any(plain(line.split("\t")[0]).startswith("Итого") for line in lines) and any(
        "Нысаналы индикатор" in line for line in lines
    )


TABLES = [source for source in DATASET.sources if source.document and is_table(source)]


def by_source(test):
    return pytest.mark.parametrize("source", TABLES, ids=[s.id for s in TABLES])(test)


#: Letters the extraction lost (READING.md: ң → н, ө/ү/ұ sometimes plain), mapped to
#: what they became, so that a corrected word in the data still matches the document.
_LOST_LETTERS = str.maketrans("ңқғөүұәіһ", "нкгоууаих")


def normal(text: str) -> str:
    """Lowercase words without punctuation and without the letters the extraction may have lost."""
    words = re.findall(r"\w+", text.lower().translate(_LOST_LETTERS))
    return " ".join(words)


def first_words(text: str, count: int = 8) -> str:
    return " ".join(normal(text).split()[:count])


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, first_words(a), first_words(b)).ratio()


def assert_same_items(ours: list[str], printed: list[str], what: str) -> None:
    """Same number of items, each starting like the document's item at its place and no other."""
    assert len(ours) == len(printed), f"{what}: {len(ours)} items, the document has {len(printed)}"
    for i, item in enumerate(ours):
        scores = [ratio(item, other) for other in printed]
        best = max(range(len(printed)), key=scores.__getitem__)
        assert best == i and scores[i] >= 0.75, (
            f"{what} {i + 1}: {item[:60]!r} starts like the document's item {best + 1}, "
            f"{printed[best][:60]!r}"
        )


def numbered_items(text: str) -> list[str]:
    """The items "1. …", "2. …", … of a section, in order, each up to the next number."""
    starts = []
    position = 0
    while True:
        match = re.compile(rf"(?<![\w.-]){len(starts) + 1}\.\s").search(text, position)
        if not match:
            break
        starts.append(match)
        position = match.end()
    return [
        text[match.end() : starts[i + 1].start() if i + 1 < len(starts) else len(text)].strip()
        for i, match in enumerate(starts)
    ]


def thousands(amount: str) -> int:
    """'6 000' thousand tenge, as printed, in tenge."""
    return int(amount.replace(" ", "")) * 1000


class Row:
    """One lot's row of a document: its lines and the text of its columns."""

    def __init__(self, number: str, lines: dict[int, str]) -> None:
        self.number = number
        self.lines = lines  # line number -> plain text, separator and empty lines left out
        self.text = " ".join(lines.values())
        indicators_at = self.text.index("Нысаналы индикатор")
        results_at = self.text.index("Күтілетін нәтиже")
        self.indicators = numbered_items(self.text[indicators_at:results_at])
        self.results = numbered_items(self.text[results_at:])

    def amounts(self) -> list[int]:
        """Column 5: the funding, in thousands of tenge as printed, converted to tenge."""
        return [thousands(a) for a in re.findall(r"(\d{1,3}(?: \d{3})*) мың теңге", self.text)]

    def years(self) -> list[int]:
        """The years the row prints beside its amounts ("2026 жыл - 18 000 мың теңге"), if any."""
        return [int(y) for y in re.findall(r"(\d{4}) жыл - \d", self.text)]


@cache
def rows(source_id: str) -> dict[str, Row]:
    """The document's lot rows by lot number, in document order."""
    found: dict[str, dict[int, str]] = {}
    current: dict[int, str] | None = None
    for number, raw in enumerate(document_lines(source_id), start=1):
        cells = raw.split("\t")
        first = plain(cells[0])
        if first.startswith("Итого"):
            break
        if re.fullmatch(r"\d+", first) and len(cells) > 3:
            current = found.setdefault(first, {})
        text = plain(raw)
        if current is None or not text or re.fullmatch(r"[-\s]*", text):
            continue
        current[number] = text
    return {number: Row(number, lines) for number, lines in found.items()}


def printed_totals(source_id: str) -> dict[int, int]:
    """The "Итого" row: total per year, in tenge."""
    lines = document_lines(source_id)
    start = next(i for i, line in enumerate(lines) if plain(line.split("\t")[0]).startswith("Итого"))
    text = " ".join(plain(line) for line in lines[start:])
    pairs = re.findall(r"(\d{1,3}(?: \d{3})*) мың те[нң]ге (\d{4}) жыл", text)
    return {int(year): thousands(amount) for amount, year in pairs}


def lots_of(source: Source) -> list[Lot]:
    return list(DATASET.lots_in_source(source.id))


def lot_by_number(source: Source, number: str) -> Lot:
    return next(lot for lot in lots_of(source) if lot.number == number)


def notes(lot: Lot) -> str:
    return "\n".join(note.kk for note in lot.notes)


# --- what `python -m grants validate` says ----------------------------------------


def test_the_data_file_validates_and_the_summary_counts_what_it_holds() -> None:
    result = run_grants("validate", str(DATA))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == ""  # errors go to stderr; warnings (translations) to stdout
    summary = result.stdout.splitlines()[-1]
    sources = len(DATASET.sources)
    assert f"valid: {len(DATASET.lots)} lots, {sources} source{'s' if sources != 1 else ''};" in summary


# --- what the data declares ---------------------------------------------------------


@pytest.mark.parametrize("source", DATASET.sources, ids=lambda s: s.id)
def test_each_sources_lots_add_up_to_its_declared_totals(source: Source) -> None:
    sums: dict[int, int] = {}
    for lot in lots_of(source):
        for f in lot.funding:
            sums[f.year] = sums.get(f.year, 0) + f.amount
    assert sums == {t.year: t.amount for t in source.declared_totals}
    assert set(sums) <= set(source.years)


def test_the_totals_per_year_are_the_sum_of_the_declared_totals() -> None:
    declared: dict[int, int] = {}
    for source in DATASET.sources:
        for t in source.declared_totals:
            declared[t.year] = declared.get(t.year, 0) + t.amount
    assert {y.year: y.amount for y in DATASET.total_by_year()} == declared


# --- every source's document, archived in the repository ----------------------------


@pytest.mark.parametrize("source", DATASET.sources, ids=lambda s: s.id)
def test_every_source_document_is_archived_with_its_checksum(source: Source) -> None:
    assert source.document, f"source {source.id}: no archived document (document:)"
    path = document_path(source)
    assert path.parent == DATA.parent / "sources" / source.id, (
        f"source {source.id}: the document belongs in sources/{source.id}/"
    )
    assert path.is_file(), f"source {source.id}: {source.document} is not in the repository"
    assert source.document_sha256, f"source {source.id}: no document_sha256"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == source.document_sha256, (
        f"source {source.id}: {source.document} is not the file whose checksum the data records; "
        "an archived document is never edited"
    )
    archive = path.parent / "ARCHIVE.md"
    if archive.is_file():  # the notes beside the document name the same checksum
        assert source.document_sha256 in archive.read_text(encoding="utf-8")


def test_every_lots_source_lines_hold_its_priority_or_problem() -> None:
    for lot in DATASET.lots:
        if not (lot.source.document or "").endswith(".txt"):
            continue
        assert lot.source_lines, lot.id
        lines = document_lines(lot.source.id)
        assert all(1 <= n <= len(lines) for n in lot.source_lines), lot.id
        on_lines = [normal(plain(lines[n - 1])) for n in lot.source_lines]
        problem = lot.problem.kk.removeprefix("[…]").strip()
        phrases = [first_words(lot.priority.kk, 4), first_words(problem, 4)]
        assert any(phrase in line for phrase in phrases for line in on_lines), (
            f"{lot.id}: neither {phrases[0]!r} nor {phrases[1]!r} is on lines {lot.source_lines}"
        )


def test_some_document_is_compared_table_by_table() -> None:
    """The comparisons below never silently run on nothing."""
    assert TABLES, "no source document is a lot table this file knows how to read"


# --- the lots, their columns, indicators and results ---------------------------------


@by_source
def test_totals_are_those_the_document_prints(source: Source) -> None:
    assert {t.year: t.amount for t in source.declared_totals} == printed_totals(source.id)


@by_source
def test_lots_are_the_rows_of_the_document_in_order(source: Source) -> None:
    assert [lot.number for lot in lots_of(source)] == list(rows(source.id))


@by_source
def test_each_lot_has_the_funding_of_its_row(source: Source) -> None:
    for number, row in rows(source.id).items():
        lot = lot_by_number(source, number)
        assert sorted(f.amount for f in lot.funding) == sorted(row.amounts()), f"lot {number}"
        if row.years():
            assert list(lot.years) == row.years(), f"lot {number}"
        else:
            # A row without years: its year is one of the "Итого" row's.
            assert set(lot.years) <= set(printed_totals(source.id)), f"lot {number}"


@by_source
def test_grant_type_and_count_are_those_of_the_row(source: Source) -> None:
    for number, row in rows(source.id).items():
        lot = lot_by_number(source, number)
        count, kind = re.search(r"(\d+) (қысқа|орта|ұзақ) мерзімді грант", row.text).groups()
        assert (lot.grant_type, lot.grant_count) == (GRANT_TYPES[kind], int(count)), f"lot {number}"


@by_source
def test_sector_is_the_one_named_in_the_row(source: Source) -> None:
    for number, row in rows(source.id).items():
        lot = lot_by_number(source, number)
        assert first_words(lot.sector.name.kk, 3) in normal(row.text), f"lot {number}"


@by_source
def test_indicators_match_the_document_in_number_and_order(source: Source) -> None:
    for number, row in rows(source.id).items():
        lot = lot_by_number(source, number)
        assert_same_items([i.text.kk for i in lot.indicators], row.indicators, f"lot {number} indicator")


@by_source
def test_results_match_the_document_in_number_and_order(source: Source) -> None:
    for number, row in rows(source.id).items():
        lot = lot_by_number(source, number)
        assert_same_items([r.kk for r in lot.results], row.results, f"lot {number} result")


def test_targets_are_the_numbers_the_indicators_state() -> None:
    for lot in DATASET.lots:
        for i, indicator in enumerate(lot.indicators, start=1):
            if indicator.target is None:
                continue
            digits = re.sub(r"(?<=\d) (?=\d{3})", "", indicator.text.kk)
            assert re.search(rf"(?<!\d){indicator.target.value:g}(?!\d)", digits), f"{lot.id} indicator {i}"


@by_source
def test_targets_apply_each_year_where_the_document_says_so(source: Source) -> None:
    for number, row in rows(source.id).items():
        assert lot_by_number(source, number).targets_per_year == ("жыл сайын" in row.text), f"lot {number}"


# --- traceability: source_lines ---------------------------------------------------


@by_source
def test_source_lines_are_the_lines_of_the_lots_row(source: Source) -> None:
    lines = document_lines(source.id)
    for number, row in rows(source.id).items():
        lot = lot_by_number(source, number)
        assert list(lot.source_lines) == list(row.lines), f"lot {number}"
        # The first of them is the row's first line, the one with the lot number.
        assert plain(lines[lot.source_lines[0] - 1].split("\t")[0]) == lot.number, lot.id


# --- the defects of a document, kept visible (READING.md) -----------------------------


def test_a_fragment_of_a_text_is_marked_and_noted() -> None:
    """Where part of the problem is lost, the text shows '[…]' and a note on the problem description says why."""
    for lot in DATASET.lots:
        if "[…]" in lot.problem.kk:
            assert "мәселе сипаттама" in notes(lot).lower(), (
                f"{lot.id}: '[…]' in the problem but no note on it"
            )


def test_a_cut_off_indicator_has_no_target_and_is_noted() -> None:
    """An indicator the document cuts off ("- кем.") states no number, and a note says so."""
    for lot in DATASET.lots:
        for indicator in lot.indicators:
            if indicator.text.kk.rstrip().endswith("кем."):
                assert indicator.target is None, lot.id
                assert "үзілген" in notes(lot) and "кем." in notes(lot), lot.id


@by_source
def test_a_row_that_prints_no_year_notes_where_its_year_comes_from(source: Source) -> None:
    for number, row in rows(source.id).items():
        said = "«Итого»" in notes(lot_by_number(source, number))
        assert said == (not row.years()), f"lot {number}"
