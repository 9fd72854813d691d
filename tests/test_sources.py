"""The archived source documents are published with the site, and each lot page
links to its document and to the lines its row was read from (fictitious fixture)."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import FICTITIOUS, folded, soup

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
    document = (fixture_site / "sources" / lot.source.id / "index.html").read_text(encoding="utf-8")
    view = BeautifulSoup(document, "html.parser")
    for a in lines:
        url = urlsplit(a["href"])
        assert (page_dir / url.path / "index.html").resolve() == (
            fixture_site / "sources" / lot.source.id / "index.html"
        ).resolve()
        assert view.find(id=url.fragment) is not None
    first = view.find(id=f"L{lot.source_lines[0]}")
    assert folded(first).startswith(lot.number)
    assert lot.priority.kk.split(" (")[0].split()[0] in folded(first)


def test_document_lines_page_shows_every_line_as_text(fixture_site):
    source = DOCUMENTED[0].source
    archived = (FICTITIOUS.parent / source.document).read_text(encoding="utf-8").split("\n")
    view = soup(fixture_site, f"sources/{source.id}/")
    items = view.select("ol > li")
    assert [li["id"] for li in items] == [f"L{n}" for n in range(1, len(archived) + 1)]
    assert [li.get_text() for li in items] == [line or " " for line in archived]
    assert view.find("script") is None  # the document's "<script>" line is text
    assert view.html["lang"] == "kk"
