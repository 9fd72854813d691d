"""The site's search (Pagefind, built by macros/search.py) as a reader uses it:
the real site built with ``mkdocs build``, served locally, and headless
Chromium typing into the search box in the header, in Kazakh, Russian and
English. The words, amounts and years typed come from data/grants.yaml, and
the money a result must show is the one the lot's own page shows.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import Visits, folded, parse_html, type_search

from grants import load_dataset
from grants.formatting import number

pytestmark = pytest.mark.browser

DATASET = load_dataset()
LANGS = {"kk": "/", "ru": "/ru/", "en": "/en/"}
WORD = re.compile(r"[^\W\d_]{6,}")


def distinctive_word(lang: str):
    """A lot and a word of its title (in ``lang``) that no other lot's title has."""
    titles = {lot.id: lot.priority.get(lang) or "" for lot in DATASET.lots}
    for lot in DATASET.lots:
        others = " ".join(t for i, t in titles.items() if i != lot.id).lower()
        for word in sorted(WORD.findall(titles[lot.id].lower()), key=len, reverse=True):
            if word not in others:
                return lot, word
    pytest.skip(f"no lot title in {lang} has a word of its own")


def lot_page(site, lang: str, lot) -> BeautifulSoup:
    path = site / LANGS[lang].strip("/") / "lots" / lot.id / "index.html"
    return parse_html(path)


def shown_money(site, lang: str, lot) -> str:
    """The money the lot's page shows last in its funding list: the total, or the only year's amount."""
    return folded(lot_page(site, lang, lot).select(".grant-funding")[0].select(".grant-num")[-1].get_text())


def search(page, query: str) -> list[dict]:
    """Open the search from the header, type ``query``, and read every result shown (all pages of them)."""
    dialog = type_search(page, query)
    more = dialog.locator(".grant-search__more")
    for _ in range(20):
        page.wait_for_timeout(100)
        if not more.is_visible():
            break
        more.click()
    results = []
    for item in dialog.locator(".grant-search__result").all():
        link = item.locator("a.grant-search__link")
        results.append(
            {
                "path": urlsplit(link.evaluate("a => a.href")).path,
                "title": folded(link.inner_text()),
                "text": folded(item.inner_text()),
                "marked": [folded(mark.inner_text()).lower() for mark in item.locator("mark").all()],
            }
        )
    return results


def lots_marking(page, lang: str, word: str) -> list[tuple[str, list[str]]]:
    """The lots that a search for ``word`` finds with the word itself marked: (path, marked).
    Pagefind, given a word it has not indexed, may show pages of a short word the query
    begins with ("anniversaries" shows pages with "an" marked): those are not counted."""
    return [
        (r["path"], r["marked"])
        for r in search(page, word)
        if r["path"].startswith(f"{LANGS[lang]}lots/") and any(m.startswith(word[:5]) for m in r["marked"])
    ]


def result_for(results: list[dict], path: str, query: str) -> dict:
    found = [r for r in results if r["path"] == path]
    assert found, f"{query!r} did not find {path}; it found {[r['path'] for r in results]}"
    return found[0]


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_of_a_lot_finds_the_lot_with_its_money_and_status(visits: Visits, built_site, lang) -> None:
    lot, word = distinctive_word(lang)
    page = visits.open(LANGS[lang])
    shown = result_for(search(page, word), f"{LANGS[lang]}lots/{lot.id}/", word)
    head = lot_page(built_site, lang, lot)
    assert shown["title"] == folded(head.select_one("article h1").get_text())
    assert shown_money(built_site, lang, lot) in shown["text"]
    assert folded(head.select_one(".grant-lot-head .grant-badge").get_text()) in shown["text"]
    visits.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_an_amount_finds_its_lot_typed_with_or_without_spaces(visits: Visits, lang) -> None:
    lot = DATASET.lots[0]
    amount = lot.funding[0].amount
    page = visits.open(LANGS[lang])
    for query in (str(amount), number(amount, lang).replace("\u00a0", " ")):
        result_for(search(page, query), f"{LANGS[lang]}lots/{lot.id}/", query)
    visits.assert_clean()


