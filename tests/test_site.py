"""The real site, built into a temporary folder and read element by element."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from conftest import folded, parse_html
from conftest import soup as page

from grants import labels, load_dataset
from grants.formatting import money, money_short
from macros import views

pytestmark = pytest.mark.site

DATASET = load_dataset()


def test_every_page_carries_its_language(built_site):
    for html in built_site.rglob("*.html"):
        top = html.relative_to(built_site).parts[0]
        expected = top if top in ("ru", "en") else "kk"
        soup = parse_html(html)
        assert soup.html["lang"] == expected, html


@pytest.mark.parametrize("lot", DATASET.lots, ids=lambda lot: lot.id)
def test_lot_page_shows_every_column_of_the_source(built_site, lot):
    soup = page(built_site, f"lots/{lot.id}/")
    h1 = soup.select("article h1")
    assert len(h1) == 1
    assert folded(h1[0]) == f"Лот № {lot.number}. {' '.join(lot.priority.kk.split())}"

    facts = folded(soup.select_one(".grant-lot-head .grant-facts"))
    assert " ".join(lot.sector.name.kk.split()) in facts
    assert " ".join(lot.territory.kk.split()) in facts
    for funding in lot.funding:
        amount = f"{funding.amount:,}".replace(",", " ") + " ₸"
        assert f"{funding.year} {amount}" in facts

    problem = [folded(p) for p in soup.select(".grant-text p")]
    assert problem == [" ".join(p.split()) for p in lot.problem.paragraphs()]

    indicators = soup.select("ol.grant-indicators > li")
    assert len(indicators) == len(lot.indicators)
    for li, indicator in zip(indicators, lot.indicators, strict=True):
        assert folded(li.select_one(".grant-item-text")) == " ".join(indicator.text.kk.split())
        target = li.select_one(".grant-target")
        if indicator.target is None:
            assert target is None
        else:
            assert f"{indicator.target.value:,}".replace(",", " ") in folded(target)

    results = [folded(li) for li in soup.select("ol.grant-results > li")]
    assert results == [" ".join(r.kk.split()) for r in lot.results]

    notes = soup.select(".grant-notes li")
    assert [folded(n) for n in notes] == [" ".join(n.kk.split()) for n in lot.notes]


@pytest.mark.parametrize("lot", DATASET.lots, ids=lambda lot: lot.id)
def test_a_lot_page_states_its_money_and_results_as_the_data_has_them(built_site, lot):
    soup = page(built_site, f"lots/{lot.id}/")
    facts = folded(soup.select_one(".grant-facts"))
    for entry in lot.funding:
        written = f"{entry.year} {folded(money(entry.amount))} ({folded(money_short(entry.amount))})"
        assert written in facts
    if len(lot.funding) > 1:  # a total only where there is more than one year
        assert f"Барлығы {folded(money(lot.total))}" in facts
    results = soup.select("ol.grant-results > li")
    assert [folded(li) for li in results] == [" ".join(r.kk.split()) for r in lot.results]


@pytest.mark.parametrize("lot", [lot for lot in DATASET.lots if lot.notes], ids=lambda lot: lot.id)
def test_a_lot_with_source_defects_shows_them_as_a_warning(built_site, lot):
    soup = page(built_site, f"lots/{lot.id}/")
    warning = soup.select_one(".admonition.warning.grant-notes")
    assert warning is not None and warning.get("role") == "note"
    for li, indicator in zip(soup.select("ol.grant-indicators > li"), lot.indicators, strict=True):
        # an indicator whose number the source lost shows no target
        assert (li.select_one(".grant-target") is None) == (indicator.target is None)


def _share(cell) -> float:
    return float(cell.select_one(".grant-bar")["style"].split(":")[1])


def test_totals_page_shows_the_yearly_totals_with_bars_in_the_table(built_site):
    soup = page(built_site, "totals/")
    rows = soup.select("#table-by-year tbody tr")
    largest = max(g.total for g in DATASET.by_year())
    assert [folded(tr.th) for tr in rows] == [g.key for g in DATASET.by_year()]
    for tr, group in zip(rows, DATASET.by_year(), strict=True):
        cell = tr.select_one("td.grant-bar-cell")
        assert folded(cell).startswith(folded(money(group.total)))
        assert _share(cell) == pytest.approx(group.total / largest, abs=1e-4)
    assert not soup.select(".grant-chart")  # no drawing whose text shrinks with it


def test_totals_by_sector_type_and_source_add_up(built_site):
    soup = page(built_site, "totals/")
    grand = [str(len(DATASET.lots)), *(folded(money(DATASET.amount_for(y))) for y in DATASET.years)]
    grand.append(folded(money(DATASET.total)))
    tables = {"table-by-sector": DATASET.by_sector(), "table-by-type": DATASET.by_grant_type()}
    tables["table-by-source"] = DATASET.by_source()
    for table_id, groups in tables.items():
        assert [folded(td) for td in soup.select(f"#{table_id} tfoot td")] == grand, table_id
        rows = soup.select(f"#{table_id} tbody tr")
        largest = max(g.total for g in groups)
        for tr, group in zip(rows, groups, strict=True):
            cells = [folded(td) for td in tr.select("td")]
            money_cells = [
                folded(money(group.amount_for(y))) if group.amount_for(y) else "—" for y in DATASET.years
            ]
            assert cells == [str(group.count), *money_cells, folded(money(group.total))], (
                table_id,
                group.key,
            )
            assert _share(tr.select_one("td.grant-bar-cell")) == pytest.approx(
                group.total / largest, abs=1e-4
            )


def test_lot_index_shows_a_card_per_lot_with_its_facts_and_money(built_site):
    soup = page(built_site, "lots/")
    cards = soup.select("ol.grant-lot-cards > li.grant-lot-card")
    shown = DATASET.lots[: views.PER_PAGE]
    assert [c["id"] for c in cards] == [f"lot-{lot.id}" for lot in shown]
    for card, lot in zip(cards, shown, strict=True):
        title = card.select_one("h2.grant-lot-card__title a")
        assert title["href"] == f"../lots/{lot.id}/"
        assert folded(title) == f"Лот № {lot.number}. {' '.join(lot.priority.kk.split())}"
        facts = folded(card.select_one(".grant-lot-card__facts"))
        assert " ".join(lot.sector.name.kk.split()) in facts
        assert " ".join(lot.territory.kk.split()) in facts
        assert folded(card.select_one(".grant-badge")) == labels.STATUSES[lot.status].kk
        money_shown = {
            li["data-year"]: folded(li.select_one(".grant-num")) for li in card.select("[data-year]")
        }
        assert money_shown == {str(f.year): folded(money(f.amount)) for f in lot.funding}


def test_lot_index_totals_are_those_of_all_lots_and_the_form_is_there_from_the_start(built_site):
    soup = page(built_site, "lots/")
    totals = {d["data-year"]: folded(d.dd) for d in soup.select(".grant-index-totals > div")}
    expected = {str(t.year): folded(money(t.amount)) for t in DATASET.total_by_year()}
    assert totals == {**expected, "total": folded(money(DATASET.total))}
    form = soup.select_one("form.grant-filters")
    assert not form.has_attr("hidden")  # laid out with the page: nothing moves when the script runs
    assert ".grant-filters { display: none; }" in str(
        soup.select_one("noscript")
    )  # and hidden without scripting
    sectors = [o["value"] for o in form.select("select[name=sector] option") if o["value"]]
    assert sectors == [s.id for s in DATASET.sectors if DATASET.lots_in_sector(s.id)]


def test_lot_index_filter_files_describe_every_lot(built_site):
    data = json.loads((built_site / "lots" / "filters.json").read_text(encoding="utf-8"))
    assert len(data["lots"]) == len(DATASET.lots)
    for kind, lot in zip(data["lots"], DATASET.lots, strict=True):
        sector, grant_type, status, mask, *_ = data["groups"][kind]
        assert data["sectors"][sector] == lot.sector.id
        assert data["types"][grant_type] == lot.grant_type
        assert data["statuses"][status] == lot.status
        assert [bool(mask & (1 << y)) for y in range(len(data["years"]))] == [
            lot.amount_for(year) > 0 for year in data["years"]
        ]
    for k, (*_, count) in enumerate(g[:5] for g in data["groups"]):  # each kind's count and money
        mine = [lot for kind, lot in zip(data["lots"], DATASET.lots, strict=True) if kind == k]
        assert count == len(mine)
        assert data["groups"][k][5:] == [sum(lot.amount_for(y) for lot in mine) for y in data["years"]]
    # the territory index: each word of a lot's territory, in each language, finds the lot
    for i, lot in enumerate(DATASET.lots):
        for text in filter(None, (lot.territory.kk, lot.territory.ru, lot.territory.en)):
            for word in text.lower().split():
                key = f"{ord(word[0]):x}"
                assert key in data["places"]
                index = json.loads((built_site / "lots" / "places" / f"{key}.json").read_text("utf-8"))
                assert i in itertools.accumulate(index[word]), (lot.id, word)
    # each lot's money, for the totals of a territory filter
    amounts = json.loads((built_site / "lots" / "amounts" / "0.json").read_text(encoding="utf-8"))
    for row, lot in zip(amounts, DATASET.lots, strict=True):
        per_year = row if isinstance(row, list) else [row if lot.amount_for(y) else 0 for y in data["years"]]
        assert per_year == [lot.amount_for(y) for y in data["years"]]
    cards = []
    for block in range(-(-len(DATASET.lots) // views.CARD_BLOCK)):
        block_file = built_site / "lots" / "cards" / f"{block}.json"
        fragment = parse_html(json.loads(block_file.read_text("utf-8"))["html"])
        cards += [li["id"] for li in fragment.select("li.grant-lot-card")]
    assert cards == [f"lot-{lot.id}" for lot in DATASET.lots]


def test_sector_pages_list_their_lots_and_totals(built_site):
    for group in DATASET.by_sector():
        soup = page(built_site, f"sectors/{group.key}/")
        links = [a["href"] for a in soup.select(".grant-lot-list a")]
        assert links == [f"../../lots/{lot.id}/" for lot in group.lots[: views.SECTOR_LOTS]]
        rows = {folded(tr.th): folded(tr.td) for tr in soup.select("#table-sector-by-year tbody tr")}
        assert rows == {str(y.year): folded(money(y.amount)) for y in group.by_year}
        everything = soup.select_one(f'a[href="../../lots/?sector={group.key}"]')
        assert everything is not None and str(group.count) in folded(everything)


def test_home_page_shows_sources_and_yearly_totals(built_site):
    soup = page(built_site, "")
    cards = [folded(c) for c in soup.select(".grant-card")]
    for card, group in zip(cards, DATASET.by_year(), strict=True):
        assert card.startswith(
            f"{group.key} {folded(money_short(group.total))} {folded(money(group.total))} ·"
        )
        assert card.endswith(f"{group.count} лот")  # Kazakh keeps the noun singular after a number
    sources = [folded(c) for c in soup.select(".grant-source-card")]
    assert len(sources) == min(len(DATASET.sources), views.HOME_SOURCES)
    assert " ".join(DATASET.sources[0].issuer.kk.split()) in " ".join(sources)


def test_lot_pages_are_not_in_the_navigation(built_site):
    soup = page(built_site, "")
    nav_links = [a.get("href", "") for a in soup.select("nav.md-nav a")]
    assert not any("taraz-2026" in href for href in nav_links)


def test_nothing_is_loaded_from_another_host(built_site):
    external = re.compile(r"^(https?:)?//", re.I)
    for html in built_site.rglob("*.html"):
        soup = parse_html(html)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr) or ""
                if (
                    tag == "link"
                    and "stylesheet" not in (element.get("rel") or [])
                    and "preconnect" not in (element.get("rel") or [])
                ):
                    continue
                assert not external.match(value), f"{html}: <{tag} {attr}={value}>"
    for css in built_site.rglob("*.css"):
        content = css.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in content and "@import url(http" not in content, css


def test_money_format_matches_the_pages():
    assert money(18_000_000).replace("\u00a0", " ") == "18 000 000 ₸"


def test_generated_pages_are_written_without_indentation(built_site):
    """Material's templates indent by nesting; a browser ignores it outside <pre>, and at
    10,000 lots in three languages it is ~90 MB of the site, so generated pages drop it."""
    for url in (f"lots/{DATASET.lots[0].id}/", f"sectors/{DATASET.by_sector()[0].key}/", "changes/"):
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert "<pre" not in html
        indented = [line for line in html.splitlines() if line[:1].isspace()]
        assert indented == [], (url, indented[:3])
        assert not [line for line in html.splitlines() if not line.strip()], url  # no blank lines


def test_words_handed_to_scripts_are_written_as_letters_not_escapes(built_site):
    """Material's configuration on every page, and the search box's words (in the script that
    makes its dialog): Kazakh letters as UTF-8 (two bytes) rather than six-byte \\u escapes;
    still valid JSON for the scripts."""
    soup = page(built_site, f"lots/{DATASET.lots[0].id}/")
    assert soup.select_one("header .grant-search__open")["aria-label"] == "Іздеу"
    script = (built_site / "assets" / "javascripts" / "grant-search.js").read_text(encoding="utf-8")
    assert "Сайт бойынша іздеу" in script
    html = (built_site / "lots" / DATASET.lots[0].id / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"\\u04[0-9a-f]{2}", html), "a Cyrillic letter is written as an escape"
    config = json.loads(soup.select_one("script#__config").string)
    assert config["translations"]


def test_search_typo_words_are_the_words_of_the_indexed_pages(fixture_site):
    """The words the search box corrects a typing mistake against (counted by the build from
    the pages it holds in memory, while Pagefind runs) are those of the pages Pagefind
    indexed, read back from disk as Pagefind reads them, most frequent first, in each language."""
    from macros import search

    for lang, folder in (("kk", fixture_site), ("ru", fixture_site / "ru"), ("en", fixture_site / "en")):
        skip = ["ru", "en", "sources"] if lang == "kk" else []
        read = search.count_words(search.read_articles(folder, search.pages_to_index(folder, skip)))
        assert read, lang
        expected: dict[str, list[str]] = {}
        for word, _ in sorted(read.items(), key=lambda item: (-item[1], item[0])):
            expected.setdefault(search.word_file(word)[:-4], []).append(word)
        words = folder / search.BUNDLE / search.WORDS
        written = {
            name: (words / f"{name}.txt").read_text(encoding="utf-8").split()
            for name in (words / "files.txt").read_text(encoding="utf-8").split()
        }
        assert written == expected, lang


def test_every_icon_a_page_refers_to_is_drawn_by_the_icon_file(built_site):
    """The frame's icons are one file (grant-icons.svg) each page refers to: every reference,
    in every language, leads to that language's file and to an icon it has, drawn with a path."""
    for url in ("", f"lots/{DATASET.lots[0].id}/", "ru/", f"en/lots/{DATASET.lots[0].id}/"):
        html_file = built_site / url / "index.html"
        soup = parse_html(html_file)
        uses = soup.select("svg use")
        assert len(uses) >= 6, url  # logo twice, menu, languages, search, back to top (palette: by script)
        for use in uses:
            address, _, icon = use["href"].partition("#")
            sprite = (html_file.parent / address).resolve()
            language_root = built_site / url[:2] if url[:3] in ("ru/", "en/") else built_site
            assert sprite == (language_root / "grant-icons.svg").resolve(), (url, address)
            symbols = parse_html(sprite)
            symbol = symbols.select_one(f"symbol#{icon}")
            assert symbol is not None and symbol.select_one("path")["d"], (url, icon)
