"""Put an imported source where the data lives: its lots in ``lots/<id>.yaml`` beside
``grants.yaml``, its record (naming that file in ``lots_file``) at the end of ``sources:``,
and the sectors the data lacks at the end of ``sectors:``.

``grants.yaml`` is edited as text, not loaded and dumped again: a dump would lose the
maintainers' comments, blank lines, quoting and key order. The lines to change are found
with PyYAML's composer (``yaml.compose``), which gives every node its start and end in
the text; everything outside the inserted (or, with ``replace``, swapped) lines stays byte
for byte as it was. Nothing is written here: :func:`place` returns the new texts, and the
command writes them only once the whole validates (``grants.importers.cli``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from grants.bundle import lot_file_names, parse
from grants.i18n import N_, Speaker
from grants.importers import ImportError_, _line_of, about
from grants.importers.build import Finding, Imported
from grants.importers.yamlout import dump


@dataclass
class Placed:
    main: Path  # grants.yaml
    main_text: str  # its new text
    lot_file: Path  # the source's lot file
    lot_name: str  # its name from the data folder, as lots_file gives it
    lot_text: str
    #: The line of each written path: the source's paths ("sources", 0, …) and the new
    #: sectors' in grants.yaml, the lots' in the lot file.
    main_lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    lot_lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    new_sectors: list[tuple[int, dict[str, Any]]] = field(
        default_factory=list
    )  # (index in the import, sector)
    replaced: bool = False  # the source was in the data and is replaced

    def locate(self, path: tuple[Any, ...] | None) -> tuple[Path, int | None]:
        """The file and line that hold ``path`` of the imported data."""
        if path and path[0] == "lots":
            return self.lot_file, _line_of(path, self.lot_lines)
        return self.main, _line_of(path, self.main_lines)


# --- reading grants.yaml's layout ------------------------------------------------------------


def _top(text: str, main: Path) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The top-level keys of ``text``: each key's node and its value's node."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    if not isinstance(root, yaml.MappingNode):
        raise ImportError_(
            N_("{file} cannot be read; run python -m grants validate {file} to see why"), file=main
        )
    return {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}


def _block_list(top: dict[str, Any], key: str, main: Path) -> yaml.SequenceNode:
    node = top.get(key, (None, None))[1]
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise ImportError_(
            N_(
                "{file}: «{key}:» must be a list written one «- » item a line, with at least one item, "
                "for the importer to add to it"
            ),
            file=main,
            key=key,
        )
    return node


def _last(node: yaml.Node) -> yaml.Node:
    """The node written last inside ``node``."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node


def _end(node: yaml.Node) -> int:
    """The line (0-based) after the last line of ``node``; a comment at its end stays above."""
    mark = _last(node).end_mark
    return mark.line if mark.column == 0 else mark.line + 1


def _dash(text: str, node: yaml.Node) -> tuple[int, int]:
    """The line (0-based) and column of the «- » of a block list's item ``node``."""
    index = node.start_mark.index - 1
    while index >= 0 and text[index] in " \t\r\n":
        index -= 1
    if index < 0 or text[index] != "-":  # never seen: an item of a block list follows its dash
        raise ValueError("not an item of a block list")
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)


def _blank_after(lines: list[str], end: int) -> int:
    """``end`` moved past the blank lines that follow it (the file's last line break stays)."""
    limit = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
    while end < limit and not lines[end].strip():
        end += 1
    return end


# --- the texts -------------------------------------------------------------------------------


def _block(
    data: dict[str, Any], key: str, indent: int, before: dict[Any, Any], after: dict[Any, Any]
) -> tuple[list[str], dict[Any, Any]]:
    """The items of ``data[key]`` as lines of a block list whose dashes are at ``indent``, and
    the line (1-based, in these lines) of each path."""
    text, where = dump({key: data[key]}, before=before, after=after)
    lines = text.rstrip("\n").split("\n")[1:]  # without the line «key:»
    shift = indent - 2  # the writer puts a top-level list's dashes at column 2
    if shift > 0:
        lines = [" " * shift + line if line else line for line in lines]
    elif shift < 0:
        lines = [line[-shift:] if line.startswith(" " * -shift) else line.lstrip() for line in lines]
    return lines, {path: line - 1 for path, line in where.items() if path[0] == key and line > 1}


