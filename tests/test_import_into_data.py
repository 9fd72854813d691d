"""``python -m grants import FILE --source ID`` puts the source where the data lives: its lots
in lots/ID.yaml, its record at the end of grants.yaml's sources (the maintainers' comments and
layout kept byte for byte), new sectors at the end of sectors; written only when the whole
data then passes the check, refused when the source is there already unless --replace.

Every test runs on a copy of the fictitious fixture in its own temporary folder, with a small
fictitious table (tests/test_import_tables.py's rows)."""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

import pytest
import yaml
from conftest import FICTITIOUS, build_site, copy_data, folded, soup

from grants import load_dataset
from tests.test_import_parsers import KK_HEADERS
from tests.test_import_tables import grants, lot_row, make_docx

SOURCE = "importtest-2031"
#: Comments a maintainer wrote in grants.yaml, which the import must keep where they are.
NOTE_IN_SOURCES = "  # a maintainer's note below the last source: keep me\n"
NOTE_ON_SECTORS = "sectors:  # a maintainer's note on the sectors line\n"


def table_rows(lots: int = 2, *, total: str | None = None, year: int = 2031) -> list[list[str]]:
    """A sound table: the first lot in a sector the fixture lacks, the others in its «Экология (тест)»."""
    kind = f"1 қысқа мерзімді грант, {year} жыл"
    rows = [KK_HEADERS, ["Ойдан шығарылған аудан әкімдігінің бөлімі (тест)"], lot_row("1", type=kind)]
    rows += [lot_row(str(n), sector="Экология (тест)", type=kind) for n in range(2, lots + 1)]
    total = total or f"{lots * 5500:,} мың теңге {year} жыл".replace(",", " ")
    rows.append(["Барлығы:", "", "", "", total, "", "", "", ""])
    return rows


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the fixture with a maintainer's comments, and the table archived beside it."""
    main = copy_data(FICTITIOUS, tmp_path / "data")
    text = main.read_text(encoding="utf-8")
    assert "\nsectors:\n" in text
    text = text.replace("\nsectors:\n", "\n" + NOTE_ON_SECTORS, 1)
    # After the last source's last line, before the blank line and «sectors:».
    head, tail = text.split("\n\n" + NOTE_ON_SECTORS, 1)
    main.write_text(head + "\n" + NOTE_IN_SOURCES + "\n" + NOTE_ON_SECTORS + tail, encoding="utf-8")
    archived = tmp_path / "data" / "sources" / SOURCE / "list.docx"
    archived.parent.mkdir(parents=True)
    make_docx(archived, table_rows())
    return main


def run(data: Path, *extra: str, table: Path | None = None, lang: str = "en"):
    table = table or data.parent / "sources" / SOURCE / "list.docx"
    report = data.parent.parent / "report.txt"
    return grants(
        "import",
        str(table),
        "--source",
        SOURCE,
        "--data",
        str(data),
        "--report",
        str(report),
        "--lang",
        lang,
        *extra,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_import_writes_the_lot_file_and_adds_the_source(data: Path) -> None:
    before = data.read_text(encoding="utf-8")
    result = run(data)
    assert result.returncode == 0, result.stderr
    after = data.read_text(encoding="utf-8")

    # grants.yaml: only lines added, every other byte as it was (comments included).
    opcodes = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True)).get_opcodes()
    assert {op for op, *_ in opcodes} == {"equal", "insert"}, opcodes
    assert NOTE_IN_SOURCES in after and NOTE_ON_SECTORS in after
    parsed = yaml.safe_load(after)
    added = parsed["sources"][-1]
    assert added["id"] == SOURCE
    assert added["lots_file"] == f"lots/{SOURCE}.yaml"
    assert added["document"] == f"sources/{SOURCE}/list.docx"
    archived = data.parent / added["document"]
    assert added["document_sha256"] == hashlib.sha256(archived.read_bytes()).hexdigest()
    # The record is the last of sources, above the maintainer's note that closed the list.
    assert after.index(f"  - id: {SOURCE}\n") < after.index(NOTE_IN_SOURCES)

    lot_file = data.parent / "lots" / f"{SOURCE}.yaml"
    lines = lot_file.read_text(encoding="utf-8").splitlines()
    # the editors read Kazakh hints
    assert lines[0] == "# yaml-language-server: $schema=../lots.schema.kk.json"
    assert "lots:" in lines and all(line.startswith("#") for line in lines[: lines.index("lots:")])
    lots = yaml.safe_load(lot_file.read_text(encoding="utf-8"))["lots"]
    assert [lot["id"] for lot in lots] == [f"{SOURCE}-01", f"{SOURCE}-02"]
    assert {lot["source"] for lot in lots} == {SOURCE}


