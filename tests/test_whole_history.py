# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`--whole-history change`: the whole reports CI writes on a merge request (Code
Quality, SARIF) hold the whole tree's findings and, of the history's, the change's
only, so the history is read for the change alone. GitLab compares a merge request's
Code Quality report with the default branch's: both made so, they differ by what the
change brings and by nothing else. Each test builds real repositories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import (
    COMPLETE_HOUSE,
    RepoFactory,
    code_quality_widget,
    commit,
    findings_of,
    git,
    run_cli,
)
from opencheck.data import load_schema
from secret_samples import Samples

HISTORY = ("secret-in-history", "sensitive-data-in-history", "artefact-in-history")
OLD_TOKEN = Samples(31).github()
NEW_TOKEN = Samples(32).gitlab()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No blob kept by another test's run: each reads what it commits."""
    monkeypatch.setenv("OPENCHECK_CACHE_DIR", str(tmp_path / "cache"))


def _project(make_repo: RepoFactory) -> tuple[Path, str]:
    """A default branch whose history, not its tree, holds a token; (root, its HEAD)."""
    root = make_repo(COMPLETE_HOUSE)
    commit(root, {"deploy/token.txt": f"GITHUB_TOKEN={OLD_TOKEN}\n"}, "Add the token")
    (root / "deploy" / "token.txt").unlink()
    base = commit(root, {"src/app.py": "print(1)\n"}, "Remove the token")
    return root, base


def _check(root: Path, tmp_path: Path, name: str, *args: str) -> tuple[int, dict[str, Any],
                                                                      list[dict[str, Any]]]:
    """One CI run as the GitLab template makes it: (exit code, the narrowed JSON report,
    the whole Code Quality report)."""
    quality = tmp_path / f"{name}.codequality.json"
    done = run_cli("check", str(root), "--format", "json", "--lang", "en",
                   "--whole-output", f"codequality={quality}", *args)
    assert done.exit_code in (0, 1), done.output
    issues: list[dict[str, Any]] = json.loads(quality.read_text("utf-8"))
    return done.exit_code, json.loads(done.stdout), issues


def test_a_merge_request_s_code_quality_differs_from_the_base_s_by_the_change_only(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    root, base = _project(make_repo)
    _, _, on_main = _check(root, tmp_path, "main", "--whole-history", "change")
    assert not {i["check_name"] for i in on_main} & set(HISTORY)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"README.md": "# Projet\n\nUn outil publié par la DINUM. Mieux dit.\n"})
    code, report, on_mr = _check(root, tmp_path, "mr", "--diff-base", base,
                                 "--whole-history", "change")
    assert code == 0
    assert code_quality_widget(on_main, on_mr) == (set(), set())
    # the history was read for the change only (no whole reading for the Code Quality)
    assert report["metadata"]["history_scope"] == "change"
    # the old behaviour, asked for: every history finding, on both sides
    _, _, whole_mr = _check(root, tmp_path, "whole-mr", "--diff-base", base)
    git(root, "checkout", "-q", "main")
    _, _, whole_main = _check(root, tmp_path, "whole-main")
    assert "secret-in-history" in {i["check_name"] for i in whole_main}
    assert code_quality_widget(whole_main, whole_mr) == (set(), set())
    # a base made the old way against a merge request made the new way: the old token
    # (and the verdict it made) "resolved"
    assert code_quality_widget(whole_main, on_mr)[1] == {"secret-in-history", "opencheck-verdict"}


def test_a_secret_added_then_removed_by_the_merge_request_still_blocks(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """A hostile merge request: its token is in its commits, not in its last tree."""
    root, base = _project(make_repo)
    _, _, on_main = _check(root, tmp_path, "main", "--whole-history", "change")
    git(root, "checkout", "-q", "-b", "hostile")
    added = commit(root, {"config/ci.env": f"GITLAB_TOKEN={NEW_TOKEN}\n"}, "CI settings")
    (root / "config" / "ci.env").unlink()
    commit(root, {"config/README.md": "Rien ici.\n"}, "Tidy")
    code, report, on_mr = _check(root, tmp_path, "mr", "--diff-base", base,
                                 "--whole-history", "change")
    assert code == 1
    assert report["verdict"] == "not_ready"
    found = [(f["rule"], f["path"], f["commit"]) for f in findings_of(report)
             if f["rule"] in HISTORY]
    assert found == [("secret-in-history", "config/ci.env", added)]
    # the widget: the change's token is new, and so is the NOT READY it makes
    new, resolved = code_quality_widget(on_main, on_mr)
    assert new == {"secret-in-history", "opencheck-verdict"} and resolved == set()
    assert [i["location"]["path"] for i in on_mr
            if i["check_name"] == "secret-in-history"] == ["config/ci.env"]
    # the same narrowed report as with the whole history read
    _, slow, _ = _check(root, tmp_path, "slow", "--diff-base", base)
    assert findings_of(slow) == findings_of(report)
    assert slow["verdict"] == report["verdict"]


def test_without_a_change_the_whole_report_holds_no_history_finding(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """The default branch's pipeline: its verdict still reads the whole history."""
    root, _ = _project(make_repo)
    code, report, issues = _check(root, tmp_path, "main", "--whole-history", "change")
    assert code == 1  # the old token blocks the default branch
    assert "secret-in-history" in {f["rule"] for f in findings_of(report)}
    assert not {i["check_name"] for i in issues} & set(HISTORY)


def test_the_whole_json_says_which_history_it_holds(make_repo: RepoFactory,
                                                    tmp_path: Path) -> None:
    root, base = _project(make_repo)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"src/app.py": "print(2)\n"})
    whole = tmp_path / "whole.json"
    done = run_cli("check", str(root), "--diff-base", base, "--format", "text",
                   "--whole-history", "change", "--whole-output", f"json={whole}")
    assert done.exit_code == 0, done.output
    report = json.loads(whole.read_text("utf-8"))
    assert report["metadata"]["whole_history"] == "change"
    jsonschema.validate(report, load_schema("report/report.schema.json"))
    assert "contributing-present" not in {f["rule"] for f in findings_of(report)}
    assert not {f["rule"] for f in findings_of(report)} & set(HISTORY)


def test_an_unknown_whole_history_value_is_a_usage_error(make_repo: RepoFactory) -> None:
    root = make_repo(COMPLETE_HOUSE)
    done = run_cli("check", str(root), "--whole-history", "some")
    assert done.exit_code == 2


def test_the_rules_left_to_the_change_are_the_history_s_secrets_and_artefacts() -> None:
    """Every rule of the secrets family that reads the history's blobs, and no other:
    a new one left out would be read whole on every merge request, and differ."""
    from opencheck.catalogue import load_catalogue
    from opencheck.scoped import BLOB_HISTORY_RULES

    secrets = {rule.id for rule in load_catalogue().rules.values() if rule.family == "secrets"}
    assert {rule for rule in secrets if rule.endswith("-in-history")} == BLOB_HISTORY_RULES
    assert set(HISTORY) == BLOB_HISTORY_RULES
