# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A file name that is not UTF-8 reaches every format, its bytes written as \\xNN.

Before, the fingerprint's encoding failed and the json, sarif, codequality and junit
formats ended with exit 3: a repository could suppress its own report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import RepoFactory, findings_of, git, run_cli
from opencheck.report import renderers

NAME = "bad\\xff\\xfe.env"  # the rule: each byte that is not UTF-8 as the text \xNN


@pytest.fixture
def hostile(make_repo: RepoFactory) -> Path:
    root = make_repo({"README.md": "# Projet\n"})
    (root / os.fsdecode(b"bad\xff\xfe.env")).write_bytes(b'password = "Xk9#mQ2vLp8z"\n')
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "A file name that is not UTF-8")
    return root


def _paths(value: object) -> set[str]:
    """Every string under a key named path, file, uri or location in a JSON value."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and key in ("path", "file", "uri"):
                found.add(item)
            found |= _paths(item)
    elif isinstance(value, list):
        for item in value:
            found |= _paths(item)
    return found


@pytest.mark.parametrize("fmt", sorted(renderers()))
def test_every_format_carries_a_name_that_is_not_utf8(hostile: Path, fmt: str) -> None:
    result = run_cli("check", str(hostile), "--no-history", "--format", fmt, "--lang", "en")
    assert result.exit_code == 1, result.output
    if fmt in ("json", "codequality", "sarif"):
        paths = _paths(json.loads(result.stdout))
        assert NAME in paths or "bad%FF%FE.env" in paths, sorted(paths)[:5]
    else:
        assert NAME in result.stdout


def test_a_baseline_of_that_name_hides_its_findings(hostile: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert run_cli("baseline", str(hostile), "--no-history", "--output", str(baseline)
                   ).exit_code == 0
    assert NAME in baseline.read_text("utf-8").replace("\\\\", "\\")
    result = run_cli("check", str(hostile), "--no-history", "--baseline", str(baseline),
                     "--format", "json")
    assert not [f for f in findings_of(json.loads(result.stdout)) if f.get("path") == NAME]
