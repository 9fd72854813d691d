"""No id can take a name the site gives one of its own pages, folders or files.

A lot's page is lots/<id>/, a sector's sectors/<id>/, a source document's sources/<id>/, a
lot's download data/lots/<id>.json. Anything else the site writes inside those folders (the
lot index's card blocks, its further pages, the filters' files) must be named in
grants/reserved.py, which the validator refuses as an id; otherwise a maintainer's lot called
``cards`` would be overwritten without a word.
"""

from __future__ import annotations

import pytest
from conftest import FICTITIOUS

from grants import load_dataset
from grants.reserved import RESERVED_IDS
from macros import views

#: The folders that hold one page or file per id, and the ids that name them.
ID_FOLDERS = {"lots": "lots", "sectors": "sectors", "sources": "sources", "data/lots": "lots"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FICTITIOUS)


def own_names(paths, dataset) -> dict[str, set[str]]:
    """{folder: names the site gives things directly inside it that are not ids}."""
    ids = {kind: {item.id for item in getattr(dataset, kind)} for kind in ("lots", "sectors", "sources")}
    found: dict[str, set[str]] = {}
    for path in paths:
        for folder, kind in ID_FOLDERS.items():
            rest = path.removeprefix(folder + "/")
            if rest != path and rest:
                name = rest.split("/")[0].split(".")[0]
                if name not in ids[kind]:
                    found.setdefault(folder, set()).add(name)
    return found


def test_every_name_the_built_site_uses_inside_an_id_folder_is_reserved(fixture_site, dataset):
    paths = [
        path.relative_to(root).as_posix()
        for root in (fixture_site, fixture_site / "ru", fixture_site / "en")
        for path in root.rglob("*")
    ]
    names = own_names(paths, dataset)
    assert names.get("lots"), "the lot index writes its files inside lots/: the test must see them"
    for folder, taken in names.items():
        assert taken <= RESERVED_IDS, f"{folder}/: {sorted(taken - RESERVED_IDS)} not reserved"


def test_the_further_pages_of_every_list_use_reserved_names(dataset):
    # The fixture has too few lots to page; the addresses come from the same functions.
    sector = dataset.sectors[0].id
    paths = [views.lot_page_url(2), views.sector_page_url(sector, 2), views.open_page_url(2)]
    names = own_names(paths, dataset)
    assert names == {"lots": {"page"}}
    assert names["lots"] <= RESERVED_IDS
