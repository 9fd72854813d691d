"""The benchmark's synthetic lots are what it says they are: valid data shaped like the real list,
every text translated (or, with ``translated=False``, Kazakh only). A benchmark on data that is
not checked, or not translated, would measure something else than what maintainers load."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

from grants import load_dataset

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_data import write_dataset


def _texts(lot) -> list:
    return [
        lot.priority,
        lot.problem,
        lot.territory,
        *lot.results,
        *lot.notes,
        *(i.text for i in lot.indicators),
    ]


def test_synthetic_lots_are_valid_and_every_text_has_its_translations(tmp_path: Path) -> None:
    path = tmp_path / "grants.yaml"
    write_dataset(path, 25)
    # strict_i18n: a missing ru or en translation is an error, so this fails on one.
    dataset = load_dataset(path, strict_i18n=True)
    assert len(dataset.lots) == 25
    assert len(dataset.sources) == 2  # 20 lots to a source document
    for lot in dataset.lots:
        assert 7 <= len(lot.results) <= 11
        assert lot.corrections
        for text in _texts(lot):
            assert text.kk and text.ru and text.en
            assert any("а" <= ch <= "я" for ch in text.ru.lower())  # Russian in Cyrillic
            assert any("a" <= ch <= "z" for ch in text.en.lower())  # English in Latin letters
    # About as many bytes a lot as the real list (~15 KB with kk, ru and en).
    assert 10_000 < path.stat().st_size / 25 < 20_000


def test_untranslated_synthetic_lots_hold_kazakh_only(tmp_path: Path) -> None:
    path = tmp_path / "grants.yaml"
    write_dataset(path, 5, translated=False)
    dataset = load_dataset(path)
    assert all(text.ru is None and text.en is None for lot in dataset.lots for text in _texts(lot))
