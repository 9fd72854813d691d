"""What one build knows of the data: read, validated, exported and its history
read once, then handed to every language's build (``macros.plugin``).

Plain Python (no MkDocs import): ``BuildData`` is held by the plugin instance
that owns the build, never by this module.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from grants import Dataset, export, load_dataset
from grants.history import History
from grants.history import read as read_history


def build_date() -> dt.date:
    """Today, or ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def file_key(path: Path) -> tuple:
    """Changes whenever the file does: its path, modification time and size."""
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def data_key(path: Path) -> tuple:
    """Changes whenever the data does: the entry file, or any YAML file beside or below it
    (a source's ``lots_file``, such as ``lots/<source-id>.yaml``)."""
    others = sorted(p for p in path.parent.rglob("*.yaml") if p != path)
    return tuple(file_key(p) for p in (path, *others))


@dataclass
class BuildData:
    """The validated dataset of one version of the data file, and what is made from it."""

    path: Path
    dataset: Dataset
    key: tuple = ()
    build_date: dt.date = field(default_factory=build_date)

    @classmethod
    def load(cls, path: Path) -> BuildData:
        """Read and validate ``path``; a bad file raises ``grants.DataError`` with every problem."""
        key = data_key(path)
        return cls(path=path, dataset=load_dataset(path), key=key)

    @cached_property
    def exports(self) -> dict[str, bytes]:
        """The open-data files (made once, for the Downloads page and the site's data/ folder)."""
        return export.files(self.dataset)

    @cached_property
    def history(self) -> History:
        """The data file's git history (the Changes page, the feed, "last changed")."""
        return read_history(self.path)
