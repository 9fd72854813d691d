"""Every broken file in tests/broken/ makes `python -m grants validate` print exactly its .expect lines.

Each ``NAME.yaml`` there is the small valid file ``_valid.yaml`` broken in one way a
maintainer really could break it; ``NAME.expect`` holds the lines the check must print
for it, without the leading file path. To add a case, copy ``_valid.yaml``, break it,
and write what a maintainer should be told.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from conftest import BROKEN, ROOT, VALID, run_grants

from grants import loader, validate

CASES = sorted(path for path in BROKEN.glob("*.yaml") if not path.name.startswith("_"))


def run_validate(path: Path) -> subprocess.CompletedProcess[str]:
    return run_grants("validate", str(path.relative_to(ROOT)))


def expected_lines(case: Path) -> list[str]:
    text = case.with_suffix(".expect").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def test_corpus_has_at_least_30_distinct_cases() -> None:
    assert len(CASES) >= 30
    contents = {case.read_bytes() for case in CASES}
    assert len(contents) == len(CASES), "two broken files are identical"


def test_every_case_has_its_expect_file_and_no_expect_file_is_orphaned() -> None:
    for case in CASES:
        assert case.with_suffix(".expect").is_file(), f"{case.name} has no .expect file"
        assert expected_lines(case), f"{case.stem}.expect is empty"
    for expect in BROKEN.glob("*.expect"):
        assert expect.with_suffix(".yaml").is_file(), f"{expect.name} has no broken file"


def test_the_valid_base_file_passes() -> None:
    result = run_validate(VALID)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "valid: 2 lots, 1 source" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_broken_file_is_reported_in_plain_words(case: Path) -> None:
    result = run_validate(case)
    name = case.relative_to(ROOT)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    expected = [f"{name}:{line}" for line in expected_lines(case)]
    errors = result.stderr.splitlines()
    for line in expected:
        assert line in errors
    # Nothing else is said, and everything is said at once, in the order of the file.
    summary = errors.pop()
    assert errors == expected
    count = len(expected)
    assert summary.startswith(f"{name}: {count} problem{'s' if count != 1 else ''}; nothing was published.")


def test_fast_schema_check_finds_what_jsonschema_finds() -> None:
    """The generated yes/no check, and checking only the lots it rejects, lose no schema error."""
    fast = validate._fast_checks()
    assert fast is not None, (
        "the schema uses a keyword the fast check in grants/validate.py does not know; teach it to "
        "_CheckWriter, or large files are checked by jsonschema alone (slowly)"
    )
    checked = 0
    for case in [*CASES, VALID]:
        loaded = loader.load(case)
        if loaded.data is None:  # not YAML: the schema never sees it
            continue
        full = sorted(
            (tuple(e.absolute_path), e.validator) for e in validate._validator().iter_errors(loaded.data)
        )
        split = sorted(
            ((*prefix, *e.absolute_path), e.validator) for prefix, e in validate._schema_errors(loaded)
        )
        assert split == full, case.name
        assert fast[0](loaded.data) == (not full), case.name
        checked += 1
    assert checked >= 30


def test_the_schema_says_of_the_lots_only_that_they_are_lots() -> None:
    """The validator checks the data without its lots, then each lot on its own (a lot file
    unchanged since the last check is not checked again): that is the whole schema only while
    no keyword looks at the lots together (uniqueItems, maxItems, a rule of the document)."""
    whole = validate.schema()
    lots = {
        key: value
        for key, value in whole["properties"]["lots"].items()
        if key not in ("title", "description")
    }
    assert lots == {"type": "array", "items": {"$ref": "#/$defs/lot"}}
    plain = {
        "$schema",
        "$id",
        "title",
        "description",
        "type",
        "additionalProperties",
        "required",
        "properties",
        "$defs",
    }
    assert set(whole) <= plain


# --- the event builder reads exactly what PyYAML reads ---------------------------------

TRICKY = [
    "a:\n- 1\n- 2\nb: 3\n",
    "a:\n  - k: |-\n     x\n\n     y\n\n\n  - 2\n",
    "a: |\n  x\n\n",
    "a: |-\n\n  x\n  # kept\n",
    "a: x #c\nb: 'it''s'\nc: \"q\\\"x\\/\\n\"\n",
    "a: [2026, 2027]  # c\nb: []\nc: [a b, 3.5, ~]\n",
    "a: x\n  # c\nb: 1\n",
    "a:\n - k: 1\n   j: 2\n -\n   m: n\n - null\n",
    "a: -5\nb: 1_000\nc: 0x1F\nd: 1:20\ne: yes\nf: 2026-03-01\nh: ~\ni:\n",
    "a:\r\n  b: 1\r\n",
    "a: >\n  folded\n  text\nb: {x: 1, y: [2]}\n",
]


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (True is not 1, 18.0 is not 18)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _mutations(text: str, count: int, seed: int) -> list[str]:
    """Small random edits of the kind that break YAML: stray quotes, colons, dashes, indentation."""
    pieces = [":", ": ", " #", '"', "'", "- ", " ", "\n", "\n  ", "|", "|-", "[", "]", "{", "&a", "*a"]
    pieces += ["!", "%", "@", "?", "\\", "\\n", "~", "yes", "1.5", "\t", "\r\n", "---", "...", "<<", "\u2028"]
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        edited = text
        for _ in range(rnd.randint(1, 3)):
            at = rnd.randrange(len(edited) + 1)
            if rnd.random() < 0.6:
                edited = edited[:at] + rnd.choice(pieces) + edited[at:]
            else:
                edited = edited[:at] + edited[at + rnd.randint(1, 4) :]
        out.append(edited)
    return out


def _pyyaml(text: str) -> Any:
    """What PyYAML's own safe loader makes of ``text``."""
    return yaml.load(text, Loader=_NoDates)


