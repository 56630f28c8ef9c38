# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The verdict, every severity against every threshold, through each way a user meets it:
the command's exit code, the JSON report's `ready`, the pre-commit hook and the GitHub
Action's `fail-on` input.

A finding blocks when its severity is at or above the threshold: an error blocks under
`--fail-on warning`, a warning does not under `--fail-on error`. Each repository below
has findings of one severity only, so that "exactly the threshold" and "at or above"
give different answers.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml
from click.testing import Result

from conftest import COMPLETE_HOUSE, RepoFactory, findings_of, git, run_cli
from opencheck import registry
from opencheck.engine import RunRequest
from opencheck.model import Finding
from opencheck.registry import Context, Options
from opencheck.scoped import run_both
from test_github_action import Runner

ROOT = Path(__file__).resolve().parent.parent

# (severity of the only findings, --fail-on, ready?) written out rather than computed,
# so that the table says what a user expects and cannot share a bug with the engine.
MATRIX = [
    (None, "info", True), (None, "warning", True), (None, "error", True),
    ("info", "info", False), ("info", "warning", True), ("info", "error", True),
    ("warning", "info", False), ("warning", "warning", False), ("warning", "error", True),
    ("error", "info", False), ("error", "warning", False), ("error", "error", False),
]
IDS = [f"{worst or 'nothing'}-vs-{threshold}" for worst, threshold, _ in MATRIX]

# A rule of each severity, as the catalogue sets it, that fails on the repository below.
RULE_OF = {
    None: "readme-present",
    "info": "files-readable",
    "warning": "code-of-conduct-present",
    "error": "licence-file-present",
}


@pytest.fixture
def troubled(make_repo: RepoFactory, tmp_path: Path) -> Path:
    """README only: no licence (error), no code of conduct (warning), and a symbolic link
    leaving the tree (info)."""
    root = make_repo({"README.md": "# Outil\n\nPublié par la DINUM.\n"})
    os.symlink(tmp_path, root / "sortie.txt")
    git(root, "add", "sortie.txt")
    git(root, "commit", "--quiet", "-m", "Lien")
    return root


def _json(result: Result) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.mark.parametrize(("worst", "threshold", "ready"), MATRIX, ids=IDS)
def test_cli_exit_code_and_json_ready(
    troubled: Path, worst: str | None, threshold: str, ready: bool
) -> None:
    result = run_cli("check", str(troubled), "--rule", RULE_OF[worst], "--format", "json",
                     "--lang", "en", "--fail-on", threshold)
    report = _json(result)
    assert [f["severity"] for f in findings_of(report)] == ([worst] if worst else [])
    assert report["fail_on"] == threshold
    assert report["ready"] is ready
    assert result.exit_code == (0 if ready else 1), result.output
    if ready:
        assert report["verdict"] == "ready"
        assert report["verdict_reason"].startswith(f"no finding at or above '{threshold}'")
    else:
        assert report["verdict"] == "not_ready"
        assert report["verdict_reason"].startswith(f"1 blocking finding(s) ({RULE_OF[worst]})")


@pytest.mark.parametrize(("worst", "threshold", "ready"), MATRIX, ids=IDS)
def test_text_report_headline_and_sections(
    troubled: Path, worst: str | None, threshold: str, ready: bool
) -> None:
    result = run_cli("check", str(troubled), "--rule", RULE_OF[worst], "--lang", "en",
                     "--fail-on", threshold)
    assert result.exit_code == (0 if ready else 1), result.output
    headline = result.stdout.splitlines()[1]
    if ready:
        assert headline.startswith("Verdict: READY to be published")
        assert "Blocking problems" not in result.stdout
    else:
        assert headline.startswith("Verdict: NOT READY to be published")
        assert "Blocking problems (fix these first) (1)" in result.stdout
    if worst is not None and ready:
        assert "To improve (1)" in result.stdout


