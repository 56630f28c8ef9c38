# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A commit's files written out of git into a scratch folder, to judge the tree as that
commit had it (merge-request mode: whether a changed file's blocking finding was there
already at the merge base).

The files are read by id through one hardened `git cat-file --batch` and written by
this process: no checkout, so no filter, hook or attribute of the repository runs.
Links and submodules are left out, and so is a file above FILE_LIMIT; past MOST_FILES,
MOST_BYTES or half the scratch disk's free space nothing is written, and the caller
judges without the commit.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from opencheck.gitcmd import GitError, run_git
from opencheck.gitobjects import stream_blobs

FILE_LIMIT = 32 << 20
MOST_BYTES = 512 << 20
MOST_FILES = 100_000
_FILE_MODES = (b"100644", b"100755")


@contextmanager
def written(root: Path, commit: str) -> Iterator[Path | None]:
    """A scratch folder holding the files of the checked folder `root` as `commit` has
    them, removed on leaving; None when they could not all be listed or are too many."""
    with tempfile.TemporaryDirectory(prefix="opencheck-base-") as scratch:
        folder = Path(scratch) / "tree"
        folder.mkdir()
        yield folder if _write(root, commit, folder) else None


def _write(root: Path, commit: str, folder: Path) -> bool:
    entries = _listing(root, commit)
    if entries is None or len(entries) > MOST_FILES:
        return False
    total = sum(size for _path, _oid, size in entries if size <= FILE_LIMIT)
    if total > min(MOST_BYTES, shutil.disk_usage(folder).free // 2):
        return False
    wanted = [(path, oid) for path, oid, size in entries if size <= FILE_LIMIT]
    paths: dict[str, list[str]] = {}
    for path, oid in wanted:  # a blob may stand at many paths
        paths.setdefault(oid, []).append(path)
    for parent in sorted({path.rpartition("/")[0] for path, _oid in wanted} - {""}):
        (folder / parent).mkdir(parents=True, exist_ok=True)
    written = 0
    for oid, data in stream_blobs(root, list(paths), FILE_LIMIT):
        for path in paths[oid]:
            (folder / path).write_bytes(data)
        written += 1
    return written == len(paths)  # else absent from the clone: not the commit's tree


def _listing(root: Path, commit: str) -> list[tuple[str, str, int]] | None:
    """The commit's regular files under the checked folder: path, id, size."""
    try:
        listed = run_git(root, "ls-tree", "-r", "-z", "-l", commit, "--", "./")
    except GitError:
        return None
    entries = []
    for line in listed.split(b"\0"):
        meta, tab, raw = line.partition(b"\t")
        words = meta.split()
        if not tab or len(words) != 4 or words[0] not in _FILE_MODES or not words[3].isdigit():
            continue
        path = raw.decode("utf-8", "surrogateescape")
        if any(part in ("", ".", "..") for part in path.split("/")):
            continue
        entries.append((path, words[2].decode("ascii"), int(words[3])))
    return entries
