"""The dataset grows by source: a source's lots may live in a file of their own, named by
the source's ``lots_file`` in data/grants.yaml. The whole validates as one; every message
names the file and line that hold the value; lot ids do not depend on the file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bench_serve import split_lot_files  # benchmarks/, which conftest puts on the path
from conftest import DATA, ROOT, git, run_grants

from grants import load_dataset


def validate(path: Path) -> subprocess.CompletedProcess:
    return run_grants("validate", str(path))


def split(folder: Path) -> tuple[Path, Path, str]:
    """A copy of the data with each source's lots moved to lots/<source>.yaml, as a maintainer
    would move them (the lines cut from grants.yaml and pasted into the new file): the data file,
    the first source's lot file and that source's id."""
    shutil.copytree(DATA.parent, folder, dirs_exist_ok=True)
    main = folder / "grants.yaml"
    source = yaml.safe_load(main.read_text(encoding="utf-8"))["sources"][0]["id"]
    return main, split_lot_files(main)[source], source


@pytest.fixture
def parts(tmp_path: Path) -> tuple[Path, Path, str]:
    return split(tmp_path / "data")


def test_a_split_dataset_validates_as_the_whole_does(parts: tuple[Path, Path, str]) -> None:
    main, _, _ = parts
    whole, apart = validate(DATA), validate(main)
    assert apart.returncode == 0, apart.stderr
    summary = lambda out: out.splitlines()[-1].split(": ", 1)[1]  # noqa: E731 - without the file name
    assert summary(apart.stdout) == summary(whole.stdout)


def test_lots_and_their_ids_do_not_depend_on_the_file(parts: tuple[Path, Path, str]) -> None:
    main, _, _ = parts
    assert load_dataset(main).lots == load_dataset(DATA).lots


def test_a_problem_in_a_lot_file_names_that_file_and_line(parts: tuple[Path, Path, str]) -> None:
    main, lot_file, _ = parts
    lines = lot_file.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if re.match(r"\s+amount: \d+$", line))
    amount = lines[at].split(": ")[1]
    lines[at] = lines[at].replace(amount, f"{int(amount) // 1000} 000")  # "18 000 000" style
    lot_file.write_text("\n".join(lines), encoding="utf-8")
    result = validate(main)
    assert result.returncode == 1
    first_lot = yaml.safe_load("\n".join(lines))["lots"][0]["id"]
    errors = [line for line in result.stderr.splitlines() if re.match(r".*:\d+:\d+: ", line)]
    assert errors, result.stderr
    assert errors[0].startswith(f"{lot_file}:{at + 1}:"), errors
    assert f"lot {first_lot}: funding[1].amount" in errors[0]


def test_a_lot_of_another_source_in_a_lot_file_is_refused(parts: tuple[Path, Path, str]) -> None:
    main, lot_file, source = parts
    text = lot_file.read_text(encoding="utf-8")
    line = text[: text.index(f"    source: {source}")].count("\n") + 1
    lot_file.write_text(
        text.replace(f"    source: {source}", "    source: another-source", 1), encoding="utf-8"
    )
    result = validate(main)
    assert result.returncode == 1
    assert f"{lot_file}:{line}:" in result.stderr
    assert f"lots of source '{source}'" in result.stderr


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("lots/missing.yaml", "does not exist"),
        ("../outside.yaml", "cannot be a lot file"),
        ("/etc/passwd.yaml", "cannot be a lot file"),
    ],
)
def test_a_wrong_lots_file_is_told_at_its_line_in_grants_yaml(
    parts: tuple[Path, Path, str], name: str, words: str
) -> None:
    main, _, source = parts
    text = main.read_text(encoding="utf-8")
    line = text[: text.index("    lots_file:")].count("\n") + 1
    main.write_text(text.replace(f"lots_file: lots/{source}.yaml", f"lots_file: {name}"), encoding="utf-8")
    result = validate(main)
    assert result.returncode == 1
    told = [entry for entry in result.stderr.splitlines() if words in entry]
    assert told and told[0].startswith(f"{main}:{line}:"), result.stderr


def test_a_lot_file_holds_only_lots(parts: tuple[Path, Path, str]) -> None:
    main, lot_file, _ = parts
    lot_file.write_text("sectors: []\n" + lot_file.read_text(encoding="utf-8"), encoding="utf-8")
    result = validate(main)
    assert result.returncode == 1
    assert f"{lot_file}:" in result.stderr and "one key, 'lots:'" in result.stderr


def moved_then_changed(tmp_path: Path) -> tuple[Path, Path, str]:
    """A git repository of the data in three commits: all in grants.yaml; the first source's lots
    moved to their lot file; then the first of those lots' priority edited in the lot file. Its
    data file, its folder and the edited lot's id."""
    repo = tmp_path / "repo"
    shutil.copytree(DATA.parent, repo / "data")
    git("init", "-q", "-b", "main", cwd=repo)
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "one file", cwd=repo)
    main, lot_file, _ = split(repo / "data")
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "lots in their own file", cwd=repo)
    text = lot_file.read_text(encoding="utf-8")
    first = yaml.safe_load(text)["lots"][0]
    old = first["priority"]["kk"]
    lot_file.write_text(text.replace(old, old + " (өзгертілген)", 1), encoding="utf-8")
    git("commit", "-q", "-am", "a lot changed in its lot file", cwd=repo)
    return main, repo, first["id"]


