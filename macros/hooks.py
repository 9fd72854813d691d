"""MkDocs hooks: validate the data before anything is built, add the generated
pages, the open-data downloads, the Atom feed and the deadline calendar, link each page to itself in the other
languages, build the other languages after the default one, and rebuild on
``mkdocs serve`` when the data changes.

Only wiring: the pages themselves come from ``macros.pages``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from grants import export
from grants.feed import atom
from grants.ics import deadlines
from macros import pages, state
from macros.strings import UI


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


def on_post_build(config):
    """After the default language, build every other one into a folder of its code."""
    if not state.is_default_language(config):
        return
    root = Path(config["config_file_path"]).parent
    for entry in state.languages(config)[1:]:
        other = load_config(
            config_file=str(root / entry["config"]),
            site_dir=str(Path(config["site_dir"]) / entry["lang"]),
            strict=config["strict"],
        )
        other.plugins.on_startup(command="build", dirty=False)
        try:
            build(other)
        finally:
            other.plugins.on_shutdown()


def on_serve(server, config, builder):
    server.watch(str(state.data_path(config)))
    root = Path(config["config_file_path"]).parent
    for entry in state.languages(config)[1:]:
        server.watch(str(root / entry["config"]))
        server.watch(str(root / "docs" / entry["lang"]))
    return server
