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

Why events, not ``yaml.compose``: on 10,000 lots (benchmarks/bench_data.py) PyYAML's events
are the floor of any reader on this binding, compose costs more before a node is walked, and its
nodes keep no anchors (an unused anchor cannot be told from them). The builder takes each plain
text without a call (``_just_text``) and keeps one string per field name (about 45 MB less).
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any, NoReturn

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

from grants.i18n import N_, Msg
from grants.problems import Problem, char_name, forbidden

try:  # libyaml is optional: the pure-Python parser gives the same result, slower.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

# How YAML 1.1 reads a plain (unquoted) scalar: the same table PyYAML's SafeLoader uses, so
# "2026" is a number, "true" a boolean and "~" nothing. Each rule is listed under the first
# characters it can match (SafeLoader has none for any character).
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = _Loader.yaml_implicit_resolvers  # type: ignore[attr-defined]  # PyYAML's stubs omit it
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
#: The tags whose values are made into something else than text, and SafeLoader's way to make each.
_CONSTRUCT = {
    f"tag:yaml.org,2002:{kind}": getattr(_CONSTRUCTOR, f"construct_yaml_{kind}")
    for kind in ("int", "float", "bool", "null")
}
#: Plain scalars up to this length are remembered once read: keys, numbers, ids.
_SHORT = 40


#: Caps on what one data file may hold. Each is far above what real data needs; together they
#: keep any file, careless or hostile, from costing more than seconds and ~200 MB to check.
#: The first real list holds ~15 KB a lot in three languages, so 10,000 lots would be ~150 MB.
MAX_FILE_BYTES = 256 * 2**20
#: The data nests 7 levels at most (lots → reports → achievements → an achievement → value).
MAX_DEPTH = 20
#: The longest text in the first real list has ~840 characters (a lot's problem, in English);
#: 10,000 is over ten times that, and keeps one pasted document from swelling the search index.
MAX_TEXT = 10_000
#: Problems told per kind; a file with more has one broken pattern repeated, and the rest follow.
MAX_PROBLEMS = 200

#: Characters no text may hold: control characters other than tab, line feed and carriage
#: return (line ends), and the two noncharacters. In the raw file, libyaml refuses them;
#: written as escapes inside double quotes ("\x7f"), they would reach the data.
_FORBIDDEN_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_FORBIDDEN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


class Refused(Exception):
    """The file uses something the data never needs and that could make checking it run away
    (an anchor, an alias, nesting too deep): reading stops here."""

    def __init__(self, line: int, column: int, path: Path_, message: str, item: str | None = None) -> None:
        super().__init__(message)
        self.line, self.column, self.path, self.message, self.item = line, column, path, message, item


@dataclass
class Loaded:
    """Data from one file, the problems met reading it, and the 1-based positions of its values."""

    path: Path
    data: Any
    problems: list[Problem] = field(default_factory=list)
    _text: str | None = field(default=None, repr=False, compare=False)
    #: Paths of keys given twice: the data holds only the first of each.
    repeated: list[Path_] = field(default_factory=list)
    #: Positions found so far (on demand, by ``locate``): of values, and of the keys naming them.
    _positions: dict[Path_, tuple[int, int]] = field(default_factory=dict, init=False, repr=False)
    _keys: dict[Path_, tuple[int, int]] = field(default_factory=dict, init=False, repr=False)
    #: Paths looked for, and those whose direct children were all recorded.
    _looked: set[Path_] = field(default_factory=set, init=False, repr=False)

    @property
    def text(self) -> str | None:
        """The file's text. A valid file's text is not kept once read (its data is); it is
        read again in the rare case a problem found later needs its lines."""
        if self._text is None and self.data is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                self._text = _read_text(self.path)
        return self._text

    def locate(self, paths: Iterable[Path_]) -> None:
        """Find the positions of ``paths``, of every parent and of every direct child, in one
        pass over the text. Only what is asked for is kept, so a file with a million values
        and a few problems costs a few positions, not a million."""
        wanted = {p for p in paths if not self._known(p)}
        if not wanted or self.data is None or self.text is None:
            return
        text = self.text
        if _FORBIDDEN_RAW.search(text):  # read as ``load`` read it, each one replaced
            text = _FORBIDDEN_RAW.sub("\ufffd", text)
        with contextlib.suppress(yaml.YAMLError, Refused):  # it was read once already
            _Locator(wanted, self._positions, self._keys).read(text)
        self._looked |= wanted

    def _known(self, path: Path_) -> bool:
        return path in self._looked or path in self._positions or (bool(path) and path[:-1] in self._looked)

    def scalar_text(self, path: Path_) -> str | None:
        """The value at ``path`` as written in the file (18.000, not 18.0), if it is a plain word."""
        self.locate([path])
        if self.text is None or path not in self._positions:
            return None
        line, col = self._positions[path]
        match = re.match(r"[^\s,\]}#]+", self.line_text(line)[col - 1 :])
        return match.group(0) if match else None

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) of the file as written; '' when there is none."""
        return _line(self.text or "", line)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``; of its key when ``key`` is set; else of the nearest parent."""
        self.locate([path])
        if key and path in self._keys:
            return self._keys[path]
        while path:
            if path in self._positions:
                return self._positions[path]
            path = path[:-1]
        return self._positions.get((), (1, 1))


