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
import concurrent.futures
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


def pages_glob(site_dir: Path, skip_dirs: Iterable[str] = ()) -> str:
    """The same pages as ``pages_to_index``, as one glob for Pagefind's own directory walk.

    Pagefind's Python API answers one request per tenth of a second, so pages are
    not sent one by one (30,000 pages would take most of an hour): the service
    reads them from disk itself, chosen by this glob of the folder's top level
    (``{index.html,about/**/*.html,lots/*/**/*.html,...}``).
    """
    skip_dirs = {d.strip("/") for d in skip_dirs} | {BUNDLE}
    parts = []
    for entry in sorted(site_dir.iterdir()):
        name = entry.name
        if entry.is_file() and name.endswith(".html") and name not in SKIPPED:
            parts.append(name)
        elif entry.is_dir() and name not in skip_dirs:
            # A folder whose own page is skipped (the lot index) keeps the pages below it (the lots).
            parts.append(f"{name}/*/**/*.html" if f"{name}/index.html" in SKIPPED else f"{name}/**/*.html")
    return "{" + ",".join(parts) + "}"


async def _build(site_dir: Path, glob: str, output: Path) -> int:
    config = IndexConfig(
        root_selector=ROOT_SELECTOR,
        exclude_selectors=list(EXCLUDED),
        output_path=str(output),
    )
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir), glob=glob)
    return int(result["page_count"])


def _run(coroutine):
    """Run Pagefind's asynchronous API to the end, also from code that has an event loop running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def build_index(site_dir: Path, skip_dirs: Iterable[str] = ()) -> IndexStats:
    """Index one language's built site folder into ``site_dir/pagefind/``.

    ``skip_dirs`` names subfolders that are not this language's pages (the
    other languages' folders inside the default language's one).
    """
    site_dir = Path(site_dir)
    output = site_dir / BUNDLE
    expected = len(pages_to_index(site_dir, skip_dirs))
    try:
        indexed = _run(_build(site_dir, pages_glob(site_dir, skip_dirs), output))
    except Exception as error:  # the service reports a bad page or a dead binary as a plain exception
        raise PluginError(f"the search index of {site_dir} could not be built: {error}") from error
    if indexed != expected:
        raise PluginError(
            f"the search index of {site_dir} has {indexed} pages where {expected} were to be indexed"
        )
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    log.debug("search: %s pages indexed into %s", indexed, output)
    return IndexStats(pages=indexed, bundle=output)
