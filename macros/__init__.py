"""The MkDocs layer of the site: hands the ``grants`` objects to templates.

``define_env`` is mkdocs-macros' entry point (``module_name: macros`` in
mkdocs.yml); ``macros/hooks.py`` adds the generated lot and sector pages.
Hand-written pages opt in to macros with ``render_macros: true``; generated
pages never pass through Jinja, so data text can never run as a template.
"""

from __future__ import annotations

from macros import state, views
from macros.render import render


def define_env(env) -> None:
    def page_render(template: str, **context) -> str:
        return render(
            template,
            lang=state.language(env.conf),
            base=state.base_for(env.page.url),
            root=state.root_for(env.conf, env.page.url),
            build_date=state.build_date(),
            **context,
        )

    def dataset():
        return state.dataset(env.conf)

    @env.macro
    def home() -> str:
        """The home page's totals and published lists."""
        return page_render("home.html", **views.home(dataset(), state.language(env.conf)))

    @env.macro
    def lot_index() -> str:
        """The table of all lots with its filters."""
        return page_render("lot_index.html", dataset=dataset())

    @env.macro
    def totals() -> str:
        """Totals by year, sector, grant type and source, with charts."""
        return page_render("totals.html", **views.totals(dataset(), state.language(env.conf)))

    @env.macro
    def sectors() -> str:
        """The list of grant sectors."""
        return page_render("sectors.html", dataset=dataset())

    @env.macro
    def open_lots() -> str:
        """Lots accepting applications on the build date, nearest deadline first."""
        return page_render("open.html", lots=dataset().open_lots(state.build_date()))

    @env.macro
    def downloads() -> str:
        """The Downloads page: every file and every field."""
        return page_render("downloads.html", **views.downloads(dataset(), state.exports(env.conf)))
