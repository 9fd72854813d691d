"""Import an official list of lots from its table (DOCX, XLSX or CSV) into the data's YAML.

``python -m grants import FILE --source ID`` reads the table (``readers``), recognises its
nine columns by their headers (``table``), parses each cell (``parse``), assembles the
source record, sectors and lots with notes where the table is defective (``build``) and
writes them as commented YAML (``yamlout``): by default into the data (``place``: the lots
in ``lots/<id>.yaml``, the record and new sectors inserted into ``grants.yaml`` as text,
written only when the whole validates; ``cli``), or with ``--output`` as one stand-alone
file. What it could not read with certainty is kept as text and listed in a report
(:func:`render_report`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grants import validate
from grants.i18n import N_, Speaker
from grants.importers.build import Builder, Finding, Imported, known_data
from grants.importers.readers import ImportError_, read
from grants.importers.table import read_table
from grants.importers.yamlout import dump

__all__ = ["ImportError_", "Result", "import_table", "render_report"]


@dataclass
class Result:
    imported: Imported
    text: str  # the YAML file's text
    where: dict[tuple[Any, ...], int]  # the line of each path in it
    lots: int


def import_table(
    path: Path,
    source_id: str,
    *,
    year: int | None = None,
    issuer: str | None = None,
    title: str | None = None,
    data: Path | None = None,
    lang: str = "en",
    schema: str = "data/grants.schema.kk.json",
) -> Result:
    """Read the table in ``path`` and make the YAML text of its source and lots."""
    rule = validate.schema()["$defs"]["id"]  # the schema's, as for every other id
    if not re.fullmatch(rule["pattern"], source_id) or len(source_id) > rule["maxLength"]:
        raise ImportError_(
            N_(
                "«{id}» cannot be a source id: use lowercase Latin letters, digits and hyphens, such as taraz-2026"
            ),
            id=source_id,
        )
    for sheet in read(path):
        table = read_table(sheet.rows)
        if table is not None and table.lots:
            break
    else:
        raise ImportError_(
            N_(
                "{file}: no table with the list's columns (№, sector, priority direction, … in Kazakh or Russian) and lots was found"
            ),
            file=path,
        )
    title = title if title is not None else " ".join(sheet.before) or None  # the text above the table
    known = known_data(data)
    imported = Builder(table, source_id, path.name, year, issuer, title, known=known, lang=lang).build()
    say = Speaker(lang).say
    header = ["yaml-language-server: $schema=" + schema, "", *about(path, say)]
    header.append(say(N_("Check the file with: python -m grants validate FILE")))
    text, where = dump(imported.data, header=header, before=imported.before, after=imported.after)
    return Result(imported, text, where, len(imported.data["lots"]))


def about(table: Path, say: Callable[..., str]) -> list[str]:
    """The lines at the top of an imported file that say where it comes from."""
    return [
        say(N_("Imported from {file} by `python -m grants import`."), file=table.name),
        say(N_("Kazakh (kk) is the text as the document prints it; amounts are whole tenge.")),
        say(N_("Lines marked CHECK need a human look; the importer's report lists them too.")),
    ]


def render_report(
    result: Result,
    output: str,
    source_file: Path,
    lang: str,
    locate: Callable[[tuple[Any, ...] | None], tuple[str, int | None]] | None = None,
) -> list[str]:
    """The report's lines: one per finding, naming the file and line it is written at, the
    lot, column and table row. ``locate`` gives the file and line of a path of the data
    (by default: the line in ``output``, the one file written)."""
    speaker = Speaker(lang)
    if locate is None:
        locate = lambda path: (output, _line_of(path, result.where))  # noqa: E731
    placed = [(finding, *locate(finding.path)) for finding in result.imported.findings]
    placed.sort(key=lambda f: (f[1] == output, f[2] or 0))  # another file (grants.yaml) first
    lines = [_line(finding, file, line, speaker) for finding, file, line in placed]
    lots = speaker.plural(
        "{n} lot from {table}", "{n} lots from {table}", result.lots, table=source_file.name
    )
    checks = speaker.plural("{n} thing to check", "{n} things to check", len(placed))
    return [*lines, f"{output}: {lots}; {checks}"]


def _line(finding: Finding, file: str, line: int | None, speaker: Speaker) -> str:
    where = [f"{file}:{line}:" if line else f"{file}:"]
    if finding.lot is not None:
        where.append(speaker.say(N_("lot {number},"), number=finding.lot))
    if finding.column is not None:
        title = speaker.say(finding.column.title)
        where.append(speaker.say(N_("column {n} ({title}),"), n=finding.column.value, title=title))
    if finding.row is not None:
        where.append(speaker.say(N_("table row {row}:"), row=finding.row))
    return " ".join(where) + " " + speaker.say(finding.message, **finding.params)


def _line_of(path: tuple[Any, ...] | None, where: dict[tuple[Any, ...], int]) -> int | None:
    while path:
        if path in where:
            return where[path]
        path = path[:-1]
    return None