def test_the_combined_data_validates_with_stable_ids(data: Path) -> None:
    assert run(data).returncode == 0
    check = grants("validate", str(data))
    assert check.returncode == 0, check.stderr
    dataset = load_dataset(data)
    ours = [lot for lot in dataset.lots if lot.source.id == SOURCE]
    assert [lot.id for lot in ours] == [f"{SOURCE}-01", f"{SOURCE}-02"]
    fixture_ids = [lot.id for lot in load_dataset(FICTITIOUS).lots]
    assert [lot.id for lot in dataset.lots if lot.source.id != SOURCE] == fixture_ids


def test_a_new_sector_is_added_and_reported_a_known_one_reused(data: Path) -> None:
    known = {s["id"] for s in yaml.safe_load(data.read_text(encoding="utf-8"))["sectors"]}
    result = run(data)
    assert result.returncode == 0, result.stderr
    sectors = yaml.safe_load(data.read_text(encoding="utf-8"))["sectors"]
    new = [s for s in sectors if s["id"] not in known]
    assert len(new) == 1  # the first lot's sector; the others are the fixture's «Экология (тест)»
    lots = yaml.safe_load((data.parent / "lots" / f"{SOURCE}.yaml").read_text(encoding="utf-8"))["lots"]
    assert lots[0]["sector"] == new[0]["id"]
    assert {lot["sector"] for lot in lots[1:]} <= known
    told = [line for line in result.stdout.splitlines() if f"new sector «{new[0]['id']}»" in line]
    assert told, result.stdout
    # The line it names is the new sector's line in grants.yaml, marked CHECK just above.
    file, line = told[0].split(":")[:2]
    lines = data.read_text(encoding="utf-8").splitlines()
    assert Path(file).name == "grants.yaml"
    assert lines[int(line) - 1] == f"  - id: {new[0]['id']}"
    assert lines[int(line) - 2].lstrip().startswith("# CHECK:")


def test_the_report_names_file_and_line_and_is_saved(data: Path) -> None:
    result = run(data)
    assert result.returncode == 0, result.stderr
    report = (data.parent.parent / "report.txt").read_text(encoding="utf-8").splitlines()
    assert report and all(line in result.stdout.splitlines() for line in report)
    for line in report[:-1]:  # the last line counts lots and things to check
        file, number = line.split(":")[:2]
        text = (Path(file) if Path(file).is_absolute() else Path.cwd() / file).read_text(encoding="utf-8")
        assert "CHECK" in "\n".join(text.splitlines()[: int(number)][-4:]), line
    assert "2 lots from list.docx" in report[-1]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "has a source «{id}» already"),
        ("kk", "«{id}» дереккөзі бұрыннан бар"),
        ("ru", "уже есть источник «{id}»"),
    ],
)
def test_an_existing_source_is_refused_and_nothing_written(data: Path, lang: str, words: str) -> None:
    assert run(data).returncode == 0
    kept = snapshot(data.parent)
    result = run(data, lang=lang)
    assert result.returncode == 1
    assert words.format(id=SOURCE) in result.stderr and "--replace" in result.stderr
    assert {"en": "nothing was written", "kk": "ештеңе жазылған жоқ", "ru": "ничего не записано"}[lang] in (
        result.stderr
    )
    assert snapshot(data.parent) == kept


