"""The history of the data file from git: what each commit changed in the data.

Used for the Changes page, each lot's "last changed" date and the Atom feed.
Each version is read as the raw YAML it holds (``grants.bundle.parse``), never
validated with today's rules, so a new required field or a renamed one does not
rewrite the past. A version is the data file with the lot files it names
(``lots_file``, beside it), each as it was at that commit, so an edit made in
a lot file is a change and moving lots into one is none. Commits that change
no data (comments, formatting, archived documents) are left out; so is a version that is not YAML at all (it was never published). Commit
subjects are never kept: they are written for developers, not for readers.

Without git history (a tarball, a shallow clone) there is none, and the site
says so instead of showing a partial record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grants.bundle import lot_file_names, parse, with_lot_files
from grants.diff import DataDiff, VersionError, compare, git, git_bytes
from grants.validate import DEFAULT_DATA

#: Older commits than this many are left out of the record (and the page says so).
LIMIT = 200


@dataclass(frozen=True, slots=True)
class Change:
    commit: str
    date: dt.datetime
    diff: DataDiff


@dataclass(frozen=True, slots=True)
class History:
    changes: tuple[Change, ...]  # newest first
    unavailable: str | None = None  # why there is no history, when there is none
    truncated: bool = False

    def last_change(self, lot_id: str) -> Change | None:
        return next((c for c in self.changes if lot_id in c.diff.lot_ids), None)


def _objects(repo: Path, specs: list[str]) -> list[str | None]:
    """The object id of each ``commit:path`` in one ``git cat-file --batch-check`` (None where
    it is missing): a lot file unchanged from one commit to the next is the same object, read
    and parsed once."""
    if not specs:
        return []
    raw = git_bytes("cat-file", "--batch-check", cwd=repo, stdin=("\n".join(specs) + "\n").encode())
    ids: list[str | None] = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        oid, kind, *_ = [*line.split(), "", ""]
        ids.append(oid if kind == "blob" else None)  # "<spec> missing"
    return ids


def _blobs(repo: Path, specs: list[str]) -> list[str | None]:
    """The text of each ``commit:path`` (or object id) in one ``git cat-file --batch`` (None
    where it is missing)."""
    if not specs:
        return []
    raw = git_bytes("cat-file", "--batch", cwd=repo, stdin=("\n".join(specs) + "\n").encode())
    out: list[str | None] = []
    position = 0
    for _ in specs:
        end = raw.index(b"\n", position)
        header = raw[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":  # "<spec> missing"
            out.append(None)
            continue
        size = int(header[2])
        out.append(raw[position : position + size].decode("utf-8", errors="replace"))
        position += size + 1
    return out


def _versions(top: Path, relative: str, prefix: str, commits: list[str]) -> list[dict[str, Any] | None]:
    """The raw data at each commit: the data file (``relative``) with the lots of the lot files
    it names (beside it: ``prefix``) as they were at that commit; None where the data file is
    missing or not YAML. Each distinct content of a lot file is read and parsed once."""
    datas = [parse(text) for text in _blobs(top, [f"{sha}:{relative}" for sha in commits])]
    named = [(i, name) for i, data in enumerate(datas) for name in lot_file_names(data)]
    ids = dict(zip(named, _objects(top, [f"{commits[i]}:{prefix}{name}" for i, name in named]), strict=True))
    distinct = sorted({oid for oid in ids.values() if oid is not None})
    parsed = {oid: parse(text) for oid, text in zip(distinct, _blobs(top, distinct), strict=True)}

    def parsed_of(oid: str | None) -> dict[str, Any] | None:
        return parsed.get(oid) if oid is not None else None

    versions: list[dict[str, Any] | None] = []
    for i, data in enumerate(datas):

        def oid_of(name: str, version: int = i) -> str | None:
            return ids.get((version, name))

        versions.append(with_lot_files(data, oid_of, parse=parsed_of) if data is not None else None)
    return versions


def read(data_path: Path = DEFAULT_DATA, *, repo: Path | None = None, limit: int = LIMIT) -> History:
    """The history of ``data_path`` in ``repo`` (by default, the repository the file is in)."""
    data_path = data_path.resolve()
    try:
        top = Path(git("rev-parse", "--show-toplevel", cwd=repo or data_path.parent).strip()).resolve()
    except (VersionError, NotADirectoryError, FileNotFoundError):
        return History((), unavailable="this copy of the site has no git history")
    if not data_path.is_relative_to(top):
        return History((), unavailable="the data file is outside the repository")
    relative = data_path.relative_to(top).as_posix()
    # The data file's folder, which holds it and the lot files it names (``lots_file``).
    folder = data_path.parent.relative_to(top).as_posix()
    prefix = "" if folder == "." else folder + "/"
    try:
        if git("rev-parse", "--is-shallow-repository", cwd=top).strip() == "true":
            return History((), unavailable="this copy of the repository is a shallow clone")
        log = git("log", f"--max-count={limit + 1}", "--format=%H%x1f%cI", "--", folder, cwd=top)
    except VersionError:
        return History((), unavailable="this copy of the site has no git history")
    entries = [line.split("\x1f") for line in log.splitlines() if line]
    if not entries:
        return History((), unavailable="the data file has no committed history yet")
    truncated = len(entries) > limit
    entries = entries[:limit]
    entries.reverse()  # oldest first, so each version is compared with the one before it
    versions = _versions(top, relative, prefix, [sha for sha, _ in entries])
    changes = []
    previous: dict[str, Any] | None = None
    for (sha, date), current in zip(entries, versions, strict=True):
        if current is None:
            continue  # deleted, or not YAML: never published
        diff = compare(previous, current)
        if not diff.empty:
            changes.append(Change(sha, dt.datetime.fromisoformat(date), diff))
        previous = current
    return History(tuple(reversed(changes)), truncated=truncated)
