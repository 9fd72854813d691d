"""The table model of an official list: its nine columns, recognised by the meaning of
their headers (Kazakh or Russian), and its rows read as lots, headings and totals."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import Enum

from grants.i18n import N_
from grants.importers.text import clean, folded


class Column(Enum):
    """The nine columns of the law's form of a list of lots, in the form's order."""

    NUMBER = 1
    SECTOR = 2
    PRIORITY = 3
    PROBLEM = 4
    FUNDING = 5
    TYPE = 6
    TERRITORY = 7
    TARGETS = 8
    MATERIAL = 9

    @property
    def title(self) -> str:
        """The column's name, a message id (translated when shown)."""
        return COLUMN_TITLES[self]


COLUMN_TITLES = {
    Column.NUMBER: N_("lot number"),
    Column.SECTOR: N_("grant sector"),
    Column.PRIORITY: N_("priority direction"),
    Column.PROBLEM: N_("problem description"),
    Column.FUNDING: N_("funding"),
    Column.TYPE: N_("grant type and period"),
    Column.TERRITORY: N_("territory"),
    Column.TARGETS: N_("target indicators and expected results"),
    Column.MATERIAL: N_("material and technical requirements"),
}

#: What each header says, in Kazakh and Russian (folded: ң→н, қ→к, ү/ұ→у, і→и, …), tried in
#: this order: the material requirements header also speaks of long-term grants and of
#: carrying them out, so it is recognised before the grant type and the territory.
HEADER_WORDS: list[tuple[Column, re.Pattern[str]]] = [
    (Column.MATERIAL, re.compile(r"материал")),
    (Column.TERRITORY, re.compile(r"аума[гк]|территори")),
    (Column.TARGETS, re.compile(r"индикатор|натиже|результат|корсеткиш|показател")),
    (Column.TYPE, re.compile(r"тур[иы]|(?<!\w)вид\w*|(?<!\w)тип\w*|срок")),
    (Column.FUNDING, re.compile(r"каржыланд|финансир|(?<!\w)сома|сумм|объ[её]м|колем")),
    (Column.PROBLEM, re.compile(r"масел|проблем")),
    (Column.PRIORITY, re.compile(r"басым|приоритет")),
    (Column.SECTOR, re.compile(r"сала|сфер|област")),
    (Column.NUMBER, re.compile(r"^\s*(?:№|n|#|р/с|п/п|номер|лот)")),
]

_TOTALS = re.compile(r"^\W*(?:итого|барлыгы|барлыгы|всего|жиыны|total)(?!\w)")
_LOT_NUMBER = re.compile(r"^[0-9][0-9A-Za-z./-]*$")
_KAZAKH_LETTERS = re.compile("[әіңғүұқөһӘІҢҒҮҰҚӨҺ]")


def recognise(cells: list[str]) -> dict[Column, int]:
    """The columns a header row names, each at its first cell; unrecognised cells are left out."""
    found: dict[Column, int] = {}
    for index, raw in enumerate(cells):
        text = folded(clean(raw))
        if not text.strip():
            continue
        for column, pattern in HEADER_WORDS:
            if column not in found and pattern.search(text):
                found[column] = index
                break
    return found


@dataclass
class Part:
    """A cell of a lot: its text as printed (tags and all) and the table row it came from."""

    text: str
    row: int


@dataclass
class LotRow:
    """One lot: the text of each column, possibly gathered from several table rows."""

    row: int  # the table row (1-based) with the lot number
    number: str
    cells: dict[Column, list[Part]] = field(default_factory=dict)
    joined_rows: list[int] = field(default_factory=list)

    def text(self, column: Column) -> str:
        """The column's text, its parts joined. A part that goes on from a row whose text
        ends mid-sentence (a cell cut at a page break) continues the same paragraph: the
        closing and reopening paragraph tags at the cut are dropped. Otherwise the part
        starts a new paragraph."""
        out = ""
        for part in self.cells.get(column, []):
            piece = part.text.strip()
            if not piece:
                continue
            if out:
                if _SENTENCE_END.search(clean(out)):
                    out += "\n\n"
                else:
                    out = _CLOSING.sub("", out) + " "
                    piece = _OPENING.sub("", piece)
            out += piece
        return out


_SENTENCE_END = re.compile(r"[.!?:;»\"”)]$")
_CLOSING = re.compile(r"(?:\s*</(?:p|li|div)>)+\s*$")
_OPENING = re.compile(r"^\s*(?:<(?:p|li|div)(?:\s[^>]*)?>\s*)+")


