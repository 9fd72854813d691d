"""Corrections of the source's spelling: every change from the document is recorded and shown.

A lot's Kazakh text copies its document, except where the document certainly lost
a letter or made a typo; each such place is listed in the lot's ``corrections``
(as printed → as corrected) and the lot page shows the list. Two kinds of test:

- on a fictitious fixture, a correction reaches the lot page in every language
  and the lot's JSON download;
- on the real data, what the data declares is checked against its archived
  document: each correction's printed words are in the lot's lines of the
  document, its corrected words are in the lot's text, and with the corrections
  undone every run of three words of the lot's Kazakh text is the document's.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site, parse_html

from grants import Lot, load_dataset
from macros.strings import UI

FIXTURE = Path(__file__).parent / "fixtures" / "fictitious-lifecycle.yaml"
PRINTED, CORRECTED = "шығрылған", "шығарылған"  # fictitious: a letter the "document" lost
WORD = re.compile(r"\w+")


# --- a correction on the lot page, built from a fixture ---------------------------


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory) -> tuple[Path, str]:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    lot = data["lots"][0]
    assert CORRECTED in lot["problem"]["kk"], "the fixture's text holds the corrected word"
    lot["corrections"] = [{"source": PRINTED, "corrected": CORRECTED}]
    folder = tmp_path_factory.mktemp("corrections")
    path = folder / "grants.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(folder / "site", data=path)
    assert result.returncode == 0, result.stderr
    return folder / "site", lot["id"]


@pytest.mark.site
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_correction_shows_on_the_lot_page(corrected_site, lang):
    site, lot_id = corrected_site
    page = site / ("" if lang == "kk" else lang) / "lots" / lot_id / "index.html"
    soup = parse_html(page)
    label = soup.find("dt", string=UI["lot.corrections"].get(lang))
    assert label is not None, f"{lang}: no '{UI['lot.corrections'].get(lang)}' on the lot page"
    shown = label.find_next_sibling("dd")
    assert UI["lot.corrections.intro"].get(lang) in shown.get_text(" ", strip=True)
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in shown.find_all("li")]
    assert items == [f"«{PRINTED}» → «{CORRECTED}»"]
    # The words are Kazakh on every page, so a screen reader reads them as Kazakh.
    assert all(span["lang"] == "kk" for span in shown.find_all("li")[0].find_all("span"))


@pytest.mark.site
def test_a_correction_is_in_the_lots_download(corrected_site):
    site, lot_id = corrected_site
    lot = json.loads((site / "data" / "lots" / f"{lot_id}.json").read_text(encoding="utf-8"))
    assert lot["lot"]["corrections"] == [{"source": PRINTED, "corrected": CORRECTED}]
    everything = json.loads((site / "data" / "grants.json").read_text(encoding="utf-8"))
    assert [x.get("corrections") for x in everything["lots"]] == [lot["lot"]["corrections"]]


# --- the real data against its archived documents ---------------------------------


def plain(line: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", line).split())


def document_path(lot: Lot) -> Path:
    """The archived document of the lot's source: its ``document`` is a path inside data/
    (sources/<source-id>/<file>), or only the file's name inside data/sources/<source-id>/."""
    data = Path(os.environ["GRANTS_DATA"]).parent if os.environ.get("GRANTS_DATA") else ROOT / "data"
    inside = data / lot.source.document
    return inside if inside.is_file() else data / "sources" / lot.source.id / lot.source.document


def cells(lot: Lot) -> list[list[str]]:
    """The words of each table cell on the lot's lines of its archived document."""
    lines = document_path(lot).read_text(encoding="utf-8").split("\n")
    return [WORD.findall(plain(cell)) for n in lot.source_lines for cell in lines[n - 1].split("\t")]


def kazakh_texts(lot: Lot) -> list[tuple[str, str]]:
    """The lot's Kazakh texts taken from the document (not its notes, nor the units of targets,
    which are the project's words), as (where, text)."""
    texts = [("priority", lot.priority.kk), ("problem", lot.problem.kk), ("territory", lot.territory.kk)]
    texts += [(f"indicators[{i}]", x.text.kk) for i, x in enumerate(lot.indicators, 1)]
    texts += [(f"results[{i}]", x.kk) for i, x in enumerate(lot.results, 1)]
    texts += [(f"material_requirements[{i}]", x.kk) for i, x in enumerate(lot.material_requirements, 1)]
    return texts