def test_an_existing_lot_file_is_refused(data: Path) -> None:
    lot_file = data.parent / "lots" / f"{SOURCE}.yaml"
    lot_file.parent.mkdir()
    lot_file.write_text("lots: []\n", encoding="utf-8")
    kept = snapshot(data.parent)
    result = run(data)
    assert result.returncode == 1
    assert f"{SOURCE}.yaml exists already" in result.stderr
    assert snapshot(data.parent) == kept


def test_replace_swaps_that_source_only(data: Path, tmp_path: Path) -> None:
    assert run(data).returncode == 0
    first = data.read_text(encoding="utf-8")
    bigger = tmp_path / "bigger.docx"
    make_docx(bigger, table_rows(3))
    result = run(
        data, "--replace", "--document", str(data.parent / "sources" / SOURCE / "list.docx"), table=bigger
    )
    assert result.returncode == 0, result.stderr
    after = data.read_text(encoding="utf-8")
    parsed = yaml.safe_load(after)
    assert [s["id"] for s in parsed["sources"]].count(SOURCE) == 1
    lots = yaml.safe_load((data.parent / "lots" / f"{SOURCE}.yaml").read_text(encoding="utf-8"))["lots"]
    assert [lot["id"] for lot in lots] == [f"{SOURCE}-01", f"{SOURCE}-02", f"{SOURCE}-03"]
    # Outside the source's record, grants.yaml is as the first import left it.
    record = lambda text: text[text.index(f"  - id: {SOURCE}\n") : text.index(NOTE_IN_SOURCES)]  # noqa: E731
    assert after.replace(record(after), "") == first.replace(record(first), "")
    assert grants("validate", str(data)).returncode == 0


def test_replace_moves_lots_kept_in_grants_yaml_to_their_file(data: Path, tmp_path: Path) -> None:
    """The fixture's second source keeps its lot in grants.yaml; imported again with --replace,
    its lots are the table's, in their own file, and grants.yaml keeps the other lots."""
    other = "fictitious-2032"
    table = tmp_path / "other.docx"
    make_docx(table, table_rows(1, year=2032))
    result = grants(
        "import", str(table), "--source", other, "--data", str(data), "--replace",
        "--report", str(tmp_path / "r.txt"), "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    parsed = yaml.safe_load(data.read_text(encoding="utf-8"))
    assert all(lot["source"] != other for lot in parsed["lots"])
    assert [lot["id"] for lot in parsed["lots"]] == [
        lot.id for lot in load_dataset(FICTITIOUS).lots if lot.source.id != other
    ]
    assert next(s for s in parsed["sources"] if s["id"] == other)["lots_file"] == f"lots/{other}.yaml"
    assert grants("validate", str(data)).returncode == 0


def test_a_failing_import_leaves_the_data_as_it_was(data: Path, tmp_path: Path) -> None:
    """Totals that disagree with the lots: the validator refuses the whole, nothing is written,
    and both its messages (at the real files' names) and the report are printed."""
    table = tmp_path / "wrong.docx"
    make_docx(table, table_rows(2, total="99 000 мың теңге 2031 жыл"))
    kept = snapshot(data.parent)
    result = run(data, table=table)
    assert result.returncode == 1
    assert snapshot(data.parent) == kept
    assert not (data.parent / "lots").exists()
    assert "nothing was written" in result.stderr
    problems = [line for line in result.stderr.splitlines() if ".yaml:" in line]
    assert problems, result.stderr
    assert all(line.startswith(str(data.parent)) for line in problems), problems
    assert "grants-import-" not in result.stderr  # never the temporary folder's name
    assert "lots from wrong.docx" in result.stdout  # the doubt report too


def test_windows_line_ends_are_kept(data: Path) -> None:
    data.write_bytes(data.read_bytes().replace(b"\n", b"\r\n"))
    before = data.read_bytes()
    assert run(data).returncode == 0
    after = data.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")
    opcodes = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True)).get_opcodes()
    assert {op for op, *_ in opcodes} == {"equal", "insert"}, opcodes


