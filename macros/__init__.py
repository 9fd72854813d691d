"""The MkDocs layer of the site: hands the ``grants`` objects to templates.

``define_env`` is mkdocs-macros' entry point (``module_name: macros`` in
mkdocs.yml); the ``grants`` plugin (``macros/plugin.py``) owns the build's data
and adds the generated lot and sector pages. Hand-written pages opt in to
macros with ``render_macros: true``; generated pages never pass through Jinja
or Markdown, so data text can never run as a template.

No MkDocs import here: ``python -m macros.pages`` imports this package.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from grants.model import Dataset
from macros import views
from macros.render import base_for, render

if TYPE_CHECKING:  # for mypy only: at run time, only mkdocs-macros calls define_env
    from mkdocs_macros.plugin import MacrosPlugin

    from macros.plugin import GrantsPlugin
    from macros.state import BuildData


def define_env(env: MacrosPlugin) -> None:  # noqa: C901 (mkdocs-macros registers each macro as a short function defined here)
    def plugin() -> GrantsPlugin:
        grants: GrantsPlugin = env.conf.plugins["grants"]  # mkdocs-macros' `conf` is unannotated
        return grants

    def lang() -> str:
        return plugin().lang

    def page_render(template: str, **context: object) -> str:
        url = env.page.url
        html = render(
            template,
            lang=lang(),
            base=base_for(url),
            root=base_for(url) + ("" if plugin().is_default else "../"),
            build_date=data().build_date,
            **context,
        )
        return plugin().stash(env.page, html)  # the HTML itself never passes through Markdown

    def data() -> BuildData:
        read = plugin().data
        assert read is not None, "the grants plugin reads the data (on_config) before any page"
        return read

    def dataset() -> Dataset:
        return data().dataset

    def macro(function: Callable[[], str]) -> Callable[[], str]:
        """``@env.macro``, which mkdocs-macros leaves unannotated, as a typed decorator."""
        env.macro(function)
        return function

    @macro
    def home() -> str:
        """The home page's totals and published lists."""
        return page_render("home.html", **views.home(dataset(), lang(), data().build_date))

    @macro
    def lot_index() -> str:
        """The first page of lot cards, with the filters and the totals of the lots shown."""
        return page_render("lot_index.html", **views.lot_index(dataset(), lang()))

    @macro
    def totals() -> str:
        """Totals by year, sector, grant type and source, with bars in the tables."""
        return page_render("totals.html", **views.totals(dataset(), lang()))

    @macro
    def sectors() -> str:
        """The list of grant sectors."""
        return page_render("sectors.html", **views.sectors(dataset()))

    @macro
    def open_lots() -> str:
        """The first page of lots accepting applications on the build date, nearest deadline first."""
        return page_render("open.html", **views.open_now(dataset(), lang(), data().build_date))

    @macro
    def downloads() -> str:
        """The Downloads page: every file and every field."""
        return page_render("downloads.html", **views.downloads(dataset(), data().export_sizes, lang()))

    @macro
    def translation_coverage() -> str:
        """How much of the data is translated into ru and en (the About page)."""
        return page_render("coverage.html", coverage=data().coverage)  # counted once a build

    @macro
    def report_link() -> str:
        """A link to the repository's error-report form, when the repository is known."""
        return page_render("report.html", report_url=views.report_url())
