"""A maintainer's ordinary, correct edits keep every check green.

Each edit is made on a copy of the real data (data/grants.yaml and its archived
documents), the way CONTRIBUTING describes it, by changing the YAML text:

1. an amount corrected, with its declared total (the amended document archived in
   place of the old one, its checksum recorded);
2. a lot added to a list (its row in the amended document);
3. a second list added, from another akimat, with its lot, a new sector and its
   archived document;
4. a lot opened for applications, with its window and where to apply;
5. an award recorded;
6. a report recorded.

Then, on the copy with all six edits: `grants validate` passes, the strict site
builds in all three languages (once, for all edits) and shows them, `grants diff`
summarises them, and the real-data tests (tests/test_data.py, the real-data part of
tests/test_corrections.py) pass on it. Nothing here names a real lot or amount:
which lot to edit and by how much is read from the data.

The added list, lot, sector, organisation and report are fictitious.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import DATA, build_site, copy_data, edit, folded, run_grants, run_python, soup

from grants import Lot, load_dataset

REAL = load_dataset(DATA)
SOURCE = REAL.sources[0]
LOTS = list(REAL.lots_in_source(SOURCE.id))
SINGLE_YEAR = [lot for lot in LOTS if len(lot.funding) == 1]
YEAR = SINGLE_YEAR[0].funding[0].year if SINGLE_YEAR else LOTS[0].funding[0].year
BUILD_DATE = f"{YEAR}-06-01"
NEW_SOURCE = "fictitious-list-2099"
NEW_SECTOR = "fictitious-sector"


def thousands(amount: int) -> str:
    """18000000 as the document prints it: '18 000' (thousand tenge)."""
    return f"{amount // 1000:,}".replace(",", " ")


def lot_block(text: str, lot_id: str) -> tuple[int, int]:
    start = text.index(f"  - id: {lot_id}\n")
    end = text.find("\n  - id: ", start + 1)
    return start, (end + 1 if end != -1 else len(text))


def in_lot(path: Path, lot_id: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` inside one lot's entry of the YAML."""
    text = path.read_text(encoding="utf-8")
    start, end = lot_block(text, lot_id)
    block = text[start:end]
    assert old in block, f"{old!r} is not in lot {lot_id}"
    path.write_text(text[:start] + block.replace(old, new, 1) + text[end:], encoding="utf-8")


def add_to_lot(path: Path, lot_id: str, yaml_lines: str) -> None:
    """Add fields at the end of one lot's entry."""
    text = path.read_text(encoding="utf-8")
    _, end = lot_block(text, lot_id)
    if not text[:end].endswith("\n"):
        text = text[:end] + "\n" + text[end:]
        end += 1
    path.write_text(text[:end] + yaml_lines + text[end:], encoding="utf-8")


def set_declared(path: Path, source_id: str, year: int, old: int, new: int) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {source_id}\n")
    old_line = f"      - year: {year}\n        amount: {old}\n"
    at = text.index(old_line, start)
    path.write_text(
        text[:at] + f"      - year: {year}\n        amount: {new}\n" + text[at + len(old_line) :],
        encoding="utf-8",
    )