def _line(text: str, line: int) -> str:
    """Line ``line`` (1-based) of ``text``, without its line end; '' when there is none. Found
    without splitting the text, which may be a whole large file."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)].removesuffix("\r")


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _plain(value: str, cache: dict[str, Any]) -> Any:
    """The value of an unquoted scalar, read as YAML 1.1 reads it."""
    resolvers = _IMPLICIT.get(value[:1])
    if resolvers is None:
        return value  # most texts: no rule starts with their first letter
    if value in cache:
        return cache[value]
    result: Any = value
    for tag, regexp in resolvers:
        if regexp.match(value):
            result = _construct(tag, value)
            break
    if len(value) <= _SHORT:
        cache[value] = result
    return result


#: First characters after which a plain scalar may be read as something else than text.
_TYPED_START = frozenset(_IMPLICIT)


def _just_text(event: ScalarEvent) -> bool:
    """Whether ``event`` is a text that is taken as it is: no anchor or tag, not too long,
    no escaped forbidden character, and (when unquoted) not starting like a number, a yes/no
    word or nothing. Most scalars of a valid file are; the builder takes them without a call
    (checking them one by one cost a third of reading 10,000 lots)."""
    value = event.value
    return (
        event.anchor is None
        and event.tag is None
        and len(value) <= MAX_TEXT
        and (not event.implicit[0] or value[:1] not in _TYPED_START)
        and (event.style != '"' or not _FORBIDDEN_VALUE.search(value))
    )


def _construct(tag: str, value: str) -> Any:
    make = _CONSTRUCT.get(tag)
    if make is None:  # dates, "<<" and "=" stay text: the schema checks their form
        return value
    try:
        return make(ScalarNode(tag, value))
    except (ValueError, yaml.YAMLError):  # "!!int abc": keep what was written
        return value


_OPEN = (MappingStartEvent, SequenceStartEvent)
_CLOSE = (MappingEndEvent, SequenceEndEvent)


def _skip(get: Any, event: Any) -> None:
    """Read past the value that starts with ``event``."""
    if isinstance(event, _OPEN):
        depth = 1
        while depth:
            kind = type(get())
            if kind in _OPEN:
                depth += 1
            elif kind in _CLOSE:
                depth -= 1


class _Locator:
    """Records into ``positions`` and ``keys`` where the values at ``wanted`` stand, with their
    parents and direct children; every other value is read past without noting anything.
    Paths are those of ``_Builder``: a repeated key's second value and a '<<' are not in the data.

    A class, not a closure that calls itself: such a closure and its parser (holding the whole
    text as UTF-8) form a cycle that the paused cycle collector would keep, a copy of the file
    per call until the check ends (65 MB each for 10,000 lots)."""

    def __init__(
        self, wanted: set[Path_], positions: dict[Path_, tuple[int, int]], keys: dict[Path_, tuple[int, int]]
    ) -> None:
        self.wanted, self.positions, self.keys = wanted, positions, keys
        self.prefixes = {p[:i] for p in wanted for i in range(len(p) + 1)}

    def read(self, text: str) -> None:
        parser = _Loader(text)
        self.get = get = parser.get_event
        try:
            get()  # stream start
            if type(get()) is not StreamEndEvent:
                self.walk(get(), ())
        finally:
            parser.dispose()

    def walk(self, event: Any, path: Path_) -> None:
        """``path`` is a parent of a wanted path, or one: record it and look inside."""
        self.positions.setdefault(path, _mark(event.start_mark))
        if len(path) > MAX_DEPTH:
            _skip(self.get, event)
        elif type(event) is MappingStartEvent:
            self.mapping(path)
        elif type(event) is SequenceStartEvent:
            self.sequence(path)

    def mapping(self, path: Path_) -> None:
        get, whole = self.get, path in self.wanted  # a wanted path: note every direct child
        seen: set[str] = set()
        while type(event := get()) is not MappingEndEvent:
            if type(event) is not ScalarEvent:  # a list or mapping as a key: not in the data
                _skip(get, event)
                _skip(get, get())
                continue
            value = get()
            if event.value in seen or event.value == "<<":
                _skip(get, value)
                continue
            seen.add(event.value)
            child = (*path, event.value)
            if whole or child in self.prefixes:
                self.keys.setdefault(child, _mark(event.start_mark))
                self.positions.setdefault(child, _mark(value.start_mark))
            if child in self.prefixes:
                self.walk(value, child)
            else:
                _skip(get, value)

    def sequence(self, path: Path_) -> None:
        get, whole = self.get, path in self.wanted
        index = 0
        while type(event := get()) is not SequenceEndEvent:
            child = (*path, index)
            if whole or child in self.prefixes:
                self.positions.setdefault(child, _mark(event.start_mark))
            if child in self.prefixes:
                self.walk(event, child)
            else:
                _skip(get, event)
            index += 1


class _Builder:
    """Turns the parser's events into dicts, lists and scalars, checking keys and texts as it goes.

    Anchors and aliases are refused where they are met, before anything is expanded: the data
    never needs them, and a few lines of them can stand for gigabytes ("a billion laughs").
    """

    def __init__(self, path: Path, *, raw_marks: list[tuple[int, int, str]] | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.duplicates: list[tuple[Path_, str, Any, bool]] = []
        #: Whether a repeated key was left out of ``duplicates`` (more than MAX_PROBLEMS).
        self.more_duplicates = False
        self.stack: list[str | int] = []
        self.cache: dict[str, Any] = {}
        #: Field names read so far, each kept once.
        self.names: dict[str, str] = {}
        self.get: Any = None
        self.depth = 0
        self.item: str | None = None
        #: (line, column, character) of forbidden characters found in the raw text, which
        #: was read with each replaced: the texts they stand in are named in the problems.
        self.raw_marks = raw_marks or []
        #: (path, start, last line, character) of each forbidden character written as an escape.
        self.escapes: list[tuple[Path_, tuple[int, int], int, str]] = []

    def run(self, source: Any) -> Any:
        """The data of the single document in ``source`` (a text or a binary file); None when
        it holds nothing."""
        parser = _Loader(source)
        self.get = parser.get_event
        try:
            self.get()  # stream start
            event = self.get()
            if isinstance(event, StreamEndEvent):
                return None
            data = self.value(self.get())
            self.get()  # document end
            event = self.get()
            if isinstance(event, DocumentStartEvent):
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    "a second YAML document starts here",
                    event.start_mark,  # type: ignore[arg-type]  # libyaml's Mark, which the stubs keep apart
                )
            return data
        finally:
            parser.dispose()

    # --- values ------------------------------------------------------------
    def value(self, event: Any) -> Any:
        cls = type(event)
        if cls is AliasEvent:
            self.refuse_reference(event, "*")
        if event.anchor is not None:
            self.refuse_reference(event, "&")
        if cls is ScalarEvent:
            return self.scalar(event)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            message = N_(
                "the data is nested more than {depth} levels deep here (lists or fields inside "
                "each other); grant data needs at most 7: check the brackets and the indentation"
            )
            self.refuse(event, Msg(message, depth=MAX_DEPTH), tuple(self.stack[:3]))
        try:
            return self.mapping() if cls is MappingStartEvent else self.sequence()
        finally:
            self.depth -= 1

    def scalar(self, event: ScalarEvent) -> Any:
        value = event.value
        self.check_text(event, value)
        tag = event.tag
        if tag is None or tag == "!":
            result = _plain(value, self.cache) if event.implicit[0] else value
        else:
            # Explicit tags (!!python/object, !custom) are never constructed: data is data.
            result = _construct(tag, value) if tag in _CONSTRUCT else value
        if type(result) is not str and isinstance(result, float) and not math.isfinite(result):
            meaning = Msg(N_("not a number")) if result != result else Msg(N_("infinity"))
            message = N_(
                "{value} is not a number the data can hold (YAML reads it as {meaning}); "
                "write the number in digits, like 100"
            )
            self.problem(event, Msg(message, value=value, meaning=meaning))
            return value
        return result

    def check_text(self, event: ScalarEvent, value: str) -> None:
        """Problems with a text as read: too long, or holding a character no text may hold."""
        if len(value) > MAX_TEXT:
            message = N_(
                "this text has {length} characters; a text may have at most {most} "
                "(the longest in the real data has under 1000): shorten it, or check that nothing "
                "was pasted here by mistake"
            )
            self.problem(event, Msg(message, length=len(value), most=MAX_TEXT))
        if self.raw_marks:
            self.name_raw_marks(event)
        if event.style == '"' and _FORBIDDEN_VALUE.search(value):
            self.escaped_characters(event, value)

    def name_raw_marks(self, event: Any) -> None:
        """Tell the forbidden characters of the raw text that stand inside this scalar."""
        start, end = _mark(event.start_mark), _mark(event.end_mark)
        for mark in [m for m in self.raw_marks if start <= m[:2] < end]:
            self.raw_marks.remove(mark)
            self.problems.append(Problem(self.path, mark[0], mark[1], tuple(self.stack), forbidden(mark[2])))

    def escaped_characters(self, event: Any, value: str) -> None:
        """A forbidden character written as an escape in double quotes ("\x7f"): told once per
        character, at the escape (found in the text by ``load``)."""
        start, end = _mark(event.start_mark), _mark(event.end_mark)
        for char in dict.fromkeys(_FORBIDDEN_VALUE.findall(value)):
            if len(self.escapes) < MAX_PROBLEMS:
                self.escapes.append((tuple(self.stack), start, end[0], char))

    def sequence(self) -> list[Any]:
        result: list[Any] = []
        get, stack, value = self.get, self.stack, self.value
        fast = not self.raw_marks
        while type(event := get()) is not SequenceEndEvent:
            if fast and type(event) is ScalarEvent and _just_text(event):
                result.append(event.value)
                continue
            stack.append(len(result))  # the item's index
            result.append(value(event))
            stack.pop()
        return result

    def mapping(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        get, stack, value, names = self.get, self.stack, self.value, self.names
        fast = not self.raw_marks
        if len(stack) == 2:
            self.item = None
        while type(event := get()) is not MappingEndEvent:
            if type(event) is not ScalarEvent:
                self.not_a_key(event)
                continue
            # Keys stay text: "2026:" and "2026" name the same field for a reader.
            key = event.value
            if not fast or event.anchor is not None or len(key) > MAX_TEXT or event.style == '"':
                self.check_key(event)
            # One string per field name, not one per line: 10,000 lots have 920,000 of them.
            key = names.setdefault(key, key)
            value_event = get()
            if key in result or key == "<<":
                self.left_out(key, event, value_event)
                continue
            if type(value_event) is ScalarEvent:
                if key == "id" and len(stack) == 2:
                    self.item = value_event.value  # the lot, source or sector being read
                if fast and _just_text(value_event):
                    result[key] = value_event.value
                    continue
            stack.append(key)
            result[key] = value(value_event)
            stack.pop()
        return result

    def not_a_key(self, event: Any) -> None:
        """An alias, a list or a mapping where a field name belongs: it and its value are read
        (their problems are told) and left out of the data."""
        if type(event) is AliasEvent:
            self.refuse_reference(event, "*")
        self.problem(event, Msg(N_("a field name must be a plain word, not a list or a mapping")))
        self.value(event)
        self.value(self.get())

    def check_key(self, event: ScalarEvent) -> None:
        if event.anchor is not None:
            self.refuse_reference(event, "&")
        self.check_text(event, event.value)

    def left_out(self, key: str, event: Any, value_event: Any) -> None:
        """A merge key, or a key given twice in one mapping: its value is read (its problems are
        told) and left out of the data."""
        if key == "<<":
            self.problem(event, Msg(N_("YAML merge keys (<<) are not allowed here; write the fields out")))
        elif len(self.duplicates) < MAX_PROBLEMS:
            is_list = type(value_event) is SequenceStartEvent
            self.duplicates.append((tuple(self.stack), key, event.start_mark, is_list))
        else:
            self.more_duplicates = True
        self.value(value_event)

    def refuse_reference(self, event: Any, sign: str) -> NoReturn:
        message = (
            N_(
                "'{sign}{name}' marks an anchor; this file uses no anchors (&name) or aliases (*name), "
                "which can make a few lines stand for gigabytes: write the value out in full, or, if "
                "the '{sign}' belongs to the text, put the whole text in quotes (\"…\")"
            )
            if sign == "&"
            else N_(
                "'{sign}{name}' repeats an anchor; this file uses no anchors (&name) or aliases (*name), "
                "which can make a few lines stand for gigabytes: write the value out in full, or, if "
                "the '{sign}' belongs to the text, put the whole text in quotes (\"…\")"
            )
        )
        self.refuse(event, Msg(message, sign=sign, name=event.anchor), tuple(self.stack))

    def refuse(self, event: Any, message: str, path: Path_) -> NoReturn:
        """Stop reading at ``event``, naming the lot, source or sector being read, if any."""
        item = self.item if len(self.stack) >= 2 else None
        raise Refused(*_mark(event.start_mark), path, message, item)

    # --- problems ----------------------------------------------------------
    def problem(self, event: Any, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.path, *_mark(event.start_mark), tuple(self.stack), message))


def _duplicate_problems(loaded: Loaded, duplicates: list[tuple[Path_, str, Any, bool]]) -> list[Problem]:
    """One problem per repeated key; a run of them in one item is told once, as a missing '- '."""
    by_mapping: dict[Path_, list[tuple[str, Any, bool]]] = {}
    for mapping_path, key, mark, is_list in duplicates:
        by_mapping.setdefault(mapping_path, []).append((key, mark, is_list))
    loaded.locate((*mapping_path, key) for mapping_path, key, _, _ in duplicates)
    problems = []
    for mapping_path, repeats in by_mapping.items():
        if len(repeats) >= 3 and mapping_path and isinstance(mapping_path[-1], int):
            key, mark, _ = repeats[0]
            first = loaded.where((*mapping_path, key), key=True)[0]
            last = loaded.where((*mapping_path, repeats[-1][0]), key=True)[0]
            others = ", ".join(k for k, _, _ in repeats[1:4]) + (", …" if len(repeats) > 4 else "")
            message = N_(
                "'{key}' and {more} more fields from here on ({others}) repeat fields "
                "already given on lines {first}–{last}; if a new item starts here, begin this "
                "line with '- ' like the item above"
            )
            told = Msg(message, key=key, more=len(repeats) - 1, others=others, first=first, last=last)
            problems.append(Problem(loaded.path, *_mark(mark), (*mapping_path, key), told))
            continue
        for key, mark, is_list in repeats:
            first = loaded.where((*mapping_path, key), key=True)[0]
            message = (
                N_(
                    "the field '{key}' appears twice in the same place (first on line {first}); "
                    "keep one '{key}:' and put all its items under it"
                )
                if is_list
                else N_(
                    "the field '{key}' appears twice in the same place (first on line {first}); keep one of them"
                )
            )
            problems.append(
                Problem(loaded.path, *_mark(mark), (*mapping_path, key), Msg(message, key=key, first=first))
            )
    return problems


# --- YAML errors in plain words ------------------------------------------------

_QUOTE_START = re.compile(r"""^\s*(?:-\s+)*(?:[^\s"'#][^:#]*:\s+)?(["'])""")


#: A quoted text from its opening quote to its closing one: in double quotes a backslash escapes
#: the next character, in single quotes '' is a quote. Possessive, so an unclosed quote matches nothing.
_QUOTED = {'"': re.compile(r'"(?:[^"\\]|\\.)*+"', re.DOTALL), "'": re.compile(r"'(?:[^']|'')*+'")}


def line_starts(text: str) -> list[int]:
    """The offset in ``text`` at which each line starts."""
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _quote_trouble(text: str, line: int, col: int) -> tuple[int, int, str] | None:
    """Explain a structure error caused by quotes: one left open, or text after a closing one."""
    lines = text.split("\n")
    offsets = line_starts(text)
    for number in range(1, min(line, len(lines)) + 1):
        match = _QUOTE_START.match(lines[number - 1])
        if not match:
            continue
        quote = match.group(1)
        closed = _QUOTED[quote].match(text, offsets[number - 1] + match.start(1))
        end = closed.end() - 1 if closed else -1
        end_line = text.count("\n", 0, end) + 1 if end >= 0 else len(lines) + 1
        if end_line == number and number == line and end < offsets[number - 1] + col - 1:
            message = N_(
                "this text starts with a quotation mark, so YAML takes the text to end at the next "
                "one and cannot read what follows it; put the whole text in quotes of the other "
                "kind ({other}), or begin it with a word"
            )
            return number, match.start(1) + 1, Msg(message, other='"…"' if quote == "'" else "'…'")
        if end_line > number and (end_line == line or end < 0):
            message = N_(
                "the quotation mark ({quote}) that opens this text is never closed on its line; "
                "add the closing {quote} at the end of the text"
            )
            return number, match.start(1) + 1, Msg(message, quote=quote)
    return None


def _char_at(text: str, line: int, col: int) -> str:
    return _line(text, line)[col - 1 : col] if line >= 1 and col >= 1 else ""


def _yaml_problem(error: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message) telling a maintainer what is wrong with the YAML and how to fix it."""
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    context_mark = getattr(error, "context_mark", None)
    mark = getattr(error, "problem_mark", None) or context_mark
    at = _mark(mark) if mark else (1, 1)
    context_at = _mark(context_mark) if context_mark else None
    if "'\\t'" in problem or "tab" in problem.lower():
        message = N_(
            "a tab character is used here; YAML needs spaces for indentation: replace the tab with spaces"
        )
    elif "a second YAML document" in problem or "expected a single document" in context:
        message = N_(
            "a second YAML document starts here ('---'); the file must be one document: "
            "remove this line (and anything after it that does not belong)"
        )
    elif "invalid Unicode character escape code" in problem:
        return _surrogate_escape(text, *at)
    elif "quoted scalar" in context and context_at and "unknown escape" in problem:
        message = N_(
            "a backslash (\\) inside double quotes must be written twice (\\\\); "
            "or put the whole text in single quotes"
        )
    elif "quoted scalar" in context and context_at:
        message = N_(
            "the quotation mark ({quote}) that opens this text is never closed; add the closing {quote} at the end of the text"
        )
        return *context_at, Msg(message, quote=_char_at(text, *context_at) or '"')
    else:
        return _structure_problem(problem, context, text, at, context_at)
    return *at, Msg(message)


def _surrogate_escape(text: str, line: int, col: int) -> tuple[int, int, str]:
    """An escape in double quotes that writes half of a character pair ("\\ud83d")."""
    row = _line(text, line)
    start = max(row.rfind("\\u", 0, col + 1), row.rfind("\\U", 0, col + 1))
    escape = re.match(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})", row[start:]) if start >= 0 else None
    message = N_(
        "{written} writes half of a character pair (a lone surrogate, as JSON writes half an "
        "emoji), which no text can hold; write the character itself instead of the escape"
    )
    written = escape.group(0) if escape else Msg(N_("the escape"))
    return line, start + 1 if start >= 0 else col, Msg(message, written=written)


def _structure_problem(
    problem: str, context: str, text: str, at: tuple[int, int], context_at: tuple[int, int] | None
) -> tuple[int, int, str]:
    """libyaml's error about the file's structure (indentation, brackets, colons, a first character
    with a meaning in YAML) in plain words."""
    structural = (
        "did not find expected" in problem
        or "expected <block end>" in problem
        or "mapping values are not allowed" in problem
        or "could not find expected ':'" in problem
    )
    explained = _quote_trouble(text, *at) if structural else None
    if explained:
        return explained
    params: dict[str, object] = {}
    if "flow sequence" in context or "flow mapping" in context:
        at = context_at or at
        message = N_(
            "the '{opener}' here is not closed by a '{closer}' on the same line; add it, or put the "
            "text in quotes if the '{opener}' belongs to the text"
        )
        params = {"opener": "[", "closer": "]"} if "sequence" in context else {"opener": "{", "closer": "}"}
    elif "mapping values are not allowed" in problem:
        message = N_(
            "a ':' is in a place YAML does not expect it; if this is a text that contains ': ', put "
            'the whole text in quotes ("…"); otherwise check the indentation of this line'
        )
    elif "could not find expected ':'" in problem:
        at = context_at if "simple key" in context and context_at else at
        message = N_("a field name must be followed by ': ' (a colon and a space); check this line")
    elif "undefined alias" in problem or "anchor" in context or "alias" in context:
        message = N_(
            "a text cannot start with '{sign}' in YAML unless it is quoted; put the whole text in quotes (\"…\")"
        )
        params = {"sign": "*" if "alias" in problem or "alias" in context else "&"}
    elif "defined twice" in problem:
        message = N_("{problem}; give each anchor (&name) a different name")
        params = {"problem": problem}
    elif "cannot start any token" in problem or "tag" in context:
        message = N_(
            "a text cannot start with '{char}' in YAML unless it is quoted; put the whole text in "
            'quotes, like "{char}"'
        )
        params = {"char": _char_at(text, *at) or Msg(N_("this character"))}
    elif structural:
        message = N_(
            "this line does not line up with the lines around it: indent it with the same number "
            "of spaces as the other fields of its item, and begin each list item with '- '"
        )
    else:
        message = N_("the file is not valid YAML here ({detail}); check this line and the one before it")
        params = {"detail": f"{context}, {problem}" if context else problem}
    return *at, Msg(message, **params)


# --- reading a file --------------------------------------------------------------


_UTF16 = Msg(
    N_(
        "the file is saved as UTF-16 (what some editors call 'Unicode'), not UTF-8; open it in your "
        "editor and save it with the encoding UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)"
    )
)


def _not_utf8(raw: bytes) -> tuple[int, int, str] | None:
    """(line, column in characters, message) of the first bytes of ``raw`` that are not UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start
        line = raw.count(b"\n", 0, offset) + 1
        col = len(raw[raw.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", errors="replace")) + 1
        bad = raw[offset : offset + 3]
        if len(bad) >= 2 and bad[0] == 0xED and 0xA0 <= bad[1] <= 0xBF:
            message = N_(
                "the character here is broken: it is half of a character pair (a lone surrogate, "
                "as some programs write an emoji), which no text can hold; delete it and type the "
                "character again"
            )
        else:
            message = N_(
                "the file is not saved as UTF-8 (the character here cannot be read; the file was "
                "probably saved in a Windows code page such as cp1251); open it in your editor and "
                "save it with the encoding UTF-8"
            )
        return line, col, Msg(message)
    return None


_NONBLANK = re.compile(r"\S")
#: Lines a git merge leaves when two versions of the file conflict.
_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7})(?: |\r?$)", re.MULTILINE)
#: Indentation that is not made of spaces: a non-breaking or other Unicode space at a line's start.
_ODD_INDENT = re.compile("^ *([\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])", re.MULTILINE)
#: Those spaces anywhere. Patterns with '^' try every position of the text; these two gates
#: (a substring test, one character class) skip to what they look for, so the patterns run
#: only on the pieces that hold such a character: a third of the scan's time on 10,000 lots.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_MARKERS = ("<<<<<<<", "=======", ">>>>>>>")
#: The forbidden characters and those spaces, in one character class: one pass for both.
_FORBIDDEN_OR_ODD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)


def _pieces(stream: IO[bytes]) -> Iterator[bytes]:
    """The stream's bytes in pieces of about a megabyte, each ending at a line's end (a longer
    line is one piece), so that lines and columns count from a piece's start. A character is
    never cut in two: no byte of a UTF-8 character but the line feed itself is a line feed."""
    held: list[bytes] = []
    while block := stream.read(1 << 20):
        cut = block.rfind(b"\n") + 1
        if cut == 0:
            held.append(block)
            continue
        yield b"".join([*held, block[:cut]])
        held = [block[cut:]]
    yield b"".join(held)


def _scan(path: Path) -> tuple[tuple[int, int, str] | None, list[tuple[int, int, str]], bool, list[Problem]]:
    """Read the file once in pieces, never holding it whole: (an encoding problem, the forbidden
    characters with their line and column, whether the file is blank, problems of layout that
    libyaml would word wrongly: conflict markers and indentation that is not spaces)."""
    marks: list[tuple[int, int, str]] = []
    conflicts: list[int] = []
    layout: list[Problem] = []
    line, blank = 1, True  # the line a piece starts on
    with path.open("rb") as stream:
        head = stream.read(4096)  # UTF-16: its byte-order mark, or a zero byte in every other
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") * 4 > len(head):
            return (1, 1, _UTF16), [], False, []
        stream.seek(0)
        for number, raw in enumerate(_pieces(stream)):
            try:  # the byte-order mark is not a column
                piece = raw.decode("utf-8-sig" if number == 0 else "utf-8")
            except UnicodeDecodeError:
                return _not_utf8(path.read_bytes()), [], False, []
            blank = blank and not _NONBLANK.search(piece.replace("\ufeff", ""))
            odd_space = _forbidden_characters(piece, line, marks)
            if any(marker in piece for marker in _MARKERS):
                conflicts += [line + piece.count("\n", 0, m.start()) for m in _CONFLICT.finditer(piece)]
            if odd_space:
                indented = islice(_ODD_INDENT.finditer(piece), max(0, MAX_PROBLEMS - len(layout)))
                layout += (
                    _odd_indent_problem(path, line + piece.count("\n", 0, m.start()), m) for m in indented
                )
            line += piece.count("\n")
    if conflicts:
        layout.insert(0, _conflict_problem(path, conflicts))
    return None, marks[:MAX_PROBLEMS], blank, layout


def _forbidden_characters(piece: str, line: int, marks: list[tuple[int, int, str]]) -> bool:
    """Add the (line, column, character) of each forbidden character in ``piece``, which starts
    line ``line``, to ``marks`` (up to MAX_PROBLEMS in all); whether ``piece`` holds an odd space.
    One pass finds both."""
    pattern: re.Pattern[str] | None = _FORBIDDEN_OR_ODD if len(marks) < MAX_PROBLEMS else _ODD_SPACE
    odd_space, at = False, 0
    while pattern and (match := pattern.search(piece, at)) is not None:
        at = match.start()
        if _FORBIDDEN_RAW.match(match.group()) is None:  # an odd space: its lines are read by _scan
            odd_space = True
            pattern = _FORBIDDEN_RAW if len(marks) < MAX_PROBLEMS else None
        else:
            column = at - piece.rfind("\n", 0, at)
            marks.append((line + piece.count("\n", 0, at), column, match.group()))
            if len(marks) >= MAX_PROBLEMS:
                pattern = None if odd_space else _ODD_SPACE
        at += 1
    return odd_space


def _odd_indent_problem(path: Path, line: int, match: re.Match[str]) -> Problem:
    message = N_(
        "this line is indented with {char}, which YAML does not count as "
        "indentation (it comes with text copied from Word or a web page); "
        "replace the indentation with ordinary spaces"
    )
    column = match.start(1) - match.start() + 1
    return Problem(path, line, column, (), Msg(message, char=char_name(match.group(1))))


def _conflict_problem(path: Path, conflicts: list[int]) -> Problem:
    """The first of the lines a git merge left, naming the next few."""
    others = ", ".join(str(n) for n in conflicts[1:6]) + (", …" if len(conflicts) > 6 else "")
    message = N_(
        "this line is a git conflict marker: two versions of the file were "
        "merged and both are still in it (markers also on lines {others}); keep "
        "the right lines between '<<<<<<<', '=======' and '>>>>>>>', and delete "
        "the marker lines"
    )
    return Problem(path, conflicts[0], 1, (), Msg(message, others=others))


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
#: What each one-letter escape (\0, \a, \e, …) writes, by PyYAML's own table.
_LETTER_ESCAPES = yaml.scanner.Scanner.ESCAPE_REPLACEMENTS


def _escape_position(loaded: Loaded, start: tuple[int, int], last: int, char: str) -> tuple[int, int]:
    """Where, in the double-quoted text starting at ``start``, ``char`` is written as an escape."""
    for number in range(start[0], last + 1):
        text = loaded.line_text(number)
        offset = start[1] - 1 if number == start[0] else 0
        for match in _ESCAPE.finditer(text, offset):
            code = match.group(1)
            written = chr(int(code[1:], 16)) if len(code) > 1 else _LETTER_ESCAPES.get(code)
            if written == char:
                return number, match.start() + 1
    return start


def load(path: str | Path) -> Loaded:
    """Read ``path``. Problems that stop reading land in ``Loaded.problems``; data may be None."""
    path = Path(path)
    loaded = Loaded(path=path, data=None)
    stopped, marks = _first_pass(path)
    if stopped:
        loaded.problems.extend(stopped)
        return loaded
    builder = _Builder(path, raw_marks=marks)
    try:
        if marks:  # rare: read the text with each forbidden character replaced, to name its text
            loaded._text = _read_text(path)
            data = builder.run(_FORBIDDEN_RAW.sub("\ufffd", loaded._text))
        else:
            with path.open("rb") as stream:  # a valid file is never held whole: its data is
                data = builder.run(stream)
    except Refused as refused:
        loaded.problems.append(
            Problem(path, refused.line, refused.column, refused.path, refused.message, item=refused.item)
        )
        return loaded
    except yaml.YAMLError as error:
        if marks:  # the forbidden characters broke the structure: they are the thing to fix
            loaded.problems += [Problem(path, line, col, (), forbidden(char)) for line, col, char in marks]
        else:
            line, col, message = _yaml_problem(error, _read_text(path))
            loaded.problems.append(Problem(path, line, col, (), message))
        return loaded
    if data is None:
        message = N_(
            "the file holds only comments, no data; it must hold schema_version, currency, "
            "sources, sectors and lots"
        )
        loaded.problems.append(Problem(path, 1, 1, (), Msg(message)))
        return loaded
    loaded.data = data
    _told_while_reading(loaded, builder)
    return loaded


def _first_pass(path: Path) -> tuple[list[Problem], list[tuple[int, int, str]]]:
    """(problems that stop reading, the forbidden characters' line, column and character) from the
    file's size and one pass over its bytes: a folder, a missing or huge file, one not in UTF-8,
    lines libyaml would word wrongly, nothing in it."""

    def stop(line: int, col: int, message: str) -> tuple[list[Problem], list[tuple[int, int, str]]]:
        return [Problem(path, line, col, (), message)], []

    try:
        if path.is_dir():
            return stop(0, 0, Msg(N_("this is a folder, not a data file")))
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = N_(
                "the file has {size} MB; a data file may have at most {most} MB (10,000 lots in "
                "three languages need about 150): check that nothing else was saved into it"
            )
            return stop(0, 0, Msg(message, size=f"{size / 2**20:.0f}", most=MAX_FILE_BYTES // 2**20))
        encoding, marks, blank, layout = _scan(path)
    except FileNotFoundError:
        return stop(0, 0, Msg(N_("the file does not exist")))
    except OSError as error:
        return stop(0, 0, Msg(N_("the file cannot be read: {reason}"), reason=error.strerror))
    if encoding:
        return stop(*encoding)
    if layout:  # libyaml would word these wrongly, or a line late
        return layout, []
    if blank:
        message = N_("the file is empty; it must hold schema_version, currency, sources, sectors and lots")
        return stop(1, 1, Msg(message))
    return [], marks


def _told_while_reading(loaded: Loaded, builder: _Builder) -> None:
    """Add the problems the builder met in a file it read through to ``loaded``."""
    path = loaded.path
    loaded.problems.extend(builder.problems)
    for line, col, char in builder.raw_marks:  # in a comment, or between values
        loaded.problems.append(Problem(path, line, col, (), forbidden(char)))
    for where, start, last, char in builder.escapes:
        line, col = _escape_position(loaded, start, last, char)
        loaded.problems.append(Problem(path, line, col, where, forbidden(char, escaped=True)))
    if builder.duplicates:
        loaded.repeated = [(*mapping_path, key) for mapping_path, key, _, _ in builder.duplicates]
        if builder.more_duplicates:
            loaded.repeated.append(("lots",))  # more were left untold: no total can be trusted
        loaded.problems.extend(_duplicate_problems(loaded, builder.duplicates))
