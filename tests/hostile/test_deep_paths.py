# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Paths as deep as the system allows: each path's work must stay linear in its length.

`readme-links` listed every parent folder of every path, the snapshot built every
prefix of each path to find symlinked folders, merge-request mode listed every parent
of each changed file: the square of the depth, per file. 3,000 files under `a/a/a/…`
2,000 levels deep (git adds them in a few seconds) took 68 s of CPU for one check, and
every further file adds as much.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import git
from hostile.bounded import finishes

DEPTH = 2000  # "a/" 2,000 times: 4,000 characters, under PATH_MAX
FILES = 3000

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def deep_repository() -> Iterator[Path]:
    # Outside pytest's tmp_path: its clean-up recurses once per level and stops at
    # Python's limit, in this run or in the next run of any session on the machine.
    root = Path(tempfile.mkdtemp(prefix="opencheck-deep-"))
    try:
        _build(root)
        yield root
    finally:
        subprocess.run(["rm", "-rf", str(root)], check=True)


def _build(root: Path) -> None:
    (root / "README.md").write_text("# Outil\n\n[Le code](a/a) et [la doc](docs/).\n")
    folder = root
    for _ in range(DEPTH):  # one level at a time: no call takes the whole path
        folder = folder / "a"
        folder.mkdir()
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        for index in range(FILES):
            os.mkdir(f"b{index}", dir_fd=descriptor)
            file = os.open(f"b{index}/f", os.O_WRONLY | os.O_CREAT, 0o644,
                           dir_fd=descriptor)
            os.write(file, b"x\n")
            os.close(file)
    finally:
        os.close(descriptor)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Deep")


def test_a_deep_tree_is_checked_in_time_linear_in_its_paths(deep_repository: Path) -> None:
    root = deep_repository

    def check() -> tuple[str, list[str]]:
        from opencheck.engine import RunRequest, run
        from opencheck.registry import Options

        report = run(RunRequest(path=root, options=Options(history=False)))
        links = [f.key for f in report.findings if f.rule == "readme-links"]
        return report.verdict.value, links

    # the folder a/a holds files: only docs/ is missing
    assert finishes(check, ceiling=60) == repr(("not_ready", ["docs"]))


def test_merge_request_mode_finds_folders_without_listing_their_parents() -> None:
    from opencheck.diffmode import Scope
    from opencheck.model import Finding, Severity, Text

    deep = "/".join(["a"] * DEPTH)
    scope = Scope("main", "0" * 40, frozenset(f"{deep}/b{i}/f" for i in range(FILES)),
                  frozenset(), project_level=True)

    def keeps() -> list[bool]:
        def finding(path: str) -> Finding:
            return Finding(rule="deps-vendored-licence", message=Text("x", "x"), path=path,
                           severity=Severity.ERROR)
        return [scope.keeps(finding(path), Severity.ERROR)
                for path in (f"{deep}/b7/", "a/a", f"{deep}/c", "b")]

    assert finishes(keeps, ceiling=60) == repr([True, True, False, False])
