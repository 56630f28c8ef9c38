# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Configuration and baseline files built to exhaust memory, time or the stack."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, run_cli

EN = {"LANG": "C.UTF-8"}
FR = {"LANG": "fr_FR.UTF-8"}


def _bomb(levels: int = 8) -> str:
    """Nested anchored lists under `exclude:`: 9 aliases a level, 9**8 values walked."""
    lines = ["exclude:", "  - &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_a_yaml_bomb_in_the_configuration_is_a_configuration_error(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": _bomb()})
    result = run_cli("check", str(root), "--no-history", env=EN)
    assert result.exit_code == 2
    assert "more than 10000 values once YAML aliases are expanded" in result.stderr


def test_a_long_configuration_value_is_not_quoted_whole(make_repo: RepoFactory) -> None:
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": f"profile: [{'x' * 50_000}]\n"})
    result = run_cli("check", str(root), "--no-history", env=EN)
    assert result.exit_code == 2
    assert "profile: invalid value" in result.stderr
    assert len(result.stderr) < 400


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


@pytest.mark.parametrize(("name", "env", "message"), [
    (".opencheck.yml", EN, ".opencheck.yml: cannot be read (larger than 1024 KB)"),
    ("pyproject.toml", FR, "pyproject.toml : illisible (plus gros que 2048 Ko)"),
])
def test_a_sparse_gigabyte_configuration_is_refused_before_it_is_read(
    make_repo: RepoFactory, name: str, env: dict[str, str], message: str
) -> None:
    root = make_repo(COMPLETE_HOUSE)
    _sparse(root / name, 1024**3)
    result = run_cli("check", str(root), "--no-history", env=env)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_pyproject_nested_100000_deep_is_a_configuration_error(
    make_repo: RepoFactory,
) -> None:
    deep = "[project]\nname = \"x\"\nlicense = " + "[" * 100_000 + "]" * 100_000 + "\n"
    root = make_repo({**COMPLETE_HOUSE, "pyproject.toml": deep})
    english = run_cli("check", str(root), "--no-history", env=EN)
    assert english.exit_code == 2
    assert "pyproject.toml: nested too deeply to be read" in english.stderr
    french = run_cli("check", str(root), "--no-history", env=FR)
    assert "pyproject.toml : imbriqué trop profondément pour être lu" in french.stderr


def test_a_fifo_given_as_baseline_is_refused_not_waited_for(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    root = make_repo(COMPLETE_HOUSE)
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    result = run_cli("check", str(root), "--no-history", "--baseline", str(fifo), env=EN)
    assert result.exit_code == 2
    assert f"cannot read baseline {fifo}: not a regular file" in result.stderr


def test_a_fifo_named_as_secrets_baseline_in_the_repository_is_refused(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({**COMPLETE_HOUSE,
                      ".opencheck.yml": "settings:\n  secrets:\n    baseline: known.txt\n"})
    os.mkfifo(root / "known.txt")
    result = run_cli("check", str(root), "--no-history", "--format", "json", env=EN)
    assert result.exit_code == 1  # the secrets rules fail: never READY, never a hang
    assert "cannot read known.txt (not a regular file)" in result.stdout
