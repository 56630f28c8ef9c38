# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The path globs of REUSE.toml and `.reuse/dep5` against long paths.

reuse compiles an annotation's glob into a regular expression (`**` as `.*`) and
python-debian a dep5 one (`*` as `.*`), both matched by Python's backtracking engine,
in C where no time-out reaches: `**a**a**a**a**b` against one file 3,000 characters
deep ran for hours (a check stopped at 60 s had not finished). opencheck now matches
them itself, in linear time, with the libraries' own answers.
"""

from __future__ import annotations

from pathlib import Path

from conftest import RepoFactory
from hostile.bounded import under_the_bar
from opencheck.repository import open_repository
from opencheck.reuse_adapter import analyse

DEEP = "/".join(["a" * 200] * 15)  # 3,014 characters: a path Linux accepts
SPDX = "SPDX-License-" + "Identifier"


def _licensed(root: Path) -> list[tuple[str, tuple[str, ...]]]:
    analysis = analyse(open_repository(root))
    return sorted((verdict.path[:20], verdict.licences) for verdict in analysis.files
                  if verdict.licences)


def test_a_backtracking_reuse_toml_glob_meets_a_long_path(make_repo: RepoFactory) -> None:
    root = make_repo({
        f"{DEEP}/file.txt": "x\n",
        "docs/aaaab": "x\n",
        "README.md": "# Projet\n",
        "REUSE.toml": f'version = 1\n\n[[annotations]]\npath = ["**a**a**a**a**b", "**.md"]\n'
                      f'{SPDX} = "MIT"\n',
    })
    assert under_the_bar(lambda: _licensed(root)) == repr(
        [("README.md", ("MIT",)), ("docs/aaaab", ("MIT",))])


def test_a_backtracking_dep5_glob_meets_a_long_path(make_repo: RepoFactory) -> None:
    root = make_repo({
        f"{DEEP}/file.txt": "x\n",
        "docs/aaaab": "x\n",
        ".reuse/dep5": "Format: https://www.debian.org/doc/packaging-manuals/copyright-"
                       "format/1.0/\n\nFiles: *a*a*a*a*b\nCopyright: 2026 DINUM\n"
                       "License: MIT\n",
    })
    assert under_the_bar(lambda: _licensed(root)) == repr([("docs/aaaab", ("MIT",))])
