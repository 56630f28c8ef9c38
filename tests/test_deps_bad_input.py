# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Broken, hostile or huge manifests: a clear finding each, and the rest goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import check_json, findings_of
from opencheck.deps.inventory import build
from opencheck.repository import open_repository

# Every test here feeds hostile input: a regression must fail, never hang CI.
pytestmark = pytest.mark.timeout(60)

GOOD_GO_MOD = "module example.org/app\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n"


def problems_of(root: Path) -> dict[str, str]:
    inventory = build(open_repository(root))
    return {p.path: p.message.en for p in inventory.problems}


def names_of(root: Path) -> set[str]:
    return {d.name for d in build(open_repository(root)).dependencies}


def test_invalid_lockfile_is_reported_and_other_ecosystems_go_on(make_repo) -> None:
    root = make_repo({
        "web/package.json": json.dumps({"dependencies": {"left-pad": "^1.3.0"}}),
        "web/package-lock.json": '{"lockfileVersion": 3, "packages": {',
        "api/go.mod": GOOD_GO_MOD,
        "api/Cargo.lock": "[[package]]\nname = 'x\n",
        "api/Cargo.toml": "[package]\nname = 'api'\n[dependencies]\nserde = '1'\n",
    })
    problems = problems_of(root)
    assert "invalid JSON" in problems["web/package-lock.json"]
    assert "invalid TOML" in problems["api/Cargo.lock"]
    names = names_of(root)
    # The manifest stands in for the broken lockfile; go.mod is read as usual.
    assert {"left-pad", "serde", "github.com/google/uuid"} <= names


def test_lockfile_above_the_size_limit_gives_a_clear_finding(make_repo) -> None:
    root = make_repo({"go.mod": GOOD_GO_MOD, "package.json": "{}"}, git_init=False)
    with open(root / "package-lock.json", "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    report = check_json(root, "--rule", "deps-*")
    found = [f for f in findings_of(report) if f["rule"] == "deps-manifests-readable"]
    assert len(found) == 1
    assert found[0]["path"] == "package-lock.json"
    assert "100 MB, above the 5 MB limit" in found[0]["message"]
    assert "github.com/google/uuid" in names_of(root)


def test_yaml_alias_bomb_in_pnpm_lock_is_refused(make_repo) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 13):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    root = make_repo({"pnpm-lock.yaml": bomb, "go.mod": GOOD_GO_MOD})
    problems = problems_of(root)
    assert "too many YAML aliases" in problems["pnpm-lock.yaml"]
    assert names_of(root) == {"github.com/google/uuid"}


def test_pom_with_entities_is_refused(make_repo) -> None:
    pom = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
           "<project><dependencies><dependency><groupId>&lol2;</groupId>"
           "<artifactId>a</artifactId></dependency></dependencies></project>\n")
    root = make_repo({"pom.xml": pom})
    assert "refused: a DTD or entity declaration" in problems_of(root)["pom.xml"]


def test_unexpected_structures_never_crash(make_repo) -> None:
    root = make_repo({
        "package.json": "[1, 2, 3]",
        "package-lock.json": json.dumps({"lockfileVersion": 3, "packages": [1, 2]}),
        "composer.lock": json.dumps({"packages": {"not": "a list"}}),
        "py/Pipfile.lock": "[" * 100000 + "]" * 100000,
        "y/yarn.lock": "this is not a lockfile\n  version nope\n",
        "uv.lock": "package = 3\n",
        "Gemfile.lock": "\0\0binary",
    })
    inventory = build(open_repository(root))
    # A well-formed file of the wrong shape is reported, never read as declaring nothing.
    assert problems_of(root) == {
        "package.json": "top level: an object was expected, not an array; what it should "
                        "list is not read",
        "package-lock.json": "packages: an object was expected, not an array; what it "
                             "should list is not read",
        "composer.lock": "packages: an array was expected, not an object; what it should "
                         "list is not read",
        "py/Pipfile.lock": "invalid JSON: nested too deeply",
        "Gemfile.lock": "binary content, not a text manifest",
        "y/yarn.lock": "line 1: not a yarn.lock entry",
        "uv.lock": "package: an array was expected, not a number; what it should list is "
                   "not read",
    }
    assert inventory.dependencies == []
    assert sorted(inventory.manifests) == sorted(
        ["package.json", "package-lock.json", "composer.lock", "py/Pipfile.lock",
         "y/yarn.lock", "uv.lock", "Gemfile.lock"])


