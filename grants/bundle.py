"""The data as maintainers keep it: ``data/grants.yaml`` and the lot files it lists.

``data/grants.yaml`` stays the entry point (currency, sectors, the list of sources); a
source may keep its lots in a file of their own, named by the source's ``lots_file``
(``lots: lots/taraz-2026.yaml`` relative to ``data/grants.yaml``), so that no file a
maintainer edits grows past what GitHub's web editor can show. A lot file holds one key,
``lots:``, with that source's lots.

:func:`load_bundle` reads them all into one :class:`Bundle`: the data of every file as one
dataset (a file's lots follow those of grants.yaml, in the order of the sources), with the
same interface as :class:`grants.loader.Loaded`, so the validator checks the whole as one.
Each value keeps its own file and position: a problem found in a lot is told at the line of
its own file. Lot ids and addresses do not depend on the file a lot is in.

:class:`Kept` is for a process that reads the data again and again (``mkdocs serve``): it
keeps what was read of each file, and a file whose bytes did not change since is not read
again. At national scale the lots are in a file per source, so a maintainer's edit makes one
lot file (and grants.yaml) be read, not the whole dataset. The rules that look across files
(totals, unique ids, references) still run on the whole (grants/validate.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from grants.i18n import N_, Msg
from grants.loader import Loaded, load
from grants.model import LOTS_FILE
from grants.problems import Problem

Path_ = tuple[str | int, ...]

#: A lot file's name as a source gives it, by the declaration's rule.
_LOTS_FILE = re.compile(LOTS_FILE)


@dataclass
class Bundle:
    """The main file and its lot files, read as one dataset (the ``Loaded`` interface)."""

    main: Loaded
    data: Any
    files: list[Loaded] = field(default_factory=list)  # the lot files, in the order read
    #: For each lot of ``data``: the file it is in, and its index in that file's lots.
    origin: list[tuple[Loaded, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    repeated: list[Path_] = field(default_factory=list)
    #: Each file read with the index its first lot has in ``data`` (the main file's is 0).
    offsets: list[tuple[Loaded, int]] = field(default_factory=list)
    #: The files kept from an earlier reading (``Kept``), when there is one.
    kept: Kept | None = field(default=None, repr=False)
    _last: Loaded | None = field(default=None, repr=False)

    @property
    def path(self) -> Path:
        return self.main.path

    def _split(self, path: Path_) -> tuple[Loaded, Path_]:
        """The file that holds ``path``, and the path inside it."""
        if len(path) >= 2 and path[0] == "lots" and isinstance(path[1], int) and path[1] < len(self.origin):
            loaded, index = self.origin[path[1]]
            return loaded, ("lots", index, *path[2:])
        return self.main, path

    def parts(self) -> list[tuple[Loaded, int]]:
        """Each file and the index of its first lot in the whole, for a check that reads a
        file's own text (look-alike characters): its lot j is lot ``offset + j``."""
        return [(self.main, 0), *self.offsets]

    def file_of(self, path: Path_) -> Path:
        return self._split(path)[0].path

    def locate(self, paths: Iterable[Path_]) -> None:
        by_file: dict[int, tuple[Loaded, list[Path_]]] = {}
        for path in paths:
            loaded, inner = self._split(path)
            by_file.setdefault(id(loaded), (loaded, []))[1].append(inner)
        for loaded, inners in by_file.values():
            loaded.locate(inners)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        loaded, inner = self._split(path)
        self._last = loaded  # ``line_text`` is asked of the line ``where`` just gave
        return loaded.where(inner, key=key)

    def line_text(self, line: int) -> str:
        return (self._last or self.main).line_text(line)

    def scalar_text(self, path: Path_) -> str | None:
        loaded, inner = self._split(path)
        return loaded.scalar_text(inner)

    def relocate(self, problem: Problem) -> Problem:
        """``problem`` told in the file that holds its path (the validator names the main one)."""
        if problem.file != self.main.path or not problem.path:
            return problem
        loaded, _ = self._split(problem.path)
        return problem if loaded is self.main else replace(problem, file=loaded.path)

    def rank(self, problem: Problem) -> tuple[int, int, int]:
        """Sort key: the main file first, then the lot files in order; by line within each."""
        order = {self.main.path: 0} | {f.path: i + 1 for i, f in enumerate(self.files)}
        return order.get(problem.file, 0), problem.line, problem.column


