"""The MkDocs layer of the site: hands the ``grants`` objects to templates.

``define_env`` is mkdocs-macros' entry point (``module_name: macros`` in
mkdocs.yml); the ``grants`` plugin (``macros/plugin.py``) owns the build's data
and adds the generated lot and sector pages. Hand-written pages opt in to
macros with ``render_macros: true``; generated pages never pass through Jinja
or Markdown, so data text can never run as a template.

No MkDocs import here: ``python -m macros.pages`` imports this package.
"""

from __future__ import annotations

from grants.translations import coverage
from macros import views
from macros.render import base_for, render


def define_env(env) -> None:
    def plugin():
        return env.conf.plugins["grants"]

    def lang() -> str:
        return plugin().lang

    def page_render(template: str, **context) -> str:
        url = env.page.url
        html = render(
            template,
            lang=lang(),
            base=base_for(url),
            root=base_for(url) + ("" if plugin().is_default else "../"),
            build_date=plugin().data.build_date,
            **context,
        )
        return plugin().stash(env.page, html)  # the HTML itself never passes through Markdown

    def dataset():
        return plugin().data.dataset

    @env.macro
    def home() -> str:
        """The home page's totals and published lists."""
        return page_render("home.html", **views.home(dataset(), lang(), plugin().data.build_date))

    @env.macro
    def lot_index() -> str:
        """The first page of lot cards, with the filters and the totals of the lots shown."""
        return page_render("lot_index.html", **views.lot_index(dataset(), lang()))

    @env.macro
    def totals() -> str:
        """Totals by year, sector, grant type and source, with bars in the tables."""
        return page_render("totals.html", **views.totals(dataset(), lang()))

    @env.macro
    def sectors() -> str:
        """The list of grant sectors."""
        return page_render("sectors.html", **views.sectors(dataset()))

    @env.macro
    def open_lots() -> str:
        """The first page of lots accepting applications on the build date, nearest deadline first."""
        return page_render("open.html", **views.open_now(dataset(), lang(), plugin().data.build_date))

    @env.macro
    def downloads() -> str:
        """The Downloads page: every file and every field."""
        return page_render("downloads.html", **views.downloads(dataset(), plugin().data.exports, lang()))

    @env.macro
    def translation_coverage() -> str:
        """How much of the data is translated into ru and en (the About page)."""
        return page_render("coverage.html", coverage=coverage(dataset()))

    @env.macro
    def report_link() -> str:
        """A link to the repository's error-report form, when the repository is known."""
        return page_render("report.html", report_url=views.report_url())
