"""Read the YAML file into plain Python data, remembering where every value stands.

PyYAML's ``safe_load`` forgets line numbers and silently keeps the last of two
equal keys. Maintainers need both: every message names a line, and a duplicate
key is an error. So the file is *composed* into a node tree by libyaml (the C
parser, about nine times faster than the pure one, when it is installed) and
the tree is turned into data here, one pass, recording each value's position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from grants.problems import Problem

try:  # libyaml is optional: the pure-Python loader gives the same result, slower.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass
class Loaded:
    """Data from one file, with the 1-based (line, column) of every value and key."""

    path: Path
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``; of its key when ``key`` is set; else of the nearest parent."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.loaded.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self.loaded.problems.append(
                    Problem(
                        self.loaded.path,
                        *key_pos,
                        path,
                        "a field name must be a plain word, not a list or a mapping",
                    )
                )
                continue
            # Keys stay text: "2026:" and "2026" name the same field for a reader.
            key = key_node.value
            if key == "<<":
                self.loaded.problems.append(
                    Problem(
                        self.loaded.path,
                        *key_pos,
                        path,
                        "YAML merge keys (<<) are not allowed here; write the fields out",
                    )
                )
                continue
            if key in result:
                first = self.loaded.key_positions[(*path, key)]
                self.loaded.problems.append(
                    Problem(
                        self.loaded.path,
                        *key_pos,
                        (*path, key),
                        f"the field '{key}' appears twice in the same place (first on line "
                        f"{first[0]}); keep one of them",
                    )
                )
                continue
            self.loaded.key_positions[(*path, key)] = key_pos
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag in (_INT, _FLOAT, _BOOL, _NULL):
            return self.constructor.construct_object(node)
        # Dates stay text: the schema checks their form, the model parses them.
        if tag in (_STR, _TIMESTAMP):
            return node.value
        # Explicit tags (!!python/object, !custom) are never constructed: data is data.
        return node.value


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _yaml_message(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if "'\\t'" in problem or "tab" in problem.lower():
        return "a tab character is used here; YAML needs spaces for indentation: replace the tab with spaces"
    if "mapping values are not allowed" in problem:
        return (
            "a ':' is in a place YAML does not expect it; if a text contains ': ', put the "
            "whole text in double quotes, otherwise check the indentation of this line"
        )
    if "could not find expected ':'" in problem:
        return "a field name must be followed by ':'; check this line and the one before"
    if "found undefined alias" in problem or "found unknown escape" in problem:
        return f"{problem}; put the text in quotes or remove the '*' or '\\'"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return (
            f"the structure is broken here ({problem}); check that this line is indented "
            "like its neighbours and that every list item starts with '- '"
        )
    if "found unexpected end of stream" in problem or "while scanning a quoted" in (context or ""):
        return "a quoted text is not closed: add the closing quote"
    detail = f"{context}, {problem}" if context else problem
    return f"the file is not valid YAML: {detail}"


def load(path: str | Path) -> Loaded:
    """Read ``path``. Problems that stop reading land in ``Loaded.problems``; data may be None."""
    path = Path(path)
    loaded = Loaded(path=path, data=None)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        loaded.problems.append(Problem(path, 0, 0, (), "the file does not exist"))
        return loaded
    except OSError as error:
        loaded.problems.append(Problem(path, 0, 0, (), f"the file cannot be read: {error.strerror}"))
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _position_of_byte(raw, error.start)
        loaded.problems.append(
            Problem(
                path,
                line,
                col,
                (),
                "the file is not UTF-8 text (a byte here cannot be read); save it as UTF-8 in your editor",
            )
        )
        return loaded
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        loaded.problems.append(
            Problem(
                path,
                1,
                1,
                (),
                "the file is empty; it must hold schema_version, currency, sources, sectors and lots",
            )
        )
        return loaded
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        loaded.problems.append(Problem(path, line, col, (), _yaml_message(error)))
        return loaded
    except yaml.YAMLError as error:  # e.g. several documents in one file
        loaded.problems.append(Problem(path, 1, 1, (), _yaml_message(error)))
        return loaded
    loaded.data = _Builder(loaded).build(node, ())
    return loaded
