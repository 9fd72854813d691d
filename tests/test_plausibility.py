"""Plausibility: look-alike characters pasted into texts are told (and --fix rewrites them),
and a note quoting a sum the lot no longer has is flagged. Amounts in thousands are in the
broken corpus (amount-in-thousands, amount-thousands-with-space, lifecycle-award-in-thousands)."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
from conftest import VALID, run_grants

from grants import loader, plausibility


def validate(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_grants("validate", str(path), *extra)


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


# --- quotation marks the archived document prints ------------------------------------------
#
# The editors keep a quotation mark the document prints (a Kazakh text copies its document);
# only one the lot's own lines of the archived document do not print in the same words is
# pasted. The document and its phrase below are fictitious, written by the test.

PRINTED = "“Ойдан шыққан той”"  # fictitious: an event the fictitious document names so
AS_PRINTED_TEXT = f"Этнос өкілдері арасында {PRINTED} байқауын ұйымдастыру."
LOT_03_RESULT = '      - kk: Этнос өкілдері арасында "Ұлттық қолөнер – ұлы мұра" байқауын ұйымдастыру.\n'
LOT_01_RESULT = "      - kk: Жобаның ақпараттық қамтуы - кемінде 30 000 қаралым.\n"


def _document() -> bytes:
    """A fictitious HTML-text extraction of 30 lines: line 23 (one of lot trial-2026-03's
    source_lines, 21, 23, 26) prints the phrase, cut by a page break as real documents are."""
    lines = [f"{n}\t<p>Ойдан шығарылған жол (тест)</p>" for n in range(1, 31)]
    lines[22] = (
        "\t<p>1. Этнос өкілдері арасында “Ойдан шыққан</p>\t\t<p>той” байқауын ұйымдастыру.</p> "
        '<ol style="list-style-type: none"> 2. Жеңімпаздарды марапаттау.</ol>'
    )
    return ("\n".join(lines) + "\n").encode("utf-8")


def _with_document(folder: Path, *edits: tuple[str, str], recorded: bytes | None = None) -> Path:
    """_valid.yaml with its source's document archived under sources/ and ``edits`` (old, new)
    made to its text; the checksum recorded is that of the document, or of ``recorded`` (the
    document as archived, since edited)."""
    content = _document()
    text = VALID.read_text(encoding="utf-8").replace(
        "    document: 000_a649211321f9a7a4.txt\n",
        "    document: sources/trial-2026/document.txt\n"
        f"    document_sha256: {hashlib.sha256(recorded or content).hexdigest()}\n",
    )
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    (folder / "sources" / "trial-2026").mkdir(parents=True)
    (folder / "sources" / "trial-2026" / "document.txt").write_bytes(content)
    path = folder / "grants.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _quote_warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in _warnings(result) if "U+201" in line]


def test_a_quote_the_document_prints_at_the_lots_lines_is_not_warned_and_survives_fix(tmp_path: Path) -> None:
    path = _with_document(
        tmp_path,
        (LOT_03_RESULT, f"      - kk: {AS_PRINTED_TEXT}\n"),
        ("kk: Тараз қаласы\n", "kk: Тараз\u00a0қаласы\n"),  # pasted in the same lot: still fixed
    )
    result = validate(path)
    assert result.returncode == 0, result.stderr
    assert _quote_warnings(result) == []
    assert [w for w in _warnings(result) if "NO-BREAK SPACE" in w]  # the check does run

    fixed = validate(path, "--fix")
    assert f"{path}: replaced 1 look-alike character" in fixed.stdout
    assert _warnings(fixed) == []
    text = path.read_text(encoding="utf-8")
    assert f"      - kk: {AS_PRINTED_TEXT}\n" in text  # as the document prints it
    assert "kk: Тараз қаласы\n" in text


def test_a_quote_in_a_lot_file_is_checked_against_its_sources_document(tmp_path: Path) -> None:
    """Lots kept in their source's lot file (the source and its document are in grants.yaml):
    each lot's quotes are checked against its own lines."""
    path = _with_document(
        tmp_path,
        (LOT_03_RESULT, f"      - kk: {AS_PRINTED_TEXT}\n"),
        (LOT_01_RESULT, f"      - kk: Ардагерлер арасында {PRINTED} байқауын өткізу.\n"),
    )
    head, lots = path.read_text(encoding="utf-8").split("lots:\n", 1)
    head = head.replace("  - id: trial-2026\n", "  - id: trial-2026\n    lots_file: lots/trial-2026.yaml\n")
    path.write_text(head + "lots: []\n", encoding="utf-8")
    (tmp_path / "lots").mkdir()
    lot_file = tmp_path / "lots" / "trial-2026.yaml"
    lot_file.write_text("lots:\n" + lots, encoding="utf-8")
    result = validate(path)
    assert result.returncode == 0, result.stderr
    lines = lot_file.read_text(encoding="utf-8").split("\n")
    row = next(n for n, t in enumerate(lines, 1) if "Ардагерлер арасында “" in t)
    at = lines[row - 1].index("“")
    assert [w.split(": warning")[0] for w in _quote_warnings(result)] == [
        f"{lot_file}:{row}:{at + 1}",
        f"{lot_file}:{row}:{at + len(PRINTED)}",
    ]


