# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A folder of the batch's list is read in place, files and all: what it holds in its
git folder (a HEAD, a `gitdir:` pointer, a ref, `packed-refs`) is read within bounds.

A batch asks each folder with an earlier result for its HEAD from this process, before
any worker, by reading those files: each was read whole. A sparse `.git/HEAD` of a few
gigabytes (no disk used) took that much memory of the batch itself, which the kernel
then killed with every audit under way; a `packed-refs` that is one line of gigabytes
the same.
"""

from __future__ import annotations

import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import write_files
from opencheck.batch import workspace
from opencheck.batch.sources import target_from_line

SPARSE = 64 << 20  # on paper only: read whole, it is that much memory


def _peak(call: Callable[[], object]) -> tuple[int, object]:
    tracemalloc.start()
    try:
        value = call()
        return tracemalloc.get_traced_memory()[1], value
    finally:
        tracemalloc.stop()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    write_files(folder, {"README.md": "# Outil\n"})
    (folder / ".git" / "refs" / "heads").mkdir(parents=True)
    return folder


def _sparse(path: Path, prefix: bytes = b"") -> None:
    with open(path, "wb") as handle:
        handle.write(prefix)
        handle.truncate(SPARSE)


@pytest.mark.parametrize("where", ["HEAD", "gitdir", "commondir", "ref", "packed-refs"])
def test_a_local_folders_git_files_are_read_within_bounds(tmp_path: Path, where: str) -> None:
    folder = _folder(tmp_path)
    git = folder / ".git"
    (git / "HEAD").write_text("ref: refs/heads/main\n", encoding="ascii")
    if where == "HEAD":
        _sparse(git / "HEAD", b"ref: refs/heads/")
    elif where == "gitdir":
        os.rename(git, tmp_path / "real")
        _sparse(folder / ".git", b"gitdir: ")
    elif where == "commondir":
        _sparse(git / "commondir", b"../")
    elif where == "ref":
        _sparse(git / "refs" / "heads" / "main", b"0" * 40)
    else:
        _sparse(git / "packed-refs", b"# pack-refs with: peeled\n" + b"0" * 40)
    def head() -> str | None:
        try:  # its callers take an OSError for "no answer"
            return workspace._read_local_head(folder)
        except OSError:
            return None

    peak, found = _peak(head)
    assert found is None
    assert peak < 2 << 20, f"{peak} bytes held to read {where}"


def test_a_local_folders_head_is_still_read_from_its_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    commit, other = "a" * 40, "b" * 40
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="ascii")
    (folder / ".git" / "packed-refs").write_text(
        f"# pack-refs with: peeled\n{other} refs/heads/other\n{commit} refs/heads/main\n",
        encoding="ascii")
    assert workspace.remote_head(target_from_line(str(folder), tmp_path)) == commit
    (folder / ".git" / "refs" / "heads" / "main").write_text(other + "\n", encoding="ascii")
    assert workspace.remote_head(target_from_line(str(folder), tmp_path)) == other


def test_a_nul_in_a_local_folders_head_is_no_answer(tmp_path: Path) -> None:
    """A ref name with a NUL made the path look-up raise ValueError, which the probe
    of unchanged heads passed up: the whole batch ended in an internal error."""
    folder = _folder(tmp_path)
    (folder / ".git" / "HEAD").write_bytes(b"ref: refs/heads/a\0b\n")
    with pytest.raises(OSError):
        workspace._read_local_head(folder)
