"""Every page in Kazakh, Russian and English; translations marked unofficial, and
optional: a text without one shows its Kazakh original, marked "not yet translated".

On the fictitious fixture (tests/fixtures/fictitious/), whose second source and
a few texts of the first have no ru or en translation."""

from __future__ import annotations

import re

import pytest
from conftest import FICTITIOUS, folded, run_grants, soup

from grants import load_dataset
from grants.bundle import load_bundle
from grants.formatting import money, money_short
from grants.translations import coverage, raw_coverage
from macros.strings import UI

DATASET = load_dataset(FICTITIOUS)
LANGS = {"kk": "", "ru": "ru/", "en": "en/"}
MARK = {lang: UI["translation.missing"].get(lang) for lang in ("ru", "en")}


def pages_of(site, lang: str) -> set[str]:
    root = site / LANGS[lang] if LANGS[lang] else site
    found = set()
    for html in root.rglob("*.html"):
        relative = html.relative_to(root).as_posix()
        if lang == "kk" and relative.split("/")[0] in ("ru", "en", "sources"):
            continue  # the other languages, and the archived documents (one copy, in Kazakh)
        found.add(relative)
    return found


def shown(text, lang: str) -> str:
    """What a page in ``lang`` shows for a data text: the translation, or the original and the mark."""
    value = " ".join(text.get(lang).split())
    return value if lang == "kk" or text.has(lang) else f"{value} {MARK[lang]}"


@pytest.mark.site
def test_every_page_exists_in_every_language(fixture_site):
    kk = pages_of(fixture_site, "kk")
    assert {f"lots/{lot.id}/index.html" for lot in DATASET.lots} <= kk
    assert pages_of(fixture_site, "ru") == kk
    assert pages_of(fixture_site, "en") == kk


@pytest.mark.site
@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("lot", DATASET.lots, ids=lambda lot: lot.id)
def test_lot_pages_show_the_translation_or_the_marked_original(fixture_site, lang, lot):
    page = soup(fixture_site, f"{LANGS[lang]}lots/{lot.id}/")
    assert page.html["lang"] == lang
    assert folded(page.select_one("article h1")).endswith(shown(lot.priority, lang))
    results = [folded(li) for li in page.select("ol.grant-results > li")]
    assert results == [shown(r, lang) for r in lot.results]
    problem = page.select(".grant-text p")
    assert folded(problem[-1]).endswith(shown(lot.problem, lang))
    for p in problem:
        assert p.get("lang") == (None if lot.problem.has(lang) else "kk")
    # The mark is in the page's language, beside the Kazakh text it marks.
    for mark in page.select(".grant-untranslated"):
        assert mark["lang"] == lang and folded(mark) == MARK[lang]
        assert mark.find_previous_sibling(attrs={"lang": "kk"}) or mark.parent.get("lang") == "kk"
    notice = page.select_one(".grant-unofficial--site")
    assert notice is not None
    original = notice.a
    assert original["hreflang"] == "kk"
    target = fixture_site / lang / "lots" / lot.id / original["href"] / "index.html"
    assert target.resolve() == (fixture_site / "lots" / lot.id / "index.html").resolve()


@pytest.mark.site
def test_an_untranslated_text_is_marked_and_a_translated_one_is_not(fixture_site):
    """The fixture's second source has no translation at all; its first lot is fully translated."""
    untranslated = next(lot for lot in DATASET.lots if not lot.priority.has("en"))
    translated = next(lot for lot in DATASET.lots if lot.priority.has("en") and lot.problem.has("en"))
    page = soup(fixture_site, f"en/lots/{untranslated.id}/")
    h1 = page.select_one("article h1")
    assert folded(h1.select_one('[lang="kk"]')) == untranslated.priority.kk
    assert folded(h1.select_one(".grant-untranslated")) == "not yet translated"
    page = soup(fixture_site, f"en/lots/{translated.id}/")
    assert page.select_one("article h1 .grant-untranslated") is None
    assert page.select_one(".grant-text .grant-untranslated") is None


@pytest.mark.site
def test_kazakh_pages_carry_no_unofficial_notice_and_no_mark(fixture_site):
    for lot in DATASET.lots:
        page = soup(fixture_site, f"lots/{lot.id}/")
        assert page.select_one(".grant-unofficial--site") is None
        assert page.select_one(".grant-untranslated") is None


@pytest.mark.site
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_language_switcher_stays_on_the_same_lot(fixture_site, lang):
    lot = DATASET.lots[-1]
    page = fixture_site / LANGS[lang] / "lots" / lot.id / "index.html"
    html = soup(fixture_site, f"{LANGS[lang]}lots/{lot.id}/")
    links = html.select("nav.grant-languages a[hreflang]")
    assert sorted(a["hreflang"] for a in links) == sorted(set(LANGS) - {lang})
    for link in links:
        target = (page.parent / link["href"] / "index.html").resolve()
        expected = (fixture_site / LANGS[link["hreflang"]] / "lots" / lot.id / "index.html").resolve()
        assert target == expected
    # Without a site_url there is no absolute address for a search engine's hreflang
    # links (with one: tests/test_discovery.py).
    assert not html.select('head link[rel="alternate"][hreflang]')


