# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The pre-commit hook: its definition, and its command on a repository with staged files."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import COMPLETE_HOUSE, git
from foundation_rules import rule_args

ROOT = Path(__file__).resolve().parent.parent


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook: dict[str, Any] = hooks[0]
    return hook


def test_hook_definition() -> None:
    hook = _hook()
    assert hook["id"] == "opencheck"
    assert hook["language"] == "python"  # pre-commit installs this repository with pip
    assert hook["pass_filenames"] is False  # opencheck asks git for the staged files
    assert shlex.split(hook["entry"])[:3] == ["opencheck", "check", "--staged"]


def _run_hook(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the hook's entry as pre-commit does: in the repository, args appended."""
    command = shlex.split(_hook()["entry"])[1:] + list(args) + rule_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "opencheck.cli.main", *command],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )


def test_hook_reports_staged_files_only(make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo({k: v for k, v in COMPLETE_HOUSE.items() if k != "LICENSE"})
    os.symlink(tmp_path, repo / "committed-later.txt")  # present, not staged
    os.symlink(tmp_path, repo / "staged-link.txt")
    git(repo, "add", "staged-link.txt")
    done = _run_hook(repo, "--lang", "en")
    # Only info findings on the staged file; the missing licence is CI's business.
    assert done.returncode == 0, done.stdout + done.stderr
    assert "staged-link.txt" in done.stdout
    assert "committed-later.txt" not in done.stdout
    assert "licence-file-present" not in done.stdout
    strict = _run_hook(repo, "--lang", "en", "--fail-on", "info")  # args from the config
    assert strict.returncode == 1, strict.stdout + strict.stderr
    lines = strict.stdout.splitlines()
    assert lines[1].startswith("Verdict: NOT READY to be published")
    assert lines[2].startswith("Reason: 1 blocking finding(s) (files-readable); first "
                               "files-readable staged-link.txt: File not analysed: symlink")
    assert "  i files-readable staged-link.txt: File not analysed: symlink pointing outside " \
        "the repository." in lines


def test_hook_passes_when_nothing_staged_is_wrong(make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo({"README.md": "# x\n"})
    (repo / "notes.md").write_text("# Notes\n", encoding="utf-8")
    git(repo, "add", "notes.md")
    done = _run_hook(repo, "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].startswith("Verdict: READY to be published")
    assert " 0 finding(s)" in lines[1]
    # The committed repository lacks a licence and community files: left to CI.
    assert lines[3].startswith("Pre-commit mode: only findings on the 1 staged file(s) are "
                               "shown;")
