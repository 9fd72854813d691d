"""Round trip: the Taraz table, rebuilt as a DOCX and as an XLSX from the archived
document, imports to the lots that data/grants.yaml holds.

The archived document (data/sources/taraz-2026/000_a649211321f9a7a4.txt) is a text
extraction of the table whose rows are cut at every page break; READING.md beside it says
how to read it: which line holds which lot, and which piece of a line is which column
(a piece's tab position is not reliable). ``READING`` below writes that reading down, line
by line; the test checks that every line has as many pieces as the reading gives it, so a
different document cannot be read silently wrong.

From the pieces the test makes two files a maintainer could be given:

* a DOCX with one table row per lot (the pieces of a cell joined again where the page
  break cut them), the issuing body as a row merged across the table, cells 7 and 8
  merged where the document has the territory and the indicators in one cell, and the
  "Итого" row; this is what the akimat's own Word file looks like;
* an XLSX with one row per line of the extraction (a lot's continuation rows have no
  number), as if the extraction had been pasted into a spreadsheet.

Each is imported with ``python -m grants import`` and compared with what data/grants.yaml
says at test time: lots and their numbers, sectors, funding per year, grant type and count,
period, indicator and result counts, "жыл сайын", target numbers, declared totals.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, run_grants

SOURCE_DIR = ROOT / "data" / "sources" / "taraz-2026"
SOURCE_ID = "taraz-2026"

#: READING.md's reading of the document, line by line: the column of each non-empty piece
#: of the line, in order ("7+8": one cell holding the territory and the indicators).
READING: dict[int, list[str]] = {
    8: ["1", "2", "3", "4", "5", "6", "7", "8"],
    11: ["4", "8"],
    14: ["8"],
    15: ["1", "2", "3", "4", "5", "6", "7+8"],
    17: ["2", "3", "4", "8"],
    20: ["8"],
    21: ["1", "2", "3", "4", "5", "6", "7+8"],
    23: ["8"],
    26: ["8"],
    27: ["1", "2", "3", "5", "6", "7", "8"],  # no problem description on this line
    28: ["4"],
    30: ["4"],
    31: ["8"],
    33: ["8"],
    36: ["8"],
    39: ["8"],
    40: ["1", "2", "3", "5", "6", "7", "8"],  # no problem description on this line
    42: ["4", "8"],
}
HEADER_LINE = 3
ISSUER_LINE = 6


def _pieces(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t") if cell.strip()]


def _is_separator(line: str) -> bool:
    return bool(re.fullmatch(r"[-\s]*", line))


def _document_file() -> Path:
    names = [p for p in SOURCE_DIR.iterdir() if p.suffix == ".txt"]
    assert len(names) == 1, names
    return names[0]


def read_document() -> dict:
    """The table of the archived document: header, issuer, lot rows (each a list of lines,
    each line a dict column -> piece), and the totals lines."""
    lines = _document_file().read_text(encoding="utf-8").split("\n")
    header = _pieces(lines[HEADER_LINE - 1])
    assert len(header) == 9, header
    issuer = _pieces(lines[ISSUER_LINE - 1])
    assert len(issuer) == 1, issuer
    lots: list[list[dict[str, str]]] = []
    totals: list[list[str]] = []
    for number, line in enumerate(lines, start=1):
        pieces = _pieces(line)
        if not pieces or _is_separator(line) or number <= ISSUER_LINE:
            continue
        if "Итого" in pieces[0] or totals:
            totals.append(pieces)
            continue
        reading = READING.get(number)
        assert reading is not None, f"line {number} is not in READING: {line[:60]!r}"
        assert len(reading) == len(pieces), (
            f"line {number}: {len(pieces)} pieces, READING gives {len(reading)}"
        )
        if reading[0] == "1":
            lots.append([])
        lots[-1].append(dict(zip(reading, pieces, strict=True)))
    assert set(READING) <= {n for n, line in enumerate(lines, 1) if _pieces(line)}, (
        "READING names an empty line"
    )
    return {"header": header, "issuer": issuer[0], "lots": lots, "totals": totals}


def join_cut(before: str, after: str) -> str:
    """A cell's text cut at a page break, joined again. The extraction closes and reopens
    the cut paragraph ("…бір</p>" / "<p>кешенді…"), so those tags go; a word cut in two
    ("институттарыны" / "н") is joined without a space."""
    before = re.sub(r"</p>\s*$", "", before)
    after = re.sub(r"^\s*<p>", "", after)
    first_word = re.match(r"\w+", after)
    if re.search(r"\w$", before) and first_word and len(first_word.group(0)) <= 2 and after[:1].islower():
        return before + after
    return f"{before} {after}"


def lot_cells(lines: list[dict[str, str]]) -> dict[str, str]:
    """One lot's cells by column ("7+8" kept as one merged cell)."""
    cells: dict[str, str] = {}
    for line in lines:
        for column, piece in line.items():
            key = "7+8" if column == "8" and "7+8" in cells else column
            cells[key] = join_cut(cells[key], piece) if key in cells else piece
    return cells


