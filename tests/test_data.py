"""The real data/grants.yaml says what the source document says.

Where practical the expected values are read from the archived document itself
(../shared/seed/000_a649211321f9a7a4.txt, see READING.md there): its table rows,
their numbered indicators and results, the amounts and the "Итого" row. The
document is a text extraction of a table whose rows are cut at page breaks, so
a row is the line that starts with the lot number plus the lines up to the
next such line, and a cell's text may run on over several of them.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grants import Dataset, Lot, load_dataset

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "grants.yaml"
SEED_FILE = "000_a649211321f9a7a4.txt"

GRANT_TYPES = {"қысқа": "short", "орта": "medium", "ұзақ": "long"}


# --- reading the source document -----------------------------------------------


def plain(line: str) -> str:
    """A line of the document without its HTML tags and runs of spaces and tabs."""
    return " ".join(re.sub(r"<[^>]+>", " ", line).split())


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


class SeedRow:
    """One lot's row of the document: its lines and the text of its columns 5, 6 and 8."""

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
        return [
            int(a.replace(" ", "")) * 1000 for a in re.findall(r"(\d{1,3}(?: \d{3})*) мың теңге", self.text)
        ]


@pytest.fixture(scope="module")
def seed_lines(seed_dir: Path) -> list[str]:
    return (seed_dir / SEED_FILE).read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def seed_rows(seed_lines: list[str]) -> dict[str, SeedRow]:
    """The document's lot rows by lot number, in document order."""
    rows: dict[str, dict[int, str]] = {}
    current: dict[int, str] | None = None
    for number, raw in enumerate(seed_lines, start=1):
        cells = raw.split("\t")
        first = plain(cells[0])
        if first.startswith("Итого"):
            break
        if re.fullmatch(r"\d+", first) and len(cells) > 3:
            current = rows.setdefault(first, {})
        text = plain(raw)
        if current is None or not text or re.fullmatch(r"[-\s]*", text):
            continue
        current[number] = text
    return {number: SeedRow(number, lines) for number, lines in rows.items()}


@pytest.fixture(scope="module")
def seed_totals(seed_lines: list[str]) -> dict[int, int]:
    """The "Итого" row (lines 43–44): total per year, in tenge."""
    text = " ".join(
        plain(line) for line in seed_lines[seed_lines.index(next(s for s in seed_lines if "Итого" in s)) :]
    )
    pairs = re.findall(r"(\d{1,3}(?: \d{3})*) мың тенге (\d{4}) жыл", text)
    return {int(year): int(amount.replace(" ", "")) * 1000 for amount, year in pairs}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DATA)


def lot_by_number(dataset: Dataset, number: str) -> Lot:
    return next(lot for lot in dataset.lots_in_source("taraz-2026") if lot.number == number)


# --- what `python -m grants validate` says ----------------------------------------


def test_the_data_file_validates_and_the_summary_names_5_lots() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "grants", "validate", "data/grants.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # Errors are told on stderr, one line each naming the file; warnings go to stdout.
    assert not [line for line in result.stderr.splitlines() if line.startswith("data/grants.yaml:")]
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("data/grants.yaml: valid: 5 lots, 1 source;")
    assert "2026: 40 000 000 KZT, 2027: 18 000 000 KZT" in summary


# --- money ----------------------------------------------------------------------------


def test_totals_per_year_are_those_the_document_declares(dataset: Dataset, seed_totals: dict) -> None:
    totals = {y.year: y.amount for y in dataset.total_by_year()}
    assert totals == {2026: 40_000_000, 2027: 18_000_000}
    assert totals == seed_totals
    source = dataset.source("taraz-2026")
    assert {t.year: t.amount for t in source.declared_totals} == totals


def test_each_lot_has_the_funding_of_its_row(dataset: Dataset, seed_rows: dict[str, SeedRow]) -> None:
    for number, row in seed_rows.items():
        lot = lot_by_number(dataset, number)
        assert sorted(f.amount for f in lot.funding) == sorted(row.amounts()), f"lot {number}"
        years = [int(y) for y in re.findall(r"(\d{4}) жыл - \d", row.text)]
        if years:  # only lot 1 prints its years; lots 2–5 are 2026 by the totals row
            assert list(lot.years) == years, f"lot {number}"
        else:
            assert lot.years == (2026,), f"lot {number}"


# --- the lots, their columns, indicators and results ---------------------------------


def test_lots_are_the_rows_of_the_document_in_order(dataset: Dataset, seed_rows: dict[str, SeedRow]) -> None:
    assert [lot.number for lot in dataset.lots] == list(seed_rows) == ["1", "2", "3", "4", "5"]


def test_grant_type_and_count_are_those_of_the_row(dataset: Dataset, seed_rows: dict[str, SeedRow]) -> None:
    for number, row in seed_rows.items():
        lot = lot_by_number(dataset, number)
        count, kind = re.search(r"(\d+) (қысқа|орта|ұзақ) мерзімді грант", row.text).groups()
        assert (lot.grant_type, lot.grant_count) == (GRANT_TYPES[kind], int(count)), f"lot {number}"


