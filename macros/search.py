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
lot (the lot index and its further pages, a sector's further pages, Open now,
Changes), which would match every query and grow with the data. Of a lot's
page, what a reader finds a lot by: its title, problem, facts (sector, money,
years, territory), award and source, not its plan (indicators, expected
results, requirements: ``EXCLUDED``). A lot's status and money reach its result
through ``data-pagefind-meta`` attributes in overrides/grants/lot.html.

Interface words that every lot page repeats (the links to the page's sections,
"how to apply" with what every status means, "not yet translated", the rows of
the lot's data files and last change) are left out too: they would make every
lot a result of those words, and they were a quarter of the words Pagefind
indexed (and of its time).

Pagefind has no typo tolerance; beside each index go the indexed words,
grouped by their first two letters (``write_words``), which the search box
uses to correct a word typed with one letter wrong, and to fetch every index
chunk that the words beginning with a typed word fall in (Pagefind 1.5.2
fetches only the chunk of the typed word itself: the pages of the words in the
next chunk were not found).

Pagefind runs as a child process (``start_index``), one language after the
other, once every language is built (``GrantsPlugin._index`` in macros/plugin.py:
one run holds about 1.1 GB at 10,000 lots, and beside the Python build or another
run it took the build past 1.5 GB); ``Indexing.finish`` writes the words for typo
correction while it runs, then waits for it.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

import pagefind_bin
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.grants.search")

#: The folder of the search bundle inside each language's site folder.
BUNDLE = "pagefind"

#: Pages of each language left out of the index, by their path in that language's folder.
#: They list every lot (or every change), so they would be a result of every query.
SKIPPED = frozenset({"404.html", "lots/index.html", "open/index.html", "changes/index.html"})
#: Folders whose pages are indexed one folder deep at most: each lot (``lots/<id>/``) and each
#: sector (``sectors/<id>/``), not their lists' further pages (``lots/page/2/``,
#: ``sectors/<id>/page/2/``), which repeat the first page's heading and money above lots that
#: are each found on their own page (400 results of nothing, a tenth of the pages' list every
#: query downloads, at 10,000 lots).
SHALLOW = frozenset({"lots", "sectors"})


def indexed(path: str) -> bool:
    """Whether the page at ``path`` in a language's folder is indexed (not ``SKIPPED``, not a
    further page of a list below a ``SHALLOW`` folder)."""
    parts = path.split("/")
    return path not in SKIPPED and not (parts[0] in SHALLOW and len(parts) > 3)


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
#: Chrome inside the article: the language switcher and the translation notice, heading
#: anchors, the lot index's filters; on lot pages, the links to the page's sections, how to
#: apply (the lot's own status, deadline and issuer are in the facts above it), the "not
#: yet translated" marks and the rows of the lot's last change and data files; and the
#: interface words every lot page repeats around its texts: the facts' labels ("Sector",
#: "Funding", …), "Target:", "Met every year", the source-defects notice's title and
#: introduction, and the list of spelling corrections (each corrected word is in the text).
#: Those were a tenth of the words Pagefind indexed, and of its memory (which grows with
#: the words: ~375 bytes a word, 2.7 GB for 10,000 Russian lot pages), and made every lot
#: a result of "source" or "target". Tables' column headings too: labels, which Pagefind
#: would run together in a result's text ("ГодСумма").
#:
#: And a lot's plan (``.grant-lot-plan``: its indicators, progress, expected results and
#: material requirements): long texts much alike from lot to lot, half of a lot page's words
#: (its expected results alone 49%). A reader finds a lot by its title, problem, sector,
#: territory, money, years, recipient and organiser, which stay indexed. At 10,000 lots the
#: plan made a common word ("ветеран") a result of 96% of the lots, a query for it fetch up
#: to 385 KB, and each language's Pagefind run peak at 2.2 GB (1.1 GB without it). Nor the
#: links every page of a kind ends or begins with ("All lots", "Report an error on this
#: page"), which are not printed either (grants.css): they made every lot a result of "lots".
EXCLUDED = (
    ".grant-languages",
    ".grant-unofficial--site",
    ".headerlink",
    ".grant-filters",
    "form",
    ".grant-sections",
    ".grant-apply--lot",
    ".grant-untranslated",
    ".grant-screen-only",
    ".grant-facts > dt",
    ".grant-target__label",
    ".grant-per-year",
    ".grant-notes > .admonition-title",
    ".grant-notes__intro",
    ".grant-corrections",
    "thead",
    ".grant-lot-plan",
    ".grant-lot-head__all",
    ".grant-report",
)


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
        if relative.parts[0] in skip_dirs or not indexed(str(relative)):
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
        elif entry.is_dir() and name in SHALLOW:
            # Its own page unless skipped (the lot index), and the pages one folder below it.
            if (entry / "index.html").is_file() and f"{name}/index.html" not in SKIPPED:
                parts.append(f"{name}/index.html")
            parts.append(f"{name}/*/*.html")
        elif entry.is_dir() and name not in skip_dirs:
            # A folder whose own page is skipped keeps the pages below it.
            parts.append(f"{name}/*/**/*.html" if f"{name}/index.html" in SKIPPED else f"{name}/**/*.html")
    return "{" + ",".join(parts) + "}"


class _Pagefind(subprocess.Popen[str]):
    """Pagefind's process, and the file its output goes to."""

    said: IO[str]  # read by Indexing.finish


def _pagefind(site_dir: Path, glob: str, bundle: str = BUNDLE) -> _Pagefind:
    """Start Pagefind's binary (from pagefind-bin) on the folder; ``Indexing.finish`` waits for it.

    The command line, not Pagefind's Python API: the API's service reads each of
    its answers after a pause of a tenth of a second, and its directory walk
    took about twice the time of the same walk from the command line here.
    What it says goes to a temporary file rather than a pipe, so that it never
    blocks on a full pipe while nobody reads it.
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
    said = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed by finish or cancel)
    process = _Pagefind(command, stdout=said, stderr=subprocess.STDOUT, text=True)
    process.said = said
    return process


#: The folder, inside the bundle, of the words the search box corrects typing mistakes against.
WORDS = "words"
#: Shorter words are not corrected: one letter changed would give another word too often.
WORD = re.compile(r"[^\W\d_]{4,}")
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
#: The same chrome as ``EXCLUDED``, in our own templates' markup (none of these elements
#: holds another of its kind, so the first closing tag ends it).
_CHROME = re.compile(
    r'<nav class="grant-(?:languages|sections)".*?</nav>'
    r'|<p class="grant-unofficial.*?</p>'
    r"|<form\b.*?</form>"
    r'|<div class="grant-apply grant-apply--lot">.*?</div>'
    r'|<span class="grant-untranslated".*?</span>'
    r'|<dt class="grant-screen-only">.*?</dt>'
    r'|<dd class="grant-screen-only">.*?</dd>'
    r'|<span class="grant-target__label">.*?</span>'
    r'|<p class="grant-per-year">.*?</p>'
    r'|<dd class="grant-corrections">.*?</dd>'
    r'|(?<=<div class="admonition warning grant-notes" role="note">)\s*<p class="admonition-title">.*?</p>'
    r'|<p class="grant-notes__intro">.*?</p>'
    # The lot's plan holds other <div>s; how to apply and the source always follow it.
    r'|<div class="grant-lot-plan">.*?(?=<div class="grant-lot-tail">)'
    r'|<a class="grant-lot-head__all".*?</a>'
    r'|<p class="grant-report">.*?</p>',
    re.S,
)
#: The facts' lists (``.grant-facts``), whose labels (``<dt>``) are left out.
_FACTS = re.compile(r'<dl class="grant-facts">.*?</dl>', re.S)
_LABEL = re.compile(r"<dt\b.*?</dt>", re.S)
_TAG = re.compile(r"<[^>]+>")


def word_file(word: str) -> str:
    """The file of the words beginning with ``word``'s first two letters: ``words/430-435.txt``."""
    return "-".join(f"{ord(letter):x}" for letter in word[:2]) + ".txt"


def page_text(content: str, title: str) -> str:
    """What Pagefind reads of a page whose article holds ``content`` (MkDocs' ``page.content``):
    Material's article adds the title as a heading where the content has no ``<h1>``
    (partials/content.html), besides the language switcher and translation notice,
    which are left out anyway."""
    if "<h1" in content:
        return content
    return f"<h1>{title}</h1>\n{content}"  # as Material prints it: the title is given escaped


def count_words(articles: Iterable[str]) -> Counter[str]:
    """The words of pages' article HTML, without the chrome Pagefind leaves out."""
    counts: Counter[str] = Counter()
    for article in articles:
        article = _FACTS.sub(lambda facts: _LABEL.sub(" ", facts[0]), _CHROME.sub(" ", article))
        text = html.unescape(_TAG.sub(" ", article))
        counts.update(map(str.lower, WORD.findall(text)))
    return counts


def read_articles(site_dir: Path, pages: Iterable[PurePosixPath]) -> Iterator[str]:
    """The article of each built page, read from disk as Pagefind reads it."""
    for relative in pages:
        article = _ARTICLE.search((site_dir / relative).read_text(encoding="utf-8"))
        if article:
            yield article.group(1)


def write_words(
    site_dir: Path, pages: Iterable[PurePosixPath], output: Path, counts: Counter[str] | None = None
) -> int:
    """The indexed pages' words, by their first two letters, most frequent first, one file each.

    Pagefind has no typo tolerance (its index is split by word for small
    downloads, which rules out fuzzy lookups), so for a typed word that no
    indexed word begins with, the search box fetches the one small file of the
    words that begin like it and searches with the nearest one (one letter added,
    removed, changed or two swapped): "ардагр" → "ардагер", "ветиран" →
    "ветеран". The text is read as Pagefind reads it: the article, without the
    chrome it leaves out (``counts``: counted already, from the pages the build
    holds in memory). Returns the number of distinct words.
    """
    if counts is None:
        counts = count_words(read_articles(site_dir, pages))
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


class Articles:
    """The words of a language's pages, counted as the build renders each page (``page_text``),
    by its path in the language's folder: ``articles[path] = html``.

    Only the counts are kept, not the pages' HTML: holding every page's article until its
    language's index is finished held each language's text at once (about 200 MB a language
    at 10,000 lots, all three until the last index ended). Pages that are not indexed
    (``indexed``) are not counted; the pages the build did not hold are read from disk by
    ``Indexing.finish``.
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.held: set[str] = set()

    def __setitem__(self, path: str, article: str) -> None:
        if indexed(path) and path not in self.held:
            self.held.add(path)
            self.counts.update(count_words([article]))

    def __contains__(self, path: object) -> bool:
        return path in self.held

    def __len__(self) -> int:
        return len(self.held)


class Indexing:
    """One language's Pagefind run, started by ``start_index``; ``finish`` waits for it."""

    def __init__(self, site_dir: Path, skip_dirs: Iterable[str] = (), bundle: str = BUNDLE) -> None:
        self.site_dir = Path(site_dir)
        self.output = self.site_dir / bundle
        skip_dirs = [*skip_dirs, bundle]
        self.pages = pages_to_index(self.site_dir, skip_dirs)
        shutil.rmtree(self.output, ignore_errors=True)  # no chunk of a previous build is left behind
        self.process: _Pagefind | None = _pagefind(
            self.site_dir, pages_glob(self.site_dir, skip_dirs), bundle
        )

    def finish(self, articles: Articles | dict[str, str] | None = None) -> IndexStats:
        """Count the words for typo correction while Pagefind runs, then wait for it and check it.

        ``articles``: the words of the pages the build rendered (``Articles``), or their
        article HTML (``page_text``) by their path in the language's folder; the other
        pages are read from disk.
        """
        articles = articles or {}
        to_index = {str(p) for p in self.pages}
        if isinstance(articles, Articles):
            counts = articles.counts.copy()
            if not articles.held <= to_index:  # its words would be offered without being found
                raise PluginError(
                    f"search: pages counted but not indexed: {sorted(articles.held - to_index)[:5]}"
                )
        else:
            counts = count_words(articles[p] for p in sorted(to_index) if p in articles)
        counts.update(
            count_words(read_articles(self.site_dir, [p for p in self.pages if str(p) not in articles]))
        )
        process, self.process = self.process, None
        assert process is not None, "finish() after finish() or cancel()"
        process.wait()
        process.said.seek(0)
        said = process.said.read()
        process.said.close()
        if process.returncode != 0:
            raise PluginError(f"the search index of {self.site_dir} could not be built:\n{said}")
        entry = json.loads((self.output / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed = sum(int(language["page_count"]) for language in entry["languages"].values())
        if indexed != len(self.pages):
            raise PluginError(
                f"the search index of {self.site_dir} has {indexed} pages where {len(self.pages)} were to be indexed"
            )
        for name in UNUSED:
            (self.output / name).unlink(missing_ok=True)
        words = write_words(self.site_dir, self.pages, self.output, counts)
        log.debug("search: %s pages and %s words indexed into %s", indexed, words, self.output)
        return IndexStats(pages=indexed, words=words, bundle=self.output)

    def cancel(self) -> None:
        """Stop Pagefind (the build failed), so that no child is left running."""
        process, self.process = self.process, None
        if process is not None:
            process.kill()
            process.wait()
            process.said.close()


def start_index(site_dir: Path, skip_dirs: Iterable[str] = (), *, bundle: str = BUNDLE) -> Indexing:
    """Start indexing one language's built site folder into ``site_dir/pagefind/``.

    ``skip_dirs`` names subfolders that are not this language's pages (the
    other languages' folders inside the default language's one). ``bundle``
    is another folder to write the index into, for ``mkdocs serve``, which
    indexes beside the index in use and then puts the new one in its place.
    """
    return Indexing(site_dir, skip_dirs, bundle)


def build_index(site_dir: Path, skip_dirs: Iterable[str] = (), *, bundle: str = BUNDLE) -> IndexStats:
    """Index one language's built site folder into ``site_dir/pagefind/`` and wait for it."""
    return start_index(site_dir, skip_dirs, bundle=bundle).finish()