# --- the two files ---------------------------------------------------------------------


def make_docx(path: Path, document: dict) -> None:
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=0, cols=9)
    row = table.add_row().cells
    for i, text in enumerate(document["header"]):
        row[i].text = text
    row = table.add_row().cells
    row[0].merge(row[8]).text = document["issuer"]
    for lines in document["lots"]:
        cells = lot_cells(lines)
        row = table.add_row().cells
        for column, text in cells.items():
            if column == "7+8":
                row[6].merge(row[7]).text = text
            else:
                row[int(column) - 1].text = text
    for n, pieces in enumerate(document["totals"]):
        row = table.add_row().cells
        if n == 0:
            label, *pieces = pieces
            row[0].merge(row[3]).text = label
        for i, text in enumerate(pieces):
            row[4 + i].text = text
    doc.save(str(path))


def make_xlsx(path: Path, document: dict) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(document["header"])
    sheet.append([document["issuer"]])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=9)
    for lines in document["lots"]:
        for line in lines:
            values = [""] * 9
            merged = False
            for column, text in line.items():
                if column == "7+8":
                    values[6] = text
                    merged = True
                else:
                    values[int(column) - 1] = text
            sheet.append(values)
            if merged:
                sheet.merge_cells(
                    start_row=sheet.max_row, start_column=7, end_row=sheet.max_row, end_column=8
                )
    for n, pieces in enumerate(document["totals"]):
        values = [""] * 9
        if n == 0:
            values[0], *pieces = pieces
        for i, text in enumerate(pieces):
            values[4 + i] = text
        sheet.append(values)
        if n == 0:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4)
    book.save(str(path))


def run_import(table: Path, output: Path, *extra: str, lang: str = "en") -> subprocess.CompletedProcess:
    return run_grants("import", str(table), "--source", SOURCE_ID, "-o", str(output), "--lang", lang, *extra)


def validate(path: Path) -> subprocess.CompletedProcess:
    return run_grants("validate", str(path))


@pytest.fixture(scope="module")
def document() -> dict:
    return read_document()


