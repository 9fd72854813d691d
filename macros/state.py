"""What one build knows of the data: read, validated, exported and its history
read once, then handed to every language's build (``macros.plugin``).

Plain Python (no MkDocs import): ``BuildData`` is held by the plugin instance
that owns the build, never by this module.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from grants import Dataset, export, load_dataset, sources
from grants.bundle import Kept
from grants.history import Change, History
from grants.history import read as read_history
from grants.model import Lot
from grants.translations import Coverage, counts, coverage_of
from macros import pages

#: A file's path, modification time and size (None, None: missing).
FileKey = tuple[str, int | None, int | None]


def build_date() -> dt.date:
    """Today, or ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def file_key(path: Path) -> FileKey:
    """Changes whenever the file does: its path, modification time and size."""
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def data_key(path: Path) -> tuple[FileKey, ...]:
    """Changes whenever the data does: the entry file, or any YAML file beside or below it
    (a source's ``lots_file``, such as ``lots/<source-id>.yaml``)."""
    others = sorted(p for p in path.parent.rglob("*.yaml") if p != path)
    return tuple(file_key(p) for p in (path, *others))


def commit_key(path: Path) -> str | None:
    """The commit checked out where ``path`` is (None outside git): the data's history
    (committed versions only) can change only when it does."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=path.parent, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


@dataclass
class BuildData:
    """The validated dataset of one version of the data file, and what is made from it."""

    path: Path
    dataset: Dataset
    key: tuple[FileKey, ...] = ()
    build_date: dt.date = field(default_factory=build_date)
    #: The version read before this one in the same ``mkdocs serve``: what did not
    #: change is taken from it instead of being made again.
    previous: BuildData | None = field(default=None, repr=False, compare=False)
    #: In ``mkdocs serve``, the downloads' per-lot parts, kept from version to version.
    reuse: export.Reuse | None = field(default=None, repr=False, compare=False)
    #: Each lot's texts and translations counted (``coverage``), with the lot counted.
    lot_counts: dict[str, tuple[Lot, tuple[int, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    #: What ``published`` was made from (``_documents_key``), once it is made.
    documents: tuple[tuple[object, ...], ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def load(cls, path: Path, previous: BuildData | None = None, kept: Kept | None = None) -> BuildData:
        """Read and validate ``path``; a bad file raises ``grants.DataError`` with every problem.

        ``previous``: the version ``mkdocs serve`` read before, whose downloads'
        per-lot parts and git history are taken where they did not change. ``kept``: the data
        files ``mkdocs serve`` read before (``grants.bundle.Kept``); only those whose bytes
        changed are read again.
        """
        key = data_key(path)
        dataset = load_dataset(path, kept=kept)
        if previous is not None and previous.path == path:
            dataset = shared_with(dataset, previous.dataset)
        data = cls(path=path, dataset=dataset, key=key)
        if previous is not None and previous.path == path:
            previous.previous = None  # one version back is enough
            data.previous = previous
            data.reuse = previous.reuse
        return data

    def same_lot(self, lot_id: str) -> bool:
        """The lot is as it was in the previous version (all it shows, its source's and
        sector's texts included), with the same last change, history and build date."""
        before = self.previous
        if before is None or before.build_date != self.build_date:
            return False
        try:
            old = before.dataset.lot(lot_id)
        except KeyError:
            return False
        if old != self.dataset.lot(lot_id) or before.history.unavailable != self.history.unavailable:
            return False
        return _commit(before.history.last_change(lot_id)) == _commit(self.history.last_change(lot_id))

    @cached_property
    def exports(self) -> dict[str, bytes]:
        """The open-data files (made once, for the Downloads page and the site's data/ folder)."""
        return export.files(self.dataset, reuse=self.reuse)

    @cached_property
    def export_sizes(self) -> dict[str, int]:
        """Each open-data file's size in bytes (the Downloads page of every language)."""
        return {name: len(content) for name, content in self.exports.items()}

    def let_go_of_files(self) -> None:
        """Drop the downloads' and documents' bytes once the site has them (``mkdocs build``),
        keeping their sizes; asked for again, they would be made again."""
        self.export_sizes  # noqa: B018 (counted before the bytes go)
        self.__dict__.pop("exports", None)
        self.__dict__.pop("published", None)

    @cached_property
    def data_files(self) -> dict[str, str]:
        """The lot index's filter files that every language has the same (made once)."""
        return pages.data_files(self.dataset)

    @cached_property
    def coverage(self) -> tuple[Coverage, ...]:
        """How much of the data is translated (the About page of every language): counted once.
        In mkdocs serve, a lot the edit left as it was (the previous version's very object,
        ``shared_with``) keeps its count."""
        before = self.previous.lot_counts if self.previous is not None else {}
        for lot in self.dataset.lots:
            kept = before.get(lot.id)
            self.lot_counts[lot.id] = kept if kept is not None and kept[0] is lot else (lot, counts(lot))
        parts = [counts(part) for part in (*self.dataset.sources, *self.dataset.sectors)]
        return coverage_of(parts + [self.lot_counts[lot.id][1] for lot in self.dataset.lots])

    def _documents_key(self) -> tuple[tuple[object, ...], ...]:
        """Changes when what ``published`` is made of does: each source's document, its
        checksum, title and issuer (its lines page shows them), and the document file."""
        return tuple(
            (s.id, s.document, s.document_sha256, s.title, s.issuer, file_key(self.path.parent / s.document))
            for s in self.dataset.sources
            if s.document
        )

    @cached_property
    def published(self) -> dict[str, bytes]:
        """The archived source documents and their lines pages (``grants.sources.files``, which
        raises ``SourceFileError`` for a missing or altered one). In mkdocs serve, the previous
        version's when no document, nor what their pages show, changed (an amount edit)."""
        key = self._documents_key()  # as the files were when read, to compare the next version's
        before, self.documents = self.previous, key
        if before is not None and "published" in before.__dict__ and before.documents == key:
            return before.published
        return sources.files(self.dataset)

    @cached_property
    def commit(self) -> str | None:
        return commit_key(self.path)

    @cached_property
    def history(self) -> History:
        """The data file's git history (the Changes page, the feed, "last changed")."""
        before = self.previous
        if before is not None and "history" in before.__dict__ and before.commit == self.commit:
            return before.history  # no new commit: the committed versions are the same
        return read_history(self.path)


def shared_with(dataset: Dataset, before: Dataset) -> Dataset:
    """``dataset`` with each sector, source and lot that equals the one of the same id in
    ``before`` replaced by that very object (they are frozen: equal values, the same pages).

    For ``mkdocs serve``: a quick rebuild compares each page's data with what the previous
    build rendered it from, and Python compares a tuple of lots item by item, each lot field
    by field, unless an item is the very same object. Without this, a page that holds the
    dataset or a list of lots was compared lot by lot down to the edited one: seconds per
    edit at 1,000 lots when the edit is near the end of the file.
    """
    old_sectors = {s.id: s for s in before.sectors}
    old_sources = {s.id: s for s in before.sources}
    old_lots = {lot.id: lot for lot in before.lots}

    def same(new: _T, old: _T | None) -> _T:
        return old if old is not None and old == new else new

    return replace(
        dataset,
        sectors=tuple(same(s, old_sectors.get(s.id)) for s in dataset.sectors),
        sources=tuple(same(s, old_sources.get(s.id)) for s in dataset.sources),
        lots=tuple(same(lot, old_lots.get(lot.id)) for lot in dataset.lots),
        _lots_by_id={},  # made again from these lots
        _memo={},
    )


_T = TypeVar("_T")


def _commit(change: Change | None) -> str | None:
    return change.commit if change is not None else None
