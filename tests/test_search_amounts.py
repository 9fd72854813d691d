"""An amount typed into the search box finds its lot first, in Kazakh, Russian and English,
typed as a reader may type it: "4650000", "4 650 000", "4 650 000 ₸", "4,650,000",
"4.650.000" (a lot's amount for a year, its total over several years, or its award).

A lot page gives Pagefind each of its amounts as one word, its digits
(overrides/grants/lot.html, ``data-amount``), and the search box searches a typed amount
as that word (grant-search.js): the reader never sees nor hears that word, on the page or
in a result's excerpt. On the fictitious fixture's site, built and served, in Chromium.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import FICTITIOUS, Visits, folded, serve, type_search

from grants import load_dataset
from grants.formatting import money, number

pytestmark = pytest.mark.browser

LANGS = {"kk": "/", "ru": "/ru/", "en": "/en/"}
DATASET = load_dataset(FICTITIOUS)


def amounts(lot) -> set[int]:
    """The amounts a lot's page shows: each year's, the total, the award's."""
    shown = {f.amount for f in lot.funding} | {lot.total}
    if lot.award:
        shown |= {a.amount for a in lot.award.amounts}
    return shown


def typed(amount: int, lang: str) -> list[str]:
    """The ways a reader types an amount: digits, grouped as the page writes them (with plain
    spaces), with the currency as the page writes it, with commas, with dots."""
    grouped = f"{amount:,}"
    return [
        str(amount),
        number(amount, lang).replace("\u00a0", " "),
        money(amount, lang).replace("\u00a0", " "),
        grouped,
        grouped.replace(",", "."),
    ]


def every_amount() -> list[tuple[int, set[str]]]:
    """Each amount on a lot page, and the lots whose pages show it."""
    lots: dict[int, set[str]] = {}
    for lot in DATASET.lots:
        for amount in amounts(lot):
            lots.setdefault(amount, set()).add(lot.id)
    return sorted(lots.items())


@pytest.fixture(scope="module")
def fixture_url(chromium, fixture_site):
    with serve(fixture_site) as url:
        yield url


def results(page, query: str, *, letter_by_letter: bool = False) -> list[dict]:
    """Type ``query`` into the header's search box (at once, or one key at a time as on a phone)
    and read the results first shown: the lot's path, its excerpt, the excerpt's marked words."""
    dialog = type_search(page, query, letter_by_letter=letter_by_letter)
    page.wait_for_timeout(300)  # a search of the letters typed before the last, replaced
    found = []
    for item in dialog.locator(".grant-search__result").all():
        excerpt = item.locator(".grant-search__excerpt")
        found.append(
            {
                "path": urlsplit(item.locator("a.grant-search__link").evaluate("a => a.href")).path,
                "excerpt": folded(excerpt.inner_text()) if excerpt.count() else "",
                "marked": [folded(m) for m in excerpt.locator("mark").all_inner_texts()],
            }
        )
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_a_typed_amount_finds_its_lot_first_and_shows_it_as_the_page_writes_it(
    browser, fixture_url, lang
) -> None:
    shown = every_amount()
    forms = len(typed(shown[0][0], lang))
    # Every way of typing, and every amount (per year, total, award), at least once each.
    queries = [(i % forms, shown[i % len(shown)]) for i in range(max(forms, len(shown)))]
    visits = Visits(browser, fixture_url)
    try:
        page = visits.open(LANGS[lang])
        for form, (amount, lots) in queries:
            query = typed(amount, lang)[form]
            found = results(page, query)
            paths = [r["path"] for r in found]
            assert found, f"{lang} {query!r} found nothing"
            assert paths[0] in {f"{LANGS[lang]}lots/{lot}/" for lot in lots}, f"{lang} {query!r}: {paths}"
            first = found[0]
            written = folded(number(amount, lang))
            # The amount as the page writes it, marked; its digits run together nowhere.
            assert written in first["marked"], f"{lang} {query!r}: {first}"
            assert not re.search(rf"(?<![\d\s.,]){amount}(?!\d)", first["excerpt"]), first["excerpt"]
        visits.assert_clean()
    finally:
        visits.close()


@pytest.mark.parametrize("lang", LANGS)
def test_an_amount_typed_key_by_key_on_a_phone_finds_its_lot_first(browser, fixture_url, lang) -> None:
    amount, lots = max(every_amount())
    query = money(amount, lang).replace("\u00a0", " ")  # "4 800 000 ₸", "KZT 4,800,000"
    visits = Visits(browser, fixture_url)
    try:
        page = visits.open(
            LANGS[lang], viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        )
        paths = [r["path"] for r in results(page, query, letter_by_letter=True)]
        assert paths and paths[0] in {f"{LANGS[lang]}lots/{lot}/" for lot in lots}, paths
        assert len(set(paths)) == len(paths), "a result shown twice"
        visits.assert_clean()
    finally:
        visits.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_lot_page_shows_and_reads_out_each_amount_once(browser, fixture_url, lang) -> None:
    """The amounts' words for search are in no text a reader sees or a screen reader reads out
    (Chromium's accessibility tree)."""
    lot = max(DATASET.lots, key=lambda lot: len(amounts(lot)))
    visits = Visits(browser, fixture_url)
    try:
        page = visits.open(f"{LANGS[lang]}lots/{lot.id}/")
        seen = page.locator("article").inner_text()
        cdp = page.context.new_cdp_session(page)
        tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
        heard = " ".join(
            str(node.get(key, {}).get("value", ""))
            for node in tree
            for key in ("name", "value", "description")
        )
        for amount in amounts(lot):
            written = folded(number(amount, lang))
            assert written in folded(seen) and written in folded(heard), (lang, written)
            bare = re.compile(rf"(?<![\d\s.,]){amount}(?!\d)")
            assert not bare.search(seen), f"{amount} shown run together on {lot.id}"
            assert not bare.search(heard), f"{amount} read out run together on {lot.id}"
        visits.assert_clean()
    finally:
        visits.close()
