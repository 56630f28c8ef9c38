# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The dependencies manifests and lockfiles declared where a change starts.

A merge request that bumps one package rewrites its lockfile, and a dependency finding
stands on the lockfile: every dependency the lockfile declared before, a non-free one
among them, would be the change's to answer for. The manifests and lockfiles of the
folders asked, as the commit holds them, are written into a scratch folder (read through
one hardened `git cat-file --batch`, each file and the whole bounded) and inventoried by
the same parsers, offline. What cannot be read declares nothing, so that its findings
stay.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from opencheck import usercache
from opencheck.deps import python
from opencheck.deps.inventory import ECOSYSTEMS, Options, build
from opencheck.gitcmd import GitError, run_git
from opencheck.gitobjects import ObjectReader
from opencheck.repository import RepositoryError, open_repository

FILE_LIMIT = 64 << 20
MOST_BYTES = 256 << 20  # written for one run; past them, the rest declares nothing
_TRIGGERS = frozenset(name for module in ECOSYSTEMS for name in module.TRIGGERS)


def declared_before(root: Path, commit: str, folders: Iterable[str]) -> frozenset[tuple[str, str]]:
    """(file, dependency key) of what the manifests and lockfiles of `folders` (relative
    to the checked folder `root`, "" for itself) declared in `commit`."""
    with tempfile.TemporaryDirectory(prefix="opencheck-base-") as scratch:
        if not _write(root, commit, sorted(set(folders)), Path(scratch)):
            return frozenset()
        try:
            with usercache.checked_tree_kept():
                inventory = build(open_repository(scratch),
                                  Options(vendored=False, copied=False), project=(None, None))
        except (RepositoryError, OSError):
            return frozenset()
        return frozenset((dep.declared_in, dep.key) for dep in inventory.dependencies)


def _write(root: Path, commit: str, folders: list[str], scratch: Path) -> bool:
    reader = ObjectReader(root)
    budget = MOST_BYTES
    written = False
    try:
        for folder in folders:
            for path, oid, size in _manifests(root, commit, folder):
                if size > min(FILE_LIMIT, budget):
                    continue
                data = reader.read(oid, "blob", FILE_LIMIT)
                if data is None:
                    continue
                target = scratch.joinpath(*path.split("/"))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                budget -= len(data)
                written = True
    finally:
        reader.close()
    return written


def _manifests(root: Path, commit: str, folder: str) -> list[tuple[str, str, int]]:
    """The commit's manifest and lockfile blobs directly in `folder`: path, id, size."""
    where = f"./{folder}/" if folder else "./"
    try:
        listed = run_git(root, "ls-tree", "-z", "-l", commit, "--", where)
    except GitError:
        return []
    found = []
    for line in listed.split(b"\0"):
        meta, tab, raw = line.partition(b"\t")
        words = meta.split()
        if not tab or len(words) != 4 or words[1] != b"blob" or words[0] == b"120000":
            continue
        path = raw.decode("utf-8", "surrogateescape")
        parts = path.split("/")
        if any(part in ("", ".", "..") for part in parts) or not words[3].isdigit():
            continue
        if parts[-1] in _TRIGGERS or python.REQUIREMENTS.search(path):
            found.append((path, words[2].decode("ascii"), int(words[3])))
    return found