@pytest.mark.parametrize(("worst", "threshold", "ready"), MATRIX, ids=IDS)
def test_threshold_from_the_configuration_file(
    troubled: Path, worst: str | None, threshold: str, ready: bool
) -> None:
    (troubled / ".opencheck.yml").write_text(f"fail-on: {threshold}\n", encoding="utf-8")
    result = run_cli("check", str(troubled), "--rule", RULE_OF[worst], "--format", "json")
    assert _json(result)["ready"] is ready
    assert result.exit_code == (0 if ready else 1)


def test_command_line_threshold_wins_over_the_configuration(troubled: Path) -> None:
    (troubled / ".opencheck.yml").write_text("fail-on: info\n", encoding="utf-8")
    strict = run_cli("check", str(troubled), "--rule", "files-readable", "--format", "json")
    assert strict.exit_code == 1 and _json(strict)["ready"] is False
    lenient = run_cli("check", str(troubled), "--rule", "files-readable", "--format", "json",
                      "--fail-on", "warning")
    assert lenient.exit_code == 0 and _json(lenient)["ready"] is True


def test_profile_threshold_is_error_by_default(troubled: Path) -> None:
    warning = run_cli("check", str(troubled), "--rule", "code-of-conduct-present")
    assert warning.exit_code == 0
    error = run_cli("check", str(troubled), "--rule", "licence-file-present")
    assert error.exit_code == 1


def test_a_severity_raised_in_the_configuration_blocks(troubled: Path) -> None:
    (troubled / ".opencheck.yml").write_text(
        "severity:\n  files-readable: error\n", encoding="utf-8")
    result = run_cli("check", str(troubled), "--rule", "files-readable", "--format", "json")
    report = _json(result)
    assert [f["severity"] for f in findings_of(report)] == ["error"]
    assert report["ready"] is False and result.exit_code == 1


def test_a_disabled_rule_never_blocks(troubled: Path) -> None:
    (troubled / ".opencheck.yml").write_text(
        "disable:\n  licence-file-present: licence chosen later\n", encoding="utf-8")
    result = run_cli("check", str(troubled), "--rule", "licence-file-present",
                     "--format", "json", "--fail-on", "info")
    report = _json(result)
    assert findings_of(report) == [] and report["ready"] is True and result.exit_code == 0
    [rule] = report["rules"]
    assert rule["status"] == "skipped"


# -- a rule whose check fails ------------------------------------------------------------


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Make the check of one real rule raise, as a bug or an unexpected input would."""
    registry.all_checks()

    def crash(rule_id: str) -> None:
        def broken(ctx: Context) -> Iterator[Finding]:
            raise RuntimeError("entrée inattendue")
            yield  # pragma: no cover

        monkeypatch.setitem(registry._CHECKS, rule_id, broken)

    return crash


ERROR_MATRIX = [(worst, threshold, ready) for worst, threshold, ready in MATRIX if worst]


ERROR_IDS = [i for i in IDS if not i.startswith("nothing")]


@pytest.mark.parametrize("staged", [False, True], ids=["whole", "staged"])
@pytest.mark.parametrize(("severity", "threshold", "ready"), ERROR_MATRIX, ids=ERROR_IDS)
def test_a_crashed_rule_blocks_at_or_above_the_threshold(
    make_repo: RepoFactory, crashing, severity: str, threshold: str, ready: bool, staged: bool
) -> None:
    """Also under --staged (the pre-commit hook), where the verdict is recomputed."""
    rule = RULE_OF[severity]
    crashing(rule)
    repo = make_repo(COMPLETE_HOUSE)
    (repo / "notes.md").write_text("# Notes\n", encoding="utf-8")
    git(repo, "add", "notes.md")
    result = run_cli("check", str(repo), *(["--staged"] if staged else []), "--rule", rule,
                     "--format", "json", "--fail-on", threshold)
    report = _json(result)
    [outcome] = report["rules"]
    assert (outcome["id"], outcome["status"], outcome["severity"]) == (rule, "error", severity)
    assert "RuntimeError: entrée inattendue" in outcome["reason"]
    assert findings_of(report) == []  # the verdict comes from the failed check alone
    assert report["ready"] is ready
    # Nothing found, but a blocking rule not judged: neither READY nor NOT READY.
    assert report["verdict"] == ("ready" if ready else "incomplete")
    assert ("could not be judged" in report["verdict_reason"]) is not ready
    assert result.exit_code == (0 if ready else 1)


def test_a_crashed_rule_among_passing_ones_still_blocks(make_repo: RepoFactory, crashing) -> None:
    crashing("licence-file-present")
    result = run_cli("check", str(make_repo(COMPLETE_HOUSE)), "--rule", "*-present",
                     "--lang", "en")
    assert result.exit_code == 1
    # Nothing was found, but a blocking rule was not judged: neither READY nor NOT READY.
    assert "Verdict: INCOMPLETE" in result.stdout
    assert "Reason: 1 blocking rule(s) could not be judged (licence-file-present)" in \
        result.stdout
    assert "licence-file-present [error]: the check failed: RuntimeError" in result.stdout


# -- the pre-commit hook ---------------------------------------------------------------------


def _hook_entry() -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    entry: list[str] = shlex.split(hooks[0]["entry"])
    return entry


def _run_hook(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The hook's entry as pre-commit runs it: in the repository, with the hook's args."""
    command = _hook_entry()[1:] + list(args)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "opencheck.cli.main", *command],
                          cwd=repo, env=env, capture_output=True, text=True, check=False,
                          timeout=120)


