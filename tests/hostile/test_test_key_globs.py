# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A key in a test folder that a deployment file names by a glob, a brace expansion or
its folder still blocks (adversary14).

A private key only in tests warns (`secrets/testkeys.py`): it blocks when what deploys
the project names it. The deployment files were split into words at `*`, `?`, `[`,
`{` and `,`, so a key copied by `COPY tests/certs/prod.* /etc/nginx/ssl/`, `cp
tests/certs/prod.{key,crt} …` or `scp tests/certs/*.key …` in a CI job was named by
nothing, and a deployment script copying its whole folder (`scp -r tests/certs prod:`)
named only folders, which counted for container and orchestration files alone: the
deployed key warned, READY. Filters that name every file of a folder (a CI job's
`changes: tests/**/*`, `pytest tests/*`) name no key.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import RepoFactory, check_json, findings_of
from opencheck.secrets.testkeys import MAX_GLOBS, DeploymentFiles
from secret_samples import Samples

pytestmark = pytest.mark.timeout(300)

KEY = "tests/certs/prod.key"
RULES = ("--rule", "secret-in-tree", "--no-history")

DEPLOYED = {
    "glob": {"Dockerfile": "FROM nginx\nCOPY tests/certs/prod.* /etc/nginx/ssl/\n"},
    "folder glob": {"Dockerfile": "FROM nginx\nCOPY tests/cert? /etc/nginx/ssl/\n"},
    "braces": {"deploy.sh": "#!/bin/sh\ncp tests/certs/prod.{key,crt} /etc/nginx/ssl/\n"},
    "script's folder": {"deploy.sh": "#!/bin/sh\nscp -r tests/certs prod:/etc/nginx/ssl\n"},
    # a glob padded past any path's length still names the key: its stars are one
    "padded glob": {"Dockerfile": "FROM nginx\nCOPY tests/certs/prod." + "*" * 5000
                    + " /etc/nginx/ssl/\n"},
    "CI glob": {".gitlab-ci.yml":
                "deploy:\n  script:\n    - scp tests/certs/*.key prod:/etc/ssl/\n"},
}
NOT_DEPLOYED = {
    ".gitlab-ci.yml": "test:\n  rules:\n    - changes:\n        - tests/**/*\n"
                      "  script:\n    - pytest tests/*\n",
    "deploy.sh": "#!/bin/sh\nchmod 600 /etc/ssl/*.key\n",
    "Dockerfile": "FROM python:3.12\nCOPY src/*.py /app/\n",
    "src/app.py": "print(1)\n",
}


def _key_severity(report: dict[str, Any]) -> str:
    return next(f["severity"] for f in findings_of(report) if f["path"] == KEY)


@pytest.mark.parametrize("case", sorted(DEPLOYED))
def test_a_test_key_a_deployment_names_by_a_glob_blocks(make_repo: RepoFactory,
                                                        case: str) -> None:
    root = make_repo({"README.md": "# x\n", KEY: Samples(131).private_key(),
                      **DEPLOYED[case]})
    report = check_json(root, *RULES)
    assert _key_severity(report) == "error"
    assert report["verdict"] == "not_ready"


def test_filters_naming_every_file_of_a_folder_leave_it_a_test_key(
        make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# x\n", KEY: Samples(131).private_key(),
                      **NOT_DEPLOYED})
    report = check_json(root, *RULES)
    assert _key_severity(report) == "warning"
    assert report["ready"] is True


def test_globs_past_the_bound_leave_every_key_named() -> None:
    decoys = "".join(f"COPY decoy{n}/*.pem /x/\n" for n in range(MAX_GLOBS + 1))
    files = DeploymentFiles(["Dockerfile", KEY], {"Dockerfile": decoys}.get)
    assert files.used(KEY)
    huge = "cp tests/certs/{" + ",".join(f"n{n}" for n in range(100)) + "}.key /x\n"
    assert DeploymentFiles(["deploy.sh", KEY], {"deploy.sh": huge}.get).used(KEY)


@pytest.mark.parametrize(("files", "severity"), [
    ({"package.json": '{"scripts": {"deploy:prod": "scp tests/certs/prod.key srv:/etc/ssl/",'
                      ' "test": "mocha --key tests/certs/prod.key"}}'}, "error"),
    ({"Makefile": "test:\n\tpytest --key tests/certs/prod.key\n\nrelease: build\n"
                  "\trsync tests/certs/ prod:/etc/ssl/\n"}, "error"),
    # what runs the tests names the test key: it stays a test key
    ({"package.json": '{"scripts": {"test": "mocha --key tests/certs/prod.key"}}',
      "Makefile": "test:\n\tpytest --key tests/certs/prod.key\nCERTS := tests/certs\n"},
     "warning"),
])
def test_a_deployment_script_or_target_names_the_key(make_repo: RepoFactory,
                                                     files: dict[str, str],
                                                     severity: str) -> None:
    """npm scripts and make targets were never read: `npm run deploy:prod` copying a
    key of `tests/certs/` left it a test key (adversary14). Only those named for a
    deployment are read."""
    root = make_repo({"README.md": "# x\n", KEY: Samples(131).private_key(), **files})
    assert _key_severity(check_json(root, *RULES)) == severity
