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

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, commit, findings_of, git
from opencheck.licensing.statements import licence_statement, states_licence
from test_deps_checks import APACHE_LICENSE, MIT_LICENSE

DEPS = ("--rule", "deps-non-free", "--rule", "deps-copyleft", "--rule", "deps-licence-known")


def _lock(packages: dict[str, dict[str, Any]], folder: str = "front/") -> dict[str, str]:
    entries: dict[str, Any] = {"": {"name": "front", "dependencies": dict.fromkeys(packages, "*")}}
    for name, fields in packages.items():
        entries[f"node_modules/{name}"] = {"version": "1.0.0", **fields}
    return {f"{folder}package.json": json.dumps({"name": "front",
                                                 "dependencies": dict.fromkeys(packages, "*")}),
            f"{folder}package-lock.json": json.dumps({"name": "front", "lockfileVersion": 3,
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


def test_a_lockfile_rewritten_by_a_newer_npm_keeps_its_packages_the_merge_bases(
    make_repo: RepoFactory,
) -> None:
    """npm 6's lockfile (version 1) states no licence; the first `npm install` of npm 7
    or later rewrites it as version 3, a `license` for every package. A bump made so
    (Dependabot, Renovate, a developer) blocked on every old non-free package, same
    name and version. A licence stated where the merge base stated none is held back:
    a change that wants to hide a package writes a free licence, not a non-free one,
    and the bumped package is still judged."""
    root: Path = make_repo({**COMPLETE_HOUSE, **_lock(
        {"nc-icons": {}, "left-pad": {}}), "front/package-lock.json": json.dumps({
            "name": "front", "lockfileVersion": 1, "requires": True,
            "dependencies": {"nc-icons": {"version": "1.0.0"},
                             "left-pad": {"version": "1.0.0"}}}, indent=2)})
    git(root, "checkout", "--quiet", "-b", "feature")
    commit(root, _lock({"nc-icons": {"license": "CC-BY-NC-4.0"},
                        "left-pad": {"license": "CC-BY-NC-4.0", "version": "1.0.1"}}),
           "chore(deps): bump left-pad")
    whole = check_json(root, *DEPS)
    assert ("deps-non-free", "nc-icons") in _found(whole)  # the control
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == [("deps-non-free", "left-pad")]


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


@pytest.mark.parametrize("name", ["COPYRIGHT", "COPYRIGHT.txt"])
def test_a_licence_text_in_a_copyright_file_is_the_projects_licence_too(
    make_repo: RepoFactory, name: str,
) -> None:
    """The licence family reads a root `COPYRIGHT` file as the project's licence text;
    the merge-request mode's list of licence files did not, so a change that replaced
    its MIT text by Apache-2.0's (and bumped a package) made an old GPL-2.0-only package
    incompatible, held back as declared before: READY."""
    packages = {"old-gpl2": {"license": "GPL-2.0-only"}, "left-pad": {"license": "MIT"}}
    root: Path = make_repo({"README.md": "# Front\n", name: MIT_LICENSE,
                            **_lock(packages)})
    git(root, "checkout", "--quiet", "-b", "relicense")
    bumped = {**packages, "left-pad": {"license": "MIT", "version": "1.0.1"}}
    commit(root, {name: APACHE_LICENSE, **_lock(bumped)}, "Apache-2.0")
    whole = check_json(root, *DEPS, "--rule", "deps-incompatible")
    assert ("deps-incompatible", "old-gpl2") in _found(whole)  # the control
    report = check_json(root, "--diff-base", "main", *DEPS, "--rule", "deps-incompatible")
    assert ("deps-incompatible", "old-gpl2") in _found(report)
    assert report["ready"] is False


GPL2_LATER = ("This program is free software; you can redistribute it and/or modify it "
              "under the terms of the GNU General Public License as published by the Free "
              "Software Foundation; either version 2 of the License, or (at your option) "
              "any later version.\n")


@pytest.mark.parametrize("path", ["NOTICE", "NOTICE.md", "README.md"])
def test_a_notice_that_widens_a_bare_gnu_text_states_the_licence(path: str) -> None:
    """A root NOTICE (or the README) saying "or any later version" makes a bare GPL-2.0
    text GPL-2.0-or-later: a change removing it narrows the project's licence, and an
    Apache-2.0 package declared before becomes incompatible. Such a file's change is a
    change of the licence when that sentence changes, and only then."""
    assert states_licence(path)
    with_notice = licence_statement(path, f"# Outil\n\n{GPL2_LATER}".encode())
    assert with_notice != licence_statement(path, b"# Outil\n\nCopyright 2026 DINUM\n")
    assert with_notice == licence_statement(path, f"# Outil v2\n\n{GPL2_LATER}".encode())
