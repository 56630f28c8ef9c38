# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A clone the batch must throw away holds folders deeper than Python's recursion limit.

`shutil.rmtree` recurses once per folder level: on a tree 1,500 deep it raised
RecursionError (which `ignore_errors` does not cover) where the batch drops a clone it
cannot update (the repository was deleted or made private since the last run) or a half
clone (a time-out): that repository's audit ended in an internal error instead of
"cannot clone", and the tree stayed in the workspace for every later run to trip on.

The test lowers the recursion limit to DEPTH / 2 levels above its own frames rather
than build 1,500 levels: the same failure with shutil.rmtree, a fifth of the folders,
and nothing that depends on how fast the machine is (the 1,500-level tree took minutes
on a loaded machine, past the time-out of the hostile tests).
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import git
from opencheck.batch.sources import target_from_url
from opencheck.batch.workspace import GitSettings, WorkspaceError, clone_dir, prepare

DEPTH = 300
QUICK = GitSettings(retries=0)  # git's own time-out (600 s) only stops a hang


@pytest.fixture
def scratch() -> Iterator[Path]:
    # Outside pytest's tmp_path, whose own clean-up recurses per level too.
    root = Path(tempfile.mkdtemp(prefix="opencheck-deep-clone-"))
    try:
        yield root
    finally:
        subprocess.run(["rm", "-rf", str(root)], check=True)


def _deep_origin(root: Path) -> Path:
    root.mkdir()
    folder = root
    for _ in range(DEPTH):
        folder = folder / "a"
        folder.mkdir()
    (folder / "f").write_text("x\n")
    (root / "README.md").write_text("# Outil\n")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Deep")
    return root


def test_a_deep_clone_that_cannot_be_updated_is_removed_and_reported(scratch: Path) -> None:
    origin = _deep_origin(scratch / "origin")
    target = target_from_url(origin.as_uri())
    workspace = scratch / "ws"
    first = prepare(workspace, target, QUICK)
    assert (first.path / "a" / "a").is_dir()
    subprocess.run(["rm", "-rf", str(origin)], check=True)  # gone from its forge

    # A folder level per frame would go past the limit half-way down the tree.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + DEPTH // 2)
    try:
        with pytest.raises(WorkspaceError) as raised:
            prepare(workspace, target, QUICK)
    finally:
        sys.setrecursionlimit(limit)

    assert "cannot clone" in raised.value.text.en
    assert not clone_dir(workspace, target).exists()