def rearchive(data: Path, source_id: str, document: Path) -> None:
    """The amended document archived: its checksum recorded in the data (and in ARCHIVE.md, if any)."""
    text = data.read_text(encoding="utf-8")
    start = text.index(f"  - id: {source_id}\n")
    key = "    document_sha256: "
    at = text.index(key, start) + len(key)
    old = text[at : at + 64]
    new = hashlib.sha256(document.read_bytes()).hexdigest()
    data.write_text(text[:at] + new + text[at + 64 :], encoding="utf-8")
    archive = document.parent / "ARCHIVE.md"
    if archive.is_file():
        archive.write_text(archive.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def totals_line(document: Path, year: int, old: int, new: int) -> None:
    """The document's "Итого" row for ``year``: ``old`` becomes ``new`` (thousands, as printed)."""
    text = document.read_text(encoding="utf-8")
    at = text.index("Итого")
    tail = text[at:]
    for spelling in ("мың тенге", "мың теңге"):
        printed = f"{thousands(old)} {spelling}"
        if printed in tail:
            tail = tail.replace(printed, f"{thousands(new)} {spelling}", 1)
            break
    else:
        raise AssertionError(f"the totals row does not print {thousands(old)} for {year}")
    document.write_text(text[:at] + tail, encoding="utf-8")


def row(number: str, sector: str, lot: dict) -> str:
    """A lot's row as the archived text extractions print one (READING.md: tab-separated cells)."""
    indicators = " ".join(f"{i}. {text}" for i, text in enumerate(lot["indicators"], start=1))
    results = " ".join(f"{i}. {text}" for i, text in enumerate(lot["results"], start=1))
    cells = [
        number,
        sector,
        lot["priority"],
        lot["problem"],
        f"{lot['year']} жыл - {thousands(lot['amount'])} мың теңге",
        "1 қысқа мерзімді грант",
        lot["territory"],
        f"Нысаналы индикатор: {indicators} Күтілетін нәтиже: {results}",
        "",
    ]
    return "\t".join(cells)


def q(text: str) -> str:
    """A text as a quoted YAML string (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def lot_yaml(lot_id: str, source: str, number: str, line: int, sector: str, lot: dict) -> str:
    indicators = "".join(
        f"      - text:\n          kk: {q(text)}\n        target:\n          comparison: at_least\n"
        f"          value: {target}\n          unit:\n            kk: адам\n"
        for text, target in zip(lot["indicators"], lot["targets"], strict=True)
    )
    results = "".join(f"      - kk: {q(text)}\n" for text in lot["results"])
    return (
        f'  - id: {lot_id}\n    source: {source}\n    number: "{number}"\n    source_lines: [{line}]\n'
        f"    sector: {sector}\n    priority:\n      kk: {q(lot['priority'])}\n    problem:\n      kk: {q(lot['problem'])}\n"
        f"    funding:\n      - year: {lot['year']}\n        amount: {lot['amount']}\n    grant_type: short\n"
        f"    period:\n      start: {lot['year']}\n      end: {lot['year']}\n    territory:\n      kk: {q(lot['territory'])}\n"
        f"    indicators:\n{indicators}    results:\n{results}"
    )


NEW_LOT = {
    "priority": "Жасөспірімдерге арналған ойдан шығарылған шеберханалар өткізу",
    "problem": "Ойдан шығарылған мәселе: жасөспірімдердің бос уақыты аз ұйымдастырылған.",
    "territory": "Қаланың кемінде 1 ауданы",
    "indicators": ["Жобаның тікелей қамтуы - кемінде 150 адам."],
    "targets": [150],
    "results": ["Кемінде 10 шеберхана өткізу.", "Жоба туралы кемінде 5 жарияланым."],
    "year": YEAR,
    "amount": 2_500_000,
}
OTHER_LIST_LOT = {
    "priority": "Ауылдағы ойдан шығарылған экологиялық акциялар",
    "problem": "Ойдан шығарылған ауылда қоқыс жиналмайды.",
    "territory": "Ойдан шығарылған ауыл",
    "indicators": ["Жобаның тікелей қамтуы - кемінде 80 адам."],
    "targets": [80],
    "results": ["Кемінде 4 тазалау акциясын өткізу."],
    "year": YEAR,
    "amount": 3_200_000,
}
NEW_SECTOR_NAME = "Ойдан шығарылған экология саласы"


def pick(index: int) -> Lot:
    """A different single-year lot for each edit, as far as there are enough of them."""
    lots = SINGLE_YEAR or LOTS
    return lots[index % len(lots)]


AMOUNT_LOT, OPEN_LOT, AWARD_LOT, REPORT_LOT = pick(-1), pick(0), pick(1), pick(2)


def apply_every_edit(folder: Path) -> Path:
    data = copy_data(DATA, folder)
    document = folder / SOURCE.document
    declared = SOURCE.declared(YEAR)

    # 1. An amount corrected, with its declared total, as the amended document prints it.
    old = AMOUNT_LOT.amount_for(YEAR)
    new = old + 500_000
    in_lot(data, AMOUNT_LOT.id, f"amount: {old}\n", f"amount: {new}\n")
    set_declared(data, SOURCE.id, YEAR, declared, declared + 500_000)
    lines = document.read_text(encoding="utf-8").split("\n")
    line = next(n for n in AMOUNT_LOT.source_lines if f"{thousands(old)} мың теңге" in lines[n - 1])
    lines[line - 1] = lines[line - 1].replace(f"{thousands(old)} мың теңге", f"{thousands(new)} мың теңге", 1)
    document.write_text("\n".join(lines), encoding="utf-8")
    totals_line(document, YEAR, declared, declared + 500_000)
    declared += 500_000

    # 2. A lot added to the list: its row before the document's "Итого" row.
    lines = document.read_text(encoding="utf-8").split("\n")
    at = next(i for i, text in enumerate(lines) if "Итого" in text)
    number = str(max(int(lot.number) for lot in LOTS) + 1)
    sector = LOTS[0].sector
    lines.insert(at, row(number, sector.name.kk, NEW_LOT))
    document.write_text("\n".join(lines), encoding="utf-8")
    totals_line(document, YEAR, declared, declared + NEW_LOT["amount"])
    set_declared(data, SOURCE.id, YEAR, declared, declared + NEW_LOT["amount"])
    text = data.read_text(encoding="utf-8").rstrip("\n") + "\n"
    new_id = f"{SOURCE.id}-{int(number):02d}"
    data.write_text(text + lot_yaml(new_id, SOURCE.id, number, at + 1, sector.id, NEW_LOT), encoding="utf-8")
    rearchive(data, SOURCE.id, document)

    # 3. A second list, from another akimat, with a new sector and its archived document.
    folder_of = folder / "sources" / NEW_SOURCE
    folder_of.mkdir(parents=True)
    other = folder_of / "list.txt"
    total = thousands(OTHER_LIST_LOT["amount"])
    other.write_text(
        "ОЙДАН ШЫҒАРЫЛҒАН ТІЗБЕ (тест)\n"
        + row("1", NEW_SECTOR_NAME, OTHER_LIST_LOT)
        + f"\nИтого:\t{total} мың теңге\t{YEAR} жыл\n",
        encoding="utf-8",
    )
    checksum = hashlib.sha256(other.read_bytes()).hexdigest()
    edit(
        data,
        "\nsectors:",
        f"""  - id: {NEW_SOURCE}
    issuer:
      kk: Ойдан шығарылған аудан әкімдігі (тест)
    title:
      kk: Ойдан шығарылған аудан лоттарының тізбесі (тест)
    document: sources/{NEW_SOURCE}/list.txt
    document_sha256: {checksum}
    years: [{YEAR}]
    declared_totals:
      - year: {YEAR}
        amount: {OTHER_LIST_LOT["amount"]}

sectors:""",
    )
    edit(data, "\nlots:", f"\n  - id: {NEW_SECTOR}\n    name:\n      kk: {NEW_SECTOR_NAME}\n\nlots:")
    text = data.read_text(encoding="utf-8")
    data.write_text(
        text + lot_yaml(f"{NEW_SOURCE}-01", NEW_SOURCE, "1", 2, NEW_SECTOR, OTHER_LIST_LOT), encoding="utf-8"
    )

    window = f'    application_window:\n      opens: "{YEAR}-03-01"\n      closes: "{YEAR}-12-20"\n'
    closed = f'    application_window:\n      opens: "{YEAR}-01-10"\n      closes: "{YEAR}-01-31"\n'
    # 4. A lot open for applications, and where to apply.
    add_to_lot(data, OPEN_LOT.id, f"    status: open\n{window}    apply_url: https://example.invalid/apply\n")
    award = (
        "    award:\n      recipient:\n        kk: «Ойдан шығарылған қоғамдық бірлестік» ҚБ (тест)\n"
        '      bin: "310340000017"\n      amounts:\n'
        f'        - year: {YEAR}\n          amount: {{amount}}\n      agreement_date: "{YEAR}-04-01"\n'
    )
    # 5. An award.
    add_to_lot(
        data, AWARD_LOT.id, f"    status: awarded\n{closed}" + award.format(amount=AWARD_LOT.amount_for(YEAR))
    )
    # 6. A report on a lot under way: what its first indicator with a target reached.
    measured = next(i for i, ind in enumerate(REPORT_LOT.indicators, start=1) if ind.target)
    report = (
        f'    reports:\n      - date: "{YEAR}-05-15"\n        achievements:\n'
        f"          - indicator: {measured}\n            value: 10\n        text:\n          kk: Аралық есеп (тест).\n"
    )
    add_to_lot(
        data,
        REPORT_LOT.id,
        f"    status: in_progress\n{closed}" + award.format(amount=REPORT_LOT.amount_for(YEAR)) + report,
    )
    return data


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    return apply_every_edit(tmp_path_factory.mktemp("edited") / "data")


def test_the_edited_data_validates(edited):
    result = run_grants("validate", str(edited))
    assert result.returncode == 0, result.stderr
    dataset = load_dataset(edited)
    assert len(dataset.lots) == len(REAL.lots) + 2 and len(dataset.sources) == len(REAL.sources) + 1
    statuses = {lot.id: lot.status for lot in dataset.lots}
    assert (statuses[OPEN_LOT.id], statuses[AWARD_LOT.id], statuses[REPORT_LOT.id]) == (
        "open",
        "awarded",
        "in_progress",
    )


def test_the_real_data_tests_pass_on_the_edited_data(edited):
    result = run_python(
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-m",
        "not site",
        "tests/test_data.py",
        "tests/test_corrections.py",
        env={"GRANTS_DATA": str(edited)},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout


def test_the_pull_request_summary_tells_the_edits(edited):
    result = run_grants("diff", str(DATA), str(edited))
    assert result.returncode == 0, result.stderr
    assert "**Лоттар / Лоты: +2 / −0 / ~4.**" in result.stdout
    assert "Новый перечень" in result.stdout and "Новая сфера" in result.stdout


@pytest.mark.site
def test_the_strict_site_builds_and_shows_every_edit(edited, tmp_path_factory):
    site = tmp_path_factory.mktemp("edited-site") / "site"
    result = build_site(site, data=edited, build_date=BUILD_DATE)
    assert result.returncode == 0, result.stderr[-4000:]
    dataset = load_dataset(edited)
    added = [lot for lot in dataset.lots if lot.id not in {lot.id for lot in REAL.lots}]
    for prefix in ("", "ru/", "en/"):
        for lot in added:
            page = soup(site, f"{prefix}lots/{lot.id}/")
            assert lot.priority.kk in folded(page.select_one("article h1"))
        opened = [a["href"] for a in soup(site, f"{prefix}open/").select("ol.grant-open-list a")]
        assert any(OPEN_LOT.id in href for href in opened), prefix
        assert soup(site, f"{prefix}lots/{AWARD_LOT.id}/").select_one(".grant-award") is not None
        assert soup(site, f"{prefix}lots/{REPORT_LOT.id}/").select_one("table.grant-progress") is not None
    assert (site / "sources" / NEW_SOURCE / "list.txt").is_file()
