"""``python -m grants new-lot``: the block it prints, pasted into a copy of the data and
filled in minimally, validates; pasted and left unfilled, it is refused line by line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, run_grants

ENGLISH = "C.UTF-8"  # a shell whose language is English: the messages checked here are English


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source(data: dict) -> dict:
    return data["sources"][0]


def block(source_id: str, *extra: str) -> str:
    result = run_grants("new-lot", "--source", source_id, *extra, lang=ENGLISH)
    assert result.returncode == 0, result.stderr
    return result.stdout


def copy_with(tmp_path: Path, text: str) -> Path:
    """A copy of the data folder with ``text`` pasted at the end of the lots."""
    folder = tmp_path / "data"
    shutil.copytree(DATA.parent, folder)
    path = folder / "grants.yaml"
    original = path.read_text(encoding="utf-8")
    assert re.search(r"^lots:", original, re.M) and original.rstrip().split("\n")[-1].startswith(" "), (
        "lots is not last"
    )
    path.write_text(original.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    return path


def fill(text: str, sector: str, amount: int) -> str:
    """Fill the placeholders of the lines that are not commented out, as a maintainer would."""
    lines = []
    for line in text.split("\n"):
        if not line.lstrip().startswith("#"):
            line = re.sub(r'^(\s*(?:- )?)kk: ""', r"\1kk: Сынақ мәтіні", line)
            line = line.replace('sector: ""', f"sector: {sector}").replace(
                'grant_type: ""', "grant_type: short"
            )
            line = re.sub(r"amount: 0\b", f"amount: {amount}", line)
        lines.append(line)
    return "\n".join(lines)


def test_the_block_names_every_field_of_the_schema() -> None:
    import json

    schema = json.loads((ROOT / "data" / "grants.schema.json").read_text(encoding="utf-8"))
    text = block(yaml.safe_load(DATA.read_text(encoding="utf-8"))["sources"][0]["id"])
    keys = {m.group(1) for m in re.finditer(r"^\s*(?:#\s*)?(?:- )?(\w+):", text, re.M)}
    assert set(schema["$defs"]["lot"]["properties"]) <= keys
    required = schema["$defs"]["lot"]["required"]
    active = {m.group(1) for m in re.finditer(r"^    (?:- )?(\w+):", text, re.M)} | {
        m.group(1) for m in re.finditer(r"^  - (\w+):", text, re.M)
    }
    assert set(required) <= active
    optional = set(schema["$defs"]["lot"]["properties"]) - set(required)
    assert not optional & active, "optional fields are commented out"


def test_the_filled_block_validates_in_a_copy_of_the_data(tmp_path: Path, data: dict, source: dict) -> None:
    year = source["years"][0]
    amount = 1_234_000
    text = fill(block(source["id"]), data["sectors"][0]["id"], amount)
    path = copy_with(tmp_path, text)
    # The document's totals now include the new lot's money.
    before = next(t["amount"] for t in source["declared_totals"] if t["year"] == year)
    content = path.read_text(encoding="utf-8")
    content, n = re.subn(
        rf"(- year: {year}\n\s+amount: ){before}\b", rf"\g<1>{before + amount}", content, count=1
    )
    assert n == 1
    path.write_text(content, encoding="utf-8")
    result = run_grants("validate", str(path), lang=ENGLISH)
    assert result.returncode == 0, result.stderr
    lots = len(data["lots"]) + 1
    assert f"valid: {lots} lots" in result.stdout.splitlines()[-1]
    new = yaml.safe_load(content)["lots"][-1]
    numbers = [int(lot["number"]) for lot in data["lots"] if lot["source"] == source["id"]]
    assert new["number"] == str(max(numbers) + 1)
    assert new["id"] not in {lot["id"] for lot in data["lots"]}


def test_the_unfilled_block_is_refused_line_by_line(tmp_path: Path, source: dict) -> None:
    text = block(source["id"])
    path = copy_with(tmp_path, text)
    result = run_grants("validate", str(path), lang=ENGLISH)
    assert result.returncode == 1
    start = len(DATA.read_text(encoding="utf-8").rstrip("\n").split("\n")) + 2
    errors = [line for line in result.stderr.splitlines() if re.match(rf"{re.escape(str(path))}:\d+:", line)]
    # One error per placeholder: sector, priority, problem, amount, grant type, territory, indicator, result.
    assert len(errors) >= 8, result.stderr
    assert all(int(line.split(":")[1]) >= start for line in errors), errors


def test_comments_in_the_maintainers_language(source: dict) -> None:
    assert "лоттың сайттағы мекенжайы" in block(source["id"], "--lang", "kk")
    assert "адрес лота на сайте" in block(source["id"], "--lang", "ru")


def test_an_unknown_source_is_refused(source: dict) -> None:
    result = run_grants("new-lot", "--source", "no-such-source", "--lang", "en", lang=ENGLISH)
    assert result.returncode == 1
    assert "no source «no-such-source»" in result.stderr and source["id"] in result.stderr
