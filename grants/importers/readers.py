"""Readers of an official list's table: DOCX (python-docx), XLSX (openpyxl), CSV (csv).

Each gives a :class:`Sheet`: the table's rows as lists of cell texts by grid column
(a merged cell's text in every column it covers, as python-docx gives it; a cell
merged down from the row above is empty), and the
text before the table (where a document prints its title). Nothing is interpreted here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grants.i18n import N_

FORMATS = ("docx", "xlsx", "csv")


class ImportError_(Exception):
    """The file cannot be imported; ``message`` is a message id, ``params`` its values."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass
class Sheet:
    rows: list[list[str]]  # a merged cell's text stands in every column it covers
    before: list[str] = field(default_factory=list)  # paragraphs before the table


def read(path: Path) -> list[Sheet]:
    """Every table of the file at ``path``, by its extension."""
    kind = path.suffix.lower().lstrip(".")
    if not path.is_file():
        raise ImportError_(N_("{file}: there is no such file"), file=path)
    if kind not in FORMATS:
        raise ImportError_(
            N_("{file}: cannot read .{kind} files; give a DOCX, XLSX or CSV file"), file=path, kind=kind
        )
    try:
        return {"docx": read_docx, "xlsx": read_xlsx, "csv": read_csv}[kind](path)
    except ImportError_:
        raise
    except Exception as error:
        name = type(error).__name__
        raise ImportError_(
            N_("{file}: not a valid {kind} file ({error})"), file=path, kind=kind.upper(), error=name
        ) from None


# --- DOCX ------------------------------------------------------------------------------


def _paragraphs_text(cell: Any) -> str:  # a python-docx table cell
    """A Word cell's text: its paragraphs separated by blank lines. Paragraphs of a
    numbered list (Word's automatic numbering, which is not in the text) get their number
    written out, counted from 1 in each run of list paragraphs."""
    parts = []
    number = 0
    for paragraph in cell.paragraphs:
        text = paragraph.text
        p_pr = paragraph._p.pPr
        is_item = p_pr is not None and p_pr.numPr is not None
        number = number + 1 if is_item else 0
        if is_item and text.strip():
            text = f"{number}. {text}"
        parts.append(text)
    return "\n\n".join(parts)


def read_docx(path: Path) -> list[Sheet]:
    import docx
    from docx.table import _Cell

    document = docx.Document(str(path))
    sheets = []
    body = document.element.body
    before: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                before.append(text.strip())
        elif tag == "tbl":
            table = next(t for t in document.tables if t._tbl is child)
            rows = []
            for row in table.rows:
                cells = [""] * row.grid_cols_before
                for tc in row._tr.tc_lst:
                    span = tc.grid_span
                    # A cell merged down from the row above ("continue") repeats no text.
                    text = "" if tc.vMerge == "continue" else _paragraphs_text(_Cell(tc, table))
                    cells.extend([text] * span)
                rows.append(cells)
            sheets.append(Sheet(rows=rows, before=before))
            before = []
    return sheets


# --- XLSX ------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path) -> list[Sheet]:
    import openpyxl

    # Not read_only: merged ranges are only known in a full workbook.
    workbook = openpyxl.load_workbook(str(path), data_only=True)
    sheets = []
    for worksheet in workbook.worksheets:
        rows = [[_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
        for merged in worksheet.merged_cells.ranges:
            # openpyxl keeps a merged range's value in its top-left cell: spread it across
            # the range's first row, as for DOCX; the rows below stay empty.
            r = merged.min_row - 1
            if r < len(rows):
                value = rows[r][merged.min_col - 1]
                for c in range(merged.min_col, merged.max_col):
                    rows[r][c] = value
        while rows and not any(c.strip() for c in rows[-1]):
            rows.pop()
        sheets.append(Sheet(rows=rows))
    workbook.close()
    return sheets


# --- CSV -------------------------------------------------------------------------------


def read_csv(path: Path) -> list[Sheet]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_(
            N_("{file}: the file is not UTF-8 text (byte {position}); save it as CSV UTF-8"),
            file=path,
            position=error.start + 1,
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    return [Sheet(rows=rows)]
