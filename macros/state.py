"""The dataset of the current build, loaded and validated once per build.

MkDocs calls the macros plugin's ``on_config`` before the hooks' one, and
``mkdocs serve`` re-runs both on every rebuild, so both ask here: the file is
read again only when it changed on disk.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from grants import DataError, Dataset, load_dataset
from grants.diff import VersionError, git
from grants.history import History
from grants.history import read as read_history
from grants.validate import DEFAULT_DATA

_cache: dict[tuple, Dataset] = {}


def data_path(config) -> Path:
    """``GRANTS_DATA`` from the environment, else ``extra.grants_data`` in mkdocs.yml."""
    configured = os.environ.get("GRANTS_DATA") or config.get("extra", {}).get("grants_data")
    if not configured:
        return DEFAULT_DATA
    path = Path(configured)
    if not path.is_absolute():
        path = Path(config["config_file_path"] or ".").resolve().parent / path
    return path


def dataset(config) -> Dataset:
    """The validated dataset; a bad file stops the build with every problem listed."""
    path = data_path(config)
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(path), None, None)
    if key not in _cache:
        try:
            _cache.clear()
            _cache[key] = load_dataset(path)
        except DataError as error:
            raise PluginError(
                f"{error.report()}\nThe site was not built. Fix the data and build again."
            ) from None
    return _cache[key]


_history: dict[tuple, History] = {}


def history(config) -> History:
    """The data file's history from git, read once per commit of the repository."""
    path = data_path(config)
    try:
        head = git("rev-parse", "HEAD").strip()
    except VersionError:
        head = None
    key = (str(path), head)
    if key not in _history:
        _history.clear()
        _history[key] = read_history(path)
    return _history[key]


def language(config) -> str:
    return config["theme"]["language"]


def build_date() -> dt.date:
    """Today, or ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def base_for(url: str) -> str:
    """The relative way back to the site root from a page at ``url`` ('lots/x/' -> '../../')."""
    depth = len([part for part in url.split("/") if part])
    if url and not url.endswith("/"):
        depth -= 1  # 'lots/x.html' sits in 'lots/'
    return "../" * depth
