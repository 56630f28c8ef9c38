# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every fixture repository (one per ecosystem and lockfile format): every dependency
found, with its version, the licence its lockfile records, direct or not, and scope."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opencheck.deps.inventory import build
from opencheck.repository import open_repository

FIXTURES = Path(__file__).parent / "fixtures" / "deps"
NAMES = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())


def fixture_files(name: str) -> dict[str, str | bytes]:
    base = FIXTURES / name
    return {
        path.relative_to(base).as_posix(): path.read_bytes()
        for path in base.rglob("*")
        if path.is_file() and path.name != "expected.json"
    }


@pytest.mark.parametrize("name", NAMES)
def test_fixture_found_completely(make_repo, name: str) -> None:
    root = make_repo(fixture_files(name))
    inventory = build(open_repository(root))
    found = sorted(
        [d.name, d.version, d.licence, d.direct, d.scope] for d in inventory.dependencies
    )
    expected = sorted(json.loads((FIXTURES / name / "expected.json").read_text("utf-8")))
    assert inventory.problems == []
    assert found == expected


def test_every_ecosystem_has_a_fixture() -> None:
    assert {"npm-v1", "npm-v2", "npm-v3", "yarn-v1", "yarn-berry", "pnpm-v5", "pnpm-v6",
            "pnpm-v9", "composer", "poetry", "uv", "pipenv", "requirements", "cargo", "go",
            "maven", "ruby"} <= set(NAMES)


def test_fixtures_side_by_side_in_one_monorepo(make_repo) -> None:
    files: dict[str, str | bytes] = {}
    for name in ("npm-v3", "composer", "cargo", "go"):
        files.update({f"{name}/{path}": data for path, data in fixture_files(name).items()})
    inventory = build(open_repository(make_repo(files)))
    by_file = {d.declared_in for d in inventory.dependencies}
    assert by_file == {"npm-v3/package-lock.json", "composer/composer.lock",
                       "cargo/Cargo.lock", "go/go.mod"}


def test_poetry_2_groups_tell_dev_packages(make_repo) -> None:
    root = make_repo({
        "pyproject.toml": '[project]\nname = "x"\ndependencies = ["requests>=2"]\n',
        "poetry.lock": (
            '[[package]]\nname = "requests"\nversion = "2.31.0"\ngroups = ["main"]\n\n'
            '[[package]]\nname = "pytest"\nversion = "8.0.1"\ngroups = ["dev"]\n'
        ),
    })
    found = {d.name: (d.scope, d.direct) for d in build(open_repository(root)).dependencies}
    assert found == {"requests": ("runtime", True), "pytest": ("dev", False)}


@pytest.mark.parametrize(("key", "version", "expected"), [
    ("/@babel/core/7.20.0_supports-color@5.5.0", 5.4, ("@babel/core", "7.20.0")),
    ("/lodash/4.17.21", 5.3, ("lodash", "4.17.21")),
    ("/@vue/shared@3.4.19(typescript@5.3.3)", 6.0, ("@vue/shared", "3.4.19")),
    ("esbuild@0.19.12", 9.0, ("esbuild", "0.19.12")),
])
def test_pnpm_package_keys(key: str, version: float, expected: tuple[str, str]) -> None:
    from opencheck.deps.pnpm import package_key

    assert package_key(key, version) == expected


def test_npm_workspace_dependencies_are_direct(make_repo) -> None:
    lock = {"lockfileVersion": 3, "packages": {
        "": {"name": "mono", "workspaces": ["packages/ui"], "dependencies": {"a": "^1"}},
        "packages/ui": {"name": "ui", "version": "0.1.0", "dependencies": {"b": "^2"}},
        "node_modules/ui": {"resolved": "packages/ui", "link": True},
        "node_modules/a": {"version": "1.0.0", "license": "MIT"},
        "node_modules/b": {"version": "2.0.0", "license": "MIT"},
        "node_modules/c": {"version": "3.0.0", "license": "MIT"},
    }}
    root = make_repo({"package-lock.json": json.dumps(lock)})
    found = {d.name: d.direct for d in build(open_repository(root)).dependencies}
    assert found == {"a": True, "b": True, "c": False}


YARN_LOCK = """# yarn lockfile v1


left-pad@^1.3.0:
  version "1.3.0"

kysely@^0.27.0:
  version "0.27.4"

is-odd@^3.0.0:
  version "3.0.1"

is-number@^6.0.0:
  version "6.0.0"
"""