def _text_keys(value: Any) -> bool:
    """Whether every key is a text (the builder keeps '2026:' or 'yes:' as written; PyYAML does not)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) for k in value) and all(_text_keys(v) for v in value.values())
    if isinstance(value, list):
        return all(_text_keys(v) for v in value)
    return True


class _NoDates(yaml.CSafeLoader):
    """PyYAML's safe loader, keeping dates as written (the builder does; the schema checks them)."""

    yaml_implicit_resolvers: ClassVar = {
        first: [(tag, regexp) for tag, regexp in rules if tag != "tag:yaml.org,2002:timestamp"]
        for first, rules in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }


def test_event_builder_reads_what_pyyaml_reads() -> None:
    """The one YAML reader gives the data PyYAML's safe loader gives, for every text both accept."""
    texts = [
        *TRICKY,
        VALID.read_text(encoding="utf-8"),
        (ROOT / "data" / "grants.yaml").read_text(encoding="utf-8"),
    ]
    texts += _mutations(VALID.read_text(encoding="utf-8"), 600, seed=2026)
    compared = 0
    for text in texts:
        builder = loader._Builder(Path("mutation.yaml"))
        try:
            ours = builder.run(text)
        except yaml.YAMLError:
            with pytest.raises(yaml.YAMLError):
                yaml.load(text, Loader=yaml.CSafeLoader)
            continue
        except loader.Refused:
            continue  # anchors, aliases, deep nesting: refused before anything is expanded
        if builder.duplicates or builder.problems or "<<" in text:
            continue  # PyYAML keeps the last of two keys and merges '<<': the builder reports them
        try:
            theirs = _pyyaml(text)
        except (yaml.YAMLError, TypeError):
            continue
        if not _text_keys(theirs):
            continue
        assert _same(ours, theirs), text
        compared += 1
    assert compared >= 200  # not just texts both refuse


def test_the_fast_schema_check_leaves_the_data_as_written() -> None:
    """fastjsonschema can write a schema's defaults (status: planned) into the data it checks."""
    import copy

    from grants.loader import load
    from grants.validate import _fast_checks

    loaded = load(ROOT / "data" / "grants.yaml")
    before = copy.deepcopy(loaded.data)
    whole, lot = _fast_checks()
    assert whole(loaded.data)
    assert all(lot(item) for item in loaded.data["lots"])
    assert loaded.data == before
    assert "status" not in loaded.data["lots"][0]
