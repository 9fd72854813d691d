"""Read the YAML file into plain Python data, remembering where every value stands.

PyYAML's ``safe_load`` forgets line numbers and silently keeps the last of two
equal keys. Maintainers need both: every message names a line, and a duplicate
key is an error. So the file is read by libyaml (the C parser, when installed;
the pure one otherwise), whose YAML *events* are turned into data here, checking
for repeated keys as it goes; every problem in the YAML itself is found and
worded from libyaml's errors.

Positions are needed only to report a problem, and a valid file has none, so
they are not kept while reading: the first call to ``Loaded.where`` reads the
text once more with libyaml and records the (line, column) of values and keys.
A large valid file thus costs one pass and no memory for positions.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from grants.problems import Problem

try:  # libyaml is optional: the pure-Python parser gives the same result, slower.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"

# How YAML 1.1 reads a plain (unquoted) scalar: the same table PyYAML's
# SafeLoader uses, so "2026" is a number, "true" a boolean and "~" nothing.
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern]]] = _Loader.yaml_implicit_resolvers
_WILDCARD = _IMPLICIT.get(None, [])
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class WholeFloat(float):
    """A number written with a decimal point whose value is whole: "18.000" (a thousands dot).

    JSON Schema, and fastjsonschema's compiled check, count 18.0 as an integer;
    in this file it is a mistake, so such a float says it is not one, and the
    schema check sends it to jsonschema, which words the error.
    """

    __slots__ = ()

    def is_integer(self) -> bool:
        return False


def _construct_float(node: ScalarNode) -> float:
    value = _CONSTRUCTOR.construct_yaml_float(node)
    return WholeFloat(value) if value.is_integer() else value


_CONSTRUCT = {
    _INT: _CONSTRUCTOR.construct_yaml_int,
    _FLOAT: _construct_float,
    _BOOL: _CONSTRUCTOR.construct_yaml_bool,
    _NULL: _CONSTRUCTOR.construct_yaml_null,
}
#: Plain scalars up to this length are remembered once read: keys, numbers, ids.
_SHORT = 40


@dataclass
class Loaded:
    """Data from one file, the problems met reading it, and the 1-based positions of its values."""

    path: Path
    data: Any
    problems: list[Problem] = field(default_factory=list)
    _text: str | None = field(default=None, repr=False, compare=False)
    #: Paths of keys given twice: the data holds only the first of each.
    repeated: list[Path_] = field(default_factory=list)
    _index: tuple[dict, dict] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str | None:
        """The file's text. A valid file's text is not kept once read (its data is); it is
        read again in the rare case a problem found later needs its lines."""
        if self._text is None and self.data is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                self._text = self.path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        return self._text

    @property
    def positions(self) -> dict[Path_, tuple[int, int]]:
        """(line, column) of the value at every path; computed on first use."""
        return self._positions()[0]

    @property
    def key_positions(self) -> dict[Path_, tuple[int, int]]:
        """(line, column) of the key naming every mapping entry; computed on first use."""
        return self._positions()[1]

    def _positions(self) -> tuple[dict, dict]:
        if self._index is None:
            builder = _Builder(self.path, record=True)
            text = self.text
            if text is not None and self.data is not None:
                with contextlib.suppress(yaml.YAMLError):  # it was read once already
                    builder.run(text)
            self._index = (builder.positions, builder.key_positions)
        return self._index

    def scalar_text(self, path: Path_) -> str | None:
        """The value at ``path`` as written in the file (18.000, not 18.0), if it is a plain word."""
        if self.text is None or path not in self.positions:
            return None
        line, col = self.positions[path]
        match = re.match(r"[^\s,\]}#]+", self.line_text(line)[col - 1 :])
        return match.group(0) if match else None

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) of the file as written; '' when there is none."""
        lines = (self.text or "").split("\n")
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``; of its key when ``key`` is set; else of the nearest parent."""
        positions, key_positions = self._positions()
        if key and path in key_positions:
            return key_positions[path]
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), (1, 1))


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _plain(value: str, cache: dict[str, Any]) -> Any:
    """The value of an unquoted scalar, read as YAML 1.1 reads it."""
    resolvers = _IMPLICIT.get(value[0] if value else "")
    if resolvers is None and not _WILDCARD:
        return value  # most texts: no rule starts with their first letter
    if value in cache:
        return cache[value]
    result: Any = value
    for tag, regexp in (resolvers or []) + _WILDCARD:
        if regexp.match(value):
            result = _construct(tag, value)
            break
    if len(value) <= _SHORT:
        cache[value] = result
    return result


def _construct(tag: str, value: str) -> Any:
    make = _CONSTRUCT.get(tag)
    if make is None:  # dates, "<<" and "=" stay text: the schema checks their form
        return value
    try:
        return make(ScalarNode(tag, value))
    except (ValueError, yaml.YAMLError):  # "!!int abc": keep what was written
        return value


class _Builder:
    """Turns the parser's events into dicts, lists and scalars, checking keys as it goes.

    With ``record`` it also notes the position of every value and key, by path.
    """

    def __init__(self, path: Path, *, record: bool = False) -> None:
        self.path = path
        self.record = record
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.duplicates: list[tuple[Path_, str, Any, bool]] = []
        self.stack: list[str | int] = []
        self.anchors: dict[str, tuple[Any, Any, list, list]] = {}
        self.cache: dict[str, Any] = {}
        self.get: Any = None

    def run(self, text: str) -> Any:
        """The data of the single document in ``text``; None when it holds nothing."""
        parser = _Loader(text)
        try:
            self.get = parser.get_event
            self.get()  # stream start
            event = self.get()
            if isinstance(event, StreamEndEvent):
                return None
            data = self.value(self.get())
            self.get()  # document end
            event = self.get()
            if isinstance(event, DocumentStartEvent):
                raise yaml.composer.ComposerError(
                    None, None, "a second YAML document starts here", event.start_mark
                )
            return data
        finally:
            parser.dispose()

    # --- values ------------------------------------------------------------
    def value(self, event: Any) -> Any:
        cls = type(event)
        if self.record:
            self.positions[tuple(self.stack)] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if cls is AliasEvent:
            return self.alias(event)
        anchor = event.anchor
        if anchor is not None:
            return self.anchored(event, anchor)
        if cls is ScalarEvent:
            return self.scalar(event)
        if cls is MappingStartEvent:
            return self.mapping()
        return self.sequence()

    def scalar(self, event: ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            return _plain(event.value, self.cache) if event.implicit[0] else event.value
        # Explicit tags (!!python/object, !custom) are never constructed: data is data.
        return _construct(tag, event.value) if tag in _CONSTRUCT else event.value

    def sequence(self) -> list:
        result: list = []
        get, stack, value = self.get, self.stack, self.value
        index = 0
        while True:
            event = get()
            if type(event) is SequenceEndEvent:
                return result
            stack.append(index)
            result.append(value(event))
            stack.pop()
            index += 1

    def mapping(self) -> dict:
        result: dict = {}
        get, stack, value = self.get, self.stack, self.value
        while True:
            event = get()
            cls = type(event)
            if cls is MappingEndEvent:
                return result
            if cls is ScalarEvent:
                # Keys stay text: "2026:" and "2026" name the same field for a reader.
                key = event.value
                if event.anchor is not None:
                    self.anchors[event.anchor] = (key, key, [], [])
            elif cls is AliasEvent and event.anchor in self.anchors and self.anchors[event.anchor][0]:
                key = self.anchors[event.anchor][0]
            else:
                self.problem(event, "a field name must be a plain word, not a list or a mapping")
                self.discard(event)
                self.discard(get())
                continue
            if key == "<<":
                self.problem(event, "YAML merge keys (<<) are not allowed here; write the fields out")
                self.discard(get())
                continue
            value_event = get()
            if key in result:
                is_list = type(value_event) is SequenceStartEvent
                self.duplicates.append((tuple(stack), key, event.start_mark, is_list))
                self.discard(value_event)
                continue
            stack.append(key)
            if self.record:
                self.key_positions[tuple(stack)] = (event.start_mark.line + 1, event.start_mark.column + 1)
            result[key] = value(value_event)
            stack.pop()

    def discard(self, event: Any) -> None:
        """Read a value that is left out of the data, without noting its positions."""
        record, self.record = self.record, False
        try:
            self.value(event)
        finally:
            self.record = record

    # --- anchors (&name) and aliases (*name) ----------------------------------
    def anchored(self, event: Any, anchor: str) -> Any:
        if anchor in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"the anchor &{anchor} is defined twice", event.start_mark
            )
        here = tuple(self.stack)
        n_pos, n_keys = len(self.positions), len(self.key_positions)
        cls = type(event)
        if cls is ScalarEvent:
            result = self.scalar(event)
        elif cls is MappingStartEvent:
            result = self.mapping()
        else:
            result = self.sequence()
        raw = event.value if cls is ScalarEvent else None
        below = len(here)
        positions = [(p[below:], v) for p, v in islice(self.positions.items(), n_pos, None)]
        keys = [(p[below:], v) for p, v in islice(self.key_positions.items(), n_keys, None)]
        self.anchors[anchor] = (raw, result, positions, keys)
        return result

    def alias(self, event: AliasEvent) -> Any:
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        _, result, positions, keys = self.anchors[event.anchor]
        if self.record:
            here = tuple(self.stack)
            for sub, pos in positions:
                self.positions.setdefault(here + sub, pos)
            for sub, pos in keys:
                self.key_positions.setdefault(here + sub, pos)
        return result

    # --- problems ----------------------------------------------------------
    def problem(self, event: Any, message: str) -> None:
        self.problems.append(Problem(self.path, *_mark(event.start_mark), tuple(self.stack), message))


def _duplicate_problems(loaded: Loaded, duplicates: list[tuple[Path_, str, Any, bool]]) -> list[Problem]:
    """One problem per repeated key; a run of them in one item is told once, as a missing '- '."""
    by_mapping: dict[Path_, list[tuple[str, Any, bool]]] = {}
    for mapping_path, key, mark, is_list in duplicates:
        by_mapping.setdefault(mapping_path, []).append((key, mark, is_list))
    problems = []
    for mapping_path, repeats in by_mapping.items():
        if len(repeats) >= 3 and mapping_path and isinstance(mapping_path[-1], int):
            key, mark, _ = repeats[0]
            first = loaded.where((*mapping_path, key), key=True)[0]
            last = loaded.where((*mapping_path, repeats[-1][0]), key=True)[0]
            others = ", ".join(k for k, _, _ in repeats[1:4]) + (", …" if len(repeats) > 4 else "")
            problems.append(
                Problem(
                    loaded.path,
                    *_mark(mark),
                    (*mapping_path, key),
                    f"'{key}' and {len(repeats) - 1} more fields from here on ({others}) repeat fields "
                    f"already given on lines {first}–{last}; if a new item starts here, begin this line "
                    f"with '- ' like the item above",
                )
            )
            continue
        for key, mark, is_list in repeats:
            first = loaded.where((*mapping_path, key), key=True)[0]
            advice = f"keep one '{key}:' and put all its items under it" if is_list else "keep one of them"
            problems.append(
                Problem(
                    loaded.path,
                    *_mark(mark),
                    (*mapping_path, key),
                    f"the field '{key}' appears twice in the same place (first on line {first}); {advice}",
                )
            )
    return problems


# --- YAML errors in plain words ------------------------------------------------

_QUOTE_START = re.compile(r"""^\s*(?:-\s+)*(?:[^\s"'#][^:#]*:\s+)?(["'])""")


def _closing_quote(text: str, start: int) -> int:
    """Offset of the quote that closes the one at ``start``; -1 when there is none."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for match in re.finditer("\n", text):
        offsets.append(match.end())
    return offsets


def _quote_trouble(text: str, line: int, col: int) -> tuple[int, int, str] | None:
    """Explain a structure error caused by quotes: one left open, or text after a closing one."""
    lines = text.split("\n")
    offsets = _line_offsets(text)
    for number in range(1, min(line, len(lines)) + 1):
        match = _QUOTE_START.match(lines[number - 1])
        if not match:
            continue
        start = offsets[number - 1] + match.start(1)
        end = _closing_quote(text, start)
        end_line = text.count("\n", 0, end) + 1 if end >= 0 else len(lines) + 1
        if end_line == number and number == line and end < offsets[number - 1] + col - 1:
            other = '"…"' if match.group(1) == "'" else "'…'"
            return (
                number,
                match.start(1) + 1,
                "this text starts with a quotation mark, so YAML takes the text to end at the next "
                f"one and cannot read what follows it; put the whole text in quotes of the other kind "
                f"({other}), or begin it with a word",
            )
        if end_line > number and (end_line == line or end < 0):
            quote = match.group(1)
            return (
                number,
                match.start(1) + 1,
                f"the quotation mark ({quote}) that opens this text is never closed on its line; "
                f"add the closing {quote} at the end of the text",
            )
    return None


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def _yaml_problem(error: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message) telling a maintainer what is wrong with the YAML and how to fix it."""
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    line, col = _mark(mark) if mark else (1, 1)
    if "'\\t'" in problem or "tab" in problem.lower():
        return (
            line,
            col,
            "a tab character is used here; YAML needs spaces for indentation: replace the tab with spaces",
        )
    if "a second YAML document" in problem or "expected a single document" in context:
        return (
            line,
            col,
            "a second YAML document starts here ('---'); the file must be one document: "
            "remove this line (and anything after it that does not belong)",
        )
    if "quoted scalar" in context and context_mark is not None:
        quote = _char_at(text, *_mark(context_mark)) or '"'
        if "unknown escape" in problem:
            return (
                line,
                col,
                "a backslash (\\) inside double quotes must be written twice (\\\\); "
                "or put the whole text in single quotes",
            )
        return (
            *_mark(context_mark),
            f"the quotation mark ({quote}) that opens this text is never closed; "
            f"add the closing {quote} at the end of the text",
        )
    structural = (
        "did not find expected" in problem
        or "expected <block end>" in problem
        or "mapping values are not allowed" in problem
        or "could not find expected ':'" in problem
    )
    if structural:
        explained = _quote_trouble(text, line, col)
        if explained:
            return explained
    if "flow sequence" in context or "flow mapping" in context:
        opener = "[" if "sequence" in context else "{"
        closer = "]" if opener == "[" else "}"
        where = _mark(context_mark) if context_mark else (line, col)
        return (
            *where,
            f"the '{opener}' here is not closed by a '{closer}' on the same line; add it, or put the "
            f"text in quotes if the '{opener}' belongs to the text",
        )
    if "mapping values are not allowed" in problem:
        return (
            line,
            col,
            "a ':' is in a place YAML does not expect it; if this is a text that contains ': ', put the "
            'whole text in quotes ("…"); otherwise check the indentation of this line',
        )
    if "could not find expected ':'" in problem:
        where = _mark(context_mark) if "simple key" in context and context_mark else (line, col)
        return (*where, "a field name must be followed by ': ' (a colon and a space); check this line")
    if "undefined alias" in problem or "anchor" in context or "alias" in context:
        sign = "*" if "alias" in problem or "alias" in context else "&"
        return (
            line,
            col,
            f"a text cannot start with '{sign}' in YAML unless it is quoted; put the whole text in quotes (\"…\")",
        )
    if "defined twice" in problem:
        return line, col, f"{problem}; give each anchor (&name) a different name"
    if "cannot start any token" in problem or "tag" in context:
        char = _char_at(text, line, col) or "this character"
        return (
            line,
            col,
            f"a text cannot start with '{char}' in YAML unless it is quoted; put the whole text in "
            f'quotes, like "{char}"',
        )
    if structural:
        return (
            line,
            col,
            "this line does not line up with the lines around it: indent it with the same number of "
            "spaces as the other fields of its item, and begin each list item with '- '",
        )
    detail = f"{context}, {problem}" if context else problem
    return line, col, f"the file is not valid YAML here ({detail}); check this line and the one before it"


# --- reading a file --------------------------------------------------------------


def _not_utf8(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters) of the byte at ``offset``."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def load(path: str | Path) -> Loaded:
    """Read ``path``. Problems that stop reading land in ``Loaded.problems``; data may be None."""
    path = Path(path)
    loaded = Loaded(path=path, data=None)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        loaded.problems.append(Problem(path, 0, 0, (), "the file does not exist"))
        return loaded
    except IsADirectoryError:
        loaded.problems.append(Problem(path, 0, 0, (), "this is a folder, not a data file"))
        return loaded
    except OSError as error:
        loaded.problems.append(Problem(path, 0, 0, (), f"the file cannot be read: {error.strerror}"))
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _not_utf8(raw, error.start)
        loaded.problems.append(
            Problem(
                path,
                line,
                col,
                (),
                "the file is not saved as UTF-8 (the character here cannot be read; the file was probably "
                "saved in a Windows code page such as cp1251); open it in your editor and save it "
                "with the encoding UTF-8",
            )
        )
        return loaded
    del raw
    text = text.removeprefix("\ufeff")
    loaded._text = text
    if not text.strip():
        message = "the file is empty; it must hold schema_version, currency, sources, sectors and lots"
        loaded.problems.append(Problem(path, 1, 1, (), message))
        return loaded
    builder = _Builder(path)
    try:
        data = builder.run(text)
    except yaml.YAMLError as error:
        line, col, message = _yaml_problem(error, text)
        loaded.problems.append(Problem(path, line, col, (), message))
        return loaded
    if data is None:
        message = "the file holds only comments, no data; it must hold schema_version, currency, sources, sectors and lots"
        loaded.problems.append(Problem(path, 1, 1, (), message))
        return loaded
    loaded.data = data
    loaded.problems.extend(builder.problems)
    if not loaded.problems and not builder.duplicates:
        loaded._text = None  # read again only if a later check needs the lines
    if builder.duplicates:
        loaded.repeated = [(*mapping_path, key) for mapping_path, key, _, _ in builder.duplicates]
        loaded.problems.extend(_duplicate_problems(loaded, builder.duplicates))
    return loaded