@pytest.mark.parametrize(("worst", "threshold", "ready"), MATRIX, ids=IDS)
def test_pre_commit_hook(
    make_repo: RepoFactory, tmp_path: Path, worst: str | None, threshold: str, ready: bool
) -> None:
    """A staged symbolic link leaving the tree, its rule's severity set in .opencheck.yml;
    the committed repository has no licence, which the hook leaves to CI."""
    config = f"severity:\n  files-readable: {worst}\n" if worst else ""
    repo = make_repo({"README.md": "# x\n", ".opencheck.yml": config})
    if worst:
        os.symlink(tmp_path, repo / "lien-indexé.txt")
        git(repo, "add", "lien-indexé.txt")
    done = _run_hook(repo, "--lang", "en", "--fail-on", threshold)
    assert done.returncode == (0 if ready else 1), done.stdout + done.stderr
    assert ("NOT READY" in done.stdout) is not ready
    assert ("lien-indexé.txt" in done.stdout) is (worst is not None)
    assert "licence-file-present" not in done.stdout


# -- the GitHub Action ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    return data


@pytest.mark.parametrize(("worst", "threshold", "ready"), MATRIX, ids=IDS)
def test_github_action_fail_on_input(
    action: dict[str, Any], troubled: Path, tmp_path: Path,
    worst: str | None, threshold: str, ready: bool,
) -> None:
    runner = Runner(action, troubled, tmp_path / "runner")
    done = runner.step("check", {"fail-on": threshold, "rules": RULE_OF[worst],
                                 "language": "en"})
    assert done.returncode == 0, done.stdout + done.stderr  # the verdict is the last step's
    assert runner.outputs["check"]["ready"] == ("true" if ready else "false")
    assert runner.outputs["check"]["verdict"] == ("ready" if ready else "not_ready")
    assert runner.outputs["check"]["findings"] == ("1" if worst else "0")
    assert runner.outputs["check"]["blocking"] == ("0" if ready else "1")
    summary = runner.summary.read_text("utf-8")
    assert ("NOT READY to be published" in summary) is not ready
    verdict = runner.step("Verdict", {})
    assert verdict.returncode == (0 if ready else 1), verdict.stdout
    assert ("::error title=opencheck::not ready" in verdict.stdout) is not ready


def test_github_action_empty_fail_on_keeps_the_profile_threshold(
    action: dict[str, Any], troubled: Path, tmp_path: Path
) -> None:
    runner = Runner(action, troubled, tmp_path / "runner")
    runner.step("check", {"fail-on": "", "rules": "code-of-conduct-present"})
    assert runner.outputs["check"]["ready"] == "true"  # dinum blocks on errors only
    runner.step("check", {"fail-on": "", "rules": "licence-file-present"})
    assert runner.outputs["check"]["ready"] == "false"


