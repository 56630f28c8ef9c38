# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: a dependency the changed lockfile declared already where the
change starts is not what the change brings. A bot's merge request that bumps one
package rewrites the lockfile, and was blocked by every non-free package it held before
(monitorenv's @sentry/cli)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import COMPLETE_HOUSE, check_json, commit, findings_of, git, run_cli
from test_deps_checks import package_lock

DEPS = ("--rule", "deps-non-free", "--rule", "deps-copyleft", "--rule", "deps-licence-known")
BEFORE = {"nc-icons": {"license": "CC-BY-NC-4.0"}, "left-pad": {"license": "MIT"},
          "gpl-chart": {"license": "GPL-3.0-only"}}


def _front(packages: dict[str, dict[str, Any]]) -> dict[str, str]:
    names = list(packages)
    return {"front/package.json": json.dumps({"name": "front",
                                              "dependencies": {n: "*" for n in names}}),
            "front/package-lock.json": package_lock(packages, names)}


def _found(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["dependency"]) for f in findings_of(report)
                  if "dependency" in f)


def _branch(make_repo: Any) -> Path:
    root: Path = make_repo({**COMPLETE_HOUSE, **_front(BEFORE)})
    git(root, "checkout", "--quiet", "-b", "renovate/left-pad")
    return root


def test_a_bump_of_another_package_does_not_bring_the_old_ones(make_repo: Any) -> None:
    root = _branch(make_repo)
    bumped = {**BEFORE, "left-pad": {"license": "MIT", "version": "1.0.1"}}
    commit(root, _front(bumped), "chore(deps): update left-pad to 1.0.1")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []
    assert report["ready"] is True
    assert report["metadata"]["diff"]["dependencies_declared_before"] == 2
    whole = check_json(root, *DEPS)
    assert _found(whole) == [("deps-copyleft", "gpl-chart"), ("deps-non-free", "nc-icons")]
    for lang, note in (("en", "Of them, 2 dependency finding(s) of packages the changed"),
                       ("fr", "Dont 2 constat(s) de dépendances que les manifestes")):
        text = run_cli("check", str(root), "--diff-base", "main", "--lang", lang, *DEPS)
        assert note in text.stdout


def test_a_package_the_change_adds_or_bumps_is_reported(make_repo: Any) -> None:
    root = _branch(make_repo)
    added = {**BEFORE, "sspl-db": {"license": "CC-BY-NC-SA-4.0"},
             "nc-icons": {"license": "CC-BY-NC-4.0", "version": "2.0.0"}}
    commit(root, _front(added), "Add a database client, bump the icons")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == [("deps-non-free", "nc-icons"), ("deps-non-free", "sspl-db")]
    assert report["ready"] is False


def test_a_change_of_the_project_licence_judges_every_dependency_again(
    make_repo: Any,
) -> None:
    """Copyleft is judged against the project's licence: when the change touches the
    licence file, a dependency declared before may be the change's problem."""
    root = _branch(make_repo)
    bumped = {**BEFORE, "left-pad": {"license": "MIT", "version": "1.0.1"}}
    commit(root, {**_front(bumped), "LICENSE": COMPLETE_HOUSE["LICENSE"] + "\n"}, "Both")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == [("deps-copyleft", "gpl-chart")]


def _top(licence_field: str, packages: dict[str, dict[str, Any]],
         ranges: dict[str, str]) -> dict[str, str]:
    """A project whose one package.json, at its top, states its licence."""
    names = list(packages)
    return {"package.json": json.dumps({"name": "app", "license": licence_field,
                                        "dependencies": {n: ranges.get(n, "*") for n in names}}),
            "package-lock.json": package_lock(packages, names)}


TOP = {"old-gpl2": {"license": "GPL-2.0-only"}, "left-pad": {"license": "MIT"}}
INCOMPATIBLE = ("--rule", "deps-incompatible", "--rule", "deps-copyleft")