@pytest.fixture(scope="module")
def expected() -> dict:
    """What data/grants.yaml says about the source, at test time."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {
        "source": next(s for s in data["sources"] if s["id"] == SOURCE_ID),
        "lots": [lot for lot in data["lots"] if lot["source"] == SOURCE_ID],
        "sectors": {s["id"]: s for s in data["sectors"]},
    }


@pytest.fixture(scope="module", params=["docx", "xlsx"])
def imported(request, document, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp(request.param)
    table = folder / f"taraz.{request.param}"
    (make_docx if request.param == "docx" else make_xlsx)(table, document)
    output = folder / "taraz-2026.yaml"
    result = run_import(table, output)
    assert result.returncode == 0, result.stderr
    return {
        "kind": request.param,
        "path": output,
        "data": yaml.safe_load(output.read_text(encoding="utf-8")),
        "report": result.stdout,
    }


def _lots(imported: dict) -> list[dict]:
    return imported["data"]["lots"]


# --- the comparison --------------------------------------------------------------------


def test_the_document_is_read_as_readme_says(document: dict, expected: dict) -> None:
    assert len(document["lots"]) == len(expected["lots"])


def test_same_lots_in_the_same_order(imported: dict, expected: dict) -> None:
    assert [(lot["id"], lot["number"]) for lot in _lots(imported)] == [
        (lot["id"], lot["number"]) for lot in expected["lots"]
    ]


def test_same_sectors(imported: dict, expected: dict) -> None:
    assert [lot["sector"] for lot in _lots(imported)] == [lot["sector"] for lot in expected["lots"]]
    for sector in imported["data"]["sectors"]:
        assert sector["name"]["kk"] == expected["sectors"][sector["id"]]["name"]["kk"]


def test_same_funding_per_year(imported: dict, expected: dict) -> None:
    for ours, theirs in zip(_lots(imported), expected["lots"], strict=True):
        assert ours["funding"] == theirs["funding"], ours["id"]


def test_same_grant_type_count_and_period(imported: dict, expected: dict) -> None:
    for ours, theirs in zip(_lots(imported), expected["lots"], strict=True):
        got = (ours["grant_type"], ours.get("grant_count"), ours["period"])
        assert got == (theirs["grant_type"], theirs.get("grant_count"), theirs["period"]), ours["id"]


def test_same_number_of_indicators_and_results(imported: dict, expected: dict) -> None:
    for ours, theirs in zip(_lots(imported), expected["lots"], strict=True):
        assert len(ours["indicators"]) == len(theirs["indicators"]), ours["id"]
        assert len(ours["results"]) == len(theirs["results"]), ours["id"]
        assert ours.get("targets_per_year", False) == theirs.get("targets_per_year", False), ours["id"]


def test_targets_read_are_those_of_the_data(imported: dict, expected: dict) -> None:
    """Where the importer writes a target, it is the data's; where it writes none, the report says why."""
    written = 0
    for ours, theirs in zip(_lots(imported), expected["lots"], strict=True):
        for i, (a, b) in enumerate(zip(ours["indicators"], theirs["indicators"], strict=True)):
            if "target" in a:
                written += 1
                assert "target" in b, f"{ours['id']} indicator {i + 1}"
                assert (a["target"]["comparison"], a["target"]["value"]) == (
                    b["target"]["comparison"],
                    b["target"]["value"],
                ), f"{ours['id']} indicator {i + 1}"
    assert written >= sum(len(lot["indicators"]) for lot in expected["lots"]) // 2


def test_same_declared_totals_and_years(imported: dict, expected: dict) -> None:
    source = imported["data"]["sources"][0]
    assert source["declared_totals"] == expected["source"]["declared_totals"]
    assert source["years"] == expected["source"]["years"]


def test_defects_become_notes_as_in_the_data(imported: dict, expected: dict) -> None:
    for ours, theirs in zip(_lots(imported), expected["lots"], strict=True):
        our_notes = " ".join(n["kk"] for n in ours.get("notes", []))
        their_notes = " ".join(n["kk"] for n in theirs.get("notes", []))
        if "«Итого»" in our_notes:  # a year taken from the totals row is noted in the data too
            assert "«Итого»" in their_notes, ours["id"]
        cut = [
            i for i, ind in enumerate(ours["indicators"]) if "үзілген" in our_notes and "target" not in ind
        ]
        assert ("үзілген" in our_notes) == ("үзілген" in their_notes), ours["id"]
        if cut:
            assert all("target" not in theirs["indicators"][i] for i in cut), ours["id"]


def test_the_imported_file_validates(imported: dict) -> None:
    result = validate(imported["path"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_report_names_what_needs_a_look(imported: dict) -> None:
    report = imported["report"].splitlines()
    name = str(imported["path"].name)
    # Every line of the report but the last two names the output file and a line in it.
    findings = report[:-2]
    assert findings, imported["report"]
    for line in findings:
        assert re.match(rf".*{re.escape(name)}:\d+: ", line), line
    assert "things to check" in report[-2]
