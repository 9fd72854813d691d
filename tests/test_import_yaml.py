"""The importer's YAML writer: no data text can add YAML structure, and every text reads
back exactly, with PyYAML and with the project's own loader."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grants.importers.yamlout import comment, dump
from grants.loader import load

HOSTILE = [
    "plain",
    "key: value",
    "- item",
    "# not a comment",
    "a #b",
    "trailing: ",
    "'single'",
    '"double"',
    "it's",
    'back\\slash"',
    "{flow: map}",
    "[flow, list]",
    "&anchor",
    "*alias",
    "!!python/object:os.system",
    "!tag",
    "%YAML 1.1",
    "---",
    "...",
    "--- x",
    "@at",
    "`tick",
    "|",
    ">",
    "? key",
    ": colon",
    "yes",
    "No",
    "on",
    "null",
    "~",
    "true",
    "1",
    "0x1F",
    "0o17",
    "1e3",
    "1_000",
    ".inf",
    "2031-01-01",
    "12:30",
    "  leading spaces",
    "trailing spaces  ",
    "tab\tinside",
    "two\nlines",
    "two\n\nparagraphs",
    "first line\n  indented second",
    "\nleading newline",
    "trailing newline\n",
    "line with trailing space \nnext",
    "crlf\r\nline",
    "nel\x85line",
    "ls\u2028line ps\u2029line",
    "bom\ufeff",
    "nul\x00 bell\x07 esc\x1b",
    "{{ jinja }} {% block %}",
    "<script>alert(1)</script>",
    "Тараз қаласы — «кемінде» 70%",
    "x" * 3000,
    "key: value\n- item\n---\n...\n# comment",
    "|-\n  not a block",
]


def document_with(texts: list[str]) -> dict:
    return {
        "schema_version": 1,
        "currency": "KZT",
        "sources": [
            {
                "id": "t-2031",
                "issuer": {"kk": texts[0]},
                "title": {"kk": texts[-1]},
                "years": [2031],
                "declared_totals": [],
                "notes": [{"kk": t, "ru": t} for t in texts],
            }
        ],
        "sectors": [{"id": "s", "name": {"kk": t}} for t in texts[:3]],
        "lots": [
            {
                "id": "t-2031-01",
                "source": "t-2031",
                "number": "1",
                "priority": {"kk": t},
                "results": [{"kk": t}],
            }
            for t in texts
        ],
    }


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_each_text_reads_back_exactly(tmp_path: Path, text: str) -> None:
    data = document_with([text])
    comments = {("lots", 0, "priority"): [text], ("sources", 0): [text]}
    written, where = dump(data, header=[text, "header"], before=comments, after={("lots", 0, "number"): text})
    path = tmp_path / "out.yaml"
    path.write_text(written, encoding="utf-8")
    assert yaml.safe_load(written) == data
    assert load(path).data == data
    # The comments are one line each: the text in them cannot start a line of YAML.
    lines = written.split("\n")
    assert lines[0].startswith("# ") and lines[1] == "# header"
    assert lines[where[("lots", 0, "number")] - 1].startswith("    number: ")


def test_all_hostile_texts_in_one_document(tmp_path: Path) -> None:
    data = document_with(HOSTILE)
    written, _ = dump(data)
    path = tmp_path / "out.yaml"
    path.write_text(written, encoding="utf-8")
    assert yaml.safe_load(written) == data
    assert load(path).data == data


def test_keys_follow_the_schema_order() -> None:
    data = {
        "lots": [{"results": [], "number": "1", "source": "s", "id": "x"}],
        "currency": "KZT",
        "schema_version": 1,
    }
    written, _ = dump(data)
    keys = [line.strip().lstrip("- ").split(":")[0] for line in written.splitlines() if line.strip()]
    assert keys == ["schema_version", "currency", "lots", "id", "source", "number", "results"]


def test_a_comment_is_always_one_line() -> None:
    assert comment("a\nb\r\nc\x85d\u2028e\u2029f\x00g") == "a b c d e f g"


def test_where_gives_the_line_of_each_path() -> None:
    data = document_with(["one", "two\nlines"])
    written, where = dump(data)
    lines = written.split("\n")
    assert lines[where[("lots", 1, "priority")] - 1].strip() == "priority:"
    assert lines[where[("lots", 1, "priority", "kk")] - 1].strip() == "kk: |-"
    assert lines[where[("lots", 0)] - 1].strip() == "- id: t-2031-01"