@dataclass
class Table:
    """A list's table read into lots, with what stood around them."""

    columns: dict[Column, int]
    headers: dict[Column, str]
    language: str  # "kk" or "ru": the language of the headers
    header_row: int
    lots: list[LotRow] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)  # (row, text) spanning the table
    totals: list[tuple[int, str]] = field(default_factory=list)  # (row, text after the label)
    totals_label: str = ""
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, message id)
    by_position: bool = False


def _is_column_numbers(cells: list[str]) -> bool:
    """A row "1 | 2 | 3 | … | 9" under the header, as official forms print."""
    values = [text for text in map(clean, cells) if text]
    return len(values) >= 5 and values == [str(i) for i in range(1, len(values) + 1)]


def _header(rows: list[list[str]], limit: int = 15) -> tuple[int, dict[Column, int], bool] | None:
    """(the header row's index, each column's position, whether by position alone): the first
    row among the first ``limit`` that names at least five of the columns, else a first row
    with one text in each column (a table without a header)."""
    for index, row in enumerate(rows[:limit]):
        found = recognise(row)
        if len(found) >= 5:
            return index, found, False
    if rows and sum(1 for c in rows[0] if c.strip()) == len(Column):
        return 0, {column: column.value - 1 for column in Column}, True
    return None


def read_table(rows: list[list[str]]) -> Table | None:
    """Read ``rows`` (cell texts by grid column) as a list of lots; None when no row is a
    header naming the columns."""
    header = _header(rows)
    if header is None:
        return None
    header_index, columns, by_position = header
    header_cells = rows[header_index]
    headers = {column: clean(header_cells[i]) for column, i in columns.items()}
    language = "kk" if _KAZAKH_LETTERS.search(" ".join(headers.values())) else "ru"
    table = Table(
        columns=columns,
        headers=headers,
        language=language,
        header_row=header_index + 1,
        by_position=by_position,
    )
    number_at = columns.get(Column.NUMBER, 0)
    in_totals = False
    for index in range(header_index + 1, len(rows)):
        cells = rows[index]
        row = index + 1
        texts = [clean(c) for c in cells]
        filled = [t for t in texts if t]
        if not filled:
            continue
        if _is_column_numbers(cells) or len(recognise(cells)) >= 5:
            continue  # the form's column numbers, or the header repeated on a new page
        first = filled[0]
        if _TOTALS.search(folded(first)):
            in_totals = True
            table.totals_label = re.sub(r"\W+$", "", first.split()[0])
            rest = " ".join(_distinct(texts))
            table.totals.append((row, rest[len(first) :].strip() if rest.startswith(first) else rest))
            continue
        number = texts[number_at] if number_at < len(texts) else ""
        number = number.rstrip(".)")
        if number and _LOT_NUMBER.match(number):
            in_totals = False
            lot = LotRow(row=row, number=number)
            table.lots.append(lot)
            _add_cells(lot, cells, columns, row, skip=number_at)
            continue
        if in_totals:
            table.totals.append((row, " ".join(_distinct(texts))))
            continue
        if len(set(filled)) == 1 and (not table.lots or len(filled) >= max(2, len(columns) // 2)):
            # One text across the row (a merged cell): a heading such as the issuing body.
            table.headings.append((row, filled[0]))
            continue
        if table.lots:
            lot = table.lots[-1]
            lot.joined_rows.append(row)
            _add_cells(lot, cells, columns, row, skip=None)
        else:
            table.skipped.append((row, N_("a row before the first lot that is neither a heading nor a lot")))
    return table


def _distinct(texts: list[str]) -> list[str]:
    """The non-empty texts of a row, a merged cell's text once."""
    return [text for text, _ in itertools.groupby(text for text in texts if text)]


def _add_cells(lot: LotRow, cells: list[str], columns: dict[Column, int], row: int, skip: int | None) -> None:
    """Add a row's cells to the lot; a cell merged over two columns (the same text in both,
    as the readers give it) counts for the first of them only."""
    previous = None
    for column, index in sorted(columns.items(), key=lambda item: item[1]):
        text = cells[index] if index < len(cells) else ""
        merged = text == previous
        previous = text
        if index == skip or merged or not text.strip():
            continue
        lot.cells.setdefault(column, []).append(Part(text, row))
