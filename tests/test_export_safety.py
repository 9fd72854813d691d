"""The open-data files are safe to open: no CSV cell runs as a formula, no JSON is invalid."""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from conftest import VALID

from grants import export, loader, validate

HOSTILE = {
    '=HYPERLINK("http://x.example","click")': "priority",
    "+7 701 000 00 00": "territory",
    "-2+3+cmd|' /C calc'!A0": "problem",
    "@SUM(1+1)*cmd|' /C calc'!A0": "results",
    "\t=1+1": "notes",
    "\r=1+1": "material_requirements",
}


def _dataset_with(texts: dict[str, str]) -> validate.Dataset:
    data = copy.deepcopy(loader.load(VALID).data)
    lot = data["lots"][0]
    for text, field in texts.items():
        if field in ("results", "notes", "material_requirements"):
            lot[field] = [{"kk": text}]
        else:
            lot[field] = {"kk": text}
    return validate.build(data)


def test_csv_cells_that_would_start_a_formula_are_read_back_as_text() -> None:
    dataset = _dataset_with(HOSTILE)
    rows = list(csv.DictReader(io.StringIO(export.csv_bytes(dataset).decode("utf-8-sig"), newline="")))
    first = rows[0]
    read = {
        field: first[field].removeprefix("1. ")
        for field in ("priority", "territory", "problem", "results", "notes", "material_requirements")
    }
    for text, field in HOSTILE.items():
        if field in ("results", "material_requirements"):  # numbered: "1. =…" starts with a digit
            assert read[field] == text, field
            continue
        assert first[field] == "'" + text, field
    # Nothing else is touched: ids, numbers and plain texts read back as written.
    assert first["id"] == dataset.lots[0].id
    assert first["funding_total"] == str(dataset.lots[0].total)
    assert rows[1]["priority"] == dataset.lots[1].priority.kk
    assert not any(
        value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row.values()
    )


def test_json_is_never_written_with_a_number_json_cannot_hold() -> None:
    data = copy.deepcopy(loader.load(VALID).data)
    data["lots"][0]["indicators"][0]["target"]["value"] = float("nan")
    dataset = validate.build(data)
    with pytest.raises(ValueError, match="JSON compliant"):
        export.files(dataset)
    clean = export.files(validate.build(loader.load(VALID).data))
    for name, content in clean.items():
        if name.endswith(".json"):
            json.loads(content, parse_constant=lambda token, name=name: pytest.fail(f"{name} holds {token}"))