def ngrams(words: list[str]) -> set[tuple[str, ...]]:
    """The words, word pairs and word triples of a sequence."""
    return {tuple(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}


def known_ngrams(lot: Lot) -> set[tuple[str, ...]]:
    """The document's words, pairs and triples for the lot. A page break cuts a cell (READING.md):
    its text runs on at the start of a cell on a later line, sometimes in the middle of a word,
    so the sequences across the end of one cell and the start of another count too, with the
    two pieces of a cut word joined or not."""
    found = [c for c in cells(lot) if c]
    known: set[tuple[str, ...]] = set()
    for cell in found:
        known |= ngrams(cell)
    for end in found:
        for start in found:
            if end is not start:
                known |= ngrams(end[-2:] + start[:2])
                known |= ngrams([*end[-3:-1], end[-1] + start[0], *start[1:3]])
    return known


def undo(text: str, lot: Lot) -> str:
    for c in lot.corrections:
        text = re.sub(rf"(?<!\w){re.escape(c.corrected)}(?!\w)", c.source, text)
    return text


def real_lots_with_documents() -> list[Lot]:
    return [
        lot
        for lot in load_dataset().lots
        if lot.source.document and lot.source_lines and _is_text(document_path(lot))
    ]


def _is_text(path: Path) -> bool:
    """A text extraction the lot's ``source_lines`` count the lines of (not the PDF or DOCX as
    published, which is archived beside it and cannot be read word by word here)."""
    return path.is_file() and path.suffix.lower() in {".txt", ".md", ".csv", ".tsv"}


def test_every_lot_with_source_lines_has_its_archived_document():
    for lot in load_dataset().lots:
        if lot.source_lines:
            assert lot.source.document, f"{lot.id}: source_lines but its source names no document"
            document = document_path(lot)
            assert document.is_file(), f"{lot.id}: {document.relative_to(ROOT)} is not in the repository"


def test_each_correction_is_on_the_lots_lines_and_in_its_text():
    for lot in real_lots_with_documents():
        found = [c for c in cells(lot) if c]
        # The cells in the document's order, and each cell's end run on into another's start
        # (a page break cuts a cell: READING.md).
        printed = "\n".join(
            [" ".join(c) for c in found]
            + [" ".join(end[-3:] + start[:3]) for end in found for start in found if end is not start]
        )
        ours = "\n".join(text for _, text in kazakh_texts(lot))
        for c in lot.corrections:
            assert c.source != c.corrected, f"{lot.id}: correction {c.source!r} changes nothing"
            assert " ".join(WORD.findall(c.source)) in printed, (
                f"{lot.id}: correction {c.source!r} → {c.corrected!r}: the document does not print "
                f"{c.source!r} on the lot's lines {list(lot.source_lines)}"
            )
            assert re.search(rf"(?<!\w){re.escape(c.corrected)}(?!\w)", ours), (
                f"{lot.id}: correction {c.source!r} → {c.corrected!r}: the lot's Kazakh text has no {c.corrected!r}"
            )


def test_the_kazakh_text_is_the_documents_but_for_the_recorded_corrections():
    """Every run of three neighbouring words (or the whole text, when shorter) of a lot's Kazakh text is printed in
    the document on the lot's lines once the recorded corrections are undone: no change from
    the document goes unrecorded."""
    unexplained = []
    for lot in real_lots_with_documents():
        known = known_ngrams(lot)
        for where, text in kazakh_texts(lot):
            for paragraph in undo(text, lot).split("\n\n"):
                found = WORD.findall(paragraph)
                longest = min(3, len(found))
                unexplained += [
                    f"{lot.id} {where}: {' '.join(gram)!r}"
                    for gram in sorted(g for g in ngrams(found) if len(g) == longest and g not in known)
                ]
    assert not unexplained, (
        "words of the data not printed so in the document, and not in the lot's corrections:\n"
        + "\n".join(unexplained)
    )


def test_the_new_lot_skeleton_leaves_a_corrections_words_to_fill_in():
    """new-lot fills in the lot's own source id; a correction's "source" is the printed words."""
    from grants.importers.skeleton import new_lot

    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    block = new_lot(data, data["sources"][0]["id"], "en").split("\n")
    at = next(i for i, line in enumerate(block) if line.lstrip("# ").startswith("corrections:"))
    fields = [line.lstrip("# -").split("#")[0].strip() for line in block[at + 1 : at + 3]]
    assert fields == ['source: ""', 'corrected: ""']