def test_a_year_finds_the_lots_funded_that_year(visits: Visits) -> None:
    year = DATASET.lots[0].funding[0].year
    funded = {lot.id for lot in DATASET.lots if any(f.year == year for f in lot.funding)}
    page = visits.open("/")
    found = {r["path"].split("/")[2] for r in search(page, str(year)) if r["path"].startswith("/lots/")}
    assert funded <= found, f"{year}: {sorted(funded - found)} not found"
    visits.assert_clean()


def test_a_latin_word_is_found_on_the_kazakh_site(visits: Visits) -> None:
    # The home page tells where the data can be downloaded "CSV және JSON форматында".
    page = visits.open("/")
    assert "CSV" in page.locator("article").inner_text()
    result_for(search(page, "CSV"), "/", "CSV")
    visits.assert_clean()


def test_a_kazakh_word_is_found_in_another_form(visits: Visits) -> None:
    """Pagefind has no Kazakh stemmer: the search box strips the endings typed (here a genitive)."""
    lot, word = distinctive_word("kk")
    front = any(letter in word for letter in "әеіөүи")
    query = word + ("нің" if front else "ның")  # the genitive, which the lot's title does not use
    assert query not in (lot.priority.kk or "").lower()
    page = visits.open("/")
    result_for(search(page, query), f"/lots/{lot.id}/", query)
    visits.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_typed_with_one_letter_wrong_still_finds_the_lot(visits: Visits, lang) -> None:
    """Pagefind has no typo tolerance: the search box corrects against the indexed words."""
    lot, word = distinctive_word(lang)
    page = visits.open(LANGS[lang])
    other = next(letter for letter in word if letter != word[3])
    for typo in (word[:3] + word[4:], word[:3] + other + word[4:]):  # a letter left out, one changed
        results = search(page, typo)
        result_for(results, f"{LANGS[lang]}lots/{lot.id}/", typo)
        told = page.locator(".grant-search__status").inner_text()
        assert typo in told, f"the reader is not told that {typo!r} was searched otherwise: {told!r}"
    visits.assert_clean()


