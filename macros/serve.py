"""Quick rebuilds for ``mkdocs serve --dirty`` (what ``make serve`` runs): after a data
edit, only the pages whose data changed are rendered and written again.

MkDocs lets a plugin skip a page in one case only: a dirty build (``--dirty``)
neither renders nor writes a file whose ``is_modified()`` is false, and keeps
its output from the previous build. ``macros.plugin`` uses that for its own
generated files: a lot page whose lot is equal to the one shown (its texts,
money, source and sector, and its last change) is not rendered again, and a
generated page or download whose content is the same as the one already
written keeps its file. The hand-written pages (the lot index, totals, home…),
which show the whole dataset, are always built again. Any other change (a
hand-written page, a config file, a template) makes the next build a full one: the site folder is emptied first, as a clean build does.

A data file the validator refuses stops the build before anything is written
(``on_config``), so the site shown stays the last good one; MkDocs' server
answers no request while a build runs or after one failed, so a half-built
site is never shown. ``GRANTS_SERVE_FULL=1`` turns all this off (each rebuild
builds everything, as ``mkdocs serve`` without ``--dirty`` does).

What a rebuild still does, and what it is spared (profile one with
``benchmarks/bench_serve.py --profile N``): the data is validated whole
(``grants.load_dataset``, the same check as ``mkdocs build``: every rule across files,
every message the same), but only the data files whose bytes changed are read again, and
only their lots checked again against the schema (``grants.bundle.Kept``: with a lot file
per source, as ``grants import`` keeps them, an edit reads one lot file and grants.yaml;
with every lot in grants.yaml, an edit reads it all); the lots,
sources and sectors equal to the previous version's are then that version's very
objects (``macros.state.shared_with``), so each generated page's data is compared
with what it was rendered from at no cost, and only pages whose data changed are
rendered (``macros.pages.RenderMemo``: a lot index page's cards apart from the
totals every page shows). The downloads are put together from each unchanged lot's
bytes of before (``grants.export.Reuse``: its lots/<id>.json, its entry in grants.json,
its row of grants.csv), and a download whose bytes are those already written keeps its
file (its modification time too); the translation figures count only the changed lots
again (``BuildData.coverage``). The theme's file list is kept (``ThemeFiles``), and so is
mkdocs-macros' ``git`` variable while the commit is the same (``GitInfo``); the watcher looks
for saves every 0.1 s, not 0.5 (``poll_often``); the words
for search are not counted (the background index reads the files), and the cycle
collector runs between builds, not in them (``Collector``).

The search index (Pagefind) is built again in the background after a quick
rebuild, by a child process at a lower priority, into a folder beside the one
in use, which it then replaces: until then, search answers from the previous
index. The next build stops it, so it never slows a rebuild down.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.structure.files import File

from macros import search
from macros.pages import GeneratedPage

if TYPE_CHECKING:
    from mkdocs.theme import Theme

log = logging.getLogger("mkdocs.plugins.grants")

#: Set to 1 to make every rebuild of ``mkdocs serve --dirty`` a full one.
FULL_ENV = "GRANTS_SERVE_FULL"


def enabled(command: str, dirty: bool) -> bool:
    """Quick rebuilds: ``mkdocs serve --dirty``, unless GRANTS_SERVE_FULL is set."""
    return command == "serve" and dirty and not os.environ.get(FULL_ENV)


class GeneratedFile(File):
    """A generated page or download; when ``kept``, the file the previous build wrote stays
    as it is (MkDocs' dirty build skips a file that is not modified)."""

    kept = False

    def is_modified(self) -> bool:
        return not self.kept


def always_modified(file: File) -> None:
    """A hand-written page: its macros may show any of the data, so it is always built."""
    file.is_modified = lambda: True  # type: ignore[method-assign]


@dataclass
class Written:
    """What one language's last build wrote of the generated files."""

    pages: dict[str, GeneratedPage] = field(default_factory=dict)  # by path in docs/
    files: dict[str, str | bytes] = field(default_factory=dict)  # the other files' contents
    dests: dict[str, str] = field(default_factory=dict)  # every generated file's output path


def remove_stale(before: Written, after: Written, site_dir: str | Path) -> None:
    """Delete the output of generated files the data no longer makes (a lot removed, a page
    of a list that got shorter): a clean build would not have them, so neither does the
    served site, nor the folders they leave empty (lots/<id>/, open/page/3/ and open/page/)."""
    site_dir = Path(site_dir).resolve()
    for path, dest in before.dests.items():
        if path in after.dests:
            continue
        Path(dest).unlink(missing_ok=True)
        folder = Path(dest).resolve().parent
        while folder != site_dir and site_dir in folder.parents:
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
            folder = folder.parent


#: Each config file's, page's and template's path, modification time and size.
SourcesKey = tuple[tuple[str | int | None, ...], ...]


def sources_key(root: Path, config_files: list[str], folders: list[Path]) -> SourcesKey:
    """Changes when a config file, a hand-written page or a template does."""
    paths = [root / name for name in config_files]
    for folder in folders:
        if folder.is_dir():
            paths += sorted(p for p in folder.rglob("*") if p.is_file())
    out: list[tuple[str | int | None, ...]] = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            out.append((str(path), None))
            continue
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


class DirtyWarning(logging.Filter):
    """Drops MkDocs' notes that a dirty build may leave navigation inaccurate or stale files:
    with this plugin it does not (only data edits are quick, and the files a data edit no
    longer makes are removed; any other change rebuilds everything)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(
            ("A 'dirty' build is being performed", "The directory contains stale files")
        )


class Bytecode(jinja2.BytecodeCache):
    """Material's templates compiled once for the whole ``mkdocs serve``, not once per
    build and language (MkDocs makes a new template environment for each build). Jinja
    checks each template's source against the checksum stored with its code."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


class ThemeFiles:
    """The theme's static files (Material's assets), listed once for the whole ``mkdocs serve``.

    Each build, in each language, MkDocs walks every theme folder (``env.list_templates``;
    Material's has some 14,000 files, its icons among them) and matches each name against
    a dozen patterns: about 0.1 s a language, for a list that only a change of theme
    could change. Material's folder is the installed package's; the custom_dir's files are
    in ``sources_key``, whose change makes a full build, which lists them again (``clear``).
    """

    def __init__(self) -> None:
        self.listed: dict[tuple[object, ...], list[str]] = {}

    def clear(self) -> None:
        self.listed = {}

    def install(self, theme: Theme) -> None:
        """Make ``theme.get_env()`` give environments that list the theme's files from here."""
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            list_templates = env.list_templates

            def listed(
                extensions: Collection[str] | None = None, filter_func: Callable[[str], bool] | None = None
            ) -> list[str]:
                # MkDocs' filter (add_files_from_theme) is a new function each build, of the
                # same code and the config's static templates.
                key = (
                    tuple(theme.dirs),
                    tuple(extensions or ()),
                    getattr(filter_func, "__code__", filter_func),
                    tuple(theme.static_templates),
                )
                if key not in self.listed:
                    self.listed[key] = list_templates(extensions, filter_func)
                return list(self.listed[key])

            env.list_templates = listed  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]


