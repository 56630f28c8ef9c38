# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
r"""A JSON file's `\ud800` escape is a surrogate alone, a character no encoding writes.

A committed package.json naming a dependency `left\udfffpad`, or declaring the licence
`\ud800MIT`, put one into findings, fingerprints and `fix`'s steps: every format of
`opencheck check` ended in an internal error (exit code 3, no report at all, in CI as
in a batch), and so did `opencheck fix`. Such a character is now shown as the six
characters `\ud800`, as a name's bytes that are not UTF-8 are shown as `\xNN`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, run_cli

# json.loads reads each escape as a surrogate alone
PACKAGE = ('{"name": "app", "version": "1.0.0", "license": "\\ud800MIT",\n'
           ' "dependencies": {"left\\udfffpad": "1.0.0"}}\n')
LOCK = ('{"name": "app", "lockfileVersion": 3, "packages": {"": {"name": "app"},\n'
        ' "node_modules/left\\udfffpad": {"version": "1.0.0", "license": "GPL-3.0\\ud800"}}}\n')
CODEMETA = '{"@context": "https://w3id.org/codemeta/3.0", "name": "app", "license": "\\ud800"}\n'
FORMATS = ["text", "json", "markdown", "sarif", "junit", "codequality", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_a_surrogate_alone(make_repo: RepoFactory, tmp_path: Path,
                                              fmt: str) -> None:
    root = make_repo({**COMPLETE_HOUSE, "package.json": PACKAGE, "package-lock.json": LOCK})
    report = tmp_path / f"report.{fmt}"
    result = run_cli("check", str(root), "--format", fmt, "--output", str(report),
                     "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    shown = report.read_text(encoding="utf-8")
    assert "\\ud800" in shown or "\\\\ud800" in shown


@pytest.mark.parametrize("command", [("fix",), ("deps",), ("deps", "-f", "json")])
def test_other_commands_show_a_surrogate_alone(make_repo: RepoFactory,
                                               command: tuple[str, ...]) -> None:
    root = make_repo({**COMPLETE_HOUSE, "package.json": PACKAGE, "package-lock.json": LOCK,
                      "codemeta.json": CODEMETA})  # its licence, a step `fix` leaves
    result = run_cli(*command, str(root), "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    assert "ud800" in result.stdout or "udfff" in result.stdout