def test_github_action_refuses_an_unknown_threshold(
    action: dict[str, Any], troubled: Path, tmp_path: Path
) -> None:
    runner = Runner(action, troubled, tmp_path / "runner")
    done = runner.step("check", {"fail-on": "warn"})
    assert done.returncode == 2
    assert "::error title=opencheck::" in done.stdout and "warn" in done.stdout
    assert "ready" not in runner.outputs["check"]


# -- narrowed reports recompute the verdict -------------------------------------------------


@pytest.mark.parametrize(("worst", "threshold", "ready"), MATRIX, ids=IDS)
def test_merge_request_mode(
    make_repo: RepoFactory, tmp_path: Path, worst: str | None, threshold: str, ready: bool
) -> None:
    """--diff-base: only what the change brings counts, here one symbolic link whose
    rule's severity is set in .opencheck.yml."""
    config = f"severity:\n  files-readable: {worst}\n" if worst else ""
    repo = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": config})
    base = git(repo, "rev-parse", "HEAD").strip()
    if worst:
        os.symlink(tmp_path, repo / "nouveau-lien.txt")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "Change")
    result = run_cli("check", str(repo), "--diff-base", base, "--rule", "files-readable",
                     "--format", "json", "--fail-on", threshold)
    report = _json(result)
    assert [(f["rule"], f["severity"]) for f in findings_of(report)] == (
        [("files-readable", worst)] if worst else [])
    assert report["ready"] is ready
    assert report["verdict"] == ("ready" if ready else "not_ready")
    assert result.exit_code == (0 if ready else 1)


# -- the CI formats grade each severity ---------------------------------------------------


ALL_THREE = ("--rule", RULE_OF["error"], "--rule", RULE_OF["warning"], "--rule", RULE_OF["info"])


@pytest.mark.parametrize("threshold", ["info", "warning", "error"])
def test_ci_formats_grade_each_severity(troubled: Path, threshold: str) -> None:
    """SARIF levels follow the severity alone (code scanning has its own threshold);
    Code Quality and JUnit mark what blocks at this threshold."""
    def render(fmt: str) -> str:
        result = run_cli("check", str(troubled), *ALL_THREE, "--format", fmt,
                         "--lang", "en", "--fail-on", threshold)
        assert result.exit_code == 1
        return result.stdout

    [run] = json.loads(render("sarif"))["runs"]
    assert {r["ruleId"]: r["level"] for r in run["results"]} == {
        "licence-file-present": "error", "code-of-conduct-present": "warning",
        "files-readable": "note"}
    blocks = {"info": {"error", "warning", "info"}, "warning": {"error", "warning"},
              "error": {"error"}}[threshold]
    usual = {"error": "critical", "warning": "major", "info": "info"}
    grades = {i["check_name"]: i["severity"] for i in json.loads(render("codequality"))}
    assert grades == {"opencheck-verdict": "blocker", **{
        RULE_OF[s]: "blocker" if s in blocks else usual[s] for s in ("error", "warning", "info")}}
    junit = ET.fromstring(render("junit"))
    failures = {case.attrib["name"].split(" · ")[0]: failure.attrib["type"]
                for case in junit.iter("testcase") for failure in case.iter("failure")}
    assert failures == {RULE_OF[s]: s for s in blocks}


def test_a_change_judged_apart_from_older_problems(make_repo: RepoFactory, tmp_path: Path) -> None:
    """An old blocking problem, a clean change: the narrowed report is READY and says why
    in its own words; the whole report, for code scanning, stays NOT READY and unmarked."""
    repo = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": "severity:\n  files-readable: error\n"})
    os.symlink(tmp_path, repo / "ancien-lien.txt")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "Old link")
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "Clean change")
    request = RunRequest(path=repo, options=Options(diff_base=base),
                         only_rules=("files-readable",))
    whole, narrowed = run_both(request)
    assert (whole.verdict.value, narrowed.verdict.value) == ("not_ready", "ready")
    assert whole.reason.en.startswith("1 blocking finding(s) (files-readable)")
    assert narrowed.reason.en == "no finding at or above 'error'; 1 rule(s) checked."
    assert "diff" in narrowed.metadata and "diff" not in whole.metadata
