# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: a change that deploys a key kept with the tests.

A private key in `tests/certs/` warns until a file that deploys the project names it.
A merge request that only adds `COPY tests/certs/prod.key /etc/ssl/` to a Dockerfile
touched no key file: the key's finding lay in an unchanged file and was dropped from
the narrowed report, READY, while the merged branch blocks on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git
from secret_samples import Samples

pytestmark = pytest.mark.timeout(300)

KEY = "tests/certs/prod.key"
RULES = ("--rule", "secret-in-tree", "--no-history")
SERVE = "FROM nginx\nCOPY tests/certs/prod.key /etc/nginx/ssl/\n"


def _keys(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["path"], f["severity"]) for f in findings_of(report) if f["path"] == KEY]


def _project(make_repo: RepoFactory, files: dict[str, str]) -> Path:
    root: Path = make_repo({"README.md": "# x\n", KEY: Samples(131).private_key(),
                            "src/app.py": "print(1)\n", **files})
    git(root, "checkout", "--quiet", "-b", "feature")
    return root


def test_a_change_that_makes_a_dockerfile_copy_a_test_key_blocks(
    make_repo: RepoFactory,
) -> None:
    root = _project(make_repo, {"Dockerfile": "FROM nginx\nCOPY src /app\n"})
    assert _keys(check_json(root, *RULES)) == [(KEY, "warning")]
    commit(root, {"Dockerfile": SERVE}, "serve over TLS")
    report = check_json(root, "--diff-base", "main", *RULES)
    assert _keys(report) == [(KEY, "error")]
    assert report["ready"] is False


def test_a_new_deployment_script_naming_a_test_key_blocks(make_repo: RepoFactory) -> None:
    root = _project(make_repo, {})
    commit(root, {"deploy.sh": "#!/bin/sh\nscp tests/certs/prod.key prod:/etc/ssl/\n"},
           "deploy")
    report = check_json(root, "--diff-base", "main", *RULES)
    assert _keys(report) == [(KEY, "error")]


def test_a_change_to_a_dockerfile_that_deployed_the_key_already_is_not_blamed(
    make_repo: RepoFactory,
) -> None:
    """The control: the merge base's Dockerfile copied the key already (the branch
    blocked before the change); a change to another line of it brings nothing new."""
    root = _project(make_repo, {"Dockerfile": SERVE})
    assert _keys(check_json(root, *RULES)) == [(KEY, "error")]
    commit(root, {"Dockerfile": SERVE + "EXPOSE 443\n"}, "expose")
    report = check_json(root, "--diff-base", "main", *RULES)
    assert _keys(report) == []
    assert report["ready"] is True


def test_a_change_elsewhere_leaves_a_deployed_key_to_the_merge_base(
    make_repo: RepoFactory,
) -> None:
    root = _project(make_repo, {"Dockerfile": SERVE})
    commit(root, {"src/app.py": "print(2)\n"}, "print two")
    assert _keys(check_json(root, "--diff-base", "main", *RULES)) == []
