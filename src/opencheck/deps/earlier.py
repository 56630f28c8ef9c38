# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The dependencies manifests and lockfiles declared where a change starts.

A merge request that bumps one package rewrites its lockfile, and a dependency finding
stands on the lockfile: every dependency the lockfile declared before, a non-free one
among them, would be the change's to answer for. The manifests and lockfiles of the
folders asked, as the commit holds them, are written into a scratch folder (read as
`basetree` reads a tree, each file and the whole bounded) and inventoried by
the same parsers, offline. What cannot be read declares nothing, so that its findings
stay.

A dependency is known by its key (ecosystem, name, version) and by the licence its
files state: a change that keeps a package's name and version and rewrites its
`license` (another tarball under the same name) brings what that licence makes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from opencheck import basetree, usercache
from opencheck.deps import python
from opencheck.deps.identify import NO_LICENCE
from opencheck.deps.inventory import ECOSYSTEMS, Options, build
from opencheck.repository import RepositoryError, open_repository

FILE_LIMIT = 64 << 20
MOST_BYTES = 256 << 20  # written for one run; past them, the rest declares nothing
_TRIGGERS = frozenset(name for module in ECOSYSTEMS for name in module.TRIGGERS)


Declared = frozenset[tuple[str, str, str | None]]

def declared_before(root: Path, commit: str, folders: Iterable[str]) -> Declared:
    """(file, dependency key, licence as its files state it or None) of what the
    manifests and lockfiles of `folders` (relative to the checked folder `root`, "" for
    itself) declared in `commit`."""
    with tempfile.TemporaryDirectory(prefix="opencheck-base-") as scratch:
        if not _write(root, commit, sorted(set(folders)), Path(scratch)):
            return frozenset()
        try:
            with usercache.checked_tree_kept():
                inventory = build(open_repository(scratch),
                                  Options(vendored=False, copied=False), project=NO_LICENCE)
        except (RepositoryError, OSError):
            return frozenset()
        return frozenset((dep.declared_in, dep.key, dep.spdx or dep.licence)
                         for dep in inventory.dependencies)


def _write(root: Path, commit: str, folders: list[str], scratch: Path) -> bool:
    """The manifests and lockfiles directly in `folders`, as the commit has them, within
    FILE_LIMIT each and MOST_BYTES in all (`basetree`: one `ls-tree`, one stream)."""
    listed = basetree.listing(root, commit, tuple(f"./{folder}/" if folder else "./"
                                                  for folder in folders), recursive=False)
    wanted, budget = [], MOST_BYTES
    for path, oid, size in listed or ():
        if _manifest(path) and size <= min(FILE_LIMIT, budget):
            wanted.append((path, oid, size))
            budget -= size
    return bool(wanted) and basetree.write(root, wanted, scratch)


def _manifest(path: str) -> bool:
    return path.rpartition("/")[2] in _TRIGGERS or python.REQUIREMENTS.search(path) is not None
