"""`mkdocs serve` reads the data again when any of its files changes, a source's lot file included."""

from __future__ import annotations

import os
from pathlib import Path

from macros.state import data_key


def test_the_data_key_changes_when_a_lot_file_changes(tmp_path: Path) -> None:
    entry = tmp_path / "grants.yaml"
    entry.write_text("sources: []\n", encoding="utf-8")
    (tmp_path / "lots").mkdir()
    lots = tmp_path / "lots" / "somewhere-2030.yaml"
    lots.write_text("lots: []\n", encoding="utf-8")
    before = data_key(entry)
    assert data_key(entry) == before  # nothing changed: the data is not read again
    lots.write_text("lots: [] # edited\n", encoding="utf-8")
    os.utime(lots, ns=(lots.stat().st_atime_ns, lots.stat().st_mtime_ns + 1_000_000))
    assert data_key(entry) != before
    (tmp_path / "lots" / "another-2031.yaml").write_text("lots: []\n", encoding="utf-8")
    assert data_key(entry) != before
