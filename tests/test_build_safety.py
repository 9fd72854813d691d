"""Data text never runs, and bad data never publishes a site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FICTITIOUS, ROOT, build_site, copy_data, parse_html

pytestmark = pytest.mark.site

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "tag": '<b onclick="alert(1)">жуан</b>',
    "jinja": "{{ 7 * 7 }} {% if true %}иә{% endif %} {# түсініктеме #}",
    "markdown": "**жуан** [сілтеме](javascript:alert(1))",
    "title": "</title><script>alert('t')</script>",
}


LOT = "fictitious-2031-01"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    path = copy_data(FICTITIOUS, folder)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lot = next(lot for lot in data["lots"] if lot["id"] == LOT)
    lot["priority"]["kk"] = HOSTILE["title"] + " " + HOSTILE["tag"]
    lot["problem"]["kk"] = HOSTILE["script"] + "\n\n" + HOSTILE["jinja"]
    lot["results"][0]["kk"] = HOSTILE["markdown"]
    lot["territory"]["kk"] = HOSTILE["jinja"]
    next(s for s in data["sectors"] if s["id"] == lot["sector"])["name"]["kk"] = HOSTILE["script"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = folder / "site"
    result = build_site(site, data=path)
    assert result.returncode == 0, result.stderr
    return site


def _all_pages(site: Path):
    for html in site.rglob("*.html"):
        yield html, parse_html(html)


def test_no_data_text_becomes_an_element(hostile_site):
    for html, soup in _all_pages(hostile_site):
        for script in soup.find_all("script"):
            assert "alert" not in (script.string or ""), html
        assert not soup.find_all("b", onclick=True), html
        assert not soup.select('a[href^="javascript:"]'), html


def test_hostile_text_shows_literally(hostile_site):
    soup = parse_html(hostile_site / f"lots/{LOT}/index.html")
    h1 = soup.select_one("article h1").get_text()
    assert HOSTILE["title"] in h1 and HOSTILE["tag"] in h1
    paragraphs = [p.get_text() for p in soup.select(".grant-text p")]
    assert paragraphs == [HOSTILE["script"], HOSTILE["jinja"]]
    assert soup.select("ol.grant-results > li")[0].get_text() == HOSTILE["markdown"]
    assert HOSTILE["script"] in soup.select_one(".grant-facts dd a").get_text()
    # The page title (browser tab, header) carries the text, not markup.
    assert soup.title.get_text().startswith("1. " + HOSTILE["title"])
    assert HOSTILE["title"] in soup.select_one(".md-header__topic[data-md-component=header-topic]").get_text()


def test_jinja_in_data_is_not_evaluated_on_any_page(hostile_site):
    index = (hostile_site / "lots/index.html").read_text(encoding="utf-8")
    lot = (hostile_site / f"lots/{LOT}/index.html").read_text(encoding="utf-8")
    for html in (index, lot):
        assert "{{ 7 * 7 }}" in html
        assert "{% if true %}иә{% endif %}" in html


def test_bad_data_stops_the_build_and_publishes_nothing(tmp_path):
    broken = copy_data(FICTITIOUS, tmp_path / "data")
    text = broken.read_text(encoding="utf-8")
    text = text.replace("amount: 4650000", "amount: шесть миллионов", 1)
    broken.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "шесть миллионов" in row)
    site = tmp_path / "site"
    result = build_site(site, data=broken)
    assert result.returncode != 0
    assert f"{broken}:{line}:" in result.stderr
    assert "lot fictitious-2031-02: funding[1].amount: expected a whole number" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("kk_KZ.UTF-8", ("лот fictitious-2031-02: funding[1].amount:", "Сайт құрастырылмады")),
        ("ru_RU.UTF-8", ("лот fictitious-2031-02: funding[1].amount:", "Сайт не собран")),
    ],
)
def test_a_stopped_build_speaks_the_maintainers_language(tmp_path, lang, words):
    """The build's report of bad data is in the language of the shell that builds, as
    `grants validate` is; the place in the file stays as it is."""
    broken = copy_data(FICTITIOUS, tmp_path / "data")
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("amount: 4650000", "amount: шесть миллионов", 1),
        encoding="utf-8",
    )
    result = build_site(tmp_path / "site", data=broken, lang=lang)
    assert result.returncode != 0
    for word in words:
        assert word in result.stderr
    assert "expected a whole number" not in result.stderr  # no English message left
    assert not (tmp_path / "site").exists()


def test_a_missing_or_altered_source_document_stops_the_build(tmp_path):
    data = copy_data(FICTITIOUS, tmp_path / "data")
    document = tmp_path / "data" / "sources" / "fictitious-2031" / "document.txt"
    document.write_text(document.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    result = build_site(tmp_path / "site", data=data)
    assert result.returncode != 0
    assert (
        "source fictitious-2031: document: sources/fictitious-2031/document.txt is not the file"
        in result.stderr
    )
    document.unlink()
    result = build_site(tmp_path / "site", data=data)
    assert result.returncode != 0
    assert "there is no file sources/fictitious-2031/document.txt beside the data file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def _repository_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in ("mkdocs.yml", "mkdocs.ru.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, copy / name)
    for folder in ("docs", "overrides", "macros", "data"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_broken_russian_page_fails_the_build_and_keeps_the_previous_site(tmp_path):
    """All languages build, or the site already published stays exactly as it was."""
    copy = _repository_copy(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>the site published yesterday</p>", encoding="utf-8")
    (site / "ru").mkdir()
    (site / "ru" / "index.html").write_text("<p>вчерашний сайт</p>", encoding="utf-8")
    before = _tree(site)
    about = copy / "docs" / "ru" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[битая ссылка](nowhere.md)\n", encoding="utf-8")

    result = build_site(site, config=copy / "mkdocs.yml")

    assert result.returncode != 0
    assert "WARNING -  [ru] Doc file 'about.md' contains a link 'nowhere.md'" in result.stderr
    assert "the ru site did not build" in result.stderr
    assert _tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]  # no staging folder left


def test_a_good_build_replaces_the_previous_site_whole(tmp_path):
    copy = _repository_copy(tmp_path)
    site = tmp_path / "site"
    (site / "stale").mkdir(parents=True)
    (site / "stale" / "index.html").write_text("<p>a page that no longer exists</p>", encoding="utf-8")

    result = build_site(site, config=copy / "mkdocs.yml")

    assert result.returncode == 0, result.stderr
    assert not (site / "stale").exists()
    for prefix in ("", "ru/", "en/"):
        assert (site / prefix / "lots" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]
