"""Generated pages (lots, sectors, Changes) show data text as text, whatever it holds.

They are rendered by the autoescaping Jinja renderer and never pass through
front matter or Markdown; the renderer also shows any control character as
U+FFFD, so they stay safe even if a text got past the validator.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import DATA, parse_html, run_python

CONTROL = "\x7f\x85\x9b"  # DEL, NEL and CSI: the characters that broke the old front matter
LINK = "[сілтеме](javascript:alert(1))"
SCRIPT = "<script>alert('x')</script>"
JINJA = "{{ 7*7 }}"


def test_the_plain_page_generator_imports_no_mkdocs():
    code = "import sys, macros.pages; print([m for m in sys.modules if m.split('.')[0] == 'mkdocs'])"
    result = run_python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# Builds the site with the validator bypassed: the first lot's texts and its
# sector's name get control characters and Markdown after validation, as if the
# validator had missed them.
_BYPASS = textwrap.dedent(
    """
    import dataclasses, json, runpy, sys
    import macros.state
    from grants.model import Text

    load, poison = macros.state.load_dataset, json.loads(sys.argv.pop(1))
    priority, problem, sector_name = poison

    def load_dataset(path, **options):
        dataset = load(path, **options)
        sector = dataclasses.replace(dataset.lots[0].sector, name=Text(sector_name))
        lots = [dataclasses.replace(lot, sector=sector) if lot.sector.id == sector.id else lot
                for lot in dataset.lots]
        lots[0] = dataclasses.replace(lots[0], priority=Text(priority), problem=Text(problem))
        sectors = tuple(sector if s.id == sector.id else s for s in dataset.sectors)
        return dataclasses.replace(dataset, lots=tuple(lots), sectors=sectors, _lots_by_id={}, _memo={})

    macros.state.load_dataset = load_dataset
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
    """
)


@pytest.fixture(scope="module")
def bypassed_site(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("bypass")
    lot_id = yaml.safe_load(DATA.read_text(encoding="utf-8"))["lots"][0]["id"]
    priority = f"Басымдық{CONTROL} {LINK} {JINJA}"
    problem = f"Мәселе{CONTROL}\n\n{LINK} {SCRIPT}"
    sector = f"Сала{CONTROL} {LINK}\n## Тақырып {{ #forged }}"
    site = folder / "site"
    poison = json.dumps([priority, problem, sector])
    result = run_python("-c", _BYPASS, poison, "build", "-d", str(site), env={"NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return site, lot_id


@pytest.mark.site
@pytest.mark.parametrize("prefix", ["", "ru/", "en/"])
def test_control_characters_and_markdown_in_data_stay_text(bypassed_site, prefix):
    site, lot_id = bypassed_site
    page = (site / prefix / "lots" / lot_id / "index.html").read_text(encoding="utf-8")
    soup = parse_html(page)
    article = soup.select_one("article")
    # No link, script or front matter made from the data.
    assert not soup.select('a[href^="javascript:"]')
    assert all("alert" not in (script.string or "") for script in soup.find_all("script"))
    assert "title:" not in article.get_text() and "description:" not in article.get_text()
    # What a reader sees: the texts as written, each control character shown as U+FFFD.
    shown = "\ufffd" * len(CONTROL)
    assert f"Басымдық{shown} {LINK} {JINJA}" in article.select_one("h1").get_text()
    for mark in article.select(".grant-untranslated"):  # "not yet translated", on ru and en pages
        mark.decompose()
    paragraphs = [p.get_text().rstrip(" ") for p in article.select(".grant-text p")]
    assert paragraphs == [f"Мәселе{shown}", f"{LINK} {SCRIPT}"]
    assert not any(char in page for char in CONTROL)
    assert soup.title.get_text().startswith(f"1. Басымдық{shown} {LINK}")
    # The table of contents still lists the page's sections.
    assert soup.select(".md-nav--secondary a[href='#problem']")


@pytest.mark.site
def test_no_page_makes_a_link_heading_or_control_character_from_data(bypassed_site):
    site, _ = bypassed_site
    shown = "\ufffd" * len(CONTROL)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        text = path.read_text(encoding="utf-8")
        soup = parse_html(text)
        assert not soup.select('a[href^="javascript:"]'), path
        assert not soup.select("#forged"), path  # a heading line in the data stays text
        assert not any(char in text for char in CONTROL), path
    for prefix in ("", "ru/", "en/"):
        # The pages made by macros (index, sectors, totals) show the texts as written.
        index = parse_html(site / prefix / "lots" / "index.html")
        row = " ".join(index.select_one("article").get_text(" ").split())
        assert f"Басымдық{shown} {LINK} {JINJA}" in row
        assert f"Сала{shown} {LINK} ## Тақырып {{ #forged }}" in row
        sectors = parse_html(site / prefix / "sectors" / "index.html")
        assert f"Сала{shown} {LINK} ## Тақырып {{ #forged }}" in " ".join(sectors.get_text(" ").split())
