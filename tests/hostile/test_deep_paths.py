# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Paths as deep as the system allows: each path's work must stay linear in its length.

`readme-links` listed every parent folder of every path, the snapshot built every
prefix of each path to find symlinked folders, merge-request mode listed every parent
of each changed file: the square of the depth, per file. 3,000 files under `a/a/a/…`
2,000 levels deep (git adds them in a few seconds) took 68 s of CPU for one check, and
every further file adds as much.

These tests count Python steps (hostile/steps.py), not seconds: the same on a loaded
machine. Listing a path's parents goes round once per level, so the pieces that once
did take the same steps at depth D and 4·D; the whole check's steps grow linearly with
the depth (from 4·D to 16·D four times what they grew from D to 4·D, where a loop over
the levels inside a loop over the levels would make it sixteen). The CPU time of a
check of 3,000 files 2,000 deep is benchmarks/deep_paths.py's (benchmarks/hostile.md).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import git
from hostile.steps import steps

DEPTH = 25  # then 4 and 16 times deeper: 400 levels
FILES = 200

# A hang's stop only: these tests count work, not seconds, and their set-up (git
# repositories of thousands of files) took up to about a minute at a load of 14 on 2 cores.
pytestmark = pytest.mark.timeout(300)


def build_deep(root: Path, depth: int, files: int) -> None:
    """`files` files, each in its own folder, under `a/` repeated `depth` times."""
    (root / "README.md").write_text("# Outil\n\n[Le code](a/a) et [la doc](docs/).\n")
    folder = root
    for _ in range(depth):  # one level at a time: no call takes the whole path
        folder = folder / "a"
        folder.mkdir()
    for index in range(files):
        (folder / f"b{index}").mkdir()
        (folder / f"b{index}" / "f").write_bytes(b"x\n")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Deep")


@pytest.fixture
def deep_trees() -> Iterator[Callable[[int, int], Path]]:
    # Outside pytest's tmp_path: its clean-up recurses once per level and stops at
    # Python's limit, in this run or in the next run of any session on the machine.
    made: list[Path] = []

    def make(depth: int, files: int) -> Path:
        root = Path(tempfile.mkdtemp(prefix="opencheck-deep-"))
        made.append(root)
        build_deep(root, depth, files)
        return root

    try:
        yield make
    finally:
        for root in made:
            subprocess.run(["rm", "-rf", str(root)], check=True)


def _check(root: Path, *rules: str) -> tuple[int, tuple[str, list[str]]]:
    """The steps of a check of `root` (only `rules` if named), its verdict and the
    folders `readme-links` finds missing."""
    from opencheck.engine import RunRequest, run
    from opencheck.registry import Options

    def check() -> tuple[str, list[str]]:
        report = run(RunRequest(path=root, options=Options(history=False), only_rules=rules))
        links = [f.key for f in report.findings if f.rule == "readme-links"]
        return report.verdict.value, links

    return steps(check)


def test_a_deep_tree_is_checked_in_steps_linear_in_its_depth(
        deep_trees: Callable[[int, int], Path]) -> None:
    files = FILES // 2
    _check(deep_trees(DEPTH, files))  # imports and caches: not counted below
    counted = {depth: _check(deep_trees(depth, files))
               for depth in (DEPTH, 4 * DEPTH, 16 * DEPTH)}
    # the folder a/a holds files: only docs/ is missing
    assert [result for _steps, result in counted.values()] == [("not_ready", ["docs"])] * 3
    first = counted[4 * DEPTH][0] - counted[DEPTH][0]
    then = counted[16 * DEPTH][0] - counted[4 * DEPTH][0]
    assert then < 4.5 * first, (
        f"{first} more steps from {DEPTH} to {4 * DEPTH} levels, {then} to {16 * DEPTH}")


def test_the_snapshot_and_readme_links_take_no_step_per_level_of_each_path(
        deep_trees: Callable[[int, int], Path]) -> None:
    _check(deep_trees(DEPTH, FILES), "readme-links")
    shallow, found = _check(deep_trees(DEPTH, FILES), "readme-links")
    deep, found_deep = _check(deep_trees(4 * DEPTH, FILES), "readme-links")
    assert found == found_deep == ("ready", ["docs"])  # a warning: still ready
    # Each folder is looked at once (an lstat, git's watch for FIFOs): a few steps per
    # level in all. A step per level of each path would be FILES * 3 * DEPTH more.
    assert deep - shallow < FILES * 3 * DEPTH / 2, f"{shallow} steps, then {deep}"


def test_merge_request_mode_finds_folders_without_listing_their_parents() -> None:
    from opencheck.diffmode import Scope
    from opencheck.model import Finding, Severity, Text

    def keeps(depth: int) -> tuple[int, list[bool]]:
        deep = "/".join(["a"] * depth)
        scope = Scope("main", "0" * 40, frozenset(f"{deep}/b{i}/f" for i in range(FILES)),
                      frozenset(), project_level=True)

        def finding(path: str) -> Finding:
            return Finding(rule="deps-vendored-licence", message=Text("x", "x"), path=path,
                           severity=Severity.ERROR)
        return steps(lambda: [scope.keeps(finding(path), Severity.ERROR)
                              for path in (f"{deep}/b7/", "a/a", f"{deep}/c", "b")])

    shallow, kept = keeps(DEPTH)
    deep, kept_deep = keeps(4 * DEPTH)
    assert kept == kept_deep == [True, True, False, False]
    assert deep - shallow < FILES, f"{shallow} steps at {DEPTH} levels, {deep} at {4 * DEPTH}"


def test_the_mock_package_look_up_hashes_no_parent_folder_per_hit(
        deep_trees: Callable[[int, int], Path]) -> None:
    # be9b70a asks, for each blocking keyword hit, whether a folder above its file is a
    # package describing itself as a mock server: it built and hashed every parent
    # folder of the path, the square of the depth per hit (a password in each of
    # 20,000 files 2,000 deep: minutes). Counted here as the characters of the folder
    # names looked up (C work, which the steps above do not see).
    from opencheck.checks import secrets
    from opencheck.registry import Context
    from opencheck.repository import open_repository

    class Counting(dict):  # type: ignore[type-arg]
        hashed = 0

        def __contains__(self, key: object) -> bool:
            Counting.hashed += len(str(key))
            return super().__contains__(key)

    depth = 16 * DEPTH
    root = deep_trees(depth, FILES)
    ctx = Context(repo=open_repository(root))
    ctx._memo["secrets.packages"] = Counting(secrets._package_files(ctx.repo.paths()))
    paths = [path for path in ctx.repo.paths() if path.endswith("/f")]
    assert len(paths) == FILES
    assert not any(secrets._mock_package(ctx, path) for path in paths)
    # linear: each hit's own path, and the shared folders once; was FILES times the
    # square of the depth (200 * 400 * 400 = 32 million characters)
    assert Counting.hashed < 4 * sum(map(len, paths)) + depth * len(paths[0]), Counting.hashed