@pytest.mark.parametrize("workspaces", [["api", "web"], ["*"], {"packages": ["api", "web"]}])
def test_yarn_workspace_members_are_pinned_by_the_root_lockfile(make_repo,
                                                                 workspaces) -> None:
    """A member of a yarn workspace has no lockfile of its own: the root's pins its
    packages, which are direct, and are not listed again as unpinned requirements."""
    root = make_repo({
        "package.json": json.dumps({"name": "mono", "private": True,
                                    "workspaces": workspaces,
                                    "devDependencies": {"left-pad": "^1.3.0"}}),
        "yarn.lock": YARN_LOCK,
        "api/package.json": json.dumps({"name": "api", "dependencies": {"kysely": "^0.27.0"}}),
        "web/package.json": json.dumps({"name": "web", "dependencies": {"is-odd": "^3.0.0",
                                                                        "api": "*"}}),
        "docs/package.json": json.dumps({"name": "docs", "dependencies": {"vitepress": "1"}}),
    })
    found = {(d.name, d.declared_in): (d.version, d.locked, d.direct)
             for d in build(open_repository(root)).dependencies}
    assert found == {
        ("left-pad", "yarn.lock"): ("1.3.0", True, True),
        ("kysely", "yarn.lock"): ("0.27.4", True, True),
        ("is-odd", "yarn.lock"): ("3.0.1", True, True),
        ("is-number", "yarn.lock"): ("6.0.0", True, False),
        # not a member (or, with "*", absent from the lockfile): its own requirement
        ("vitepress", "docs/package.json"): ("1", False, True),
    }


def _pom(artifact: str, body: str, group: str = "<groupId>fr.example</groupId>") -> str:
    return (f'<project xmlns="http://maven.apache.org/POM/4.0.0">{group}'
            f"<artifactId>{artifact}</artifactId><version>1.0</version>{body}</project>")


def test_a_multi_module_project_s_own_modules_are_not_dependencies(make_repo) -> None:
    inherited = "<parent><groupId>fr.example</groupId><artifactId>parent</artifactId></parent>"
    root = make_repo({
        "pom.xml": _pom("parent", "<modules><module>core</module><module>api</module></modules>"),
        "core/pom.xml": _pom("core", "", group=inherited),
        "api/pom.xml": _pom("api", (
            "<dependencies>"
            "<dependency><groupId>fr.example</groupId><artifactId>core</artifactId>"
            "<version>${project.version}</version></dependency>"
            "<dependency><groupId>org.apache.commons</groupId>"
            "<artifactId>commons-lang3</artifactId><version>3.14.0</version></dependency>"
            "<dependency><groupId>fr.other</groupId><artifactId>core</artifactId>"
            "<version>2.0</version></dependency>"
            "</dependencies>"), group=inherited),
    })
    inventory = build(open_repository(root))
    assert sorted((d.name, d.version) for d in inventory.dependencies) == [
        ("fr.other:core", "2.0"), ("org.apache.commons:commons-lang3", "3.14.0")]


def test_a_dockerfile_named_requirements_lists_no_dependency(make_repo) -> None:
    # suitenumerique/messages' src/mpa/tests/requirements.txt holds a Dockerfile: its
    # FROM, WORKDIR, COPY and RUN were five dependencies without a known licence
    dockerfile = ("FROM python:3.12-slim\n\nWORKDIR /app\n\nCOPY requirements.txt .\n"
                  "RUN pip install -r requirements.txt\n\nCOPY . .\n")
    requirements = ("django>=4.2\nrequests == 2.31.0\nnumpy (>=1.0)\n"
                    "pkg @ https://example.org/pkg.whl\nplain\n"
                    # given by their URL (eudi-srv-web-issuing-eudiw-py): named by it
                    "git+https://github.com/wbond/oscrypto.git@d5f3437#egg=oscrypto\n"
                    "git+https://github.com/example/sd-jwt-python.git@v0.10.4-1\n"
                    "https://example.org/dist/foo-1.0.tar.gz\n")
    inventory = build(open_repository(make_repo({
        "src/mpa/tests/requirements.txt": dockerfile, "requirements.txt": requirements})))
    assert sorted(d.name for d in inventory.dependencies) == [
        "django", "foo", "numpy", "oscrypto", "pkg", "plain", "requests", "sd-jwt-python"]
