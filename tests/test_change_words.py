"""Every field the data declares is named on the Changes page, in the feed, in each lot's
"last changed" and in the pull-request summary, in public words, with no list to keep beside
the declaration: a field without words of its own in ``grants.labels.FIELDS`` is told by its
title as the editors' schema shows it (grants/model.py, translated in the ``schema`` catalog).
Only a field no declaration has (one an earlier version of the data had) is "Other details".
"""

from __future__ import annotations

import copy
import json

import pytest
from conftest import FICTITIOUS, ROOT

from grants import declare, labels, model
from grants.diff import FieldChange, compare, describe, describe_all, parse

SCHEMAS = {
    "kk": ROOT / "data" / "grants.schema.kk.json",
    "ru": ROOT / "data" / "grants.schema.ru.json",
    "en": ROOT / "data" / "grants.schema.json",
}


def published(cls: type) -> list[str]:
    return [f.name for f in declare.fields(cls) if f.decl.published and f.name != "id"]


def declared_names() -> list[str]:
    names = published(model.Lot) + published(model.Source) + published(model.Sector)
    return list(dict.fromkeys(names + [f"award.{name}" for name in published(model.Award)]))


def told(before: dict, after: dict, lang: str) -> list[str]:
    (change,) = compare(before, after).changed
    return [str(d) for d in describe_all(change.fields, lang)]


@pytest.fixture(scope="module")
def data() -> dict:
    return parse(FICTITIOUS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_field_without_words_of_its_own_is_told_by_its_title_in_the_editors_schema(data, lang):
    titles = json.loads(SCHEMAS[lang].read_text(encoding="utf-8"))["$defs"]
    # The award is told part by part (below), each part by its own name.
    plain = [name for name in published(model.Lot) if name not in labels.FIELDS and name != "award"]
    assert plain, "every lot field has words of its own: nothing here tells a new field's words"
    for name in plain:
        after = copy.deepcopy(data)
        lot = after["lots"][0]
        lot[name] = "a value no version had"
        expected = titles["lot"]["properties"][name]["title"]
        (line,) = told(data, after, lang)
        assert line.split(":")[0] == expected, (name, line)
    part = next(name for name in published(model.Award) if f"award.{name}" not in labels.FIELDS)
    change = FieldChange(f"award.{part}", "2031-01-01", "2031-01-02")
    assert describe(change, lang).label == titles["award"]["properties"][part]["title"]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_declared_field_has_a_name_and_never_other_details(lang):
    other = labels.FIELDS["other"].get(lang)
    for name in declared_names():
        label = describe(FieldChange(name, "before", "after"), lang).label
        assert label and label != other, name
        assert "." not in label and "_" not in label, f"{name}: a field path, not words: {label}"


@pytest.mark.parametrize(
    ("lang", "expected"), [("kk", "Басқа мәліметтер: өзгертілді"), ("ru", "Другие сведения: изменено")]
)
def test_a_field_no_declaration_has_is_other_details(data, lang, expected):
    after = copy.deepcopy(data)
    after["lots"][0]["fax_number"] = "0"
    assert told(data, after, lang) == [expected]


def test_writing_out_a_fields_default_changes_nothing(data):
    after = copy.deepcopy(data)
    lot = next(lot for lot in after["lots"] if "status" not in lot and "grant_count" not in lot)
    lot.update({"status": "planned", "grant_count": 1, "targets_per_year": False})
    assert compare(data, after).changed == ()
