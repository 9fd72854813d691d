"""The site's search index: Pagefind, one bundle per language, built from the built site.

Pagefind (its binary, shipped by PyPI's ``pagefind-bin``) splits the index
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

Pagefind has no typo tolerance; beside each index go the indexed words,
grouped by their first two letters (``write_words``), which the search box
uses to correct a word typed with one letter wrong.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pagefind_bin
from mkdocs.exceptions import PluginError

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


def pages_glob(site_dir: Path, skip_dirs: Iterable[str] = ()) -> str:
    """The same pages as ``pages_to_index``, as one glob for Pagefind's own directory walk.

    Pagefind reads the pages from disk itself, chosen by this glob of the
    folder's top level (``{index.html,about/**/*.html,lots/*/**/*.html,...}``);
    ``build_index`` checks that it indexed as many pages as ``pages_to_index`` lists.
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


def _pagefind(site_dir: Path, glob: str, bundle: str = BUNDLE) -> int:
    """Run Pagefind's binary (from pagefind-bin) on the folder; the number of pages it indexed.

    The command line, not Pagefind's Python API: the API's service reads each of
    its answers after a pause of a tenth of a second, and its directory walk
    took about twice the time of the same walk from the command line here.
    """
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(site_dir),
        "--glob", glob,
        "--root-selector", ROOT_SELECTOR,
        "--exclude-selectors", ", ".join(EXCLUDED),
        "--output-subdir", bundle,
        "--quiet",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PluginError(f"the search index of {site_dir} could not be built:\n{done.stdout}{done.stderr}")
    entry = json.loads((site_dir / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


#: The folder, inside the bundle, of the words the search box corrects typing mistakes against.
WORDS = "words"
#: Shorter words are not corrected: one letter changed would give another word too often.
WORD = re.compile(r"[^\W\d_]{4,}")
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
_CHROME = re.compile(
    r'<nav class="grant-languages".*?</nav>|<p class="grant-unofficial.*?</p>|<form\b.*?</form>', re.S
)
_TAG = re.compile(r"<[^>]+>")


def word_file(word: str) -> str:
    """The file of the words beginning with ``word``'s first two letters: ``words/430-435.txt``."""
    return "-".join(f"{ord(letter):x}" for letter in word[:2]) + ".txt"


def write_words(site_dir: Path, pages: Iterable[PurePosixPath], output: Path) -> int:
    """The indexed pages' words, by their first two letters, most frequent first, one file each.

    Pagefind has no typo tolerance (its index is split by word for small
    downloads, which rules out fuzzy lookups), so for a typed word that no
    indexed word begins with, the search box fetches the one small file of the
    words that begin like it and searches with the nearest one (one letter added,
    removed, changed or two swapped): "ардагр" → "ардагер", "ветиран" →
    "ветеран". The text is read as Pagefind reads it: the article, without the
    language switcher. Returns the number of distinct words.
    """
    counts: Counter[str] = Counter()
    for relative in pages:
        page = (site_dir / relative).read_text(encoding="utf-8")
        article = _ARTICLE.search(page)
        if article:
            text = html.unescape(_TAG.sub(" ", _CHROME.sub(" ", article.group(1))))
            counts.update(word.lower() for word in WORD.findall(text))
    buckets: dict[str, list[str]] = {}
    for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        buckets.setdefault(word_file(word), []).append(word)
    folder = output / WORDS
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, words in buckets.items():
        (folder / name).write_text("\n".join(words) + "\n", encoding="utf-8")
    # The list of those files, so that the search box asks for none that does not exist.
    (folder / "files.txt").write_text("".join(f"{name[:-4]}\n" for name in sorted(buckets)), encoding="utf-8")
    return len(counts)


def build_index(site_dir: Path, skip_dirs: Iterable[str] = (), *, bundle: str = BUNDLE) -> IndexStats:
    """Index one language's built site folder into ``site_dir/pagefind/``.

    ``skip_dirs`` names subfolders that are not this language's pages (the
    other languages' folders inside the default language's one). ``bundle``
    is another folder to write the index into, for ``mkdocs serve``, which
    indexes beside the index in use and then puts the new one in its place.
    """
    site_dir = Path(site_dir)
    output = site_dir / bundle
    skip_dirs = [*skip_dirs, bundle]
    pages = pages_to_index(site_dir, skip_dirs)
    expected = len(pages)
    shutil.rmtree(output, ignore_errors=True)  # no chunk of a previous build is left behind
    indexed = _pagefind(site_dir, pages_glob(site_dir, skip_dirs), bundle)
    if indexed != expected:
        raise PluginError(
            f"the search index of {site_dir} has {indexed} pages where {expected} were to be indexed"
        )
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    words = write_words(site_dir, pages, output)
    log.debug("search: %s pages and %s words indexed into %s", indexed, words, output)
    return IndexStats(pages=indexed, words=words, bundle=output)


def index_built_site(config) -> IndexStats:
    """The build's post-build step: index this language's pages (MkDocs config in, stats out)."""
    languages = config["extra"].get("grants_languages") or []
    this = config["theme"]["language"]
    is_default = bool(languages) and languages[0]["lang"] == this
    # The default language's folder also holds the other languages' folders (moved in
    # by the build after this step, or left from a previous build): never index them.
    skip = [entry["lang"] for entry in languages[1:]] if is_default else []
    return build_index(Path(config["site_dir"]), skip)
