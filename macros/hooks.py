"""MkDocs hooks: validate the data before anything is built, add the generated
pages, and rebuild on ``mkdocs serve`` when the data changes.

Only wiring: the pages themselves come from ``macros.pages``.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from macros import pages, state


def on_config(config):
    state.dataset(config)  # fails the build, before any page is written, on bad data
    return config


def on_files(files: Files, config) -> Files:
    dataset = state.dataset(config)
    for page in pages.generate(dataset, state.language(config), state.build_date()):
        files.append(File.generated(config, page.path, content=page.markdown))
    return files


def on_serve(server, config, builder):
    server.watch(str(state.data_path(config)))
    return server
