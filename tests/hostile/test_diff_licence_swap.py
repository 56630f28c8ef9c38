# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: a dependency "declared before" is one the merge base declared
under the same licence.

A change may keep a package's name and version in the lockfile and rewrite what it
says of it: another `resolved` tarball, a non-free `license`. The dependency's key
(ecosystem, name, version) is the merge base's, so the non-free package it now is
was held back as declared before: a false READY on the very rule that should block.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, commit, findings_of, git

DEPS = ("--rule", "deps-non-free", "--rule", "deps-copyleft", "--rule", "deps-licence-known")


def _lock(packages: dict[str, dict[str, Any]]) -> dict[str, str]:
    entries: dict[str, Any] = {"": {"name": "front", "dependencies": dict.fromkeys(packages, "*")}}
    for name, fields in packages.items():
        entries[f"node_modules/{name}"] = {"version": "1.0.0", **fields}
    return {"front/package.json": json.dumps({"name": "front",
                                              "dependencies": dict.fromkeys(packages, "*")}),
            "front/package-lock.json": json.dumps({"name": "front", "lockfileVersion": 3,
                                                   "packages": entries}, indent=2)}


def _found(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["dependency"]) for f in findings_of(report)
                  if "dependency" in f)


def _merge_request(make_repo: RepoFactory, before: dict[str, dict[str, Any]],
                   after: dict[str, dict[str, Any]]) -> Path:
    root: Path = make_repo({**COMPLETE_HOUSE, **_lock(before)})
    git(root, "checkout", "--quiet", "-b", "feature")
    commit(root, _lock(after), "chore(deps): refresh the lockfile")
    return root


def test_a_package_whose_licence_the_change_rewrites_is_the_changes(
    make_repo: RepoFactory,
) -> None:
    root = _merge_request(
        make_repo,
        {"left-pad": {"license": "MIT"}, "icons": {"license": "MIT"}},
        {"left-pad": {"license": "CC-BY-NC-4.0",
                      "resolved": "https://evil.example/left-pad-1.0.0.tgz"},
         "icons": {"license": "MIT"}},
    )
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == [("deps-non-free", "left-pad")]
    assert report["ready"] is False


def test_a_licence_the_change_adds_to_a_package_that_had_none_is_the_changes(
    make_repo: RepoFactory,
) -> None:
    """An old lockfile stating no licence (npm 6, a hand-made one): the change adds a
    non-free one to a package it declared."""
    root = _merge_request(make_repo, {"left-pad": {}},
                          {"left-pad": {"license": "CC-BY-NC-4.0"}})
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert ("deps-non-free", "left-pad") in _found(report)
    assert report["ready"] is False


def test_a_package_left_as_it_was_stays_the_merge_bases(make_repo: RepoFactory) -> None:
    root = _merge_request(
        make_repo,
        {"nc-icons": {"license": "CC-BY-NC-4.0"}, "left-pad": {"license": "MIT"}},
        {"nc-icons": {"license": "CC-BY-NC-4.0"},
         "left-pad": {"license": "MIT", "version": "1.0.1"}},
    )
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []
    assert report["ready"] is True
