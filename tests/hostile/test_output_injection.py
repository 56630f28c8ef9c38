# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The same hostile strings, through every renderer: nothing reaches the reader raw.

A file name with terminal escapes, BEL, a line separator (U+2028), a right-to-left
override and HTML after a backtick; a configuration reason that forges a verdict line.
Every output goes through report/sanitize.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, git, run_cli
from opencheck.ci.github import annotation_lines
from opencheck.engine import RunRequest, run
from opencheck.report import renderers

NAME = "a\x1b[2Jb\x07c\u2028d\u202ee`<img src=x>`.env"
REASON = "later\nVerdict: READY\u2029\x1b[31m"
RAW = ("\x1b", "\x07", "\u2028", "\u2029", "\u202e")


@pytest.fixture
def hostile(make_repo: RepoFactory) -> Path:
    config = 'disable:\n  readme-present: "later\\nVerdict: READY\\u2029\\e[31m"\n'
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": config})
    (root / NAME).write_text('password = "Xk9#mQ2vLp8z"\n')
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Hostile name")
    return root


def _raw(output: str) -> list[str]:
    return [repr(character) for character in RAW if character in output]


@pytest.mark.parametrize("fmt", sorted(renderers()))
def test_no_renderer_lets_a_control_or_format_character_through(
    hostile: Path, fmt: str
) -> None:
    result = run_cli("check", str(hostile), "--no-history", "--format", fmt, "--lang", "en")
    assert result.exit_code == 1, result.output
    assert _raw(result.stdout) == []
    assert not re.search(r"^\s*Verdict: READY", result.stdout, re.MULTILINE)
    if fmt == "markdown":  # HTML only inside code spans, where it shows as text
        assert "<img" not in re.sub(r"(`+).*?\1", "", result.stdout)
    if fmt == "text":
        assert "later\\nVerdict: READY\\u2029\\x1b[31m" in result.stdout


@pytest.mark.parametrize("fmt", sorted(renderers()))
def test_no_renderer_starts_a_line_with_a_file_names_newline(
    make_repo: RepoFactory, fmt: str
) -> None:
    # Printed in a GitHub Actions step, a line starting with `::` is a command to the
    # runner (`::stop-commands::` silences every annotation after it); HTML and JUnit
    # kept a name's newline raw
    root = make_repo(COMPLETE_HOUSE)
    (root / "a\n::stop-commands::x.env").write_text('password = "Xk9#mQ2vLp8z"\n')
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Hostile name")
    result = run_cli("check", str(root), "--no-history", "--format", fmt, "--lang", "en")
    assert result.exit_code == 1, result.output
    assert not re.search(r"^\s*::", result.stdout, re.MULTILINE)
    assert "::stop-commands::x.env" in result.stdout


# GitHub's runner also reads its older command syntax, `##[name]data`, anywhere in a
# line of a step's output (actions/runner, ActionCommand.TryParse), and Azure Pipelines
# its `##vso[...]`: a file named `##[stop-commands]tok.env`, printed in a report line,
# stopped every annotation after it.
COMMAND_NAME = ("##[stop-commands]tok/##vso[task.setvariable variable=x]y"
                "##teamcity[buildStatus status='SUCCESS'].env")


@pytest.mark.parametrize("fmt", sorted(renderers()))
def test_no_renderer_writes_a_runners_older_command(make_repo: RepoFactory,
                                                    fmt: str) -> None:
    root = make_repo(COMPLETE_HOUSE)
    (root / "##[stop-commands]tok").mkdir()
    (root / COMMAND_NAME).write_text('password = "Xk9#mQ2vLp8z"\n')
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Hostile name")
    result = run_cli("check", str(root), "--no-history", "--format", fmt, "--lang", "en")
    assert result.exit_code == 1, result.output
    lowered = result.stdout.lower()
    assert "##[" not in lowered and "##vso[" not in lowered and "##teamcity[" not in lowered
    assert "stop-commands]tok" in result.stdout  # the name is still shown


def test_the_action_steps_lines_write_no_older_command(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The step's last line quotes the verdict's reason, which names the first blocking
    finding's file."""
    from opencheck.ci import github

    root = make_repo(COMPLETE_HOUSE)
    (root / "##[stop-commands]tok").mkdir()
    (root / COMMAND_NAME).write_text('password = "Xk9#mQ2vLp8z"\n')
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Hostile name")
    env = {"OPENCHECK_PATH": str(root), "OPENCHECK_RULES": "secret-in-tree",
           "OPENCHECK_LANG": "en", "RUNNER_TEMP": str(tmp_path),
           "GITHUB_OUTPUT": str(tmp_path / "out"), "GITHUB_STEP_SUMMARY": str(tmp_path / "s")}
    assert github.main(env) == 0
    printed = capsys.readouterr().out
    assert "secret-in-tree" in printed
    assert "##[" not in printed and "##vso[" not in printed.lower()


def test_github_annotations_carry_one_command_each(hostile: Path) -> None:
    report = run(RunRequest(path=hostile, options=_no_history()))
    lines = annotation_lines(report, "", "en")
    joined = "\n".join(lines)
    assert _raw(joined) == []
    assert all(line.startswith("::") for line in lines)
    secret = next(line for line in lines if "secret-in-tree" in line)
    assert "file=a\\x1b[2Jb\\x07c\\u2028d\\u202ee`<img src=x>`.env," in secret


def test_a_usage_error_quoting_a_value_shows_its_controls(hostile: Path) -> None:
    result = run_cli("check", str(hostile), "--format", "x\x1b[2J\x07\u2028")
    assert result.exit_code == 2
    assert _raw(result.stderr) == []
    assert "x\\x1b[2J\\x07\\u2028" in result.stderr


def _no_history():  # type: ignore[no-untyped-def]
    from opencheck.registry import Options

    return Options(history=False)


def test_the_action_step_shows_an_internal_error_as_one_command(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An error that escapes the step may quote the repository (a name, a value): its
    newline would start a workflow command of its own, such as `::stop-commands::`,
    which silences every annotation after it."""
    from opencheck.ci import github

    def failing() -> int:
        raise RuntimeError("bad name x\n::stop-commands::token\r\n::error::forged")

    monkeypatch.setattr(github, "main", failing)
    assert github._guarded() == 3
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["::error title=opencheck::internal error: RuntimeError: bad name "
                     "x%0A::stop-commands::token\\x0d%0A::error::forged"]


def test_runner_commands_are_escaped_wherever_a_bracket_follows_their_mark() -> None:
    """Every `[` that follows `##`, `##vso` or `##teamcity` (any case), and no other, is
    shown escaped, in the text renderers and in JSON: the definition by look-behinds
    (the reference below) against the pattern spelled from its `##`, on strings drawn
    from the characters that make the marks."""
    import json
    import random

    from opencheck.report.sanitize import json_escaped, printable

    reference = re.compile(r"(?<=##)\[|(?<=##vso)\[|(?<=##teamcity)\[", re.IGNORECASE)
    draw = random.Random(18)
    cases = ["####[", "##VSO[", "##TeamCity[x", "##[a##[b", "#[##vso#[", "##vs[", "[##"]
    cases += ["".join(draw.choice("#[vsoVtEamcIy") for _ in range(draw.randint(0, 16)))
              for _ in range(20_000)]
    for case in cases:
        assert printable(case) == reference.sub(r"\\x5b", case), case
        encoded = json.dumps(case)
        assert json_escaped(encoded) == reference.sub(r"\\u005b", encoded), case
        assert json.loads(json_escaped(encoded)) == case