PASTED_ELSEWHERE = {
    # the same phrase in another lot, whose lines of the document do not print it
    "another lot's text": (LOT_01_RESULT, f"      - kk: Ардагерлер арасында {PRINTED} байқауын өткізу.\n"),
    # a note is the project's words, not the document's, even when it quotes the document
    "a note": (
        "«Итого» жолынан шығады.",
        f"«Итого» жолынан шығады; нәтижеде {PRINTED} деп жазылған.",
    ),
    # the document's words with other quotation marks than the document's
    "other marks": (
        LOT_03_RESULT,
        "      - kk: Этнос өкілдері арасында „Ойдан шыққан той“ байқауын ұйымдастыру.\n",
    ),
    # a Russian text whose quoted words the document does not print
    "a translation": (LOT_03_RESULT, LOT_03_RESULT + "        ru: Конкурс “Дружба народов” среди этносов.\n"),
}


@pytest.mark.parametrize("case", sorted(PASTED_ELSEWHERE))
def test_a_quote_the_lots_lines_do_not_print_is_warned_and_fixed(tmp_path: Path, case: str) -> None:
    old, new = PASTED_ELSEWHERE[case]
    path = _with_document(tmp_path, (old, new))
    row = next(
        (n, t) for n, t in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if set("“”„") & set(t)
    )
    columns = [i + 1 for i, c in enumerate(row[1]) if c in "“”„"]
    assert len(columns) == 2
    for lang in ("kk", "ru", "en"):
        result = validate(path, "--lang", lang)
        assert result.returncode == 0, result.stderr
        told = [w for w in result.stdout.splitlines() if any(f"U+{ord(c):04X}" in w for c in "“”„")]
        assert [w.split(": ", 1)[0] for w in told] == [f"{path}:{row[0]}:{c}" for c in columns], lang
        for line, column in zip(told, columns, strict=True):
            char = row[1][column - 1]
            replacement = "«" if column == columns[0] else "»"
            message = plausibility.lookalike_message(char, replacement).told(lang)
            assert line.endswith(message), (lang, line)

    fixed = validate(path, "--fix")
    assert f"{path}: replaced 2 look-alike characters" in fixed.stdout
    assert _quote_warnings(fixed) == []
    line = path.read_text(encoding="utf-8").split("\n")[row[0] - 1]
    assert "«" in line and "»" in line and not set("“”„") & set(line)


def test_an_archived_document_edited_afterwards_proves_nothing(tmp_path: Path) -> None:
    """A document that is no longer the file its checksum records (here edited to print the
    text's quotes) is not the document: the quotes are told."""
    archived = _document().replace("“".encode(), "«".encode()).replace("”".encode(), "»".encode())
    edit = (LOT_03_RESULT, f"      - kk: {AS_PRINTED_TEXT}\n")
    assert _quote_warnings(validate(_with_document(tmp_path / "same", edit))) == []
    assert len(_quote_warnings(validate(_with_document(tmp_path / "edited", edit, recorded=archived)))) == 2


def test_a_document_that_is_not_text_proves_nothing(tmp_path: Path) -> None:
    """A source archived as a PDF (not a text extraction whose lines source_lines count): the
    quotes are told as before, and the check does not fail on it."""
    path = _with_document(tmp_path, (LOT_03_RESULT, f"      - kk: {AS_PRINTED_TEXT}\n"))
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + "“Ойдан шыққан той”".encode("utf-16")
    (tmp_path / "sources" / "trial-2026" / "document.txt").write_bytes(pdf)
    text = path.read_text(encoding="utf-8")
    sha = hashlib.sha256(pdf).hexdigest()
    path.write_text(re.sub(r"document_sha256: \w+", f"document_sha256: {sha}", text), encoding="utf-8")
    result = validate(path)
    assert result.returncode == 0, result.stderr
    assert len(_quote_warnings(result)) == 2