def test_sector_is_the_one_named_in_the_row(dataset: Dataset, seed_rows: dict[str, SeedRow]) -> None:
    for number, row in seed_rows.items():
        lot = lot_by_number(dataset, number)
        assert first_words(lot.sector.name.kk, 3) in normal(row.text), f"lot {number}"


def test_indicators_match_the_document_in_number_and_order(
    dataset: Dataset, seed_rows: dict[str, SeedRow]
) -> None:
    for number, row in seed_rows.items():
        lot = lot_by_number(dataset, number)
        assert_same_items([i.text.kk for i in lot.indicators], row.indicators, f"lot {number} indicator")
        assert len(lot.indicators) == 2, f"lot {number}"


def test_results_match_the_document_in_number_and_order(
    dataset: Dataset, seed_rows: dict[str, SeedRow]
) -> None:
    counts = {}
    for number, row in seed_rows.items():
        lot = lot_by_number(dataset, number)
        counts[number] = len(row.results)
        assert_same_items([r.kk for r in lot.results], row.results, f"lot {number} result")
    # What a reader counts in column 8 of the document: lot 1 on lines 8–14 (results 1–11),
    # lot 2 on 15–20, lot 3 on 21–26, lot 4 on 27–39, lot 5 on 40–42.
    assert counts == {"1": 11, "2": 7, "3": 10, "4": 9, "5": 8}


def test_targets_are_the_numbers_the_indicators_state(dataset: Dataset) -> None:
    for lot in dataset.lots:
        for i, indicator in enumerate(lot.indicators, start=1):
            if indicator.target is None:
                continue
            digits = re.sub(r"(?<=\d) (?=\d{3})", "", indicator.text.kk)
            assert re.search(rf"(?<!\d){indicator.target.value:g}(?!\d)", digits), f"{lot.id} indicator {i}"


def test_targets_apply_each_year_where_the_document_says_so(
    dataset: Dataset, seed_rows: dict[str, SeedRow]
) -> None:
    for number, row in seed_rows.items():
        assert lot_by_number(dataset, number).targets_per_year == ("жыл сайын" in row.text), f"lot {number}"


# --- traceability: source_lines ---------------------------------------------------


def test_source_lines_are_the_lines_of_the_lots_row(dataset: Dataset, seed_rows: dict[str, SeedRow]) -> None:
    for number, row in seed_rows.items():
        assert list(lot_by_number(dataset, number).source_lines) == list(row.lines), f"lot {number}"


def test_source_lines_hold_the_lots_priority_or_problem(dataset: Dataset, seed_lines: list[str]) -> None:
    for lot in dataset.lots:
        assert lot.source_lines, lot.id
        assert all(1 <= n <= len(seed_lines) for n in lot.source_lines), lot.id
        on_lines = [normal(plain(seed_lines[n - 1])) for n in lot.source_lines]
        problem = lot.problem.kk.removeprefix("[…]").strip()
        phrases = [first_words(lot.priority.kk, 4), first_words(problem, 4)]
        assert any(phrase in line for phrase in phrases for line in on_lines), (
            f"{lot.id}: neither {phrases[0]!r} nor {phrases[1]!r} is on lines {lot.source_lines}"
        )
        # The first of them is the row's first line, the one with the lot number.
        assert plain(seed_lines[lot.source_lines[0] - 1].split("\t")[0]) == lot.number, lot.id


# --- the defects READING.md asks to keep visible ----------------------------------


def notes(lot: Lot) -> str:
    return "\n".join(note.kk for note in lot.notes)


def test_lot_1_notes_its_problem_description_is_a_fragment(dataset: Dataset) -> None:
    lot = lot_by_number(dataset, "1")
    assert "үзінді" in notes(lot)
    assert "[…]" in lot.problem.kk


def test_lot_4_notes_its_cut_off_indicator_which_has_no_target(dataset: Dataset) -> None:
    lot = lot_by_number(dataset, "4")
    assert lot.indicators[0].text.kk.endswith("- кем.")
    assert lot.indicators[0].target is None
    assert "үзілген" in notes(lot) and "кем." in notes(lot)
    assert "Жоғарыда келтірілген деректер" in notes(lot)


def test_lot_5_notes_its_fragment_and_the_russian_words(dataset: Dataset) -> None:
    lot = lot_by_number(dataset, "5")
    assert "үзінді" in notes(lot)
    assert lot.problem.kk.startswith("[…]")
    assert "2026 год" in notes(lot)


def test_lots_2_to_5_note_their_year_comes_from_the_totals_row(dataset: Dataset) -> None:
    for number in ("2", "3", "4", "5"):
        assert "«Итого»" in notes(lot_by_number(dataset, number)), f"lot {number}"
    assert "«Итого»" not in notes(lot_by_number(dataset, "1"))  # lot 1 prints its years