@dataclass
class _Entry:
    digest: bytes  # of the file's bytes, as read
    loaded: Loaded
    lots_valid: bool = False  # each of its lots passed the schema's check of a lot


class Kept:
    """What was read of each data file, kept for the next reading in the same process
    (``mkdocs serve``): a file whose bytes are the same is not read again, and its lots, found
    valid by the schema's check of a lot, are not checked again (``lots_checked``).

    A file's bytes are read and their digest compared each time (50 files of 15 MB in all at
    1,000 lots: some milliseconds), not its modification time, which an editor or a copy may
    keep. What is kept is never changed by its readers (``load_dataset`` builds the model
    without releasing the raw data when it reads through a ``Kept``)."""

    def __init__(self) -> None:
        self.entries: dict[Path, _Entry] = {}

    def load(self, path: Path) -> Loaded:
        try:
            digest = hashlib.blake2b(path.read_bytes()).digest()
        except OSError:  # a folder, a missing or unreadable file: the loader tells which
            self.entries.pop(path, None)
            return load(path)
        entry = self.entries.get(path)
        if entry is None or entry.digest != digest:
            # Read after the digest was taken: a file saved in between is read again next time.
            entry = self.entries[path] = _Entry(digest, load(path))
        return entry.loaded

    def lots_checked(self, loaded: Loaded) -> bool:
        """Whether every lot of ``loaded`` (as kept) passed the schema's check of a lot."""
        entry = self.entries.get(loaded.path)
        return entry is not None and entry.loaded is loaded and entry.lots_valid

    def lots_valid(self, files: Iterable[Loaded]) -> None:
        """Each lot of ``files`` passed the schema's check of a lot."""
        for loaded in files:
            entry = self.entries.get(loaded.path)
            if entry is not None and entry.loaded is loaded:
                entry.lots_valid = True