class Collector:
    """Python's cycle collector kept off the data while pages are built.

    The data (hundreds of thousands of frozen objects at 1,000 lots, and in ``mkdocs
    serve`` the previous version's and what MkDocs made of three languages) lives through
    the whole build, and holds no garbage the build could free; yet each of the collector's
    full passes, a few per build, walks all of it. So ``pause``, once the data is read,
    moves what exists then out of the collector's sight (``gc.freeze``), and ``resume``
    gives it back at the end of the build. In ``mkdocs serve`` (``later``) it is then
    collected a second after the build, while the server waits for the next save, unless
    a build has started by then: that work is moved out of the time a maintainer waits,
    not removed.
    """

    #: Seconds after a build before its garbage is collected (mkdocs serve).
    DELAY = 1.0

    def __init__(self) -> None:
        self.builds = 0
        self.timer: threading.Timer | None = None
        self.enabled = True  # whether the collector was on when the build began

    def begin(self) -> None:
        """A build starts: the collection waiting for the server to be idle is called off, and
        none runs until the data is read (reading it would set off a full pass)."""
        self.builds += 1
        if self.timer is not None:
            self.timer.cancel()
        self.enabled = gc.isenabled()  # as the caller has it
        gc.disable()

    def pause(self) -> None:
        """The data is read: what exists now is left out of the collector's passes."""
        gc.freeze()
        self._enable()

    def resume(self, *, later: bool) -> None:
        gc.unfreeze()
        self._enable()
        if not later:
            return
        self.timer = threading.Timer(self.DELAY, self._collect, args=(self.builds,))
        self.timer.daemon = True
        self.timer.start()

    def _collect(self, build: int) -> None:
        if build == self.builds:  # no build started since
            gc.collect()

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        gc.unfreeze()
        self._enable()

    def _enable(self) -> None:
        if self.enabled:
            gc.enable()


#: Seconds between two looks at the watched files in ``mkdocs serve`` (MkDocs' own: 0.5).
POLL_SECONDS = 0.1


