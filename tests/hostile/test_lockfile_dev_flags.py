# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A lockfile's word that a package is for development does not hide a runtime one
(adversary14).

The dependency rules leave development packages out (unless `include_dev`), and which
ones they are was the lockfile's word alone: `"dev": true` on a package package.json
lists in `dependencies` (or on one such a package depends on) in package-lock.json, or
a package composer.json `require`s moved into composer.lock's `packages-dev`, hid its
CC-BY-NC-4.0 licence: READY. A package the runtime dependencies reach (package.json's,
composer.json's, through the lockfile's own graph) now counts as runtime; a real
development dependency stays one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, findings_of
from opencheck.deps.inventory import build
from opencheck.deps.model import DEV, OPTIONAL, RUNTIME
from opencheck.repository import open_repository

pytestmark = pytest.mark.timeout(300)

NON_FREE = "CC-BY-NC-4.0"


def _package_json(runtime: dict[str, str], dev: dict[str, str] | None = None) -> str:
    return json.dumps({"name": "outil", "version": "1.0.0", "license": "MIT",
                       "dependencies": runtime, "devDependencies": dev or {}})


def _lock(packages: dict[str, dict[str, Any]], runtime: dict[str, str],
          dev: dict[str, str] | None = None) -> str:
    root = {"name": "outil", "version": "1.0.0", "dependencies": runtime,
            "devDependencies": dev or {}}
    return json.dumps({"name": "outil", "version": "1.0.0", "lockfileVersion": 3,
                       "packages": {"": root, **packages}})


def _non_free(report: dict[str, Any]) -> set[str]:
    return {finding["message"].split(" ", 1)[0] for finding in findings_of(report)
            if finding["rule"] == "deps-non-free" and finding["severity"] == "error"}


def test_a_runtime_dependency_flagged_dev_in_the_lockfile_blocks(
        make_repo: RepoFactory) -> None:
    runtime = {"privlib": "^1.0.0"}
    root = make_repo({"package.json": _package_json(runtime), "package-lock.json": _lock(
        {"node_modules/privlib": {"version": "1.0.0", "license": NON_FREE, "dev": True}},
        {})})
    report = check_json(root, "--no-history", "--rule", "deps-*")
    assert _non_free(report) == {"privlib"}
    assert report["verdict"] == "not_ready"


def test_what_a_runtime_dependency_needs_is_runtime_whatever_its_flag(
        make_repo: RepoFactory) -> None:
    runtime = {"wrapper": "^1.0.0"}
    packages = {
        "node_modules/wrapper": {"version": "1.0.0", "license": "MIT",
                                 "dependencies": {"nclib": "^2.0.0"}},
        # Node finds the nested copy first, then the top one of the other package
        "node_modules/wrapper/node_modules/nclib": {
            "version": "2.0.0", "license": NON_FREE, "dev": True,
            "dependencies": {"deeper": "^1.0.0"}},
        "node_modules/nclib": {"version": "1.0.0", "license": "MIT", "dev": True},
        "node_modules/deeper": {"version": "1.0.0", "license": NON_FREE, "dev": True},
        # a real development dependency keeps its flag
        "node_modules/devtool": {"version": "1.0.0", "license": NON_FREE, "dev": True},
    }
    root = make_repo({"package.json": _package_json(runtime, {"devtool": "^1.0.0"}),
                      "package-lock.json": _lock(packages, runtime, {"devtool": "^1.0.0"})})
    scopes = {(dep.name, dep.version): dep.scope
              for dep in build(open_repository(root)).dependencies}
    assert scopes == {("wrapper", "1.0.0"): RUNTIME, ("nclib", "2.0.0"): RUNTIME,
                      ("nclib", "1.0.0"): DEV, ("deeper", "1.0.0"): RUNTIME,
                      ("devtool", "1.0.0"): DEV}
    assert _non_free(check_json(root, "--no-history", "--rule", "deps-*")) == \
        {"nclib", "deeper"}


def test_a_required_composer_package_in_packages_dev_blocks(make_repo: RepoFactory) -> None:
    composer = {"name": "mairie/outil", "license": "MIT",
                "require": {"vendor/wrapper": "^1.0"}, "require-dev": {"vendor/devtool": "^1"}}
    lock = {"packages": [{"name": "vendor/wrapper", "version": "1.0.0", "license": ["MIT"],
                          "require": {"vendor/nclib": "^2.0"}}],
            "packages-dev": [{"name": "vendor/nclib", "version": "2.0.0",
                              "license": [NON_FREE]},
                             {"name": "vendor/devtool", "version": "1.0.0",
                              "license": [NON_FREE]}]}
    root = make_repo({"composer.json": json.dumps(composer),
                      "composer.lock": json.dumps(lock)})
    scopes = {dep.name: dep.scope for dep in build(open_repository(root)).dependencies}
    assert scopes == {"vendor/wrapper": RUNTIME, "vendor/nclib": RUNTIME,
                      "vendor/devtool": DEV}


