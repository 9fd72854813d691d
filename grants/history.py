"""The history of the data file from git: what each commit changed.

Used for the Changes page, each lot's "last changed" date and the Atom feed.
Without git history (a tarball, a shallow clone) there is none, and the site
says so instead of showing a partial record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from grants.diff import DataDiff, VersionError, compare, git, load_version
from grants.model import Dataset
from grants.validate import DEFAULT_DATA, ROOT

#: Older commits than this many are left out of the record (and the page says so).
LIMIT = 200


@dataclass(frozen=True, slots=True)
class Change:
    commit: str
    date: dt.datetime
    message: str
    diff: DataDiff


@dataclass(frozen=True, slots=True)
class History:
    changes: tuple[Change, ...]  # newest first
    unavailable: str | None = None  # why there is no history, when there is none
    truncated: bool = False

    def last_change(self, lot_id: str) -> Change | None:
        return next((c for c in self.changes if lot_id in c.diff.lot_ids), None)


def read(data_path: Path = DEFAULT_DATA, *, repo: Path = ROOT, limit: int = LIMIT) -> History:
    data_path, repo = data_path.resolve(), repo.resolve()
    if not data_path.is_relative_to(repo):
        return History((), unavailable="the data file is outside the repository")
    relative = data_path.relative_to(repo).as_posix()
    try:
        if git("rev-parse", "--is-shallow-repository", cwd=repo).strip() == "true":
            return History((), unavailable="this copy of the repository is a shallow clone")
        log = git("log", f"--max-count={limit + 1}", "--format=%H%x1f%cI%x1f%s", "--", relative, cwd=repo)
    except VersionError:
        return History((), unavailable="this copy of the site has no git history")
    entries = [line.split("\x1f") for line in log.splitlines() if line]
    if not entries:
        return History((), unavailable="the data file has no committed history yet")
    truncated = len(entries) > limit
    entries = entries[:limit]
    changes = []
    previous: Dataset | None = None
    # Oldest first, so each version is compared with the one before it.
    for sha, date, message in reversed(entries):
        try:
            current = load_version(sha, data_path, repo)
        except VersionError:
            continue  # a commit whose data did not validate was never published
        if current is None:
            continue
        diff = compare(previous, current)
        if not diff.empty:
            changes.append(Change(sha, dt.datetime.fromisoformat(date), message, diff))
        previous = current
    return History(tuple(reversed(changes)), truncated=truncated)
