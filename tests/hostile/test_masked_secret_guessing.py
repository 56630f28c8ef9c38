# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A shared report gives a reader nothing to test a guessed secret against.

Reports of private repositories travel further than the repositories: the batch's
dashboard and results.json, a JSON or HTML report attached to a ticket, SARIF in code
scanning, a Code Quality artefact, the GitHub step summary, a committed baseline. Until
now a masked value carried 8 hex digits of its SHA-256, and its fingerprint a SHA-256
of rule, path and 16 hex digits of the value's: a `.env` password of a word, a year and
a sign fell to a few thousand guesses. The guesser below tries a small word list with
the usual mutations against every hexadecimal word of each output, the way an attacker
holding only the report would, and must find nothing."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import pytest

from conftest import RepoFactory, commit, run_cli

TREE_SECRET = "Soleil2024!"  # still in .env
HISTORY_SECRET = "Marianne1789?"  # in the history of config/settings.yml only
WORDS = ("soleil", "marianne", "paris", "bonjour", "admin", "motdepasse", "azerty")
TAILS = ("", "!", "?", "*", "#", "@", "1", "123")
RULES = ("secret-in-tree", "secret-in-history")
PATHS = (".env", "config/settings.yml")
KIND = "password-assignment"
HEX = re.compile(r"[0-9a-f]{8,}")


def guesses() -> Iterator[str]:
    for word, year, tail in itertools.product(WORDS, range(1780, 2031), TAILS):
        for cased in (word, word.capitalize(), word.upper()):
            yield f"{cased}{year}{tail}"


def _tells(guess: str) -> set[str]:
    """What a report could hold of the guess: a digest, or a fingerprint made of one."""
    full = hashlib.sha256(guess.encode()).hexdigest()
    tells = {full, full[:8], full[:12], full[:16], full[:32]}
    for rule, path in itertools.product(RULES, PATHS):
        raw = "\0".join((rule, path, f"{KIND}:{full[:16]}"))
        tells.add(hashlib.sha256(raw.encode()).hexdigest()[:32])
    return tells


def recovered(output: str) -> list[str]:
    """The guesses the output confirms."""
    words = set(HEX.findall(output.lower()))
    if not words:
        return []
    return [guess for guess in guesses() if _tells(guess) & words]


def test_the_guesser_would_find_both_values() -> None:
    # the word list holds them: finding nothing below is the report's doing
    assert {TREE_SECRET, HISTORY_SECRET} <= set(guesses())
    planted = f"…(11 chars, sha256:{hashlib.sha256(TREE_SECRET.encode()).hexdigest()[:8]})"
    assert recovered(planted) == [TREE_SECRET]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import git, write_files

    root = tmp_path_factory.mktemp("guessable") / "repo"
    root.mkdir()
    write_files(root, {"README.md": "# Outil\n", "config/settings.yml":
                       f'database:\n  password: "{HISTORY_SECRET}"\n'})
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Initial commit")
    commit(root, {"config/settings.yml": "database:\n  password: ${DB_PASSWORD}\n",
                  ".env": f"DB_PASSWORD={TREE_SECRET}\n"})
    return root


def _shown(output: str) -> None:
    """The output reports both values (masked), and confirms neither."""
    assert "secret-in-tree" in output and "secret-in-history" in output
    assert TREE_SECRET not in output and HISTORY_SECRET not in output
    assert recovered(output) == []


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "html", "junit",
                                 "codequality"])
def test_no_format_confirms_a_guessed_secret(repo: Path, fmt: str) -> None:
    result = run_cli("check", str(repo), "--format", fmt, "--lang", "en")
    assert result.exit_code == 1, result.output
    if fmt in ("text", "markdown", "html"):  # these show rules by their titles
        assert recovered(result.stdout) == []
        assert "…(8-15 chars)" in result.stdout
        return
    _shown(result.stdout)


def test_a_baseline_confirms_no_guessed_secret(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    result = run_cli("baseline", str(repo), "-o", str(target))
    assert result.exit_code == 0, result.output
    _shown(target.read_text("utf-8"))


def test_the_github_action_outputs_confirm_no_guessed_secret(repo: Path, tmp_path: Path) -> None:
    from opencheck.ci import github

    summary, reports = tmp_path / "summary.md", tmp_path / "reports"
    env = {"GITHUB_WORKSPACE": str(repo), "GITHUB_STEP_SUMMARY": str(summary),
           "RUNNER_TEMP": str(tmp_path), "OPENCHECK_REPORT_DIR": str(reports),
           "OPENCHECK_FORMATS": "sarif json markdown", "OPENCHECK_LANG": "en"}
    log = StringIO()
    with redirect_stdout(log):
        assert github.main(env) == 0  # the step's outcome is an output, not its status
    outputs = [log.getvalue(), summary.read_text("utf-8"),
               *(path.read_text("utf-8") for path in sorted(reports.iterdir()))]
    assert "secret-in-history" in log.getvalue()  # the annotations name the rules
    for output in outputs:
        assert recovered(output) == []
    _shown((reports / "opencheck.sarif").read_text("utf-8"))


def test_the_batch_dashboard_and_results_confirm_no_guessed_secret(
    repo: Path, tmp_path: Path
) -> None:
    from batch_helpers import write_list
    from opencheck.batch.orchestrate import BatchSettings, run_batch
    from opencheck.batch.workspace import GitSettings

    listing = write_list(tmp_path / "repos.txt", [str(repo)])
    out = tmp_path / "out"
    run_batch(BatchSettings(sources=[str(listing)], db=tmp_path / "r.db",
                            workspace=tmp_path / "ws", out=out, jobs=1,
                            git=GitSettings(retries=0)))
    written = sorted(path for path in out.rglob("*") if path.is_file())
    assert any(path.name == "results.json" for path in written), written
    for path in written:
        assert recovered(path.read_text("utf-8", "replace")) == [], path
    results = json.loads((out / "results.json").read_text("utf-8"))
    _shown(json.dumps(results, ensure_ascii=False))


def test_the_masked_form_is_the_same_for_any_value_of_its_class(make_repo: RepoFactory) -> None:
    # nothing in the message tells two passwords of the same length class apart, so
    # nothing can be matched against a guess either
    shown = []
    for value in (TREE_SECRET, "Bonjour1999#"):
        root = make_repo({".env": f"DB_PASSWORD={value}\n"})
        result = run_cli("check", str(root), "--format", "json", "--lang", "en",
                         "--rule", "secret-in-tree")
        report = json.loads(result.stdout)
        shown.append([(f.get("masked"), f.get("message")) for f in report["findings"]])
    assert shown[0] == shown[1] == [("…(8-15 chars)",
                                     "Hard-coded password or secret: …(8-15 chars).")]
