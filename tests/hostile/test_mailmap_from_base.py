# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""In merge-request mode the identities are mapped by the base's `.mailmap`: git reads
the work tree's, and a change that commits under a personal address could add a
`.mailmap` line mapping it to the administration's, so that the identity rules judging
it saw only the administration's address. What a merge request's reviewers see of those
rules is the whole report (`--whole-output`: GitLab's Code Quality widget lists its new
issues against the default branch's)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import RepoFactory, commit, git
from helpers_docs import findings, report_of

RULES = ("history-identity-webmail", "history-identity-generic")
WORK = "Camille Agent <camille.agent@numerique.gouv.fr>"


def who(name: str, email: str) -> dict[str, str]:
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}


def whole_report(repo: Path, *extra: str) -> dict[str, Any]:
    """The merge request's whole report, as the CI integrations write it."""
    target = repo.parent / f"{repo.name}-whole.json"
    report_of(repo, *RULES, extra=("--diff-base", "base", "--whole-output",
                                   f"json={target}", *extra))
    loaded: dict[str, Any] = json.loads(target.read_text("utf-8"))
    return loaded


def said(report: dict[str, Any]) -> str:
    return " ".join(str(f.get("message")) for rule in RULES for f in findings(report, rule))


def change_with_its_own_mailmap(make_repo: RepoFactory, base_mailmap: str | None) -> Path:
    files = {"README.md": "# Projet\n"}
    if base_mailmap is not None:
        files[".mailmap"] = base_mailmap
    repo = make_repo(files)
    git(repo, "branch", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"app.py": "print(1)\n"}, env=who("Dominique", "dominique.perso@gmail.com"))
    commit(repo, {"ops.sh": "echo\n"}, env=who("root", "root@localhost"))
    commit(repo, {".mailmap": f"{WORK} <dominique.perso@gmail.com>\n"
                              f"{WORK} <root@localhost>\n"}, env=who("Camille Agent",
                                                                    "camille.agent@numerique.gouv.fr"))
    return repo


def test_the_change_s_own_mailmap_does_not_hide_its_identities(make_repo: RepoFactory) -> None:
    repo = change_with_its_own_mailmap(make_repo, None)
    for extra in ((), ("--whole-history", "change")):
        report = whole_report(repo, *extra)
        assert "dominique.perso@gmail.com" in said(report), extra
        assert "root@localhost" in said(report), extra
    # checked whole, the repository's own .mailmap is how it corrects past identities
    whole = report_of(repo, *RULES)
    assert "dominique.perso@gmail.com" not in said(whole)
    assert "root@localhost" not in said(whole)


def test_the_base_s_mailmap_still_maps(make_repo: RepoFactory) -> None:
    """A mapping the base already holds is the project's: it still applies."""
    repo = change_with_its_own_mailmap(
        make_repo, f"{WORK} <dominique.perso@gmail.com>\n")
    report = whole_report(repo)
    assert "dominique.perso@gmail.com" not in said(report)
    assert "root@localhost" in said(report)
