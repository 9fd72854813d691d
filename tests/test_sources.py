"""The archived source documents are published with the site, and each lot page
links to its document and to the lines its row was read from (fictitious fixture)."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import pytest
from conftest import FICTITIOUS, folded, parse_html, soup

from grants import load_dataset

pytestmark = pytest.mark.site

DATASET = load_dataset(FICTITIOUS)
DOCUMENTED = [lot for lot in DATASET.lots if lot.source.document]


@pytest.mark.parametrize("prefix", ["", "ru/", "en/"])
@pytest.mark.parametrize("lot", DOCUMENTED, ids=lambda lot: lot.id)
def test_lot_page_links_to_its_document_and_its_lines(fixture_site, prefix, lot):
    page_dir = fixture_site / prefix / "lots" / lot.id
    source = soup(fixture_site, f"{prefix}lots/{lot.id}/").select_one(".grant-source")
    download = source.select_one("a[download]")
    published = (page_dir / download["href"]).resolve()
    archived = FICTITIOUS.parent / lot.source.document
    assert published.read_bytes() == archived.read_bytes()
    assert hashlib.sha256(published.read_bytes()).hexdigest() == lot.source.document_sha256
    lines = [a for a in source.find_all("a") if "#L" in a.get("href", "")]
    assert [int(folded(a)) for a in lines] == list(lot.source_lines)
    lines_page = fixture_site / "sources" / lot.source.id / "index.html"
    view = parse_html(lines_page)
    # The lines page draws its lines from the same published file (tests/test_browser.py
    # opens a line's link), and each linked line of that file is the lot's row.
    drawn_from = (lines_page.parent / view.select_one("#grant-lines")["data-src"]).resolve()
    assert drawn_from == published
    document = published.read_text(encoding="utf-8").split("\n")
    for a in lines:
        url = urlsplit(a["href"])
        assert (page_dir / url.path / "index.html").resolve() == lines_page.resolve()
        assert url.fragment == f"L{folded(a)}"
        assert 1 <= int(folded(a)) <= len(document)
    first = document[lot.source_lines[0] - 1]
    assert first.strip().startswith(lot.number)
    assert lot.priority.kk.split(" (")[0].split()[0] in first


def test_document_lines_page_names_its_document_and_says_what_to_do_without_javascript(fixture_site):
    source = DOCUMENTED[0].source
    view = soup(fixture_site, f"sources/{source.id}/")
    assert view.html["lang"] == "kk"
    assert folded(view.h1) == " ".join(source.title.kk.split())
    download = view.select_one("header a[download]")
    assert download["href"] == view.select_one("#grant-lines")["data-src"] == f"../../{source.document}"
    assert source.document_sha256 in folded(view.header)
    waiting = folded(view.select_one("#grant-lines-wait"))
    assert "жоғарыдағы құжат файлын ашыңыз" in waiting and "откройте файл документа выше" in waiting
    # The document's text is not in the page a second time (its lines come from the file).
    archived = (FICTITIOUS.parent / source.document).read_text(encoding="utf-8")
    assert view.select("#grant-lines > li") == []
    assert max(archived.split("\n"), key=len) not in str(view)
