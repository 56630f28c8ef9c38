# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The composite GitHub Action, its steps run in a shell as the runner would run them.

The `uses:` steps (setup-python, upload-sarif) belong to GitHub; the install step needs
pip and an index, so the test stands in for it: it places a `python` in the virtual
environment the install step would create, running this checkout's opencheck.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import COMPLETE_HOUSE, commit, findings_of, git, run_cli
from foundation_rules import FOUNDATION_RULES
from secret_samples import Samples

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).parent / "schemas"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    return data


class Runner:
    """Runs the action's shell steps with the variables a GitHub runner sets."""

    def __init__(self, action: dict[str, Any], workspace: Path, temp: Path,
                 event: dict[str, Any] | None = None) -> None:
        self.action = action
        self.event = event or {}  # the workflow's `github.event`: a push's has no pull_request
        self.workspace = workspace
        self.temp = temp
        self.summary = temp / "step_summary.md"
        self.outputs: dict[str, dict[str, str]] = {}
        venv_bin = temp / "opencheck-venv" / "bin"
        venv_bin.mkdir(parents=True)
        stand_in = venv_bin / "python"
        stand_in.write_text(
            f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec "{sys.executable}" "$@"\n',
            encoding="utf-8",
        )
        stand_in.chmod(0o755)

    def _value(self, expression: str, inputs: dict[str, str]) -> str:
        if expression.startswith("inputs."):
            name = expression.removeprefix("inputs.")
            return inputs.get(name, self.action["inputs"][name].get("default", ""))
        if expression == "github.action_path":
            return str(ROOT)
        if expression.startswith("github.event."):
            value: Any = self.event
            for part in expression.removeprefix("github.event.").split("."):
                value = value.get(part, {}) if isinstance(value, dict) else {}
            return value if isinstance(value, str) else ""
        if expression == "runner.temp":
            return str(self.temp)
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if match:
            return self.outputs.get(match[1], {}).get(match[2], "")
        raise AssertionError(f"expression the test does not know: {expression}")

    def step(self, step_id: str, inputs: dict[str, str],
             job_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """The step run with `inputs`, under the workflow's `job_env` (its `env:`)."""
        inputs = {"rules": " ".join(FOUNDATION_RULES), **inputs}
        steps = self.action["runs"]["steps"]
        step = next(s for s in steps if s.get("id") == step_id or s.get("name") == step_id)
        output_file = self.temp / f"output_{step_id}"
        output_file.write_text("", encoding="utf-8")
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(self.temp),
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_ACTION_PATH": str(ROOT),
            "RUNNER_TEMP": str(self.temp),
            **(job_env or {}),
        }
        for name, value in (step.get("env") or {}).items():
            env[name] = EXPRESSION.sub(lambda m: self._value(m[1], inputs), str(value))
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.workspace, env=env, capture_output=True, text=True, check=False,
        )
        self.outputs[step_id] = dict(
            line.split("=", 1) for line in output_file.read_text("utf-8").splitlines() if line
        )
        return done

    def outputs_of_action(self) -> dict[str, str]:
        return {
            name: EXPRESSION.sub(lambda m: self._value(m[1], {}), spec["value"])
            for name, spec in self.action["outputs"].items()
        }


