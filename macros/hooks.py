"""MkDocs hooks: validate the data before anything is built, add the generated
pages and the open-data downloads, and rebuild on ``mkdocs serve`` when the data changes.

Only wiring: the pages themselves come from ``macros.pages``.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from grants import export
from grants.feed import atom
from macros import pages, state


def on_config(config):
    state.dataset(config)  # fails the build, before any page is written, on bad data
    return config


def on_files(files: Files, config) -> Files:
    dataset, history = state.dataset(config), state.history(config)
    lang, build_date = state.language(config), state.build_date()
    for page in pages.generate(dataset, lang, build_date, history):
        files.append(File.generated(config, page.path, content=page.markdown))
    for name, content in export.files(dataset).items():
        files.append(File.generated(config, f"{export.FOLDER}/{name}", content=content))
    feed = atom(
        history, title=config["site_name"], site_url=config.get("site_url") or "", build_date=build_date
    )
    files.append(File.generated(config, "feed.xml", content=feed))
    return files


def on_serve(server, config, builder):
    server.watch(str(state.data_path(config)))
    return server
