"""Plausibility: look-alike characters pasted into texts are told (and --fix rewrites them),
and a note quoting a sum the lot no longer has is flagged. Amounts in thousands are in the
broken corpus (amount-in-thousands, amount-thousands-with-space, lifecycle-award-in-thousands)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from grants import loader
from tests.conftest import ROOT, run_python

VALID = ROOT / "tests" / "broken" / "_valid.yaml"


def validate(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_python("-m", "grants", "validate", str(path), *extra)


PASTED = (
    VALID.read_text(encoding="utf-8")
    .replace("kk: Тараз қаласы\n", "kk: Тараз\u00a0қаласы\u200b\n")
    .replace(
        '      - kk: Этнос өкілдері арасында "Ұлттық қолөнер – ұлы мұра" байқауын ұйымдастыру.\n',
        "      - kk: Этнос өкілдері арасында “Ұлттық қолөнер – ұлы мұра” байқауын ұйымдастыру.\n"
        "        en: The “National craft” contest.\n",
    )
)


def _warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if "translation" not in line and "warning:" in line]


def test_look_alike_characters_are_warned_at_their_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "pasted.yaml"
    path.write_text(PASTED, encoding="utf-8")
    result = validate(path)
    assert result.returncode == 0, result.stderr
    lines = PASTED.split("\n")
    territory = lines.index("      kk: Тараз\u00a0қаласы\u200b") + 1
    results = next(i for i, t in enumerate(lines, 1) if "“Ұлттық" in t)
    row = lines[results - 1]
    fix = " (python -m grants validate --fix does it)"
    assert _warnings(result) == [
        f"{path}:{territory}:16: warning: lot trial-2026-03: territory.kk: the text has U+00A0 NO-BREAK SPACE, "
        f"which looks like a space but is not one; write an ordinary space{fix}",
        f"{path}:{territory}:23: warning: lot trial-2026-03: territory.kk: the text has an invisible "
        f"U+200B ZERO WIDTH SPACE; delete it{fix}",
        f"{path}:{results}:{row.index('“') + 1}: warning: lot trial-2026-03: results[1].kk: the text has the "
        f"English quotation mark “ (U+201C LEFT DOUBLE QUOTATION MARK); Kazakh and Russian write «{fix}",
        f"{path}:{results}:{row.index('”') + 1}: warning: lot trial-2026-03: results[1].kk: the text has the "
        f"English quotation mark ” (U+201D RIGHT DOUBLE QUOTATION MARK); Kazakh and Russian write »{fix}",
    ]


def test_fix_rewrites_them_in_the_file_and_changes_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "pasted.yaml"
    path.write_text(PASTED, encoding="utf-8")
    before = loader.load(path).data
    result = validate(path, "--fix")
    assert result.returncode == 0, result.stderr
    assert f"{path}: replaced 4 look-alike characters" in result.stdout
    assert _warnings(result) == []
    fixed = path.read_text(encoding="utf-8")
    assert "kk: Тараз қаласы\n" in fixed
    assert "«Ұлттық қолөнер – ұлы мұра»" in fixed
    assert "en: The “National craft” contest." in fixed  # English keeps its own quotes
    after = loader.load(path).data
    lot = before["lots"][1]
    lot["territory"]["kk"] = "Тараз қаласы"
    lot["results"][0]["kk"] = lot["results"][0]["kk"].replace("“", "«").replace("”", "»")
    assert after == before
    assert validate(path, "--fix").stdout.count("replaced") == 0  # nothing left to fix


def test_a_note_quoting_a_sum_the_lot_no_longer_has_is_flagged(tmp_path: Path) -> None:
    text = VALID.read_text(encoding="utf-8")
    stale = text.replace("«Итого» жолынан шығады.", "«Итого» жолынан шығады; лотқа 6 500 000 теңге бөлінген.")
    current = text.replace(
        "«Итого» жолынан шығады.", "«Итого» жолынан шығады; лотқа 6 000 мың теңге бөлінген."
    )
    assert stale != text and current != text
    found = {}
    for name, body in (("stale", stale), ("current", current)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(body, encoding="utf-8")
        result = validate(path)
        assert result.returncode == 0, result.stderr
        found[name] = [w for w in _warnings(result) if "the note quotes" in w]
    assert found["current"] == []
    line = next(i for i, t in enumerate(stale.split("\n"), 1) if "6 500 000 теңге" in t)
    assert found["stale"] == [
        f"{tmp_path / 'stale.yaml'}:{line}:13: warning: lot trial-2026-03: notes[1].kk: the note quotes "
        "6 500 000 теңге (6 500 000 tenge), which is none of the lot's amounts (6 000 000 tenge) nor its "
        "document's totals; correct the note, or the amount if the note is right"
    ]