def _subset(comments: dict[Any, Any], key: str, renumber: dict[int, int] | None = None) -> dict[Any, Any]:
    out = {}
    for path, value in comments.items():
        if not path or path[0] != key:
            continue
        if renumber is not None and len(path) >= 2:
            if path[1] not in renumber:
                continue
            path = (key, renumber[path[1]], *path[2:])
        out[path] = value
    return out


def lot_file_text(
    imported: Imported, lot_file: Path, data_dir: Path, table: Path
) -> tuple[str, dict[Any, Any]]:
    """The lot file: the editors' schema line, a few words on what it is, then ``lots:``."""
    say = Speaker(imported.language).say
    schema = os.path.relpath(data_dir / "lots.schema.kk.json", lot_file.parent).replace(os.sep, "/")
    source = imported.data["sources"][0]["id"]
    header = [
        "yaml-language-server: $schema=" + schema,
        "",
        say(
            N_("The lots of the source «{id}»; its record is in grants.yaml (sources, lots_file)."),
            id=source,
        ),
        *about(table, say),
        say(N_("Check the data with: python -m grants validate")),
    ]
    return dump(
        {"lots": imported.data["lots"]},
        header=header,
        before=_subset(imported.before, "lots"),
        after=_subset(imported.after, "lots"),
    )


def _document(imported: Imported, table: Path, data_dir: Path, document: Path | None) -> None:
    """Point the source's ``document`` at the archived file (with its checksum) when the table,
    or the ``document`` given, is in the data folder; else ask for it in the report."""
    source = imported.data["sources"][0]
    archived = document or table
    try:
        relative = archived.resolve().relative_to(data_dir.resolve())
    except ValueError:
        relative = None
    if relative is not None and archived.is_file():
        source["document"] = relative.as_posix()
        source["document_sha256"] = hashlib.sha256(archived.read_bytes()).hexdigest()
        return
    source["document"] = f"sources/{source['id']}/{archived.name}"
    message = N_(
        "the document is not archived in the data folder: put the file as published in "
        "data/sources/{id}/ and write its path here (and its document_sha256)"
    )
    imported.flag(Finding(message, {"id": source["id"]}, path=("sources", 0, "document")))


def existing(main: Path, source_id: str) -> tuple[bool, str | None]:
    """Whether ``grants.yaml`` has a source ``source_id``, and the lot file it names."""
    text = main.read_text(encoding="utf-8")
    top = _top(text, main)
    node = top.get("sources", (None, None))[1]
    if not isinstance(node, yaml.SequenceNode):
        return False, None
    for item in node.value:
        record = _mapping(item)
        if record.get("id") == source_id:
            return True, record.get("lots_file")
    return False, None


def _mapping(node: yaml.Node) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        k.value: v.value
        for k, v in node.value
        if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)
    }


def place(
    imported: Imported,
    main: Path,
    table: Path,
    *,
    replace: bool = False,
    document: Path | None = None,
) -> Placed:
    """The new texts of ``main`` (grants.yaml) and of the source's lot file."""
    raw = main.read_bytes().decode("utf-8")
    # A file saved on Windows keeps its line ends: the new lines get the same ones.
    crlf = "\r\n" in raw
    text = raw.replace("\r\n", "\n") if crlf else raw
    data_dir = main.parent
    source = imported.data["sources"][0]
    source_id = source["id"]
    top = _top(text, main)
    sources = _block_list(top, "sources", main)
    sectors = _block_list(top, "sectors", main)
    # The command has refused a source the data has, and a lot file there, unless ``replace``.
    old = next((item for item in sources.value if _mapping(item).get("id") == source_id), None)
    named = _mapping(old).get("lots_file") if old is not None else None
    # The file a replaced source keeps its lots in, if its name is safe (inside the data folder).
    lot_name = named if named and named in lot_file_names(parse(text)) else f"lots/{source_id}.yaml"
    lot_file = data_dir / lot_name
    _document(imported, table, data_dir, document)
    source["lots_file"] = lot_name
    lines = text.split("\n")

    # The source's record: in place of the old one, else after the last source.
    dash_col = _dash(text, sources.value[0])[1]
    comments = _subset(imported.before, "sources"), _subset(imported.after, "sources")
    record, record_lines = _block(imported.data, "sources", dash_col, *comments)
    if old is not None:
        edits = [(_dash(text, old)[0], _end(old), record, "sources")]
    else:
        edits = [(_end(sources.value[-1]), _end(sources.value[-1]), record, "sources")]
    new, sector_edit, sector_lines = _new_sectors(imported, text, sectors, lot_name)
    edits += sector_edit
    if old is not None:
        edits += _lots_moved_out(top, text, lines, source_id)

    out, placed = _edited(lines, edits)
    main_lines = {p: placed["sources"] + n for p, n in record_lines.items()}
    main_lines |= {p: placed["sectors"] + n for p, n in sector_lines.items()}
    lot_text, lot_lines = lot_file_text(imported, lot_file, data_dir, table)
    return Placed(
        main=main,
        main_text=("\r\n" if crlf else "\n").join(out),
        lot_file=lot_file,
        lot_name=lot_name,
        lot_text=lot_text,
        main_lines=main_lines,
        lot_lines=lot_lines,
        new_sectors=new,
        replaced=old is not None,
    )