def test_navigation_and_lists_of_all_lots_are_not_indexed(visits: Visits) -> None:
    # The language switcher on every page, and the lot index (which names every lot), are not results.
    _, word = distinctive_word("kk")
    page = visits.open("/")
    assert search(page, "Русский") == []
    found = [r["path"] for r in search(page, word)]
    assert "/lots/" not in found
    # nor are the lists of a sector's lots: each lot is found on its own page
    assert not [path for path in found if path.startswith("/sectors/")], found
    visits.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_search_on_a_phone_fits_the_screen_and_reads(visits: Visits, lang) -> None:
    _, word = distinctive_word(lang)
    page = visits.open(LANGS[lang], viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    button = page.locator("header .grant-search__open")
    box = button.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 40, "the search button is too small to tap"
    assert box["x"] + box["width"] <= 390
    search(page, word)
    sizes = page.evaluate(
        """() => {
            const d = document.querySelector("dialog.grant-search");
            const r = d.getBoundingClientRect();
            const px = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
            return {left: r.left, right: r.right, scroll: d.scrollWidth, client: d.clientWidth,
                    input: px(".grant-search__input"), title: px(".grant-search__link"),
                    excerpt: px(".grant-search__excerpt")};
        }"""
    )
    assert sizes["left"] >= 0 and sizes["right"] <= 390, sizes
    assert sizes["scroll"] <= sizes["client"], "the results scroll sideways"
    assert sizes["input"] >= 16, "phones zoom into a search box with text under 16 px"
    assert sizes["title"] >= 14 and sizes["excerpt"] >= 14, sizes
    visits.assert_clean()


@pytest.mark.site
def test_each_language_has_its_own_search_bundle_and_no_lunr_index(built_site) -> None:
    for lang, prefix in LANGS.items():
        folder = built_site / prefix.strip("/")
        entry = json.loads((folder / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {lang}, lang
        assert not (folder / "search" / "search_index.json").exists(), (
            f"Material's lunr index is back in {lang}"
        )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_labels_around_a_lots_texts_find_no_lot(visits: Visits, lang) -> None:
    """The interface words every lot page repeats around its own texts (the facts' labels,
    "Target", "every year") are not indexed: a word of theirs that no lot's text has finds no lot."""
    from macros.strings import UI

    texts = " ".join(
        (text.get(lang) or "")
        for lot in DATASET.lots
        for text in (
            lot.priority, lot.problem, lot.territory, lot.sector.name, lot.source.title,
            lot.source.issuer, *lot.results, *lot.notes, *lot.material_requirements,
            *(indicator.text for indicator in lot.indicators),
            *(indicator.target.unit for indicator in lot.indicators if indicator.target),
        )
    ).lower()  # fmt: skip
    # The page's headings are indexed (they name its sections): a label word that shares its
    # stem with one ("Целевое" / "Целевые индикаторы") is found through it, so it is not tried.
    headings = " ".join(UI[key].get(lang) for key in ("lot.problem", "lot.indicators", "lot.results"))
    texts += " " + headings.lower()
    labels = " ".join(
        UI[key].get(lang) for key in ("lot.sector", "lot.funding", "lot.target", "lot.per_year")
    )
    words = sorted({w for w in WORD.findall(labels.lower()) if w[:5] not in texts})
    assert words, "every label word is also in a lot's text: nothing to search for"
    page = visits.open(LANGS[lang])
    for word in words:
        found = lots_marking(page, lang, word)
        assert not found, (word, found)
    visits.assert_clean()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_results_text_does_not_run_a_tables_column_headings_together(visits: Visits, lang) -> None:
    """A sector's page holds its money in a table; its result must not read "ГодСумма": the
    column headings are labels, left out of the index (macros.search.EXCLUDED)."""
    from macros.strings import UI

    sector = DATASET.lots[0].sector
    word = max(WORD.findall((sector.name.get(lang) or sector.name.kk).lower()), key=len)
    page = visits.open(LANGS[lang])
    results = [r for r in search(page, word) if r["path"] == f"{LANGS[lang]}sectors/{sector.id}/"]
    assert results, f"{word!r} did not find the page of the sector {sector.id}"
    glued = (UI["col.year"].get(lang) + UI["col.amount"].get(lang)).lower()
    assert glued not in results[0]["text"].lower(), results[0]["text"]
    visits.assert_clean()


def indexed_texts(lang: str) -> str:
    """Every text of the data that a lot page gives the index, in ``lang``, lowercased."""
    return " ".join(
        (text.get(lang) or text.kk or "")
        for lot in DATASET.lots
        for text in (
            lot.priority, lot.problem, lot.territory, lot.sector.name, lot.source.title,
            lot.source.issuer, *lot.notes,
            *((lot.award.recipient,) if lot.award else ()),
        )
    ).lower()  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_of_a_lots_problem_or_territory_finds_the_lot(visits: Visits, lang) -> None:
    """Beside the title (above), a lot is found by the words of its problem and its territory."""
    page = visits.open(LANGS[lang])
    for lot in DATASET.lots[:2]:
        for text in (lot.problem, lot.territory):
            words = WORD.findall((text.get(lang) or text.kk).lower())
            if not words:
                continue
            word = max(words, key=len)
            result_for(search(page, word), f"{LANGS[lang]}lots/{lot.id}/", word)
    visits.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_only_in_a_lots_plan_finds_no_lot(visits: Visits, built_site, lang) -> None:
    """A lot's plan (indicators, expected results, material requirements) is not indexed: a word
    of it that no indexed text of any lot has (not even its first five letters) finds no lot,
    and the search box does not offer it as a correction either."""
    from macros import search as index

    indexed = indexed_texts(lang)
    plan = " ".join(
        (text.get(lang) or text.kk or "")
        for lot in DATASET.lots
        for text in (*lot.results, *lot.material_requirements, *(i.text for i in lot.indicators))
    ).lower()
    # Not a word with "ё": Pagefind's Russian stemmer cuts such a word short, and the rest
    # matches words of other lots ("удовлетворённость" found a lot without it).
    words = sorted(
        {w for w in WORD.findall(plan) if w[:5] not in indexed and "ё" not in w}, key=lambda w: (-len(w), w)
    )[:3]
    assert words, "every word of the lots' plans is also in their indexed texts: nothing to search for"
    page = visits.open(LANGS[lang])
    bundle = built_site / LANGS[lang].strip("/") / index.BUNDLE / index.WORDS
    for word in words:
        found = lots_marking(page, lang, word)
        assert not found, (word, found)
        offered = bundle / index.word_file(word)
        assert not offered.exists() or word not in offered.read_text(encoding="utf-8").split(), word
    visits.assert_clean()


def test_further_pages_of_the_lists_of_lots_are_not_indexed(tmp_path) -> None:
    """The lot index's and a sector's further pages (page/2/, …) list lots that are each found
    on their own page: Pagefind indexes each lot and sector page, not those."""
    from macros import search as index

    def write(path: str, words: str) -> None:
        page = tmp_path / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<!doctype html><html lang="kk"><body><article class="md-content__inner"><h1>{words}</h1>'
            "</article></body></html>",
            encoding="utf-8",
        )

    kept = ["index.html", "lots/lot-1/index.html", "sectors/index.html", "sectors/family/index.html",
            "totals/sources/page/2/index.html"]  # fmt: skip
    for path in kept:
        write(path, "ардагерлер")
    for path in ("lots/index.html", "lots/page/2/index.html", "sectors/family/page/2/index.html"):
        write(path, "тізім")
    assert [str(p) for p in index.pages_to_index(tmp_path)] == sorted(kept)
    stats = index.build_index(tmp_path)  # raises when Pagefind indexed another number of pages
    assert stats.pages == len(kept)
    assert not (stats.bundle / index.WORDS / index.word_file("тізім")).exists()
    # nor are their words counted for typo correction while the build renders them
    articles = index.Articles()
    for path in ("lots/page/2/index.html", "sectors/family/page/2/index.html", "lots/lot-1/index.html"):
        articles[path] = "<h1>тізім</h1>"
    assert list(articles.held) == ["lots/lot-1/index.html"]


def _pagefind_files(page) -> list[str]:
    """The names of the Pagefind bundle's files the page has asked for so far (recorded by ``_record``)."""
    return [url.split("/pagefind/", 1)[1].split("?")[0] for url in page.requested if "/pagefind/" in url]


def _record(page):
    page.requested = []
    page.context.on("request", lambda request: page.requested.append(request.url))
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_a_reader_who_does_not_search_downloads_no_search_file(visits: Visits, lang) -> None:
    page = _record(visits.new_page())
    visits.open(LANGS[lang], page=page)
    page.wait_for_load_state("networkidle")
    page.locator("main").click()  # reading and clicking elsewhere on the page
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(500)
    assert _pagefind_files(page) == []
    visits.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_opening_the_search_starts_loading_it_before_a_letter_is_typed(visits: Visits, lang) -> None:
    page = _record(visits.open(LANGS[lang]))
    page.wait_for_load_state("networkidle")
    page.locator("header .grant-search__open").click()
    page.wait_for_function(
        """() => performance.getEntriesByType("resource").some((e) => /\\.pf_meta$/.test(e.name))
              && performance.getEntriesByType("resource").some((e) => /\\/wasm\\.[^/]+\\.pagefind$/.test(e.name))"""
    )
    files = _pagefind_files(page)
    assert "pagefind.js" in files, files
    assert any(name.endswith(".pf_meta") for name in files), files
    # nothing typed: no index chunk and no result's fragment yet
    assert not [name for name in files if name.startswith(("index/", "fragment/"))], files
    assert page.locator("dialog.grant-search .grant-search__input").input_value() == ""
    visits.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_typed_letter_by_letter_shows_the_same_results_as_the_word_pasted(
    visits: Visits, lang
) -> None:
    lot, word = distinctive_word(lang)
    path = f"{LANGS[lang]}lots/{lot.id}/"
    pasted = [r["path"] for r in search(visits.open(LANGS[lang]), word)]
    page = visits.open(LANGS[lang])
    page.locator("header .grant-search__open").click()
    page.locator("dialog.grant-search input[type=search]").press_sequentially(word, delay=120)
    typed = [r["path"] for r in search(page, word)]  # the box already holds the word: reads the results
    assert path in typed, typed
    assert typed == pasted
    assert len(set(typed)) == len(typed), "a result shown twice"
    said = page.locator(".grant-search__status").inner_text()
    # a letter typed by mistake and taken back at once (before the search box did anything with
    # it): the word's results and count again
    page.locator("dialog.grant-search input[type=search]").evaluate(
        """(box) => {
            box.value += "x";
            box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "x" }));
            box.value = box.value.slice(0, -1);
            box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "deleteContentBackward" }));
        }"""
    )
    assert [r["path"] for r in search(page, word)] == pasted
    assert page.locator(".grant-search__status").inner_text() == said
    visits.assert_clean()
