"""Shared fixtures: the real site built once per test session, and small
sites built from fixture data in a temporary folder."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build_site(
    site_dir: Path, data: Path | None = None, *, strict: bool = True, build_date: str = "2026-11-24"
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` as a maintainer would, into ``site_dir``, optionally on other data,
    as if on ``build_date`` (SOURCE_DATE_EPOCH)."""
    epoch = int(dt.datetime.fromisoformat(build_date).replace(tzinfo=dt.UTC).timestamp())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    if data is not None:
        env["GRANTS_DATA"] = str(data)
    else:
        env.pop("GRANTS_DATA", None)
    command = [*MKDOCS, "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with ``mkdocs build --strict`` from data/grants.yaml."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The folder with the archived source document: ``../shared/seed`` beside the repository (as in CI)."""
    folder = ROOT.parent / "shared" / "seed"
    if not folder.is_dir():
        pytest.skip(
            f"the source document is not available: {folder} is absent, so the data cannot be "
            "compared with the document it was transcribed from"
        )
    return folder