def parse(text: str | None) -> dict[str, Any] | None:
    """The raw data of a YAML ``text`` (by libyaml, when PyYAML has it); None when there is no
    text, or it is not YAML or not a mapping (a version of the data that was never published).
    For readers of raw versions (``grants diff``, the history, the importer); the validator
    reads files with grants.loader."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if text else None
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def lot_file_names(data: dict[str, Any] | None) -> list[str]:
    """The lot files the raw ``data`` names (those that are safe names), for a reader that
    must fetch them too, such as ``grants diff`` at a git revision."""
    sources = data.get("sources") if data is not None else None
    names = [s.get("lots_file") for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
    return [n for n in names if isinstance(n, str) and _safe(n)]


def with_lot_files(
    data: dict[str, Any],
    read: Callable[[str], str | None],
    parse: Callable[[str | None], dict[str, Any] | None] = parse,
) -> dict[str, Any]:
    """Raw ``data`` with the lots of the lot files it names added, each file's text got from
    ``read(name)`` (None: not there) and read as YAML by ``parse`` (the history passes one that
    looks up a file's contents read already). For readers of raw versions such as ``grants
    diff``; the validator reads lot files with :func:`load_bundle`."""
    lots = list(data["lots"]) if isinstance(data.get("lots"), list) else []
    added = False
    for name in lot_file_names(data):
        parsed = parse(read(name))
        if parsed is not None and isinstance(parsed.get("lots"), list):
            lots += parsed["lots"]
            added = True
    return {**data, "lots": lots} if added else data


def _safe(name: str) -> bool:
    return bool(_LOTS_FILE.match(name)) and ".." not in PurePosixPath(name).parts


def load_bundle(path: str | Path, kept: Kept | None = None) -> Bundle:
    """Read ``path`` and every lot file its sources name; through ``kept``, only those whose bytes
    changed since it last read them."""
    read = kept.load if kept is not None else load
    main = read(Path(path))
    bundle = Bundle(main=main, data=main.data, problems=list(main.problems), repeated=list(main.repeated))
    bundle.kept = kept
    data = main.data
    if not isinstance(data, dict):
        return bundle
    own = data["lots"] if isinstance(data.get("lots"), list) else []
    bundle.origin = [(main, i) for i in range(len(own))]
    merged = list(own)
    sources = data["sources"] if isinstance(data.get("sources"), list) else []
    seen: set[Path] = set()
    for s, source in enumerate(sources):
        name = source.get("lots_file") if isinstance(source, dict) else None
        if not isinstance(name, str):
            continue  # absent, or of the wrong type (the schema tells)
        here = ("sources", s, "lots_file")
        refusal = _refusal(main.path, name, seen)
        if refusal:
            bundle.problems.append(Problem(main.path, *main.where(here), here, refusal))
            continue
        file = Path(main.path).parent / name
        seen.add(file)
        loaded = read(file)
        if loaded.problems and loaded.data is None and not file.exists():
            message = N_(
                "the lot file {name} does not exist (looked for {file}); create it or correct the name"
            )
            bundle.problems.append(
                Problem(main.path, *main.where(here), here, Msg(message, name=name, file=file))
            )
            continue
        _add_lots(bundle, merged, loaded, source.get("id"))
    if len(merged) != len(own):
        bundle.data = {**data, "lots": merged}
    return bundle


def _refusal(main: Path, name: str, seen: set[Path]) -> Msg | None:
    """Why ``name`` cannot be a lot file of the data file ``main``; None when it can."""
    if not _safe(name):
        message = N_(
            "'{name}' cannot be a lot file: give a path inside the data folder, in lowercase "
            "letters, digits, '-', '_' and '/', ending in .yaml (such as lots/taraz-2026.yaml)"
        )
        return Msg(message, name=name)
    file = main.parent / name
    if file.resolve() == main.resolve() or file in seen:
        message = N_(
            "the lot file {name} is already named by another source (or is this file); one file per source"
        )
        return Msg(message, name=name)
    return None


def _add_lots(bundle: Bundle, merged: list[Any], loaded: Loaded, source_id: Any) -> None:
    """Add the lot file ``loaded`` of the source ``source_id`` to ``bundle``: its problems, and its
    lots to ``merged``."""
    bundle.files.append(loaded)
    start = len(merged)
    # The file's own problems, with their paths in the whole (lot j of the file is lot
    # start + j), so that each names the right lot.
    bundle.problems += [replace(p, path=shift(p.path, start)) for p in loaded.problems]
    content = loaded.data
    if content is None and not loaded.problems:
        content = {"lots": []}  # an empty file: no lots yet
    if content is None:
        return
    if not isinstance(content, dict) or set(content) != {"lots"} or not isinstance(content["lots"], list):
        keys = ", ".join(map(str, content)) if isinstance(content, dict) else type(content).__name__
        message = N_("a lot file holds one key, 'lots:', with the list of its source's lots; found {keys}")
        bundle.problems.append(Problem(loaded.path, *loaded.where(()), (), Msg(message, keys=keys)))
        return
    bundle.offsets.append((loaded, start))
    for j, lot in enumerate(content["lots"]):
        bundle.origin.append((loaded, j))
        merged.append(lot)
        if isinstance(lot, dict) and isinstance(lot.get("source"), str) and lot["source"] != source_id:
            message = N_(
                "this file holds the lots of source '{source}' (its lots_file), but this lot "
                "names source '{named}'; move the lot to that source's file or correct it"
            )
            told = Msg(message, source=source_id, named=lot["source"])
            at = loaded.where(("lots", j, "source"))
            bundle.problems.append(Problem(loaded.path, *at, ("lots", start + j, "source"), told))
    bundle.repeated += [shift(p, start) for p in loaded.repeated]


def shift(path: Path_, start: int) -> Path_:
    """A path of a lot file as a path of the whole: its lot j is lot ``start + j``."""
    if len(path) >= 2 and path[0] == "lots" and isinstance(path[1], int):
        return ("lots", start + path[1], *path[2:])
    return path
