"""A word searched in the site's search box finds every page Pagefind holds a word beginning with
it for, in Kazakh, Russian and English, typed whole or as its beginning, even when those words
fall in more than one of the index's chunks.

Pagefind (1.5.2) fetches for a searched word only the chunk whose alphabetical range holds the
word itself; the words beginning with it that run on into the next chunk were not searched, and
their pages not found (on a 2,000-lot site, kk "ардагер" found 1,338 of the 1,397 pages, ru "орган"
491 of 1,834). The search box preloads the chunks of every indexed word the typed word begins
(grant-search.js ``spanned``), from the lists of indexed words beside the index (macros/search.py).

The fictitious fixture's site, its index cut into very small chunks (Pagefind's
``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``, postings a chunk; 20,000 by default) so that chunk
boundaries fall inside the beginnings of many words, served and searched in Chromium. What the
box must find is what Pagefind finds in the same pages indexed as one chunk (``whole``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FICTITIOUS, FICTITIOUS_BUILD_DATE, Visits, build_site, copy_data, serve, type_search

from macros.search import build_index

pytestmark = pytest.mark.browser

LANGS = {"kk": "", "ru": "ru", "en": "en"}
#: Postings a chunk: a few words each, so that a word's beginnings span several chunks.
SMALL = "10"
#: Postings a chunk for the reference index: all of it in one chunk.
WHOLE = "100000000"
#: Queries a language: the busiest beginnings of its words, typed as beginnings and as words.
QUERIES = 6


@pytest.fixture(scope="module")
def chunked(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("chunked")
    data = copy_data(FICTITIOUS, folder / "data")
    site = folder / "site"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", SMALL)
        result = build_site(site, data=data, build_date=FICTITIOUS_BUILD_DATE)
        assert result.returncode == 0, result.stderr
        env.setenv("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", WHOLE)
        for lang, prefix in LANGS.items():
            # The other languages' folders and the archived documents' pages are not the default
            # language's pages (GrantsPlugin._not_searched).
            others = [*(p for p in LANGS.values() if p), "sources"] if lang == "kk" else []
            build_index(site / prefix, others, bundle="whole")
    with serve(site) as url:
        yield site, url


def kazakh_endings(site: Path) -> tuple[str, ...]:
    """The endings the search box strips from a Kazakh word (its script's KK_ENDINGS)."""
    script = (site / "assets/javascripts/grant-search.js").read_text(encoding="utf-8")
    return tuple(re.findall(r'"([^"]+)"', re.search(r"KK_ENDINGS = \[(.*?)\]", script, re.S)[1]))


def queries(site: Path, lang: str) -> list[str]:
    """The beginnings shared by the most indexed words (the files of words by their first two
    letters, most frequent first): the most frequent word of each, and its first five letters.
    Kazakh ones that the search box would cut (ending in an ending it strips) are passed over."""
    folder = site / LANGS[lang] / "pagefind" / "words"
    lists = [
        path.read_text(encoding="utf-8").split() for path in folder.glob("*.txt") if path.name != "files.txt"
    ]
    endings = kazakh_endings(site) if lang == "kk" else ()
    found: list[str] = []
    for words in sorted(lists, key=len, reverse=True):
        for word in words:
            typed = [w for w in (word[:5], word) if len(w) >= 5 and not w.endswith(endings)]
            if len(typed) == 2 and word.isalpha():
                found += typed
                break
        if len(found) >= 2 * QUERIES:
            break
    assert len(found) >= 2 * QUERIES, f"{lang}: too few words to search"
    return found


def box_count(visits: Visits, lang: str, query: str) -> int:
    """The number of results the header's search box says it found, on a fresh page."""
    page = visits.open(f"/{LANGS[lang]}/" if LANGS[lang] else "/")
    dialog = type_search(page, query)
    status = dialog.locator(".grant-search__status").inner_text()
    number = re.search(r"\d[\d\s,]*", status)
    return int(re.sub(r"\D", "", number[0])) if number else 0


def whole_count(visits: Visits, lang: str, query: str) -> int:
    """What Pagefind itself finds for ``query`` in the same pages indexed as one chunk."""
    page = visits.open(f"/{LANGS[lang]}/" if LANGS[lang] else "/")
    bundle = f"/{LANGS[lang]}/whole/" if LANGS[lang] else "/whole/"
    return page.evaluate(
        """async ([bundle, query]) => {
            const pagefind = await import(bundle + "pagefind.js");
            await pagefind.options({ baseUrl: new URL("..", location.origin + bundle).pathname });
            return (await pagefind.search(query)).results.length;
        }""",
        [bundle, query],
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_finds_every_page_whatever_chunks_its_words_fall_in(browser, chunked, lang) -> None:
    site, url = chunked
    chunks = {
        bundle: len(list((site / LANGS[lang] / bundle / "index").glob("*.pf_index")))
        for bundle in ("pagefind", "whole")
    }
    # Pagefind read the chunk size it was given (an unstable setting): else this tests nothing.
    assert chunks["pagefind"] > 20 and chunks["whole"] == 1, chunks
    visits = Visits(browser, url)
    try:
        wrong = {}
        for query in queries(site, lang):
            expected = whole_count(visits, lang, query)
            assert expected, f"{lang} {query!r}: Pagefind finds nothing"
            found = box_count(visits, lang, query)
            if found != expected:
                wrong[query] = (found, expected)
        assert not wrong, f"{lang}: found, of the pages Pagefind holds the words for: {wrong}"
        visits.assert_clean()
    finally:
        visits.close()