def test_action_metadata_is_valid(action: dict[str, Any]) -> None:
    schema = json.loads((SCHEMAS / "github-action.json").read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(action)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {
        "path", "profile", "fail-on", "formats", "language", "upload-sarif", "diff-base",
    }
    assert set(action["outputs"]) >= {"ready", "score", "sarif"}
    install = next(s for s in action["runs"]["steps"] if s.get("id") == "install")
    assert install["env"]["OPENCHECK_SOURCE"] == "${{ github.action_path }}"
    # Inputs reach the scripts through variables only, never pasted into the script.
    for step in action["runs"]["steps"]:
        assert "inputs." not in step.get("run", "")


def test_the_history_cache_is_this_refs_or_the_default_branchs(action: dict[str, Any]) -> None:
    """A run restores the clean blobs its own ref saved, else the default branch's, and
    saves under its own ref: never a cache another pull request could have written."""
    [step] = [s for s in action["runs"]["steps"]
              if str(s.get("uses", "")).startswith("actions/cache@")]
    assert step["with"]["key"] == "opencheck-history-${{ github.ref }}-${{ github.sha }}"
    assert step["with"]["restore-keys"].splitlines() == [
        "opencheck-history-${{ github.ref }}-",
        "opencheck-history-refs/heads/${{ github.event.repository.default_branch }}-",
    ]
    check = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    assert step["with"]["path"] == check["env"]["OPENCHECK_CACHE_DIR"] + "/history"


def test_the_history_cache_input_turns_it_off(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# x\n"})
    for number in range(3):
        commit(root, {"a.py": f"print({number})\n"})
    key = "a-repository-secret-" + "x7" * 8
    for wanted, kept in (("false", False), ("true", True)):
        runner = Runner(action, root, tmp_path / wanted)
        for _ in range(2):
            runner.step("check", {"history-cache": wanted, "rules": "secret-in-history",
                                  "formats": "json", "cache-key": key})
        report = json.loads(Path(runner.outputs["check"]["report-dir"], "opencheck.json")
                            .read_text("utf-8"))
        assert ("history_blobs_from_cache" in report["metadata"]) == kept, wanted


@pytest.mark.parametrize("language, says", [
    ("en", "no cache-key input"), ("fr", "pas d'entrée cache-key")])
def test_without_its_key_the_history_cache_is_neither_restored_nor_read(  # type: ignore[no-untyped-def]
        action, make_repo, tmp_path: Path, language: str, says: str) -> None:
    """A pull request from a fork gets no secret: nothing its cache holds (the default
    branch's, restored by its fallback key, or what a pull_request_target job wrote)
    can be vouched for, so none is restored, read or saved; the log says why."""
    [restore] = [s for s in action["runs"]["steps"]
                 if str(s.get("uses", "")).startswith("actions/cache@")]
    assert restore["if"] == "${{ inputs.history-cache == 'true' && inputs.cache-key != '' }}"
    root = make_repo({"README.md": "# x\n"})
    for number in range(3):
        commit(root, {"a.py": f"print({number})\n"})
    runner = Runner(action, root, tmp_path / "runner")
    for _ in range(2):
        done = runner.step("check", {"rules": "secret-in-history", "formats": "json",
                                     "language": language})
    assert "::notice title=opencheck::" in done.stdout and says in done.stdout, done.stdout
    report = json.loads(Path(runner.outputs["check"]["report-dir"], "opencheck.json")
                        .read_text("utf-8"))
    assert report["metadata"]["history_cache_not_trusted"] == "no_key"
    assert not list((tmp_path / "runner").rglob("*.blobs"))


FINGERPRINT_KEY = "cle-des-empreintes-" + "k9" * 8


@pytest.mark.parametrize("given", ["input", "env", "none"])
def test_the_fingerprint_key_input_keys_the_secret_fingerprints(  # type: ignore[no-untyped-def]
        action, make_repo, tmp_path: Path, given: str) -> None:
    """The `fingerprint-key` input keys a secret value's fingerprint as the variable does
    (the key set in the workflow's `env:` still counts when the input is left empty),
    and the key appears in no line of the log, the summary or the reports."""
    workspace = make_repo({"README.md": "# x\n", ".env": "DB_PASSWORD=Soleil2024!\n"})
    rules = ("--rule", "secret-in-tree")

    def fingerprints(report: dict[str, Any]) -> list[str]:
        return [f["fingerprint"] for f in findings_of(report) if f["rule"] == "secret-in-tree"]

    keyed = fingerprints(json.loads(run_cli(
        "check", str(workspace), "-f", "json", *rules,
        env={"OPENCHECK_FINGERPRINT_KEY": FINGERPRINT_KEY}).stdout))
    by_place = fingerprints(json.loads(run_cli(
        "check", str(workspace), "-f", "json", *rules,
        env={"OPENCHECK_FINGERPRINT_KEY": ""}).stdout))
    assert len(keyed) == 1 and keyed != by_place
    runner = Runner(action, workspace, tmp_path / "runner")
    inputs = {"rules": "secret-in-tree", "formats": "json codequality junit"}
    if given == "input":
        inputs["fingerprint-key"] = FINGERPRINT_KEY
    done = runner.step("check", inputs,
                       {"OPENCHECK_FINGERPRINT_KEY": FINGERPRINT_KEY} if given == "env" else {})
    assert done.returncode == 0, done.stdout + done.stderr
    report_dir = Path(runner.outputs["check"]["report-dir"])
    report = json.loads((report_dir / "opencheck.json").read_text("utf-8"))
    assert fingerprints(report) == (by_place if given == "none" else keyed)
    assert report["metadata"]["secret_fingerprints"] == ("place" if given == "none"
                                                         else "keyed")
    for text in (done.stdout, done.stderr, runner.summary.read_text("utf-8"),
                 *(path.read_text("utf-8") for path in report_dir.iterdir())):
        assert FINGERPRINT_KEY not in text


def _troubled(make_repo, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.txt"
    outside.write_text("x\n", encoding="utf-8")
    root: Path = make_repo({"LICENSE": "MIT License\n", "CONTRIBUTING.md": "# Contribuer\n"})
    os.symlink(outside, root / "lien, 100%: sortant.txt")
    commit(root, {}, "Link")
    return root


def test_steps_on_a_repository_that_is_not_ready(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = _troubled(make_repo, tmp_path)
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {"formats": "json, junit codequality", "language": "en"})
    assert done.returncode == 0, done.stdout + done.stderr
    outputs = runner.outputs["check"]
    assert outputs["ready"] == "false"
    assert 0 <= int(outputs["score"]) < 100
    sarif = json.loads(Path(outputs["sarif"]).read_text("utf-8"))
    jsonschema.Draft4Validator(
        json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8"))
    ).validate(sarif)
    report_dir = Path(outputs["report-dir"])
    assert sorted(p.name for p in report_dir.iterdir()) == [
        "opencheck-codequality.json", "opencheck-junit.xml", "opencheck.json", "opencheck.md",
        "opencheck.sarif",
    ]
    summary = runner.summary.read_text("utf-8")
    assert "opencheck: NOT READY to be published" in summary
    assert "readme-present" in summary
    lines = done.stdout.splitlines()
    assert any(line.startswith("::error title=opencheck readme-present::") for line in lines)
    # A file annotation, with the reserved characters of the path escaped.
    assert any(
        line.startswith("::notice file=lien%2C 100%25%3A sortant.txt,"
                        "title=opencheck files-readable::")
        for line in lines
    ), lines
    assert any(line.startswith("::warning title=opencheck code-of-conduct-present::")
               for line in lines)

    verdict = runner.step("Verdict", {})
    assert verdict.returncode == 1
    assert "::error title=opencheck::not ready" in verdict.stdout
    assert runner.outputs_of_action()["ready"] == "false"


def test_steps_on_a_ready_repository(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = make_repo(COMPLETE_HOUSE)
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {})
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.outputs["check"]["ready"] == "true"
    assert not [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert "PRÊT à être publié" in runner.summary.read_text("utf-8")  # French by default
    assert runner.step("Verdict", {}).returncode == 0


def test_annotations_carry_the_path_from_the_workspace(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = make_repo({"README.md": "# x\n"})
    project = workspace / "services" / "api"
    project.mkdir(parents=True)
    os.symlink(tmp_path, project / "escape.txt")
    commit(workspace, {"services/api/README.md": "# API\n"}, "API")
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {"path": "services/api", "language": "en"})
    assert done.returncode == 0, done.stderr
    assert any(line.startswith("::notice file=services/api/escape.txt,")
               for line in done.stdout.splitlines())


def test_merge_request_mode_through_the_action(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = make_repo({"LICENSE": "MIT License\n", "README.md": "# x\n"})
    base = git(workspace, "rev-parse", "HEAD").strip()
    os.symlink(tmp_path, workspace / "new-escape.txt")
    commit(workspace, {}, "Change")
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {"diff-base": base, "language": "en"})
    assert done.returncode == 0, done.stderr
    report_dir = Path(runner.outputs["check"]["report-dir"])
    report = json.loads((report_dir / "opencheck.json").read_text("utf-8"))
    assert [(f["rule"], f["path"]) for f in findings_of(report)] == [
        ("files-readable", "new-escape.txt")
    ]
    assert runner.outputs["check"]["ready"] == "true"
    # Code scanning gets the whole analysis: it compares branches itself.
    sarif = json.loads(Path(runner.outputs["check"]["sarif"]).read_text("utf-8"))
    assert "readme-present" not in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert "contributing-present" in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    summary = runner.summary.read_text("utf-8")
    assert "contributing-present" not in summary
    assert f"> Merge-request mode: only what the change since `{base}` brings" in summary


def test_baseline_input_hides_known_findings(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = _troubled(make_repo, tmp_path)
    runner = Runner(action, workspace, tmp_path / "runner")
    known = tmp_path / "known.json"
    baseline = subprocess.run(
        [sys.executable, "-m", "opencheck.cli.main", "baseline", str(workspace),
         "--output", str(known), "--rule", "*"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, check=True,
    )
    assert baseline.returncode == 0
    done = runner.step("check", {"baseline": str(known), "language": "en", "rules": "*"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.outputs["check"]["ready"] == "true"
    assert runner.outputs["check"]["findings"] == "0"
    assert "already in the baseline" in runner.summary.read_text("utf-8")


def test_bad_inputs_fail_the_step_with_a_clear_error(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = make_repo(COMPLETE_HOUSE)
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {"diff-base": "no-such-ref", "language": "en"})
    assert done.returncode == 2
    assert "::error title=opencheck::unknown base revision 'no-such-ref'" in done.stdout
    done = runner.step("check", {"formats": "pdf"})
    assert done.returncode == 2
    assert "unknown format(s): pdf" in done.stdout


def test_config_input_pins_the_policy(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A change that silences the blocking licence rule in its own configuration.
    workspace = make_repo({
        "README.md": "# Projet\n",
        ".opencheck.yml": "disable:\n  licence-file-present: plus tard\n",
    })
    policy = tmp_path / "policy" / "opencheck.yml"
    policy.parent.mkdir()
    policy.write_text("fail-on: error\n", encoding="utf-8")

    unpinned = Runner(action, workspace, tmp_path / "unpinned")
    assert unpinned.step("check", {"language": "en"}).returncode == 0
    report_dir = Path(unpinned.outputs["check"]["report-dir"])
    own = json.loads((report_dir / "opencheck.json").read_text("utf-8"))
    assert "licence-file-present" not in {f["rule"] for f in findings_of(own)}

    pinned = Runner(action, workspace, tmp_path / "pinned")
    done = pinned.step("check", {"language": "en", "config": str(policy)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert pinned.outputs["check"]["ready"] == "false"
    report_dir = Path(pinned.outputs["check"]["report-dir"])
    report = json.loads((report_dir / "opencheck.json").read_text("utf-8"))
    assert "licence-file-present" in {f["rule"] for f in findings_of(report)}
    assert report["metadata"]["config_origin"] == f"--config {policy}"
    assert report["metadata"]["config_not_applied"] == ".opencheck.yml"
    assert "::error title=opencheck licence-file-present::" in done.stdout


def test_policy_input_is_the_bases_on_a_pull_request(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The project turned a rule off, and the policy file the workflow names enforces
    it; a pull request relaxes that file: on the pull request the base's copy judges."""
    workspace = make_repo({"README.md": "# Projet\n",
                           ".opencheck.yml": "disable:\n  licence-file-present: plus tard\n",
                           ".github/opencheck-policy.yml":
                           "enforce:\n  licence-file-present: error\n"})
    base = git(workspace, "rev-parse", "HEAD").strip()
    commit(workspace, {".github/opencheck-policy.yml": "repository:\n  disable: honour\n"})
    inputs = {"language": "en", "policy": ".github/opencheck-policy.yml"}
    push = Runner(action, workspace, tmp_path / "push")  # the branch's own copy, trusted
    assert push.step("check", inputs).returncode == 0
    assert push.outputs["check"]["ready"] == "true"
    pull = Runner(action, workspace, tmp_path / "pull",
                  event={"pull_request": {"base": {"sha": base}}})
    done = pull.step("check", inputs)
    assert done.returncode == 0, done.stdout + done.stderr
    assert pull.outputs["check"]["ready"] == "false"
    report_dir = Path(pull.outputs["check"]["report-dir"])
    report = json.loads((report_dir / "opencheck.json").read_text("utf-8"))
    said = report["metadata"]["policy"]
    assert said["name"].startswith(".github/opencheck-policy.yml (")
    assert [(o["setting"], o["name"]) for o in said["overridden"]] == \
        [("disable", "licence-file-present")]
    assert "sets aside 1 setting(s) of the repository's configuration" in \
        pull.summary.read_text("utf-8")
    broken = Runner(action, workspace, tmp_path / "broken")
    done = broken.step("check", {"language": "en", "policy": "no-such-policy.yml"})
    assert done.returncode == 2
    assert "::error title=opencheck::--policy " in done.stdout and "no such file" in done.stdout


def test_config_input_naming_no_file_is_a_usage_error(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = make_repo(COMPLETE_HOUSE)
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {"language": "en", "config": "ci/policy.yml"})
    assert done.returncode == 2
    assert f"--config {workspace / 'ci' / 'policy.yml'}: no such file" in done.stdout


HISTORY_RULES = "secret-in-history sensitive-data-in-history artefact-in-history"


def _pull_request(make_repo, tmp_path: Path, hostile: bool) -> tuple[Path, str, str | None]:  # type: ignore[no-untyped-def]
    """A default branch whose history holds a token, and a pull request on top of it
    (hostile: a second token added by one commit and removed by the next): (workspace,
    base, the commit that added the pull request's token)."""
    workspace = make_repo(COMPLETE_HOUSE)
    commit(workspace, {"deploy/token.txt": f"GITHUB_TOKEN={Samples(41).github()}\n"})
    (workspace / "deploy" / "token.txt").unlink()
    base = commit(workspace, {"src/app.py": "print(1)\n"}, "Remove the token")
    git(workspace, "checkout", "-q", "-b", "pull")
    added = None
    if hostile:
        added = commit(workspace, {"ci.env": f"GITLAB_TOKEN={Samples(42).gitlab()}\n"})
        (workspace / "ci.env").unlink()
    commit(workspace, {"src/app.py": "print(2)\n"})
    return workspace, base, added


def _sarif_history(runner: Runner) -> list[tuple[str, str]]:
    sarif = json.loads(Path(runner.outputs["check"]["sarif"]).read_text("utf-8"))
    return sorted((r["ruleId"], r["properties"].get("commit", ""))
                  for r in sarif["runs"][0]["results"] if r["ruleId"].endswith("-in-history"))


def test_whole_history_change_keeps_a_pull_request_s_own_history_findings(  # type: ignore[no-untyped-def]
        action, make_repo, tmp_path: Path) -> None:
    """Asked for, the pull request's history is read for its commits only: its SARIF
    holds the whole tree's findings and none of the base's history. By default, and on
    a push to the default branch, the SARIF holds the whole history's."""
    workspace, base, _ = _pull_request(make_repo, tmp_path, hostile=False)
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {"diff-base": base, "language": "en", "formats": "json",
                                 "whole-history": "change",
                                 "rules": f"{HISTORY_RULES} contributing-present"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.outputs["check"]["ready"] == "true"
    assert _sarif_history(runner) == []
    report_dir = Path(runner.outputs["check"]["report-dir"])
    report = json.loads((report_dir / "opencheck.json").read_text("utf-8"))
    assert report["metadata"]["history_scope"] == "change"
    for wanted, push in (({"diff-base": base}, False), ({"whole-history": "change"}, True)):
        if push:
            git(workspace, "checkout", "-q", "main")
        again = Runner(action, workspace, tmp_path / f"whole-{push}")
        done = again.step("check", {"language": "en", "rules": HISTORY_RULES, **wanted})
        assert done.returncode == 0, done.stdout + done.stderr
        assert [rule for rule, _ in _sarif_history(again)] == ["secret-in-history"]


@pytest.mark.parametrize("history", ["change", "whole"])
def test_a_pull_request_that_adds_then_removes_a_token_is_not_ready(  # type: ignore[no-untyped-def]
        action, make_repo, tmp_path: Path, history: str) -> None:
    workspace, base, added = _pull_request(make_repo, tmp_path, hostile=True)
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {"diff-base": base, "language": "en", "rules": HISTORY_RULES,
                                 "whole-history": history})
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.outputs["check"]["ready"] == "false"
    assert "::error file=ci.env,line=1,title=opencheck secret-in-history::" in done.stdout
    found = _sarif_history(runner)
    assert ("secret-in-history", added) in found
    assert len(found) == (1 if history == "change" else 2)


def test_an_unknown_whole_history_fails_the_step(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(action, make_repo(COMPLETE_HOUSE), tmp_path / "runner")
    done = runner.step("check", {"whole-history": "partial", "language": "fr"})
    assert done.returncode == 2
    assert "whole-history vaut change ou whole, pas « partial »" in done.stdout


def test_a_pull_request_cannot_stand_in_for_opencheck(action, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The step ran `python -m opencheck.ci.github` in the pull request's checkout, and
    # `-m` puts the working folder first on sys.path: a change committing its own
    # `opencheck/ci/github.py` ran it instead (any code, with the job's token, and a
    # READY of its choosing); `python -m venv` and `-m pip` the same with `venv.py` or
    # `pip/`. Isolated mode (-I) leaves the working folder out.
    shadow = ('import pathlib, sys\n'
              'pathlib.Path(sys.argv[0]).with_name("RAN").write_text("x")\n'
              'print("ready=true")\n')
    workspace = make_repo({"opencheck/__init__.py": "", "opencheck/ci/__init__.py": "",
                           "opencheck/ci/github.py": shadow})
    runner = Runner(action, workspace, tmp_path / "runner")
    done = runner.step("check", {"language": "en"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (workspace / "opencheck/ci/RAN").exists()
    assert runner.outputs["check"]["ready"] == "false"  # no README nor licence
    for step in action["runs"]["steps"]:
        for line in str(step.get("run", "")).splitlines():
            if re.search(r"python\"?\s+-m\b", line):
                pytest.fail(f"not isolated: {line.strip()}")


def test_the_gitlab_template_installs_opencheck_in_isolated_mode() -> None:
    template = yaml.safe_load((ROOT / "ci/opencheck.gitlab-ci.yml").read_text("utf-8"))
    lines = [line for key in ("before_script", "script")
             for line in template[".opencheck"][key]]
    assert any("pip install" in line for line in lines)
    assert not [line for line in lines if re.search(r"python3?\s+-m\b", line)], lines


@pytest.mark.parametrize("language, says", [
    ("en", "Summary cut here"), ("fr", "Résumé coupé ici")])
def test_a_summary_over_githubs_limit_is_cut_with_a_note_saying_where_the_report_is(
        make_repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        language: str, says: str) -> None:
    """GitHub shows no summary at all past 1 MiB per step (folders named with
    kilobytes, ten rows per rule, can pass it): the summary is cut at a line's end,
    any open <details> closed, and a note names the whole report's file. Scaled down
    here: a 24 KB limit, and a report several times larger."""
    from opencheck.ci import github

    files = {"/".join([f"dossier{number:02d}" + "x" * 240] * 12) + "/module.py": "print(1)\n"
             for number in range(14)}
    workspace = make_repo(files)
    limit = 24_000
    monkeypatch.setattr(github, "SUMMARY_LIMIT", limit)
    summary_file = tmp_path / "summary.md"
    out = tmp_path / "reports"
    env = {"GITHUB_WORKSPACE": str(workspace), "GITHUB_STEP_SUMMARY": str(summary_file),
           "OPENCHECK_REPORT_DIR": str(out), "OPENCHECK_LANG": language,
           "OPENCHECK_RULES": "reuse-* readme-present licence-file-present"}
    assert github.main(env) == 0
    whole = (out / "opencheck.md").read_text("utf-8")
    assert len(whole.encode()) > 3 * limit  # the report itself is whole
    shown = summary_file.read_text("utf-8")
    assert len(shown.encode()) <= limit
    assert says in shown and str(out / "opencheck.md") in shown
    before_note = shown[:shown.index("> ✂")]
    assert whole.startswith(before_note.rstrip("\n").removesuffix("</details>").rstrip("\n"))
    assert shown.count("<details>") == shown.count("</details>")
    assert "✗" in shown or "❌" in shown  # the verdict, first, is kept
