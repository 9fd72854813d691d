"""Every page in Kazakh, Russian and English; translations marked unofficial."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from grants import load_dataset

DATASET = load_dataset()
LANGS = {"kk": "", "ru": "ru/", "en": "en/"}


def soup_of(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def folded(element) -> str:
    return " ".join(element.get_text(" ").replace("\u00a0", " ").split())


def pages_of(site, lang: str) -> set[str]:
    root = site / LANGS[lang] if LANGS[lang] else site
    found = set()
    for html in root.rglob("*.html"):
        relative = html.relative_to(root).as_posix()
        if lang == "kk" and relative.split("/")[0] in ("ru", "en"):
            continue
        found.add(relative)
    return found


@pytest.mark.site
def test_every_page_exists_in_every_language(built_site):
    kk = pages_of(built_site, "kk")
    assert "lots/taraz-2026-01/index.html" in kk
    assert pages_of(built_site, "ru") == kk
    assert pages_of(built_site, "en") == kk


@pytest.mark.site
@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("lot", DATASET.lots, ids=lambda lot: lot.id)
def test_lot_pages_show_the_translation_and_say_it_is_unofficial(built_site, lang, lot):
    soup = soup_of(built_site / lang / "lots" / lot.id / "index.html")
    assert soup.html["lang"] == lang
    assert " ".join(lot.priority.get(lang).split()) in folded(soup.select_one("article h1"))
    results = [folded(li) for li in soup.select("ol.grant-results > li")]
    assert results == [" ".join(r.get(lang).split()) for r in lot.results]
    notice = soup.select_one(".grant-unofficial--site")
    assert notice is not None
    original = notice.a
    assert original["hreflang"] == "kk"
    assert (built_site / lang / "lots" / lot.id / original["href"] / "index.html").resolve() == (
        built_site / "lots" / lot.id / "index.html"
    ).resolve()


@pytest.mark.site
def test_kazakh_pages_carry_no_unofficial_notice(built_site):
    soup = soup_of(built_site / "lots" / "taraz-2026-01" / "index.html")
    assert soup.select_one(".grant-unofficial--site") is None


@pytest.mark.site
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_language_switcher_stays_on_the_same_lot(built_site, lang):
    page = built_site / LANGS[lang] / "lots" / "taraz-2026-03" / "index.html"
    soup = soup_of(page)
    links = soup.select("nav.grant-languages a[hreflang]")
    assert sorted(a["hreflang"] for a in links) == sorted(set(LANGS) - {lang})
    for link in links:
        target = (page.parent / link["href"] / "index.html").resolve()
        expected = (built_site / LANGS[link["hreflang"]] / "lots" / "taraz-2026-03" / "index.html").resolve()
        assert target == expected
    # Without a site_url there is no sitemap for Material's script to look the page up
    # in, so no hreflang link that would send it to a language's home page
    # (with one: tests/test_discovery.py).
    assert not soup.select('head link[rel="alternate"][hreflang]')


@pytest.mark.site
def test_money_is_written_the_way_each_language_writes_it(built_site):
    expected = {"kk": "18 000 000 ₸", "ru": "18 000 000 ₸", "en": "KZT 18,000,000"}
    short = {"kk": "18 млн ₸", "ru": "18 млн ₸", "en": "KZT 18M"}
    for lang, prefix in LANGS.items():
        facts = folded(
            soup_of(built_site / prefix / "lots" / "taraz-2026-01" / "index.html").select_one(".grant-facts")
        )
        assert f"2026 {expected[lang]} ({short[lang]})" in facts, lang


@pytest.mark.site
def test_interface_is_translated(built_site):
    for lang, nav in (("kk", "Лоттар"), ("ru", "Лоты"), ("en", "Lots")):
        soup = soup_of(built_site / LANGS[lang] / "totals" / "index.html")
        assert nav in [folded(a) for a in soup.select("nav.md-nav--primary a")]
        assert (
            soup.select_one("header .grant-search__open")["aria-label"]
            == {"kk": "Іздеу", "ru": "Поиск", "en": "Search"}[lang]
        )


def test_real_data_is_fully_translated():
    result = subprocess.run(
        [sys.executable, "-m", "grants", "validate", "--strict-i18n"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stdout


def test_missing_translation_is_a_warning_and_an_error_when_strict(tmp_path):
    text = (ROOT / "data" / "grants.yaml").read_text(encoding="utf-8")
    marker = "      ru: Проведение комплексных мероприятий, направленных на поддержку ветеранов\n"
    assert marker in text
    path = tmp_path / "grants.yaml"
    path.write_text(text.replace(marker, "", 1), encoding="utf-8")
    line = text[: text.index(marker)].count("\n")  # the line above the marker: priority's "kk:"
    run = [sys.executable, "-m", "grants", "validate", str(path)]
    lenient = subprocess.run(run, capture_output=True, text=True, check=False)
    assert lenient.returncode == 0
    assert "lot taraz-2026-01: priority: no ru translation of this text" in lenient.stdout
    strict = subprocess.run([*run, "--strict-i18n"], capture_output=True, text=True, check=False)
    assert strict.returncode == 1
    assert f"{path}:{line}:7: lot taraz-2026-01: priority: no ru translation" in strict.stderr
    assert "lot taraz-2026-01: priority: no ru translation of this text" in strict.stderr