def test_grants_diff_at_git_revisions_reads_the_lot_files(tmp_path: Path) -> None:
    """Moving the lots to a lot file is no change to any lot; a change in the lot file is one."""
    from grants.diff import compare, load_version

    main, repo, first_id = moved_then_changed(tmp_path)
    versions = [load_version(rev, main, repo) for rev in ("HEAD~2", "HEAD~1", "HEAD")]
    moved = compare(versions[0], versions[1])
    assert (moved.added, moved.removed, moved.changed) == ((), (), ())
    assert moved.totals_before == moved.totals_after
    assert moved.empty  # nor a source changed: where its lots are kept is not published
    changed = compare(versions[1], versions[2])
    assert [c.lot.id for c in changed.changed] == [first_id]
    assert (changed.added, changed.removed) == ((), ())
    # A file path reads the lot files beside it too.
    assert load_version(str(main)) == versions[2]


def test_the_history_reads_the_lot_files_at_each_commit(tmp_path: Path) -> None:
    """The Changes page, the feed and each lot's "last changed" see an edit made in a lot file
    as a change of that lot, and moving lots into a lot file as no change at all."""
    from grants import history

    main, repo, first_id = moved_then_changed(tmp_path)
    commits = git("log", "--format=%H", cwd=repo).split()

    record = history.read(main)

    assert record.unavailable is None
    assert [change.commit for change in record.changes] == [commits[0], commits[2]]  # not the move
    newest = record.changes[0].diff
    assert [c.lot.id for c in newest.changed] == [first_id]
    assert (newest.added, newest.removed) == ((), ())
    assert [f.field for f in newest.changed[0].fields] == ["priority"]
    assert record.last_change(first_id).commit == commits[0]


def test_the_editors_schema_of_a_lot_file_accepts_it(parts: tuple[Path, Path, str]) -> None:
    """data/lots.schema.json (for editors, .vscode/settings.json) takes the lot definition
    from grants.schema.json by a relative reference, as an editor resolves it."""
    import json

    import jsonschema
    from referencing import Registry, Resource

    _, lot_file, _ = parts
    main_schema = json.loads((ROOT / "data" / "grants.schema.json").read_text(encoding="utf-8"))
    lots_schema = json.loads((ROOT / "data" / "lots.schema.json").read_text(encoding="utf-8"))
    resource = Resource.from_contents(main_schema)
    registry = Registry().with_resources([("grants.schema.json", resource), (main_schema["$id"], resource)])
    validator = jsonschema.Draft202012Validator(lots_schema, registry=registry)
    content = yaml.safe_load(lot_file.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(content)) == []
    content["lots"][0]["grant_type"] = "very-long"
    assert list(validator.iter_errors(content))
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./data/lots.schema.kk.json"] == ["data/lots/*.yaml"]


def test_a_look_alike_character_in_a_lot_file_is_warned_at_its_own_line(
    parts: tuple[Path, Path, str],
) -> None:
    main, lot_file, _ = parts
    lines = lot_file.read_text(encoding="utf-8").split("\n")
    at = next(
        i for i, line in enumerate(lines) if line.strip().startswith("kk: ") and " " in line.strip()[4:]
    )
    lines[at] = (
        lines[at].replace(" ", "\u00a0", 1)[:0]
        + lines[at][: lines[at].index("kk: ") + 4]
        + lines[at][lines[at].index("kk: ") + 4 :].replace(" ", "\u00a0", 1)
    )
    lot_file.write_text("\n".join(lines), encoding="utf-8")
    result = validate(main)
    warned = [
        line
        for line in result.stdout.splitlines()
        if "warning" in line and line.startswith(f"{lot_file}:{at + 1}:")
    ]
    assert warned, result.stdout[-2000:]


def test_a_lot_id_repeated_in_two_files_names_both(parts: tuple[Path, Path, str]) -> None:
    """A lot pasted into grants.yaml while it is still in the lot file: the message says where
    the first one is, in the other file, so the maintainer finds both."""
    main, lot_file, _ = parts
    lots = lot_file.read_text(encoding="utf-8").split("lots:\n", 1)[1]
    first = re.split(r"^  - ", lots, flags=re.M)[1]
    lot_id = yaml.safe_load("lots:\n  - " + first)["lots"][0]["id"]
    text = main.read_text(encoding="utf-8").replace("lots: []\n", "lots:\n  - " + first)
    main.write_text(text, encoding="utf-8")
    pasted = text.split("\n").index(f"  - id: {lot_id}") + 1
    result = validate(main)
    assert result.returncode == 1
    told = [line for line in result.stderr.splitlines() if f"the id '{lot_id}' is already used" in line]
    assert len(told) == 1, result.stderr
    assert told[0].startswith(f"{lot_file}:"), told
    assert f"already used on line {pasted} of {main}" in told[0], told


def test_validate_fix_rewrites_look_alikes_in_the_lot_files_too(parts: tuple[Path, Path, str]) -> None:
    main, lot_file, _ = parts
    assert run_grants("validate", "--fix", str(main)).returncode == 0  # the data's own
    text = lot_file.read_text(encoding="utf-8")
    at = next(m.end() for m in re.finditer(r"kk: \S+ ", text))
    lot_file.write_text(text[: at - 1] + "\u00a0" + text[at:], encoding="utf-8")
    before = main.read_bytes()
    result = run_grants("validate", "--fix", str(main))
    assert result.returncode == 0, result.stderr
    assert f"{lot_file}: replaced 1 look-alike character " in result.stdout
    assert lot_file.read_text(encoding="utf-8") == text
    assert main.read_bytes() == before
