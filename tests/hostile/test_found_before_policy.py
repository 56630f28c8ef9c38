# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode judges the merge base's tree under the policy that judges the
change.

A changed file's blocking finding is held back when the merge base's tree, run again,
blocked on it too (`scoped.found_before`). With a policy pinned in the checkout
(`--config .github/opencheck-policy.yml`, the Action's `config` input), the change's
run reads that file from the base, but the run on the merge base's tree read it from
the work tree: as the change wrote it. `fail-on: warning` there made every warning of
the merge base "blocking": a documentation site under the Licence Ouverte warns; a
change that turned it into code (an error) touching LICENSE was then the merge base's.
"""

from __future__ import annotations

from pathlib import Path

from conftest import RepoFactory, check_json, commit, findings_of, git
from licence_fixtures import french

POLICY = ".github/opencheck-policy.yml"
RULES = ("--rule", "licence-data-only")


def _site(make_repo: RepoFactory) -> Path:
    pages = {f"guides/page-{n}.md": f"# Page {n}\n" for n in range(12)}
    root: Path = make_repo({"README.md": "# Guides\n\nPubliés par la DINUM.\n",
                            "LICENSE": french("etalab-2.0.en"), **pages,
                            "theme/config.js": "module.exports = {}\n",
                            POLICY: "fail-on: error\n"})
    git(root, "checkout", "--quiet", "-b", "feature")
    code = {f"outil/module_{n}.py": "print(1)\n" for n in range(60)}
    commit(root, {**code, "LICENSE": french("etalab-2.0.en") + "\n",
                  POLICY: "fail-on: warning\n"}, "Add the tool")
    return root


def _data_only(report: dict[str, object]) -> list[dict[str, object]]:
    return [f for f in findings_of(report) if f["rule"] == "licence-data-only"]


def test_the_merge_base_is_judged_under_the_pinned_policy_of_the_base(
    make_repo: RepoFactory,
) -> None:
    root = _site(make_repo)
    whole = check_json(root, "--config", str(root / POLICY), *RULES)
    assert [f["severity"] for f in _data_only(whole)] == ["error"]  # the control
    report = check_json(root, "--diff-base", "main", "--config", str(root / POLICY), *RULES)
    assert [f["severity"] for f in _data_only(report)] == ["error"]
    assert report["ready"] is False
    assert not report["metadata"]["diff"].get("found_before")


def test_a_finding_that_blocked_at_the_merge_base_is_still_held_back(
    make_repo: RepoFactory,
) -> None:
    """The control: the base's own policy blocks on the merge base's warning, so the
    same finding after the change is not the change's."""
    root = _site(make_repo)
    git(root, "checkout", "--quiet", "main")
    commit(root, {POLICY: "fail-on: warning\n"}, "Stricter")
    git(root, "checkout", "--quiet", "feature")
    git(root, "merge", "--quiet", "--no-edit", "-X", "theirs", "main")
    report = check_json(root, "--diff-base", "main", "--config", str(root / POLICY), *RULES)
    assert _data_only(report) == []
    assert report["metadata"]["diff"]["found_before"] == 1
