"""The ``grants`` MkDocs plugin: the data, its pages and the other languages.

Registered as the ``grants`` entry point (pyproject.toml) and listed in
mkdocs.yml. One build of mkdocs.yml builds the whole site:

1. ``on_config``: read and validate the data file once (a bad file stops the
   build with every problem, before anything is written), and point the build
   at a staging folder beside ``site_dir``;
2. ``on_files``: add the generated lot, sector and Changes pages (in memory,
   never in docs/), and, for the default language, the open-data downloads,
   the Atom feed and the deadline calendar;
3. ``on_page_markdown`` / ``on_page_content``: a generated page's title and
   description come from the data as plain values (no front matter is parsed),
   and its HTML, rendered by the autoescaping Jinja renderer, replaces what
   Markdown made of an empty source: it never passes through Python-Markdown;
4. ``on_post_build``: in the default language's build, build each other
   language's config (mkdocs.ru.yml, mkdocs.en.yml, one per language as Material
   documents) in this process, handing it the data already read, into a folder
   of its code;
5. ``on_shutdown``: once MkDocs has let go of the pages, index each language's
   pages for search (Pagefind, ``macros.search``, a child process), one language
   after the other (``mkdocs serve`` indexes in ``on_post_build``); only when every
   language built and was indexed, the staging folder replaces ``site_dir``;
   otherwise the previous site stays exactly as it was.

All state lives on the plugin instance; ``mkdocs serve`` keeps the instance
between rebuilds, so the data file is read again only when it changed. With
``mkdocs serve --dirty`` (``make serve``), a data edit rebuilds only the pages
it changes, in every language (``macros.serve``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import re
import shutil
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from markupsafe import Markup
from mkdocs import utils
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from grants import DataError, export, sources
from grants.bundle import Kept
from grants.feed import atom
from grants.i18n import language
from grants.ics import deadlines
from macros import pages, search, serve, strings
from macros.config import GrantsConfig, Language
from macros.render import base_for, forget_formatted
from macros.state import BuildData, data_key
from macros.strings import UI

if TYPE_CHECKING:
    from collections.abc import Callable

    import jinja2
    from mkdocs.config import config_options
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.grants")

#: A template's Markdown heading line, the only part of a macro's output Markdown
#: sees: no brackets or angle brackets, so even a data text put in a heading by
#: mistake could not become a link or an element there (it would show as text).
_HEADING = re.compile(r"^#{2,6} [^<>\[\]\n]* \{ #[\w-]+ \}$")
#: Where on_page_content puts a macro's HTML back.
_STASH = re.compile(r'<div data-grants-stash="(\d+)"></div>')

#: A generated page's indentation and blank lines, as Material's templates write them. A
#: browser ignores them outside <pre> and <textarea>, which generated pages never have;
#: without them a lot page is ~3 KB (about a tenth) smaller, 90 MB of a 10,000-lot site
#: in three languages.
_INDENT = re.compile(r"\n\s+")

#: Open Graph locales (language_TERRITORY) of the site's languages.
_LOCALES = {"kk": "kk_KZ", "ru": "ru_KZ", "en": "en_KZ"}

#: The search dialog's script: the build writes its words into it (macros/strings.py SEARCH).
SEARCH_SCRIPT = "assets/javascripts/grant-search.js"


def _trim() -> None:
    """glibc's ``malloc_trim(0)``: the free memory inside its heap back to the system.
    Nothing where the C library is not glibc (it has no such call, or none needed)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError, TypeError):
        return
    trim(0)


def _let_macros_go(config: MkDocsConfig) -> None:
    """mkdocs-macros keeps a build's navigation and files (its template variables
    ``navigation``, ``files`` and ``page``) for as long as its plugin lives, and with them
    every page the build made: MkDocs' own config options keep the last config loaded,
    and so the other language's plugins, until the process ends. After ``mkdocs build``
    they are not read again; let go of, the pages go (about 150 MB at 10,000 lots)."""
    variables = getattr(config.plugins.get("macros"), "variables", None)
    if isinstance(variables, dict):
        for name in ("navigation", "files", "page"):
            variables.pop(name, None)


