# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The path globs of REUSE.toml and `.reuse/dep5` against long paths and many files.

reuse compiles an annotation's glob into a regular expression (`**` as `.*`) and
python-debian a dep5 one (`*` as `.*`), both matched by Python's backtracking engine,
in C where no time-out reaches: `**a**a**a**a**b` against one file 3,000 characters
deep ran for hours (a check stopped at 60 s had not finished). opencheck now matches
them itself, in linear time, with the libraries' own answers.

Both libraries also try every annotation (every REUSE.toml, every dep5 paragraph) on
each file: thousands of them against thousands of files took minutes. opencheck files
each glob under its literal parts (`globindex.py`) and tries only those a path can
match; globs it cannot narrow have a budget, past which the configuration is reported
as too heavy (`reuse-config`), and the configuration files are read up to 1 MiB.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import RepoFactory
from hostile.bounded import under_the_bar
from hostile.steps import steps
from opencheck.repository import open_repository
from opencheck.reuse_adapter import analyse

DEEP = "/".join(["a" * 200] * 15)  # 3,014 characters: a path Linux accepts
SPDX = "SPDX-License-" + "Identifier"
DEP5_FORMAT = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"

# A hang's stop only: these tests count work, not seconds, and their set-up (git
# repositories of thousands of files) took up to about a minute at a load of 14 on 2 cores.
pytestmark = pytest.mark.timeout(300)


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


def _annotations(globs: list[str]) -> str:
    return "version = 1\n" + "".join(
        f'\n[[annotations]]\npath = "{glob}"\n{SPDX} = "MIT"\n' for glob in globs)


def _analysed(root: Path) -> tuple[int, int, tuple[str, str] | None]:
    analysis = analyse(open_repository(root))
    problem = analysis.config_problem
    return (analysis.files_total, analysis.files_with_licensing,
            (problem.path, problem.kind) if problem else None)


PER_FILE = 10_000


def _linear_in(make: Callable[[int], Path]) -> None:
    """The analysis of `make(n)` (n files, n annotations or REUSE.toml files) at 250,
    500 and 1,000, counted in Python steps (hostile/steps.py), not seconds: from 500 to
    1,000 the steps may grow at most 2.25 times what they grew from 250 to 500 (now
    2.00 to 2.04; reuse's own lookup, every annotation tried on every file, 2.73), and
    each run judges every file."""
    roots = {count: make(count) for count in (250, 500, 1000)}
    # about 3,000 steps a file now; 10,000 stops a square growth early at 250 and 500
    steps(lambda: _analysed(roots[250]), limit=PER_FILE * 250)  # imports, caches
    first, found = steps(lambda: _analysed(roots[250]), limit=PER_FILE * 250)
    second, _ = steps(lambda: _analysed(roots[500]), limit=PER_FILE * 500)
    linear = second + 2 * (second - first)
    _, last = steps(lambda: _analysed(roots[1000]), limit=linear + (linear - second) // 8)
    assert (found, last) == ((250, 250, None), (1000, 1000, None))


def test_a_thousand_nested_reuse_tomls(make_repo: RepoFactory) -> None:
    # reuse asked each of the 1,000 REUSE.toml files whether each file is below it:
    # 13.8 s of CPU (pathlib), 0.6 s now
    def nested(count: int) -> Path:
        files = {f"p{n}/REUSE.toml": _annotations(["**"]) for n in range(count)}
        files.update({f"p{n}/code.c": "int x;\n" for n in range(count)})
        return make_repo(files)
    _linear_in(nested)


def test_a_reuse_toml_of_a_thousand_annotations(make_repo: RepoFactory) -> None:
    # every annotation tried on every file, each compiled: 4.0 s of CPU for 2,000
    def annotated(count: int) -> Path:
        files = {f"d{n % 20}/f{n}.c": "int x;\n" for n in range(count)}
        return make_repo({**files, "REUSE.toml": _annotations(sorted(files))})
    _linear_in(annotated)


def test_a_dep5_of_a_thousand_paragraphs(make_repo: RepoFactory) -> None:
    # python-debian tried every paragraph on every file: 5.7 s of CPU, 0.3 s now
    def paragraphs(count: int) -> Path:
        files = {f"d{n % 20}/f{n}.c": "int x;\n" for n in range(count)}
        dep5 = DEP5_FORMAT + "".join(
            f"\nFiles: {path}\nCopyright: 2026 X\nLicense: MIT\n" for path in sorted(files))
        return make_repo({**files, ".reuse/dep5": dep5})
    _linear_in(paragraphs)


def test_globs_with_no_literal_folder_or_ending_are_a_configuration_problem(
    make_repo: RepoFactory,
) -> None:
    # `**c**d**` names no folder and no ending: each of the 2,000 is tried in full on
    # each of the 2,000 files (they hold a `c` and a `d`, not in that order)
    files = {f"d/a{n}.c": "int x;\n" for n in range(2000)}
    root = make_repo({**files, "REUSE.toml": _annotations(["**c**d**"] * 2000)})
    assert under_the_bar(lambda: _analysed(root)) == repr((0, 0, ("REUSE.toml", "too-many-tries")))


def test_a_reuse_toml_past_one_mebibyte_is_not_parsed(make_repo: RepoFactory) -> None:
    # 4.1 MiB of annotations, under the 5 MiB file limit: tomlkit alone took 9 s of CPU
    globs = [f"d/{'x' * 60}{n}.c" for n in range(34_000)]
    root = make_repo({"d/a.c": "int x;\n", "REUSE.toml": _annotations(globs)})
    # tomlkit is Python: parsing it would take millions of steps (19,440 without)
    assert steps(lambda: _analysed(root), limit=200_000)[1] == (0, 0, ("REUSE.toml", "too-large"))
