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

from grants import DataError, Dataset, export, load_dataset
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


def _file_key(path: Path) -> tuple:
    """Changes whenever the file does: its path, modification time and size."""
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def dataset(config) -> Dataset:
    """The validated dataset; a bad file stops the build with every problem listed."""
    path = data_path(config)
    key = _file_key(path)
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
_exports: dict[tuple, dict[str, bytes]] = {}


def exports(config) -> dict[str, bytes]:
    """The open-data files of the current dataset, made once per version of the file."""
    current = dataset(config)
    key = _file_key(data_path(config))
    if key not in _exports:
        _exports.clear()
        _exports[key] = export.files(current)
    return _exports[key]


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


def languages(config) -> list[dict]:
    """The site's languages from ``extra.grants_languages``, the default first."""
    return config["extra"]["grants_languages"]


def is_default_language(config) -> bool:
    return language(config) == languages(config)[0]["lang"]


def root_for(config, url: str) -> str:
    """The relative way from the page at ``url`` to the root of the whole site (all languages)."""
    return base_for(url) + ("" if is_default_language(config) else "../")


def language_links(config, url: str) -> list[dict]:
    """The same page in every language, as links relative to the page at ``url``.

    Computed here because MkDocs' ``url`` filter mangles a link that climbs out
    of the site ('../lots/x/' from 'lots/x/' comes out as '.././').
    """
    up = root_for(config, url)
    default = languages(config)[0]["lang"]
    links = []
    for entry in languages(config):
        prefix = "" if entry["lang"] == default else f"{entry['lang']}/"
        links.append(
            {
                "lang": entry["lang"],
                "name": entry["name"],
                "href": f"{up}{prefix}{url}" or "./",
                "root": f"{up}{prefix}" or "./",
                "current": entry["lang"] == language(config),
            }
        )
    return links


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