@pytest.mark.site
def test_money_is_written_the_way_each_language_writes_it(fixture_site):
    lot = DATASET.lots[0]
    amount = lot.funding[0].amount
    written = {
        "kk": f"{amount:,}".replace(",", " ") + " ₸",
        "ru": f"{amount:,}".replace(",", " ") + " ₸",
        "en": f"KZT {amount:,}",
    }
    for lang, prefix in LANGS.items():
        facts = folded(soup(fixture_site, f"{prefix}lots/{lot.id}/").select_one(".grant-facts"))
        assert money(amount, lang).replace("\u00a0", " ") == written[lang]
        short = money_short(amount, lang).replace("\u00a0", " ")
        assert f"{lot.funding[0].year} {written[lang]} ({short})" in facts, lang


@pytest.mark.site
def test_interface_is_translated(fixture_site):
    for lang, nav in (("kk", "Лоттар"), ("ru", "Лоты"), ("en", "Lots")):
        page = soup(fixture_site, f"{LANGS[lang]}totals/")
        assert nav in [folded(a) for a in page.select("nav.md-nav--primary a")]
        assert (
            page.select_one("header .grant-search__open")["aria-label"]
            == {"kk": "Іздеу", "ru": "Поиск", "en": "Search"}[lang]
        )


@pytest.mark.site
def test_about_page_shows_the_translation_coverage(fixture_site):
    figures = {c.lang: c for c in coverage(DATASET)}
    assert 0 < figures["en"].translated < figures["en"].total  # the fixture is partly translated
    for lang, prefix in LANGS.items():
        items = [folded(li) for li in soup(fixture_site, f"{prefix}about/").select(".grant-coverage li")]
        assert len(items) == 2, lang
        for item, c in zip(items, (figures["ru"], figures["en"]), strict=True):
            assert f"{c.percent} % ({c.translated} / {c.total})" in item, lang


def test_coverage_counts_every_text_once():
    figures = {c.lang: c for c in coverage(DATASET)}
    result = run_grants("validate", str(FICTITIOUS), "--all-warnings")
    # One warning per text that lacks a translation, naming the languages it lacks.
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    for lang in ("ru", "en"):
        missing = sum(1 for line in warnings if f"no {lang} " in line)
        assert figures[lang].total - figures[lang].translated == missing, lang


def test_the_pull_request_summary_counts_the_texts_the_about_page_counts():
    """`grants diff` counts the translations of the raw data of a version, the About page those
    of the built dataset: the same figures for the same data."""
    assert raw_coverage(load_bundle(FICTITIOUS).data) == coverage(DATASET)


def test_missing_translation_is_a_warning_and_an_error_when_strict(tmp_path):
    lenient = run_grants("validate", str(FICTITIOUS))
    assert lenient.returncode == 0
    lot = next(lot for lot in DATASET.lots if lot.priority.has("ru") and not lot.priority.has("en"))
    assert f"lot {lot.id}: priority: no en translation of this text" in lenient.stdout
    strict = run_grants("validate", str(FICTITIOUS), "--strict-i18n")
    assert strict.returncode == 1
    assert f"lot {lot.id}: priority: no en translation of this text" in strict.stderr
    line = next(line for line in strict.stderr.splitlines() if f"lot {lot.id}: priority:" in line)
    assert re.match(r"^\S*fictitious/grants\.yaml:\d+:\d+: lot ", line), line  # file, line and column


def test_many_missing_translations_are_summed_up_not_listed(monkeypatch, capsys):
    """At national scale untranslated texts number in the tens of thousands: the maintainer sees
    the first few with their lines, then one line with the counts by language and field."""
    from grants import cli, validate

    monkeypatch.setattr(validate, "I18N_LISTED", 3)
    assert cli.main(["validate", str(FICTITIOUS)]) == 0
    out = capsys.readouterr().out.splitlines()
    listed = [line for line in out if "translation of this text" in line]
    assert len(listed) == 3
    summary = [line for line in out if "texts have no translation in all" in line]
    assert len(summary) == 1, out
    figures = {c.lang: c for c in coverage(DATASET)}
    everything = run_grants("validate", str(FICTITIOUS), "--all-warnings").stdout
    every = [line for line in everything.splitlines() if "translation of this text" in line]
    assert f"{len(every)} texts have no translation in all" in summary[0]
    for lang in ("ru", "en"):
        assert f"{lang} {figures[lang].total - figures[lang].translated}" in summary[0], lang
    fields = {line.split(": ")[-2].split("[")[0].split(".")[-1] for line in every}
    assert any(f"{field} " in summary[0] for field in fields)
    assert "--all-warnings" in summary[0]