def test_output_still_writes_one_standalone_file(data: Path, tmp_path: Path) -> None:
    kept = snapshot(data.parent)
    out = tmp_path / "alone.yaml"
    result = run(data, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert snapshot(data.parent) == kept
    alone = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [s["id"] for s in alone["sources"]] == [SOURCE] and len(alone["lots"]) == 2


def test_the_site_builds_with_the_imported_lots(data: Path, tmp_path: Path) -> None:
    assert run(data).returncode == 0
    site = tmp_path / "site"
    result = build_site(site, data=data, build_date="2031-03-10")
    assert result.returncode == 0, result.stderr
    for n in ("01", "02"):
        page = soup(site, f"lots/{SOURCE}-{n}/")
        assert "Жастар бастамаларын қолдау" in folded(page.find("h1")), n
    assert (site / "sources" / SOURCE / "list.docx").is_file()


LAYOUT = """\
# A maintainer's own layout: dashes at the key's column, a block text last, comments around.
schema_version: 1
currency: KZT
sources:
- id: other-2030
  issuer: {kk: Басқа бөлім (тест)}
  title: {kk: Басқа тізбе (тест)}
  years: [2030]
  declared_totals: []
  notes:
  - kk: |-
      бірінші жол
      екінші жол
# a comment after the sources, before the sectors
sectors:
- id: youth
  name:
    kk: Жастар саясатын іске асыру  # a comment at the end of the last sector
lots: []
"""


def test_another_layout_is_followed_and_kept(tmp_path: Path) -> None:
    main = tmp_path / "grants.yaml"
    main.write_text(LAYOUT, encoding="utf-8")
    table = tmp_path / "list.docx"
    make_docx(table, table_rows(2))
    result = grants(
        "import", str(table), "--source", SOURCE, "--data", str(main), "--report", str(tmp_path / "r.txt")
    )
    assert result.returncode == 0, result.stderr
    after = main.read_text(encoding="utf-8")
    opcodes = difflib.SequenceMatcher(None, LAYOUT.splitlines(True), after.splitlines(True)).get_opcodes()
    assert {op for op, *_ in opcodes} == {"equal", "insert"}, opcodes
    assert f"\n- id: {SOURCE}\n" in after  # the dashes where this file has them
    assert after.index("екінші жол") < after.index(f"- id: {SOURCE}") < after.index("# a comment after")
    parsed = yaml.safe_load(after)
    assert [s["id"] for s in parsed["sources"]] == ["other-2030", SOURCE]
    assert parsed["sectors"][0]["id"] == "youth" and len(parsed["sectors"]) == 2
    assert parsed["sources"][0]["notes"] == [{"kk": "бірінші жол\nекінші жол"}]
    assert grants("validate", str(main)).returncode == 0


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_failing_import_tells_the_checks_messages_in_the_maintainers_language(
    data: Path, tmp_path: Path, lang: str
) -> None:
    """The validator's messages printed by a refused import follow the import's --lang, as
    `validate --lang` tells them, not English."""
    table = tmp_path / "wrong.docx"
    make_docx(table, table_rows(2, total="99 000 мың теңге 2031 жыл"))
    english = [line for line in run(data, table=table).stderr.splitlines() if ".yaml:" in line]
    told = [line for line in run(data, table=table, lang=lang).stderr.splitlines() if ".yaml:" in line]
    assert told and len(told) == len(english)
    for mine, theirs in zip(told, english, strict=True):
        where = theirs.split(": ", 1)[0]  # file:line:col stays as it is
        assert mine.startswith(where + ": ")
        assert mine != theirs
        assert any("\u0400" <= char <= "\u04ff" for char in mine.split(": ", 1)[1]), mine
