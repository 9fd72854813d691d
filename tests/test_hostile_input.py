"""Hostile and careless input: the check stops it fast, in plain words, and never runs away.

Each file here is made in a temporary folder from the small valid file tests/broken/_valid.yaml.
The checks run in a child process, as a maintainer or CI runs them, and the child reports its
peak memory: the bound asserted is generous (the target is under 200 MB on any input up to
10 MB), so that only a runaway, never a slow machine, fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import VALID, run_grants, run_python

from grants import loader

MEMORY_MB = 200

_CHILD = """
import json, resource, sys
from grants.cli import main
code = main(["validate", sys.argv[1]])
from grants import load_dataset, DataError
try:
    load_dataset(sys.argv[1])
    built = True
except DataError:
    built = False
print(json.dumps({"code": code, "built": built,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), file=sys.stderr)
"""


def check(path: Path) -> tuple[dict, list[str]]:
    """Run `grants validate` and `load_dataset` on ``path`` in a child: (its figures, its error lines)."""
    result = run_python("-c", _CHILD, str(path))
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = result.stderr.splitlines()
    figures = json.loads(lines.pop())
    return figures, lines


def valid_text() -> str:
    return VALID.read_text(encoding="utf-8")


def test_an_alias_bomb_is_refused_at_its_first_anchor_without_expanding(tmp_path: Path) -> None:
    # Nine levels of nine aliases each: 387 million items if expanded ("a billion laughs").
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        name, previous = chr(97 + level), chr(96 + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text(valid_text() + "\n".join(lines) + "\n", encoding="utf-8")
    figures, errors = check(path)
    assert figures["code"] == 1 and not figures["built"]
    assert figures["mb"] < MEMORY_MB
    first = len(valid_text().splitlines()) + 1
    assert errors[0].startswith(f"{path}:{first}:4: a: '&a' marks an anchor; this file uses no anchors")


def test_an_alias_in_a_lot_names_the_lot_and_the_field(tmp_path: Path) -> None:
    text = valid_text().replace("    grant_type: short\n", "    grant_type: *kind\n")
    path = tmp_path / "alias.yaml"
    path.write_text(text, encoding="utf-8")
    figures, errors = check(path)
    assert figures["code"] == 1
    line = text.splitlines().index("    grant_type: *kind") + 1
    assert errors[0].startswith(f"{path}:{line}:17: lot trial-2026-03: grant_type: '*kind' repeats an anchor")


def test_nesting_5000_deep_is_refused_with_a_message_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(valid_text() + "extra: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    figures, errors = check(path)
    assert figures["code"] == 1 and not figures["built"]
    assert figures["mb"] < MEMORY_MB
    assert f"nested more than {loader.MAX_DEPTH} levels deep here" in errors[0]


def _big_valid_file(path: Path, megabytes: int) -> int:
    """A valid file of about ``megabytes`` MB: the two lots of _valid.yaml copied with new ids."""
    text = valid_text()
    head, lots = text.split("lots:\n")
    first, second = lots.split("\n  - id: trial-2026-03")
    second = "  - id: trial-2026-03" + second
    copies, body = 0, []
    size = len(head.encode())
    while size < megabytes * 2**20:
        copies += 1
        for lot, number in ((first, "1"), (second, "3")):
            piece = (
                lot.replace(f"id: trial-2026-0{number}", f"id: trial-2026-{copies}-{number}")
                .replace(f'number: "{number}"', f'number: "{copies}.{number}"')
                .rstrip("\n")
                + "\n\n"
            )
            body.append(piece)
            size += len(piece.encode())
    head = head.replace("amount: 24000000", f"amount: {24000000 * copies}")
    head = head.replace("amount: 18000000", f"amount: {18000000 * copies}")
    path.write_text(head + "lots:\n" + "".join(body), encoding="utf-8")
    return copies * 2


def test_a_10_mb_valid_file_is_checked_and_built_within_the_memory_bound(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    lots = _big_valid_file(path, 10)
    assert path.stat().st_size >= 10 * 2**20
    figures, errors = check(path)
    assert figures["code"] == 0 and figures["built"], errors[-5:]
    assert figures["mb"] < MEMORY_MB
    assert lots > 3000


def test_a_10_mb_text_is_refused_by_the_text_cap(tmp_path: Path) -> None:
    text = valid_text().replace("      kk: Тараз қаласы\n", "      kk: " + "ә" * (5 * 2**20) + "\n")
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= 10 * 2**20
    figures, errors = check(path)
    assert figures["code"] == 1 and not figures["built"]
    assert figures["mb"] < MEMORY_MB
    line = text.splitlines().index("      kk: " + "ә" * (5 * 2**20)) + 1
    assert errors[0] == (
        f"{path}:{line}:11: lot trial-2026-03: territory.kk: this text has {5 * 2**20} characters; a text "
        f"may have at most {loader.MAX_TEXT} (the longest in the real data has under 1000): shorten it, "
        "or check that nothing was pasted here by mistake"
    )


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(valid_text(), encoding="utf-8")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1024)
    loaded = loader.load(path)
    assert loaded.data is None
    assert [p.message for p in loaded.problems] == [
        "the file has 0 MB; a data file may have at most 0 MB (10,000 lots in three languages need "
        "about 150): check that nothing else was saved into it"
    ]


@pytest.mark.parametrize(
    ("written", "column", "name"),
    [("\x7f", 23, "U+007F DELETE"), ("\x85", 23, "U+0085 NEXT LINE"), ("\x1b", 23, "U+001B ESCAPE")],
)
def test_a_raw_control_character_is_named_at_its_column_with_its_lot_and_field(
    tmp_path: Path, written: str, column: int, name: str
) -> None:
    text = valid_text().replace("kk: Ардагерлерді қолдауға", f"kk: Ардагерлерді{written} қолдауға")
    path = tmp_path / "control.yaml"
    path.write_text(text, encoding="utf-8")
    figures, errors = check(path)
    assert figures["code"] == 1 and not figures["built"]
    line = next(i for i, t in enumerate(text.split("\n"), 1) if written in t)
    assert errors[:-1] == [
        f"{path}:{line}:{column}: lot trial-2026-01: priority.kk: the text holds an invisible control "
        f"character, {name}, here; no text may hold one (it usually comes with text copied from another "
        "program): delete it"
    ]


def test_control_characters_written_as_escapes_are_named_at_the_escape(tmp_path: Path) -> None:
    text = valid_text().replace(
        "kk: Ардагерлерді қолдауға бағытталған кешенді іс-шаралар өткізу",
        'kk: "Ардагерлерді \\x7f қолдауға \\e[31m"',
    )
    path = tmp_path / "escaped.yaml"
    path.write_text(text, encoding="utf-8")
    figures, errors = check(path)
    assert figures["code"] == 1 and not figures["built"]
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "\\x7f" in t)
    row = text.splitlines()[line - 1]
    delete, escape = row.index("\\x7f") + 1, row.index("\\e") + 1
    assert [e.split(": the text holds")[0] for e in errors[:-1]] == [
        f"{path}:{line}:{delete}: lot trial-2026-01: priority.kk",
        f"{path}:{line}:{escape}: lot trial-2026-01: priority.kk",
    ]
    assert "U+007F DELETE, written here as an escape" in errors[0]
    assert "U+001B ESCAPE, written here as an escape" in errors[1]


@pytest.mark.parametrize("written", [".nan", ".inf", "-.Inf"])
def test_numbers_that_json_cannot_hold_are_refused(tmp_path: Path, written: str) -> None:
    text = valid_text().replace("value: 100\n", f"value: {written}\n")
    path = tmp_path / "nan.yaml"
    path.write_text(text, encoding="utf-8")
    figures, errors = check(path)
    assert figures["code"] == 1 and not figures["built"]
    line = text.splitlines().index(f"          value: {written}") + 1
    meaning = "not a number" if "nan" in written else "infinity"
    assert errors[:-1] == [
        f"{path}:{line}:18: lot trial-2026-01: indicators[1].target.value: {written} is not a number the "
        f"data can hold (YAML reads it as {meaning}); write the number in digits, like 100"
    ]


def test_messages_are_safe_to_print_in_a_terminal_and_a_workflow_log(tmp_path: Path) -> None:
    """A value holding a line break and a workflow command, or a terminal escape, is shown escaped:
    no printed line starts with '::' (GitHub would run it) and no escape character reaches the log."""
    text = (
        valid_text()
        .replace(
            "    grant_type: short\n",
            '    grant_type: "short\\n::error file=x::pwned"\n    "note\\n::warning::owned": 1\n',
        )
        .replace("    sector: public-accord\n", '    sector: "public\\e[31maccord"\n')
    )
    path = tmp_path / "forged.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_grants("validate", str(path))
    from grants import DataError, load_dataset

    with pytest.raises(DataError) as raised:
        load_dataset(path)
    for output in (result.stdout + result.stderr, raised.value.report()):
        assert "\x1b" not in output
        assert not [line for line in output.splitlines() if line.lstrip().startswith("::")]
        assert all(line.startswith(str(path)) for line in output.splitlines()[1:])
    errors = result.stderr.splitlines()
    assert result.returncode == 1
    assert any(
        "grant_type: the text 'short\\n::error file=x::pwned' is not allowed" in line for line in errors
    ), errors
    assert any("unknown field 'note\\n::warning::owned'" in line for line in errors), errors
    assert any(
        "sector: the text holds an invisible control character, U+001B ESCAPE" in line for line in errors
    )
