"""The search dialog's words are the site's catalogue's (macros/strings.py SEARCH and the
plural "results"), written by the build into each language's copy of its script."""

from __future__ import annotations

import json
import re

import pytest
from conftest import parse_html

from macros.strings import SEARCH_PLACEHOLDER, search_words

LANGS = ("kk", "ru", "en")


def served_words(site, prefix: str) -> dict:
    script = (site / prefix / "assets/javascripts/grant-search.js").read_text(encoding="utf-8")
    assert SEARCH_PLACEHOLDER not in script
    found = re.search(r"var WORDS = (\{.*?\n\});", script, re.S)
    assert found, "the served script has no words"
    return json.loads(found.group(1))


@pytest.mark.parametrize("prefix", ["", "ru", "en"])
def test_each_language_s_script_carries_the_catalogue_s_words(fixture_site, prefix):
    words = served_words(fixture_site, prefix)
    assert words == {lang: search_words(lang) for lang in LANGS}
    lang = prefix or "kk"
    button = parse_html(fixture_site / prefix / "index.html").select_one(".grant-search__open")
    assert button["data-lang"] == lang
    assert button["aria-label"] == button["title"] == words[lang]["open"]


def test_counts_are_grouped_as_each_language_writes_numbers():
    # Kazakh and Russian write 5 464 (a no-break space), English 5,464: Babel's CLDR symbols,
    # not the browser's own number format, which for Kazakh differs from one browser to another.
    assert [search_words(lang)["group"] for lang in LANGS] == ["\xa0", "\xa0", ","]
    assert {key for key in search_words("ru") if key.startswith("count.")} == {
        "count.one",
        "count.few",
        "count.many",
        "count.other",
    }