def poll_often(observer: Any, seconds: float = POLL_SECONDS) -> None:
    """Make MkDocs' file watcher (watchdog's polling observer, ``LiveReloadServer.observer``)
    look for saved files every ``seconds``: a save waits for the next look before its rebuild
    starts, a quarter of a second on average at MkDocs' 0.5 s. Each look lists the watched
    folders (the pages, the config files, the data folder): some hundred files, about a
    millisecond. MkDocs gives no option for it; the observer and each watch's emitter keep it
    in ``_timeout`` (watchdog 6), set here before the observer starts (left as it is if not found)."""
    if not hasattr(observer, "_timeout"):
        return
    observer._timeout = seconds  # the watches scheduled from now on
    for emitter in getattr(observer, "emitters", ()):
        if hasattr(emitter, "_timeout"):
            emitter._timeout = seconds


class GitInfo:
    """mkdocs-macros' ``git`` variable (the repository's last commit, its author, tag…), which
    it finds by running twelve git commands in each language's build (0.1-0.25 s of each quick
    rebuild): in ``mkdocs serve``, found once for each commit checked out (``look``, before
    each build: one ``git rev-parse HEAD``). No page of this site shows it."""

    def __init__(self) -> None:
        self.commit: str | None = None
        self.found: dict[str | None, dict[str, Any]] = {}

    def look(self) -> None:
        """The commit checked out in the current folder, where mkdocs-macros runs git."""
        try:
            done = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
        except OSError:
            self.commit = None
            return
        self.commit = done.stdout.strip() if done.returncode == 0 else None

    def install(self) -> None:
        from mkdocs_macros import context  # define_env calls the module's get_git_info

        ask = getattr(context.get_git_info, "asked", context.get_git_info)

        def get_git_info() -> dict[str, Any]:
            if self.commit not in self.found:
                self.found = {self.commit: ask()}
            return dict(self.found[self.commit])

        get_git_info.asked = ask  # type: ignore[attr-defined]
        context.get_git_info = get_git_info


#: One language's index, built in a child process (see Indexer).
_INDEX = (
    "import sys; from pathlib import Path; from macros import search; "
    "search.build_index(Path(sys.argv[1]), sys.argv[3:], bundle=sys.argv[2])"
)


#: A lower priority for the child and its Pagefind (coreutils' nice execs the command).
_NICE = ["nice", "-n", "10"] if shutil.which("nice") else []


class Indexer:
    """Each language's search index, built after a quick rebuild in a background thread.

    Each language is indexed by a child process (Pagefind and the word lists,
    macros/search.py), at a lower priority, into a folder beside the index in
    use, which it then replaces. A new build kills a running child and its
    index is never put in place: the build gets the processor, and only an
    index of a finished build is used.
    """

    def __init__(self) -> None:
        self.generation = 0
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.child: subprocess.Popen[bytes] | None = None

    def cancel(self) -> None:
        """A build starts: what runs now is out of date."""
        with self.lock:
            self.generation += 1
            if self.child is not None and self.child.poll() is None:
                # The child and its Pagefind (a grandchild, which killing the child alone left
                # running, indexing a folder that no longer exists): their own process group.
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.child.pid, signal.SIGKILL)

    def stop(self) -> None:
        """Cancel and wait for the thread (before the site folder is emptied or removed)."""
        self.cancel()
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def start(self, jobs: list[tuple[Path, list[str]]]) -> None:
        with self.lock:
            self.generation += 1
            generation = self.generation
        self.thread = threading.Thread(
            target=self._run, args=(generation, jobs), name="grants-search-index", daemon=True
        )
        self.thread.start()

    def _index(self, generation: int, folder: Path, skip: list[str], bundle: str) -> str | None:
        """Run one language's indexing; its error output when it failed, None when done."""
        root = str(Path(__file__).resolve().parent.parent)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        }
        with self.lock:
            if self.generation != generation:
                return "cancelled"
            self.child = subprocess.Popen(
                [*_NICE, sys.executable, "-c", _INDEX, str(folder), bundle, *skip],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a process group, killed whole by cancel()
            )
        output, _ = self.child.communicate()
        return None if self.child.returncode == 0 else output.decode("utf-8", "replace").strip()

    def _run(self, generation: int, jobs: list[tuple[Path, list[str]]]) -> None:
        for folder, skip in jobs:
            bundle = f".{search.BUNDLE}-{generation}"
            failed = self._index(generation, folder, skip, bundle)
            with self.lock:  # no newer build has started: put the new index in place
                if failed is not None or self.generation != generation:
                    shutil.rmtree(folder / bundle, ignore_errors=True)
                    if self.generation == generation:
                        log.warning("the search index of %s was not updated:\n%s", folder, failed)
                    return
                old = folder / f".{search.BUNDLE}-old-{generation}"
                current = folder / search.BUNDLE
                if current.exists():
                    current.rename(old)
                (folder / bundle).rename(current)
            shutil.rmtree(old, ignore_errors=True)
        log.info("The search index is up to date.")