class _Prefix(logging.Filter):
    """Marks the messages of another language's build with its code: '[ru] WARNING - …'."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.prefix = f"[{lang}] "

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "grants_language", None):
            record.msg = f"{self.prefix}{record.msg}"
            record.grants_language = self.prefix
        return True


def _render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` for a generated page: what Python-Markdown makes of an empty source,
    without building a Markdown converter and its extensions for each of thousands of pages."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


class GrantsPlugin(BasePlugin[GrantsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        #: The default language's plugin, when this one builds another language for it.
        self.parent: GrantsPlugin | None = None
        self.data: BuildData | None = None
        self.lang = ""
        self.site_root = ""  # the whole site's absolute address (site_url), "" when unset
        self.generated: dict[str, pages.GeneratedPage] = {}
        self.stashed: dict[str, list[str]] = {}  # per page, the HTML its macros made
        #: The words of each built page's article, counted as it is rendered: the words
        #: for search's typo correction, not read back from disk (macros/search.py).
        self.articles = search.Articles()
        #: The languages' folders to index for search once every language is built (on the
        #: default language's plugin): the folder, the folders in it that are not its pages,
        #: and the words of its pages.
        self.to_index: list[tuple[Path, list[str], search.Articles]] = []
        #: The Pagefind run going, while the default language's build waits for it.
        self.indexing: list[tuple[search.Indexing, search.Articles]] = []
        #: The downloads and documents this build wrote (mkdocs build): their bytes are let go
        #: once written (``_let_go``).
        self.written: list[serve.GeneratedFile] = []
        self.publish_dir: Path | None = None  # the folder the finished site replaces
        self.staging: Path | None = None  # where this build writes until then
        self.ready = False
        # mkdocs serve --dirty (macros/serve.py), on the default language's plugin:
        self.dirty = False
        self.served: dict[str, serve.Written] = {}  # per language, what the last build wrote
        self.writing: dict[str, serve.Written] = {}  # the same, for the build under way
        self.sources: serve.SourcesKey = ()  # the config files, pages and templates it was built from
        self.full = True  # this build empties the site folder and writes everything
        self.indexer = serve.Indexer()
        self.memos: dict[str, pages.RenderMemo] = {}  # per language, what the last build rendered
        self.bytecode = serve.Bytecode()  # the theme's templates, compiled once
        self.theme_files = serve.ThemeFiles()  # the theme's static files, listed once
        self.collector = serve.Collector()  # the cycle collector, run between builds
        self.kept: Kept | None = None  # the data files read, each read again when its bytes change
        self.git = serve.GitInfo()  # mkdocs-macros' git variable, found once per commit

    # ------------------------------------------------------------------ languages

    @property
    def languages(self) -> list[Language]:
        return self.config.languages

    @property
    def is_default(self) -> bool:
        return self.lang == self.languages[0].lang

    def prefix(self, lang: str) -> str:
        """A language's folder under the site root: '' for the default, 'ru/' for Russian."""
        return "" if lang == self.languages[0].lang else f"{lang}/"

    def language_links(self, url: str) -> list[dict[str, str | bool]]:
        """The page at ``url`` in every language: relative (``href``) and absolute (``url``)."""
        up = base_for(url) + ("" if self.is_default else "../")
        links: list[dict[str, str | bool]] = []
        for entry in self.languages:
            prefix = self.prefix(entry.lang)
            links.append(
                {
                    "lang": entry.lang,
                    "name": entry.name,
                    "href": f"{up}{prefix}{url}" or "./",
                    "root": f"{up}{prefix}" or "./",
                    "url": f"{self.site_root}{prefix}{url}" if self.site_root else "",
                    "current": entry.lang == self.lang,
                }
            )
        return links

    # ------------------------------------------------------------------ events

    @property
    def owner(self) -> GrantsPlugin:
        """The default language's plugin, which holds what every language's build shares."""
        return self.parent or self

    @property
    def quick(self) -> bool:
        """mkdocs serve --dirty: only what a data edit changed is rebuilt (macros/serve.py)."""
        return serve.enabled(self.owner.command, self.owner.dirty)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if self.parent is None and self.quick:
            logging.getLogger("mkdocs.commands.build").addFilter(serve.DirtyWarning())
            self.git.install()
            log.info("Quick rebuilds: a data edit rebuilds only the pages it changes.")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.lang = config.theme["language"]
        if not self.languages or self.lang not in [entry.lang for entry in self.languages]:
            raise PluginError(
                f"{config.config_file_path}: plugins: grants: languages must list this site's "
                f"language ({self.lang!r}), the default language first"
            )
        self.generated = {}
        self.stashed = {}
        self.articles = search.Articles()
        self._cancel_indexing()
        self.to_index = []
        self.written = []
        self.ready = False
        if self.parent is not None:
            self.data = self.parent.data  # read once for all languages
            self.site_root = self.parent.site_root
            if self.site_root:
                config.site_url = self.site_root + self.prefix(self.lang)  # its own canonical links
        else:
            self.collector.begin()
            if self.quick:  # the last build's search index is out of date: stop it first
                self.indexer.cancel()
            self._read_data(config)
            self.collector.pause()  # the data read, the collector leaves it (and what was) be
            self.site_root = config.site_url or ""
            if self.site_root and not self.site_root.endswith("/"):
                self.site_root += "/"
            if self.quick:
                self._plan(config)
        if self.quick:
            self.owner.theme_files.install(config.theme)
        # No extra.alternate: Material would put each language's root in <head> as that
        # page's alternate. The header's language selector (overrides/partials/alternate.html)
        # and the hreflang links in <head> (overrides/main.html) give this very page in each
        # language instead, from on_page_context.
        if self.is_default and self.parent is None and self.command != "serve":
            # Build into a sibling folder; on_shutdown swaps it in when all languages built.
            self.publish_dir = Path(config.site_dir)
            self.publish_dir.parent.mkdir(parents=True, exist_ok=True)
            self.staging = Path(
                tempfile.mkdtemp(prefix=f".{self.publish_dir.name}.building-", dir=self.publish_dir.parent)
            )
            config.site_dir = str(self.staging)
        return config

    def _read_data(self, config: MkDocsConfig) -> None:
        path = Path(self.config.data_)
        if not path.is_absolute():
            path = Path(config.config_file_path or ".").resolve().parent / path
        if self.data is not None and self.data.key == data_key(path):
            return  # mkdocs serve: the file has not changed since the last build
        try:
            if self.quick:  # the data files' readings, kept from build to build
                self.kept = self.kept or Kept()
            self.data = BuildData.load(
                path, previous=self.data if self.quick else None, kept=self.kept if self.quick else None
            )
            if self.quick and self.data.reuse is None:
                self.data.reuse = export.Reuse()  # the downloads' per-lot parts, from now on
        except DataError as error:
            # In the language of the shell that builds (LANG, as `grants validate` reads it).
            raise PluginError(error.refusal(language())) from None

    # ------------------------------------------------------------------ mkdocs serve --dirty

    def _plan(self, config: MkDocsConfig) -> None:
        """Before a quick build: a full one when nothing was built yet, or when a config file,
        a hand-written page or a template changed since."""
        self.indexer.cancel()
        root = Path(config.config_file_path).parent
        folders = [Path(config.docs_dir), *(root / "docs" / entry.lang for entry in self.languages[1:])]
        if config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        sources_key = serve.sources_key(root, [entry.config_file for entry in self.languages], folders)
        self.git.look()
        # A data edit needs no full build: each generated file is compared with what was written.
        self.full = not self.served or sources_key != self.sources
        self.sources = sources_key
        self.writing = {}
        if self.full:
            self.served = {}
            self.memos = {}
            self.theme_files.clear()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.parent is None and self.quick and self.full:
            self.indexer.stop()
            utils.clean_directory(config.site_dir)  # as a clean build: nothing of before is left

    def _add(
        self,
        files: Files,
        config: MkDocsConfig,
        path: str,
        content: str | bytes,
        *,
        page: pages.GeneratedPage | None = None,
    ) -> None:
        """A generated file; in a quick build, one whose content is what the previous build
        wrote keeps its file (MkDocs' dirty build neither renders nor writes it)."""
        # MkDocs types File.generated as making a File, though it makes an instance of its class.
        file = cast(serve.GeneratedFile, serve.GeneratedFile.generated(config, path, content=content))
        if self.quick:
            before = self.owner.served.get(self.lang)
            written = self.owner.writing.setdefault(self.lang, serve.Written())
            if page is not None:
                file.kept = before is not None and before.pages.get(path) == page
                written.pages[path] = page
            else:
                file.kept = before is not None and before.files.get(path) == content
                written.files[path] = content
            written.dests[path] = file.abs_dest_path
        elif content and page is None and self.parent is None:
            self.written.append(file)
        files.append(file)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:  # noqa: C901 (one step per kind of generated file; to split)
        data = self.data
        assert data is not None  # read by on_config
        content: str | bytes
        root_up = "" if self.is_default else "../"
        before = self.owner.served.get(self.lang) if self.quick else None
        reuse = {}  # lot pages of lots that did not change since the previous build
        if before is not None:
            for lot in data.dataset.lots:
                page = before.pages.get(f"lots/{lot.id}.md")
                if page is not None and data.same_lot(lot.id):
                    reuse[lot.id] = page
        memo = None
        if self.quick:
            memo = self.owner.memos.setdefault(self.lang, pages.RenderMemo())
            memo.next_build()
        made = pages.generate(
            data.dataset, self.lang, data.build_date, data.history, root_up=root_up, reuse=reuse, memo=memo
        )
        for page in made:
            self.generated[page.path] = page
            self._add(files, config, page.path, "", page=page)
        made_files = pages.files(
            data.dataset, self.lang, data.build_date, root_up=root_up, memo=memo, same_in_all=data.data_files
        )
        for path, content in made_files.items():
            self._add(files, config, path, content)
        script = files.get_file_from_path(SEARCH_SCRIPT)
        if script is not None and script.abs_src_path:  # the search dialog's, with its words
            files.remove(script)
            source = Path(script.abs_src_path).read_text(encoding="utf-8")
            self._add(
                files, config, SEARCH_SCRIPT, strings.search_script(source, [e.lang for e in self.languages])
            )
        if self.is_default:  # one copy of the downloads and the feed, at the root
            for name, content in data.exports.items():
                self._add(files, config, f"{export.FOLDER}/{name}", content)
            feed = atom(
                data.history, title=config.site_name, site_url=self.site_root, build_date=data.build_date
            )
            self._add(files, config, "feed.xml", feed)
            calendar = deadlines(data.dataset, site_url=self.site_root, build_date=data.build_date)
            self._add(files, config, "deadlines.ics", calendar)
            self._add(files, config, "robots.txt", self.robots())
            try:  # the archived source documents, and a page of each text document's lines
                published = data.published
            except sources.SourceFileError as error:
                raise PluginError(f"{error}\nThe site was not built.") from None
            for name, content in published.items():
                self._add(files, config, name, content)
        if before is not None:
            for file in files.documentation_pages():
                if file.src_uri not in self.generated:
                    serve.always_modified(file)
            serve.remove_stale(before, self.owner.writing.get(self.lang, serve.Written()), config.site_dir)
        return files

    def robots(self) -> str:
        """robots.txt: everything may be read; each language's sitemap, where there is a site_url."""
        lines = ["User-agent: *", "Allow: /"]
        if self.site_root:
            lines.append("")
            lines += [f"Sitemap: {self.site_root}{self.prefix(e.lang)}sitemap.xml" for e in self.languages]
        return "\n".join(lines) + "\n"

    def stash(self, page: Page, html: str) -> str:
        """Markdown for a macro's ``html`` that keeps the HTML out of Python-Markdown.

        The template's heading lines ('## Totals { #by-year }': interface words)
        stay Markdown, for the page's table of contents; every other run of lines
        becomes a placeholder that ``on_page_content`` replaces with the HTML as
        rendered. Data text cannot forge a heading line (the renderer writes its
        newlines as &#10;) nor a placeholder (its '<' is escaped).
        """
        kept = self.stashed.setdefault(page.file.src_uri, [])
        out: list[str] = []
        block: list[str] = []

        def flush() -> None:
            text = "\n".join(block).strip("\n")
            block.clear()
            if text.strip():
                kept.append(text)
                out.append(f'\n<div data-grants-stash="{len(kept) - 1}"></div>\n')

        for line in html.splitlines():
            if _HEADING.match(line):
                flush()
                out.append(f"\n{line}\n")
            else:
                block.append(line)
        flush()
        return "\n".join(out)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            self.stashed[page.file.src_uri] = []  # filled by the macros on this page
            return markdown
        # Material prints the title and description without escaping in places
        # (<title>, the header), so they are given escaped.
        page.meta["title"] = pages.escaped(generated.title)
        if generated.description:
            page.meta["description"] = pages.escaped(generated.description)
        # Nor is an empty source handed to Python-Markdown: what it would make of it (no
        # content, headings or anchors) is set directly, and on_page_content puts the HTML in.
        page.render = partial(_render_nothing, page)  # type: ignore[method-assign]
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            kept = self.stashed.pop(page.file.src_uri, [])
            if not kept:
                return html
            return _STASH.sub(lambda match: kept[int(match[1])], html)
        page.toc = get_toc(
            [
                {"level": 2, "id": heading.id, "name": pages.escaped(heading.title), "children": []}
                for heading in generated.toc
            ]
        )
        return generated.html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            return output
        # The page is written next and its HTML is not read again in this build: let go of it,
        # as the other languages are built inside this build and would otherwise hold every
        # language's pages at once (about 250 MB a language at 10,000 lots). (mkdocs serve
        # --dirty keeps the page it wrote, in self.owner.writing, to compare the next build's.)
        page.content = None
        self.generated[page.file.src_uri] = replace(generated, html="")
        return _INDENT.sub("\n", output).lstrip()

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        context["grant_languages"] = self.language_links(page.url)
        context["grant_feed"] = base_for(page.url) + ("" if self.is_default else "../") + "feed.xml"
        context["grant_strings"] = {
            key: UI[key].get(self.lang)
            for key in ("languages.label", "translation.site", "translation.original")
        }
        context["grant_share"] = self.share(page, config)
        if not self.quick or self.owner.full:  # a quick rebuild's index is made from the files
            title = page.title or config.site_name  # Material's heading where the content has none
            self.articles[page.file.dest_uri] = search.page_text(page.content or "", title)
        return context

    def share(self, page: Page, config: MkDocsConfig) -> dict[str, str | list[str]]:
        """What a link to the page shows when shared (Open Graph, Twitter card), escaped:
        per lot its title, money and sector; for other pages their title and description."""
        generated = self.generated.get(page.file.src_uri)
        if generated is not None and generated.share:
            plain = dict(generated.share)
        else:
            title = generated.title if generated else Markup(page.title or config.site_name).striptags()
            description = (generated.description if generated else "") or (
                Markup(page.meta.get("description") or config.site_description or "").striptags()
            )
            plain = {"title": title, "description": description, "type": "website"}
        values: dict[str, str | list[str]] = {key: pages.escaped(value) for key, value in plain.items()}
        values["locale"] = _LOCALES.get(self.lang, self.lang)
        values["alternate_locales"] = [
            _LOCALES.get(e.lang, e.lang) for e in self.languages if e.lang != self.lang
        ]
        values["site_name"] = pages.escaped(config.site_name)
        values["url"] = page.canonical_url or ""
        return values

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Material's and our templates' ``tojson`` (the search box's words, Material's
        # __config) wrote each Kazakh or Russian letter as a six-byte \uXXXX escape: as
        # UTF-8 it is two bytes, ~1.7 KB less on every page (50 MB at 10,000 lots in three
        # languages). Jinja still escapes <, >, & and ' in it, so it stays safe in HTML.
        env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
        env.globals["grant_search_words"] = strings.search_words  # partials/grant-search.html
        if self.quick:  # mkdocs serve --dirty: the theme's templates, compiled once
            env.bytecode_cache = self.owner.bytecode
        return env

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == "sitemap.xml":
            # Each page's address in every language and the default one (x-default):
            # the hreflang links for search engines, as in each page's <head>.
            context["grant_sitemap_languages"] = (
                [{"lang": e.lang, "root": self.site_root + self.prefix(e.lang)} for e in self.languages]
                + [{"lang": "x-default", "root": self.site_root}]
                if self.site_root
                else []
            )
        return context

    def _not_searched(self) -> list[str]:
        """The folders of a language's site that are not its pages: the other languages'
        folders inside the default language's one, and the archived documents' pages."""
        return [*(entry.lang for entry in self.languages[1:]), "sources"] if self.is_default else []

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        quick, owner = self.quick, self.owner
        articles, self.articles = self.articles, search.Articles()
        if not quick or owner.full:
            # Each language's pages get their own Pagefind index (macros/search.py); the
            # default language's folder will also hold the others' folders: not its pages.
            # The default language's build indexes them once all are built. (A quick rebuild
            # of mkdocs serve --dirty indexes in the background afterwards, macros/serve.py.)
            owner.to_index.append((site_dir, self._not_searched(), articles))
        if self.parent is not None:
            return  # the default language's build indexes it, after building the others
        if self.is_default:
            self._let_go_of_files()
            for entry in self.languages[1:]:
                self._build_language(config, entry, site_dir / entry.lang)
        if self.command != "build":
            self._index()  # mkdocs build indexes once MkDocs has let go of the pages (on_shutdown)
        else:
            _let_macros_go(config)
        self.ready = self.is_default
        if quick:  # every language built: this is now what the site folder holds
            self.served = self.writing
            self.writing = {}
            if not self.full:  # the search index follows in the background
                self.indexer.start(
                    [(site_dir, self._not_searched())]
                    + [(site_dir / entry.lang, []) for entry in self.languages[1:] if self.is_default]
                )
        self.collector.resume(later=self.command == "serve")  # collected before the next save

    def _index(self) -> None:
        """Index each language's folder for search, one Pagefind run after the other.

        Not beside the builds, nor two at a time: one run holds every page's words
        while it indexes (1.1-1.2 GB for one language at 10,000 lots), the Python
        build about as much, and together they took the build's processes to 2,230 MB
        at 10,000 lots (benchmarks/tree_memory.py), past the 1.5 GB it is to stay
        under. ``mkdocs build`` runs them from ``on_shutdown``, after MkDocs' build has
        returned (``_let_go``): from ``on_post_build``, where MkDocs still holds the
        default language's pages, Python stayed at 546 MB beside Pagefind (1,674 MB
        together); from ``on_shutdown``, 292 MB (1,516 MB together). The CPU time is
        the same as beside the builds; the wall time gains Pagefind's (55 s at 10,000
        lots, 3 s at 1,000).
        """
        started = time.monotonic()
        names = []
        while self.to_index:
            site_dir, skip_dirs, articles = self.to_index.pop(0)
            self.indexing.append((search.start_index(site_dir, skip_dirs), articles))
            stats = self.indexing[0][0].finish(articles)
            self.indexing.pop(0)
            names.append(f"{stats.pages} pages")
        if names:
            log.info(
                "Search indexes built (%s) in %.2f seconds", ", ".join(names), time.monotonic() - started
            )

    def _let_go_of_files(self) -> None:
        """The downloads and documents are written before the pages (MkDocs copies the
        files before it renders pages), and nothing reads them again in ``mkdocs build``:
        their bytes (about 420 MB at 10,000 lots: grants.json, the CSV, each lot's JSON,
        the archived documents) are not held while the other languages build. The
        Downloads page of each language keeps their sizes (``BuildData.export_sizes``).
        ``mkdocs serve`` keeps them, to compare the next build's with."""
        if self.command != "build" or self.data is None:
            return
        for file in self.written:
            file.content_bytes = b""  # written already; MkDocs' File holds what it is given
        self.written = []
        self.data.let_go_of_files()

    def _let_go(self) -> None:
        """Every language built (``mkdocs build``, from ``on_shutdown``): what only the
        pages needed is let go of before Pagefind runs, so that the build's processes
        together hold less.

        The data and the pages' titles are dropped (the instance is not used again),
        the cycle collector run (MkDocs' pages, files and navigation hold each other in
        cycles), and glibc's ``malloc_trim`` asked to return the freed memory to the
        system: glibc keeps what Python frees inside its heap for the next allocation,
        so without it the process stays as large as it was at its largest.
        """
        self.data = None
        self.generated = {}
        self.stashed = {}
        forget_formatted()
        gc.collect()
        _trim()

    def _cancel_indexing(self) -> None:
        """Stop every Pagefind run still going (a build failed, or a new one begins)."""
        self.to_index = []
        while self.indexing:
            indexing, _ = self.indexing.pop()
            indexing.cancel()

    def _build_language(self, config: MkDocsConfig, entry: Language, site_dir: Path) -> None:
        """Build another language's config in this process, with the data already read."""
        root = Path(config.config_file_path).parent
        # MkDocs keeps one instance of each plugin with startup/shutdown events in a
        # cache shared by every config it loads (for mkdocs serve): without a cache of
        # its own, the other language would get this very instance (and the same search
        # and macros plugins). So it loads with an empty cache, and ours comes back after.
        # MkDocs types a config option read on its class as any option, not as c.Plugins.
        cache = cast("config_options.Plugins", MkDocsConfig.plugins).plugin_cache
        kept = dict(cache)
        cache.clear()
        try:
            other = load_config(
                config_file=str(root / entry.config_file), site_dir=str(site_dir), strict=config.strict
            )
        finally:
            cache.clear()
            cache.update(kept)
        plugin = other.plugins.get("grants")
        if not isinstance(plugin, GrantsPlugin) or plugin is self:
            raise PluginError(f"{entry.config_file}: the grants plugin is missing from its plugins")
        plugin.parent = self
        prefix = _Prefix(entry.lang)
        handlers = logging.getLogger("mkdocs").handlers
        for handler in handlers:
            handler.addFilter(prefix)
        other.plugins.on_startup(command="build", dirty=self.quick)
        try:
            build(other, dirty=self.quick)
        except Exception as error:
            raise PluginError(f"the {entry.lang} site did not build; its messages are above") from error
        finally:
            other.plugins.on_shutdown()
            # MkDocs' config options keep the config loaded last (and with it this
            # language's plugins) after its build: the data is this plugin's to let go of.
            plugin.data = None
            plugin.generated = {}
            if self.command == "build":
                _let_macros_go(other)
            for handler in handlers:
                handler.removeFilter(prefix)

    def on_build_error(self, *, error: Exception) -> None:
        self.ready = False
        self._cancel_indexing()
        self._discard_staging()
        if self.parent is None:
            self.collector.resume(later=self.command == "serve")
        if self.quick and self.parent is None and self.writing:
            # Files were written: the next build starts again from an empty folder. (A data
            # file the validator refused stopped the build before anything was written.)
            self.served = {}
            self.writing = {}

    def on_shutdown(self) -> None:
        try:
            if self.ready and self.to_index:  # mkdocs build: every language built
                self._let_go()
                self._index()  # a PluginError when an index failed: nothing is published
        except BaseException:
            self.ready = False
            raise
        finally:
            self._cancel_indexing()
            if self.parent is None:
                self.indexer.stop()
                self.collector.stop()
            if self.ready and self.staging is not None and self.publish_dir is not None:
                self._publish()
            self._discard_staging()

    def _publish(self) -> None:
        """Put the finished site in place of the previous one, in two renames."""
        assert self.publish_dir is not None and self.staging is not None  # as on_shutdown checked
        old = None
        if self.publish_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.publish_dir.name}.old-", dir=self.publish_dir.parent))
            self.publish_dir.rename(old / "site")
        self.staging.rename(self.publish_dir)
        self.staging = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _discard_staging(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        assert self.data is not None  # read by the first build, before MkDocs serves it
        server.watch(str(self.data.path.parent))  # grants.yaml and the sources' lot files
        root = Path(config.config_file_path).parent
        for entry in self.languages[1:]:
            server.watch(str(root / entry.config_file))
            server.watch(str(root / "docs" / entry.lang))
        if self.quick:
            serve.poll_often(server.observer)
        return server