def test_a_pnpm_importer_cannot_make_a_runtime_dependency_dev(make_repo: RepoFactory,
                                                             tmp_path: Path) -> None:
    lock = ("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n"
            "      privlib:\n        specifier: ^1.0.0\n        version: 1.0.0\n\n"
            "packages:\n\n  privlib@1.0.0:\n    resolution: {integrity: sha512-AAAA}\n\n"
            "snapshots:\n\n  privlib@1.0.0: {}\n")
    root = make_repo({"package.json": _package_json({"privlib": "^1.0.0"}),
                      "pnpm-lock.yaml": lock})
    scopes = {dep.name: dep.scope for dep in build(open_repository(root)).dependencies}
    assert scopes == {"privlib": RUNTIME}


@pytest.mark.parametrize(("name", "scope"), [
    ("requirements/docker.txt", RUNTIME), ("requirements-specific.txt", RUNTIME),
    ("requirements/device.txt", RUNTIME), ("requirements-dev.txt", DEV),
    ("requirements4doc.txt", DEV), ("requirements/test.txt", DEV)])
def test_a_requirements_file_is_development_by_its_words(name: str, scope: str) -> None:
    """The words "doc", "ci" or "dev" searched anywhere in the name made the packages of
    `requirements/docker.txt` (what an image installs) development ones."""
    from opencheck.deps.python import parse_requirements

    assert {dep.scope for dep in parse_requirements("privlib==1.0\n", name)} == {scope}


def test_an_optional_peer_of_a_runtime_package_stays_dev(make_repo: RepoFactory) -> None:
    """vue and pinia name `typescript` as an optional peer: npm does not install it for
    them, and flags it dev when only the development dependencies need it (eurydice's
    and espaceco's lockfiles)."""
    runtime = {"vue": "^3.0.0"}
    packages = {
        "node_modules/vue": {"version": "3.5.0", "license": "MIT",
                             "peerDependencies": {"typescript": "*"},
                             "peerDependenciesMeta": {"typescript": {"optional": True}}},
        "node_modules/typescript": {"version": "5.9.3", "license": NON_FREE, "dev": True},
    }
    root = make_repo({"package.json": _package_json(runtime, {"typescript": "^5"}),
                      "package-lock.json": _lock(packages, runtime, {"typescript": "^5"})})
    scopes = {dep.name: dep.scope for dep in build(open_repository(root)).dependencies}
    assert scopes == {"vue": RUNTIME, "typescript": DEV}


def test_the_walk_follows_npms_own_flags_on_real_shapes(make_repo: RepoFactory) -> None:
    """What the corpus's lockfiles showed npm does (dialog, histologe, monitorenv,
    FormSG, preuve-covoiturage): a `file:` folder of the development dependencies is not
    walked unless reached; a name in both lists of package.json is dev; a peer is not
    followed; a `devOptional` package runtime reaches is optional."""
    runtime = {"app-lib": "^1", "both": "^1"}
    dev = {"both": "^1", "local-assets": "file:vendor/assets", "vite": "^5"}
    packages = {
        "vendor/assets": {"version": "1.0.0", "dependencies": {"stimulus": "^3"}},
        "node_modules/local-assets": {"resolved": "vendor/assets", "link": True,
                                      "dev": True},
        "node_modules/stimulus": {"version": "3.2.2", "license": NON_FREE, "dev": True},
        "node_modules/both": {"version": "1.0.0", "license": NON_FREE, "dev": True},
        "node_modules/app-lib": {"version": "1.0.0", "license": "MIT",
                                 "peerDependencies": {"vite": "^4"},
                                 "optionalDependencies": {"watcher": "^2"}},
        "node_modules/vite": {"version": "5.4.6", "license": NON_FREE, "dev": True},
        "node_modules/watcher": {"version": "2.5.0", "license": "MIT", "optional": True,
                                 "dependencies": {"braces": "^3"}},
        "node_modules/braces": {"version": "3.0.3", "license": "MIT", "devOptional": True},
    }
    root = make_repo({"package.json": _package_json(runtime, dev),
                      "package-lock.json": _lock(packages, runtime, dev)})
    scopes = {dep.name: dep.scope for dep in build(open_repository(root)).dependencies}
    assert scopes == {"stimulus": DEV, "both": DEV, "app-lib": RUNTIME, "vite": DEV,
                      "watcher": OPTIONAL, "braces": OPTIONAL}