# (file, content, the problem it must give): every parser, top level and nested.
WRONG_SHAPES = [
    ("package.json", '"just a string"', "top level: an object was expected, not a string"),
    ("package.json", "null", "the file: an object was expected, not nothing (null or empty)"),
    ("package.json", json.dumps({"dependencies": ["left-pad"]}),
     "dependencies: an object was expected, not an array"),
    ("package-lock.json", json.dumps({"lockfileVersion": 1, "dependencies": {"a": 3}}),
     "dependencies['a']: an object was expected, not a number"),
    ("package-lock.json", json.dumps({"lockfileVersion": 3, "packages": {
        "node_modules/a": ["1.0.0"]}}),
     "packages['node_modules/a']: an object was expected, not an array"),
    ("composer.json", json.dumps({"require": ["php", "monolog/monolog"]}),
     "require: an object was expected, not an array"),
    ("composer.lock", json.dumps({"packages": [{"name": "a/b"}, "c/d"]}),
     "packages[1]: an object was expected, not a string"),
    ("composer.lock", "[]", "top level: an object was expected, not an array"),
    ("pyproject.toml", '[project]\nname = "x"\ndependencies = "requests"\n',
     "project.dependencies: an array was expected, not a string"),
    ("pyproject.toml", 'project = "x"\n', "project: a table was expected, not a string"),
    ("pyproject.toml", "[tool]\npoetry = 1\n", "tool.poetry: a table was expected, not a number"),
    ("Pipfile", "packages = [1]\n", "packages: a table was expected, not an array"),
    ("Pipfile.lock", json.dumps({"default": []}), "default: an object was expected, not an array"),
    ("poetry.lock", "[package]\nname = 'x'\n", "package: an array was expected, not a table"),
    ("Cargo.toml", "dependencies = ['serde']\n",
     "dependencies: a table was expected, not an array"),
    ("Cargo.lock", "package = 'serde'\n", "package: an array was expected, not a string"),
    ("pnpm-lock.yaml", "- a\n- b\n", "top level: a mapping was expected, not a list"),
    ("pnpm-lock.yaml", "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies: [a]\n",
     "importers['.'].dependencies: a mapping was expected, not a list"),
    ("pnpm-lock.yaml", "", "the file: a mapping was expected, not nothing (null or empty)"),
    ("yarn.lock", "__metadata:\n  version: 6\n'a@npm:1': [1]\n",
     "'a@npm:1': a mapping was expected, not a list"),
]


@pytest.mark.parametrize(("name", "content", "problem"), WRONG_SHAPES,
                         ids=[f"{case[0]}:{case[2].split(':')[0]}" for case in WRONG_SHAPES])
def test_a_manifest_of_the_wrong_shape_is_reported(make_repo, name: str, content: str,
                                                   problem: str) -> None:
    root = make_repo({name: content, "go.mod": GOOD_GO_MOD})
    problems = problems_of(root)
    assert list(problems) == [name]
    assert problems[name].startswith(problem)
    assert "github.com/google/uuid" in names_of(root)  # the rest is read as usual


def test_a_wrong_shape_is_one_finding_naming_the_file(make_repo) -> None:
    root = make_repo({"package.json": "[1, 2]", "composer.lock": json.dumps(
        {"packages": {"a": 1}, "packages-dev": {"b": 2}})})
    report = check_json(root, "--rule", "deps-*")
    found = {f["path"]: f["message"] for f in findings_of(report)
             if f["rule"] == "deps-manifests-readable"}
    assert list(found) == ["composer.lock", "package.json"] or sorted(found) == [
        "composer.lock", "package.json"]
    assert "packages: an array was expected, not an object" in found["composer.lock"]
    assert "top level: an object was expected, not an array" in found["package.json"]
    fr = check_json(root, "--rule", "deps-*", "--lang", "fr")
    messages = [f["message"] for f in findings_of(fr) if f["path"] == "package.json"]
    assert any("le premier niveau : un objet était attendu, pas un tableau" in m
               for m in messages)


def test_manifests_in_vendored_and_fixture_folders_are_not_the_projects(make_repo) -> None:
    root = make_repo({
        "go.mod": GOOD_GO_MOD,
        "node_modules/left-pad/package.json": json.dumps(
            {"name": "left-pad", "version": "1.3.0", "license": "WTFPL",
             "dependencies": {"nothing": "1"}}),
        "tests/fixtures/app/package-lock.json": "{broken",
    })
    inventory = build(open_repository(root))
    assert inventory.problems == []
    assert inventory.manifests == ["go.mod"]
    vendored = [d for d in inventory.dependencies if d.ecosystem == "vendored"]
    assert [(d.name, d.version, d.spdx) for d in vendored] == [
        ("node_modules/left-pad", "1.3.0", "WTFPL")]
