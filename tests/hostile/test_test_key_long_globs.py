# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A deployment glob longer than any path still deploys what it matches.

3bdd289 made a glob longer than 4,096 characters (its runs of `*` made one) name no
file: a character class or a brace's other choice is as long as one likes and stands
for one character or one name, so `COPY tests/certs/prod.[kkkk…]ey /etc/nginx/ssl/`
copied the key and the key warned, READY. Past the bound the glob is not matched and
every key counts as named, as past the other bounds (review14)."""

from __future__ import annotations

import pytest

from conftest import RepoFactory, check_json, findings_of
from secret_samples import Samples

pytestmark = pytest.mark.timeout(300)

KEY = "tests/certs/prod.key"
PADDING = 5000


@pytest.mark.parametrize("glob", [
    "tests/certs/prod.[" + "k" * PADDING + "]ey",
    "tests/certs/prod.{key," + "x" * PADDING + "}",
])
def test_a_long_glob_that_copies_a_test_key_leaves_it_blocking(
        make_repo: RepoFactory, glob: str) -> None:
    root = make_repo({"README.md": "# x\n", KEY: Samples(131).private_key(),
                      "Dockerfile": f"FROM nginx\nCOPY {glob} /etc/nginx/ssl/\n"})
    report = check_json(root, "--rule", "secret-in-tree", "--no-history")
    assert [f["severity"] for f in findings_of(report) if f["path"] == KEY] == ["error"]
    assert report["verdict"] == "not_ready"