#: An edit of grants.yaml's lines: (from, to, the new lines, which block they are).
_Edit = tuple[int, int, list[str], str]


def _new_sectors(
    imported: Imported, text: str, sectors: yaml.SequenceNode, lot_name: str
) -> tuple[list[tuple[int, dict[str, Any]]], list[_Edit], dict[Any, Any]]:
    """The sectors grants.yaml does not have yet, after its last sector: ((index in the import,
    sector) of each, the edit, the line of each path of the import in the new block)."""
    known = {_mapping(item).get("id") for item in sectors.value}
    new = [(k, s) for k, s in enumerate(imported.data["sectors"]) if s["id"] not in known]
    if not new:
        return [], [], {}
    renumber = {k: j for j, (k, _) in enumerate(new)}
    before = _subset(imported.before, "sectors", renumber)
    say = Speaker(imported.language).say
    message = N_(
        "CHECK: a sector the data did not have, from the table: give it a short Latin id "
        "instead of «{id}», here and in the lots that name it ({file})"
    )
    for j, (_, sector) in enumerate(new):
        before.setdefault(("sectors", j), []).append(say(message, id=sector["id"], file=lot_name))
    comments = before, _subset(imported.after, "sectors", renumber)
    dashes = _dash(text, sectors.value[0])[1]
    block, lines = _block({"sectors": [s for _, s in new]}, "sectors", dashes, *comments)
    end = _end(sectors.value[-1])
    # The block numbers the new sectors from 0; the import's paths number all its sectors.
    lines = {("sectors", new[path[1]][0], *path[2:]): n for path, n in lines.items()}
    return new, [(end, end, block, "sectors")], lines


def _lots_moved_out(
    top: dict[str, tuple[yaml.Node, yaml.Node]], text: str, lines: list[str], source_id: str
) -> list[_Edit]:
    """With replace: the source's lots kept in grants.yaml itself go (they are in its lot file now)."""
    lots_node = top.get("lots", (None, None))[1]
    if not isinstance(lots_node, yaml.SequenceNode) or lots_node.flow_style:
        return []
    gone = [item for item in lots_node.value if _mapping(item).get("source") == source_id]
    edits: list[_Edit] = [
        (_dash(text, item)[0], _blank_after(lines, _end(item)), [], "lots") for item in gone
    ]
    if gone and len(gone) == len(lots_node.value):
        key = top["lots"][0]
        at = key.start_mark.line
        line = lines[at]
        colon = key.end_mark.column  # «lots» ends here; «:» follows
        edits.append((at, at + 1, [line[: colon + 1] + " []" + line[colon + 1 :]], "lots"))
    return edits


def _edited(lines: list[str], edits: list[_Edit]) -> tuple[list[str], dict[str, int]]:
    """``lines`` with ``edits`` made, and the line each block of sources or sectors starts on."""
    out: list[str] = []
    at = 0
    placed: dict[str, int] = {}
    for start, end, new_lines, what in sorted(edits, key=lambda e: (e[0], e[1])):
        out += lines[at:start]
        if what in ("sources", "sectors"):
            placed[what] = len(out)  # lines before the block in the new text
        out += new_lines
        at = max(at, end)
    out += lines[at:]
    return out, placed