def test_a_bump_in_the_top_manifest_does_not_bring_the_old_incompatibilities(
    make_repo: Any,
) -> None:
    """Most projects keep their one package.json at the top, beside the licence: a bot
    bumping one package there rewrites it, which left its licence as it was, and every
    old dependency incompatible with that licence blocked the bump."""
    root: Path = make_repo(_top("Apache-2.0", TOP, {}))
    git(root, "checkout", "--quiet", "-b", "renovate/left-pad")
    bumped = {**TOP, "left-pad": {"license": "MIT", "version": "1.0.1"}}
    commit(root, _top("Apache-2.0", bumped, {"left-pad": "^1.0.1"}), "chore(deps): left-pad")
    report = check_json(root, "--diff-base", "main", *INCOMPATIBLE)
    assert _found(report) == []
    assert report["ready"] is True
    whole = check_json(root, *INCOMPATIBLE)
    assert ("deps-incompatible", "old-gpl2") in _found(whole)


def test_a_change_of_the_licence_a_top_manifest_states_judges_every_dependency_again(
    make_repo: Any,
) -> None:
    """The same file's licence field changed: the old GPL-2.0 package was fine in a
    GPL-2.0 project and is the change's problem in an Apache-2.0 one."""
    root: Path = make_repo(_top("GPL-2.0-only", TOP, {}))
    git(root, "checkout", "--quiet", "-b", "relicense")
    bumped = {**TOP, "left-pad": {"license": "MIT", "version": "1.0.1"}}
    commit(root, _top("Apache-2.0", bumped, {"left-pad": "^1.0.1"}), "Apache-2.0")
    report = check_json(root, "--diff-base", "main", *INCOMPATIBLE)
    assert ("deps-incompatible", "old-gpl2") in _found(report)
    assert report["ready"] is False


def test_the_lockfile_s_notice_names_only_the_packages_the_change_brought(
    make_repo: Any,
) -> None:
    """The lockfile's notice, "N dependencies without a known licence", came back on
    every bump with all the packages it held: it is held back when the change brought
    none of them, and names only those it added or bumped otherwise."""
    unknown = {"left-pad": {"license": "MIT"}, "tiny-date": {}, "tiny-color": {},
               "tiny-math": {}}
    root: Path = make_repo({**COMPLETE_HOUSE, **_front(unknown)})
    git(root, "checkout", "--quiet", "-b", "renovate/left-pad")
    rule = ("--rule", "deps-licence-known")
    [notice] = findings_of(check_json(root, *rule))
    assert notice["message"].startswith("3 dependencies of front/package-lock.json without "
                                        "a known licence (")
    commit(root, _front({**unknown, "left-pad": {"license": "MIT", "version": "1.0.1"}}),
           "chore(deps): update left-pad to 1.0.1")
    report = check_json(root, "--diff-base", "main", *rule)
    assert findings_of(report) == []
    assert report["metadata"]["diff"]["dependencies_declared_before"] == 1
    commit(root, _front({**unknown, "left-pad": {"license": "MIT", "version": "1.0.1"},
                         "tiny-date": {"version": "2.0.0"}, "tiny-uuid": {}}),
           "Bump tiny-date, add tiny-uuid")
    for lang, said in (
            ("en", "2 dependencies of front/package-lock.json without a known licence that "
                   "the change added or bumped (tiny-date, tiny-uuid); 2 other(s) without a "
                   "known licence were there already where the change starts."),
            ("fr", "2 dépendance(s) de front/package-lock.json sans licence connue, "
                   "ajoutée(s) ou mise(s) à jour par le changement (tiny-date, tiny-uuid) ; "
                   "2 autre(s) sans licence connue y étaient déjà au point de départ du "
                   "changement.")):
        report = check_json(root, "--diff-base", "main", "--lang", lang, *rule)
        [notice] = findings_of(report)
        assert notice["message"] == said
        assert notice["dependencies"] == ["tiny-date", "tiny-uuid"]
    # the whole report keeps the notice as the rule says it, under the same fingerprint
    [whole_notice] = findings_of(check_json(root, *rule))
    assert whole_notice["fingerprint"] == notice["fingerprint"]
    assert whole_notice["message"].startswith("4 dependencies of front/package-lock.json")
