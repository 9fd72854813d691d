"""MkDocs hooks: validate the data before anything is built, add the generated
pages, the open-data downloads, the Atom feed and the deadline calendar, link each page to itself in the other
languages, build the other languages beside the default one (in parallel
processes), and rebuild on ``mkdocs serve`` when the data changes.

Only wiring: the pages themselves come from ``macros.pages``.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from grants import export
from grants.feed import atom
from grants.ics import deadlines
from macros import pages, search, state
from macros.strings import UI

log = logging.getLogger("mkdocs.hooks.grants")


def on_config(config):
    state.dataset(config)  # fails the build, before any page is written, on bad data
    return config


def on_files(files: Files, config) -> Files:
    dataset, history = state.dataset(config), state.history(config)
    lang, build_date = state.language(config), state.build_date()
    root_up = "" if state.is_default_language(config) else "../"
    for page in pages.generate(dataset, lang, build_date, history, root_up=root_up):
        files.append(File.generated(config, page.path, content=page.markdown))
    if state.is_default_language(config):  # one copy of the downloads and the feed, at the root
        for name, content in state.exports(config).items():
            files.append(File.generated(config, f"{export.FOLDER}/{name}", content=content))
        site_url = config.get("site_url") or ""
        feed = atom(history, title=config["site_name"], site_url=site_url, build_date=build_date)
        files.append(File.generated(config, "feed.xml", content=feed))
        calendar = deadlines(dataset, site_url=site_url, build_date=build_date)
        files.append(File.generated(config, "deadlines.ics", content=calendar))
    return files


def on_page_context(context, page, config, nav):
    lang = state.language(config)
    context["grant_languages"] = state.language_links(config, page.url)
    context["grant_feed"] = state.root_for(config, page.url) + "feed.xml"
    context["grant_strings"] = {
        key: UI[key].get(lang) for key in ("languages.label", "translation.site", "translation.original")
    }
    return context


#: The other languages' builds, started in on_pre_build and gathered in on_post_build.
_others: list[tuple[dict, subprocess.Popen, Path]] = []


def on_pre_build(config):
    """Start every other language's build beside this one, each in its own process.

    They run in parallel with the default language (one core each where there are
    several) and write into temporary folders: this build empties its site folder
    after this event, so they are moved into place only when all are done.
    """
    if not state.is_default_language(config):
        return
    _stop_others()
    root = Path(config["config_file_path"]).parent
    for entry in state.languages(config)[1:]:
        folder = Path(tempfile.mkdtemp(prefix=f"grants-{entry['lang']}-"))
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(root / entry["config"]),
            "-d",
            str(folder),
        ]
        if config["strict"]:
            command.append("--strict")  # no --quiet: it would hide warnings from --strict
        process = subprocess.Popen(
            command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        _others.append((entry, process, folder))


def on_post_build(config):
    """Wait for the other languages and move each into a folder of its code."""
    search.index_built_site(config)  # each language's build indexes its own pages (macros/search.py)
    if not state.is_default_language(config):
        return
    failed = []
    for entry, process, folder in _others:
        output, _ = process.communicate()
        for line in output.splitlines():
            # The child's warnings and errors at their level; its progress only with --verbose.
            level = logging.DEBUG if line.startswith("INFO") else logging.INFO
            if line.startswith("WARNING"):
                level = logging.WARNING
            elif line.startswith("ERROR"):
                level = logging.ERROR
            if line.strip():
                log.log(level, "[%s] %s", entry["lang"], line)
        if process.returncode != 0:
            failed.append(entry["lang"])
            continue
        target = Path(config["site_dir"]) / entry["lang"]
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(folder), target)
    _stop_others()
    if failed:
        raise PluginError(f"the {', '.join(failed)} site did not build; its messages are above")


def on_build_error(error):
    _stop_others()


def _stop_others() -> None:
    for _, process, folder in _others:
        if process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)
    _others.clear()


def on_serve(server, config, builder):
    server.watch(str(state.data_path(config)))
    root = Path(config["config_file_path"]).parent
    for entry in state.languages(config)[1:]:
        server.watch(str(root / entry["config"]))
        server.watch(str(root / "docs" / entry["lang"]))
    return server
