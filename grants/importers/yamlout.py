"""Write data as a commented, readable YAML file, keys in the order of the JSON Schema.

Why not ``yaml.safe_dump`` alone: it cannot write comments, and maintainers who are not
programmers need them (what a value is, what to check). The structure here is written
by this module, from data whose keys the schema names; every *text* is written by
PyYAML's own emitter (which quotes and escapes whatever needs it), or as a ``|-`` block
only when the text is one a block holds unchanged (:func:`_block_safe`). Comments are
made one line, so no data text can add a key, an item or a document.
``tests/test_import_yaml.py`` writes hostile texts and reads them back with PyYAML and with
the project's loader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from grants.problems import escape
from grants.validate import schema

_BREAKS = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]+")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")

Path_ = tuple[str | int, ...]


def _block_safe(text: str) -> bool:
    """Whether ``text`` (several lines) reads back unchanged from a ``|-`` block."""
    if "\n" not in text or _UNPRINTABLE.search(text):
        return False
    if text != text.strip() or text.strip("\n") != text:
        return False
    return all(line == line.rstrip() for line in text.split("\n")) and not text[0].isspace()


def _double_quoted(text: str) -> str:
    """A double-quoted scalar with every character outside the printable set escaped."""
    return '"' + re.sub('[\\\\"\n\t\r]|' + _UNPRINTABLE.pattern, lambda m: escape(m.group()), text) + '"'


def one_line(text: str) -> str:
    """A text as one YAML scalar on one line, quoted where YAML needs it.

    PyYAML's emitter decides the style; a text with a control character or an unusual line
    break (which PyYAML writes raw when it may write Unicode) is written double-quoted with
    those characters escaped instead.
    """
    if "\n" in text or "\r" in text or _UNPRINTABLE.search(text):
        return _double_quoted(text)
    dumped = yaml.safe_dump(text, allow_unicode=True, width=2**31 - 1, default_flow_style=True)
    for end in ("\n...\n", "\n"):
        if dumped.endswith(end):
            dumped = dumped[: -len(end)]
            break
    if "\n" in dumped:  # never seen: PyYAML folds only past ``width``; refuse rather than guess
        raise ValueError(f"cannot write {text!r} on one line")
    return dumped


def comment(text: str) -> str:
    """A comment's text on one line: line breaks of every kind become spaces."""
    return " ".join(_UNPRINTABLE.sub(" ", _BREAKS.sub(" ", str(text))).split())


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A schema ``node`` with its ``$ref`` (a ``$defs`` entry of ``schema``) put in its place."""
    while "$ref" in node:
        target = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


class Writer:
    """Writes one document; ``where`` gives the line of every path written."""

    def __init__(
        self, *, before: dict[Path_, list[str]] | None = None, after: dict[Path_, str] | None = None
    ) -> None:
        self.schema = schema()  # the published schema, read once; never changed here
        self.before = before or {}
        self.after = after or {}
        self.lines: list[str] = []
        self.where: dict[Path_, int] = {}

    def _part(self, node: dict[str, Any] | None, part: str) -> dict[str, Any]:
        """The ``properties`` or ``items`` of a schema ``node``."""
        found: dict[str, Any] = resolve(self.schema, node or {}).get(part, {})
        return found

    # --- writing ------------------------------------------------------------------------

    def _comments_before(self, path: Path_, indent: int) -> None:
        for text in self.before.get(path, []):
            self.lines.append(" " * indent + "# " + comment(text) if text else "")

    def _tail(self, path: Path_) -> str:
        text = self.after.get(path)
        return f"  # {comment(text)}" if text else ""

    def document(self, data: dict[str, Any], header: Sequence[str] = ()) -> str:
        for text in header:
            self.lines.append("# " + comment(text) if text else "#")
        self._mapping(data, self.schema, 0, ())
        return "\n".join(self.lines) + "\n"

    def _mapping(
        self,
        value: dict[str, Any],
        node: dict[str, Any] | None,
        indent: int,
        path: Path_,
        first: str | None = None,
    ) -> None:
        """``value``'s keys in the schema's order, then any other; at the top of the document, a
        blank line before each list or mapping."""
        props = self._part(node, "properties")
        keys = [k for k in props if k in value] + [k for k in value if k not in props]
        for n, key in enumerate(keys):
            if n and not path and isinstance(value[key], list | dict) and value[key]:
                self.lines.append("")
            prefix = (first if n == 0 and first is not None else " " * indent) + key + ":"
            self._entry(prefix, value[key], props.get(key), indent, (*path, key))

    def _entry(self, prefix: str, value: Any, node: dict[str, Any] | None, indent: int, path: Path_) -> None:
        if not prefix.lstrip().startswith("- "):
            self._comments_before(path, indent)
        self.where[path] = len(self.lines) + 1
        tail = self._tail(path)
        if isinstance(value, dict):
            if not value:
                self.lines.append(f"{prefix} {{}}{tail}")
                return
            self.lines.append(prefix + tail)
            self._mapping(value, node, indent + 2, path)
        elif isinstance(value, list):
            if not value:
                self.lines.append(f"{prefix} []{tail}")
            elif all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
                self.lines.append(f"{prefix} [{', '.join(_number(v) for v in value)}]{tail}")
            else:
                self.lines.append(prefix + tail)
                item_node = self._part(node, "items")
                for i, item in enumerate(value):
                    if i and len(path) == 1 and isinstance(item, dict) and len(item) > 4:
                        self.lines.append("")  # a blank line between lots, as maintainers write them
                    self._comments_before((*path, i), indent + 2)
                    self.where[(*path, i)] = len(self.lines) + 1
                    dash = " " * (indent + 2) + "- "
                    if isinstance(item, dict) and item:
                        self._mapping(item, item_node, indent + 4, (*path, i), dash)
                    else:
                        self._entry(dash.rstrip(), item, item_node, indent + 2, (*path, i))
        else:
            self._scalar(prefix, value, indent, tail)

    def _scalar(self, prefix: str, value: Any, indent: int, tail: str) -> None:
        if isinstance(value, str):
            if _block_safe(value):
                self.lines.append(f"{prefix} |-{tail}")
                pad = " " * (indent + 2)
                self.lines.extend(pad + line if line else "" for line in value.split("\n"))
                return
            self.lines.append(f"{prefix} {one_line(value)}{tail}")
        elif value is None:
            self.lines.append(f"{prefix} null{tail}")
        elif isinstance(value, bool):
            self.lines.append(f"{prefix} {'true' if value else 'false'}{tail}")
        elif isinstance(value, int | float):
            self.lines.append(f"{prefix} {_number(value)}{tail}")
        else:
            raise TypeError(f"cannot write {type(value).__name__} values")


def _number(value: int | float) -> str:
    if isinstance(value, float):
        return (
            one_line(str(value)) if value != value or value in (float("inf"), float("-inf")) else repr(value)
        )
    return str(value)


def dump(
    data: dict[str, Any],
    *,
    header: Sequence[str] = (),
    before: dict[Path_, list[str]] | None = None,
    after: dict[Path_, str] | None = None,
) -> tuple[str, dict[Path_, int]]:
    """``data`` as YAML text, and the line where each path is written."""
    writer = Writer(before=before, after=after)
    text = writer.document(data, header)
    return text, writer.where
