# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""READY / NOT READY / INCOMPLETE, with the reason first in every format; a shared
analysis that fails fails once; a clone with absent objects is judged on what it holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema

from conftest import COMPLETE_HOUSE, RepoFactory, commit, findings_of, git, run_cli
from opencheck.data import load_schema
from secret_samples import Samples

BROKEN_HISTORY_SETTINGS = (
    "settings:\n  history:\n    sign_off_since: not-a-date\n"
    "severity:\n  history-sign-off: error\n  history-identity-generic: error\n"
)


def _object_file(root: Path, oid: str) -> Path:
    return root / ".git" / "objects" / oid[:2] / oid[2:]


def _lines(output: str, count: int) -> str:
    return "\n".join(output.splitlines()[:count])


def test_a_blocking_rule_that_cannot_be_judged_makes_the_verdict_incomplete(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": BROKEN_HISTORY_SETTINGS})
    result = run_cli("check", str(root), "--format", "json", "--lang", "en",
                     "--rule", "history-*", "--rule", "readme-present")
    report = json.loads(result.stdout)
    jsonschema.validate(report, load_schema("report/report.schema.json"))
    assert report["verdict"] == "incomplete"
    assert report["ready"] is False
    assert result.exit_code == 1
    assert "could not be judged" in report["verdict_reason"]
    assert "history-sign-off" in report["verdict_reason"]
    assert "not-a-date" in report["verdict_reason"]
    # The first keys of the JSON report say the verdict and why.
    assert list(report)[1:3] == ["verdict", "verdict_reason"]


def test_a_failing_shared_analysis_fails_once_for_all_its_rules(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": BROKEN_HISTORY_SETTINGS})
    result = run_cli("check", str(root), "--format", "json", "--lang", "en",
                     "--rule", "history-*")
    rules = {r["id"]: r for r in json.loads(result.stdout)["rules"]}
    errored = [r for r in rules.values() if r["status"] == "error"]
    # Every rule built on the history says it is the one shared failure, not its own.
    assert {r["id"] for r in errored} >= {"history-sign-off", "history-identity-generic"}
    for rule in errored:
        assert rule["reason"].startswith("the shared analysis 'history' failed:"), rule


def test_the_reason_comes_first_in_every_format(make_repo: RepoFactory) -> None:
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": BROKEN_HISTORY_SETTINGS})
    rules = ("--rule", "history-*", "--rule", "readme-present")
    text = run_cli("check", str(root), "--lang", "fr", *rules).stdout
    assert "INCOMPLET" in _lines(text, 2)
    assert text.splitlines()[2].startswith("Raison : 2 règle(s) bloquante(s) non jugée(s)")
    markdown = run_cli("check", str(root), "--format", "markdown", "--lang", "en", *rules).stdout
    assert markdown.startswith("## ❔ opencheck: INCOMPLETE")
    assert "could not be judged" in _lines(markdown, 3)
    sarif = json.loads(run_cli("check", str(root), "--format", "sarif", "--lang", "en",
                               *rules).stdout)
    run = sarif["runs"][0]
    assert next(iter(run)) == "properties"
    assert run["properties"]["verdict"] == "incomplete"
    junit = run_cli("check", str(root), "--format", "junit", "--lang", "en", *rules).stdout
    first = ET.fromstring(junit).find("testsuite")
    assert first is not None
    assert first.get("name") == "opencheck: INCOMPLETE: no verdict can be given"
    quality = json.loads(run_cli("check", str(root), "--format", "codequality", "--lang", "en",
                                 *rules).stdout)
    assert quality[0]["check_name"] == "opencheck-verdict"
    assert "history-sign-off" in quality[0]["description"]


def test_not_ready_names_its_blocking_finding_on_the_first_lines(
    make_repo: RepoFactory,
) -> None:
    files = {k: v for k, v in COMPLETE_HOUSE.items() if k != "README.md"}
    root = make_repo(files)
    text = run_cli("check", str(root), "--lang", "en", "--rule", "readme-present").stdout
    assert "NOT READY" in _lines(text, 2)
    assert "Reason: 1 blocking finding(s) (readme-present); first readme-present" in \
        _lines(text, 3)
    junit = run_cli("check", str(root), "--format", "junit", "--lang", "en",
                    "--rule", "readme-present").stdout
    properties = {p.get("name"): p.get("value") for p in ET.fromstring(junit).iter("property")}
    assert properties["verdict"] == "not_ready"
    assert "readme-present" in str(properties["verdict_reason"])


def test_ready_says_what_was_checked(make_repo: RepoFactory) -> None:
    root = make_repo(COMPLETE_HOUSE)
    result = run_cli("check", str(root), "--format", "json", "--lang", "en",
                     "--rule", "readme-present", "--rule", "licence-*")
    report = json.loads(result.stdout)
    assert report["verdict"] == "ready" and report["ready"] is True
    assert report["verdict_reason"].startswith("no finding at or above 'error'")
    quality = json.loads(run_cli("check", str(root), "--format", "codequality",
                                 "--rule", "readme-present").stdout)
    assert all(issue["check_name"] != "opencheck-verdict" for issue in quality)


def _damaged(make_repo: RepoFactory) -> tuple[Path, str]:
    """A history with a leaked token and a large blob that the clone lost."""
    samples = Samples()
    token = samples.github()
    root = make_repo(COMPLETE_HOUSE)
    commit(root, {"deploy.sh": f"export GITHUB_TOKEN={token}\n"}, "Deploy")
    commit(root, {"data/big.csv": "id,value\n" + "1,2\n" * 5000}, "Data")
    commit(root, {"deploy.sh": "export GITHUB_TOKEN=$TOKEN\n"}, "No token")
    commit(root, {"data/big.csv": "id,value\n"}, "Smaller data")
    lost = git(root, "rev-parse", "HEAD~1:data/big.csv").strip()
    _object_file(root, lost).unlink()
    return root, lost


def test_absent_objects_are_counted_and_the_rest_of_the_history_is_scanned(
    make_repo: RepoFactory,
) -> None:
    root, _lost = _damaged(make_repo)
    result = run_cli("check", str(root), "--format", "json", "--lang", "en",
                     "--rule", "secret-*")
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["rules"] if r["status"] == "error"] == []
    assert report["metadata"]["history_objects_not_read"] == 1
    leaked = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    assert [f["path"] for f in leaked] == ["deploy.sh"]
    assert report["verdict"] == "not_ready"
    assert "secret-in-history" in report["verdict_reason"]
    text = run_cli("check", str(root), "--lang", "en", "--rule", "secret-*").stdout
    assert "Incomplete clone: 1 object(s) of the history are absent and were not read" in \
        _lines(text, 5)
    markdown = run_cli("check", str(root), "--lang", "fr", "--format", "markdown",
                       "--rule", "secret-*").stdout
    assert "> Clone incomplet : 1 objet(s) de l'historique absent(s)" in _lines(markdown, 6)


def test_an_absent_tree_does_not_stop_the_history_scan(make_repo: RepoFactory) -> None:
    samples = Samples()
    token = samples.github()
    root = make_repo(COMPLETE_HOUSE)
    commit(root, {"deploy.sh": f"export GITHUB_TOKEN={token}\n"}, "Deploy")
    commit(root, {"old/notes.txt": "notes\n"}, "Notes")
    commit(root, {"old/notes.txt": "more notes\n", "deploy.sh": "export X=$Y\n"}, "Change")
    tree = git(root, "rev-parse", "HEAD~1:old").strip()
    _object_file(root, tree).unlink()
    report = json.loads(run_cli("check", str(root), "--format", "json", "--lang", "en",
                                "--rule", "secret-in-history").stdout)
    assert report["rules"][0]["status"] == "failed"
    assert [f["path"] for f in findings_of(report)] == ["deploy.sh"]
    assert "history_origins_incomplete" in report["metadata"]
