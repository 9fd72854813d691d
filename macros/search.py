"""The site's search index: Pagefind, one bundle per language, built from the built site.

Pagefind (PyPI ``pagefind[bin]``, which ships its binary) splits the index
into small chunks, so a reader's browser fetches only the chunks a query needs
instead of the whole index (Material's lunr search downloads every page's text
on the first query: about 2 MB gzip at 1,000 lots, 21 MB at 10,000).

Each language's build indexes its own folder, once its pages are written:
the Kazakh site at the root into ``pagefind/``, the Russian one into
``ru/pagefind/``, the English one into ``en/pagefind/`` (each with the others'
folders left out). Pagefind reads the language from ``<html lang>``: Russian
and English words are stemmed; Kazakh, which Pagefind has no stemmer for, is
indexed as written and the search box strips Kazakh endings from what is typed
(overrides/assets/javascripts/grant-search.js), so "ардагерлерді" finds
"ардагерлер" and "ардагердің".

Only content is indexed: the article of each page (``root_selector``) without
the language switcher and heading anchors, and not the pages that list every
lot (the lot index, Open now, Changes), which would match every query and grow
with the data. A lot's status and money reach its result through
``data-pagefind-meta`` attributes in overrides/grants/lot.html.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError
from pagefind.index import IndexConfig, PagefindIndex

log = logging.getLogger("mkdocs.grants.search")

#: The folder of the search bundle inside each language's site folder.
BUNDLE = "pagefind"

#: Pages of each language left out of the index, by their path in that language's folder.
#: They list every lot (or every change), so they would be a result of every query.
SKIPPED = frozenset({"404.html", "lots/index.html", "open/index.html", "changes/index.html"})

#: Files of the bundle for Pagefind's ready-made interfaces, which the site does not use
#: (its own dialog talks to pagefind.js): removed, so that each language's copy stays small.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)

#: Material's article: the page's content, without the header, navigation and footer.
ROOT_SELECTOR = "article.md-content__inner"
#: Chrome inside the article.
EXCLUDED = (".grant-languages", ".grant-unofficial--site", ".headerlink", ".grant-filters", "form")


@dataclass(frozen=True)
class IndexStats:
    pages: int
    words: int
    bundle: Path


def pages_to_index(site_dir: Path, skip_dirs: Iterable[str] = ()) -> list[PurePosixPath]:
    """The HTML pages of one language's folder to index, sorted (so the index is reproducible)."""
    skip_dirs = {d.strip("/") for d in skip_dirs} | {BUNDLE}
    pages = []
    for path in site_dir.rglob("*.html"):
        relative = PurePosixPath(path.relative_to(site_dir).as_posix())
        if relative.parts[0] in skip_dirs or str(relative) in SKIPPED:
            continue
        pages.append(relative)
    return sorted(pages)


def _url(relative: PurePosixPath) -> str:
    """The page's address relative to its language's root, as Pagefind reports it: ``/lots/x/``."""
    if relative.name == "index.html":
        parent = str(relative.parent)
        return "/" if parent == "." else f"/{parent}/"
    return f"/{relative}"


async def _build(site_dir: Path, pages: list[PurePosixPath], output: Path) -> IndexStats:
    config = IndexConfig(
        root_selector=ROOT_SELECTOR,
        exclude_selectors=list(EXCLUDED),
        output_path=str(output),
    )
    words = 0
    async with PagefindIndex(config=config) as index:
        for relative in pages:
            content = (site_dir / relative).read_text(encoding="utf-8")
            result = await index.add_html_file(content=content, url=_url(relative))
            words += int(result.get("page_word_count") or 0)
    return IndexStats(pages=len(pages), words=words, bundle=output)


def build_index(site_dir: Path, skip_dirs: Iterable[str] = ()) -> IndexStats:
    """Index one language's built site folder into ``site_dir/pagefind/``.

    ``skip_dirs`` names subfolders that are not this language's pages (the
    other languages' folders inside the default language's one).
    """
    site_dir = Path(site_dir)
    output = site_dir / BUNDLE
    pages = pages_to_index(site_dir, skip_dirs)
    try:
        stats = asyncio.run(_build(site_dir, pages, output))
    except Exception as error:  # the service reports a bad page or a dead binary as a plain exception
        raise PluginError(f"the search index of {site_dir} could not be built: {error}") from error
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    log.debug("search: %s pages, %s words indexed into %s", stats.pages, stats.words, output)
    return stats
