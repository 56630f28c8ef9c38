# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Folders below the root that hold a copy of another project: a folder with a licence
file of its own. The heads of their files state that project's licence, not the
checked one's, and must not vote on it (`declarations._Headers`, `header_facts`).

IGNF/ogam holds GeoExt at `website/htdocs/client/packages/remote/GeoExt/`, with its own
LICENSE: the "or (at your option) any later version" of its build file made ogam's bare
GPL-3.0 text `GPL-3.0-or-later`. A folder is the project's own part, and its heads
vote, when its name is the project's (`MixtComp/` in MixtComp, `r/`: too short to
tell), or when a sibling holding a licence file shares its first word (`opensand-core/`
and `opensand-rt/`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

# A copy sits this many folders down at most (GeoExt in ogam: 6): deeper licence files
# are not looked for, and a path's folders are asked this far only (a tree 200 levels
# deep costs no more than this per file).
COPY_DEPTH = 8
_FIRST_WORD = re.compile(r"[a-z0-9]{3,}(?=[^a-z0-9])")
# LICENSE-THIRD-PARTY.md, COPYING.dependencies: other people's licences listed, which
# make no folder a copy (`declarations._THIRD_PARTY_NAME`)
_LISTING_NAME = re.compile(r"third|3rd|notice|dependenc|deps|vendor|bundled", re.IGNORECASE)
_INITIALS = frozenset("lLcCuU")  # of a licence file's name, asked before the pattern


def own_parts(folders: Iterable[str], names: set[str]) -> set[str]:
    """Of sibling folders' names, those of the project's parts: named after the project
    itself, or with a first word (`opensand` of `opensand-core`) another of them has."""
    from opencheck.deps.thirdparty import named_after_project  # deps imports licensing

    folders = list(folders)
    first = {folder: found.group(0) if (found := _FIRST_WORD.match(folder.lower()))
             else "" for folder in folders}
    shared = Counter(word for word in first.values() if word)
    return {folder for folder in folders
            if (first[folder] and shared[first[folder]] > 1)
            or named_after_project(folder, names)}


def licensed_folders(paths: Iterable[str]) -> set[str]:
    """The folders below the root, COPY_DEPTH deep at most, that hold a licence file."""
    from opencheck.deps.thirdparty import LICENCE_FILE

    found: set[str] = set()
    for path in paths:
        folder, _, name = path.rpartition("/")
        if folder and name[:1] in _INITIALS and LICENCE_FILE.match(name) \
                and not _LISTING_NAME.search(name) and folder.count("/") < COPY_DEPTH:
            found.add(folder)
    return found


class Copies:
    """The folders of a tree that hold another project's copy."""

    def __init__(self, licensed: Iterable[str] = (), names: Iterable[str] = ()) -> None:
        by_parent: dict[str, list[str]] = {}
        for folder in licensed:
            parent, _, name = folder.rpartition("/")
            by_parent.setdefault(parent, []).append(name)
        self.folders: frozenset[str] = frozenset(
            f"{parent}/{name}" if parent else name
            for parent, found in by_parent.items()
            for name in set(found) - own_parts(found, set(names)))

    @classmethod
    def of(cls, paths: Iterable[str], names: Callable[[], set[str]]) -> Copies:
        """The copies of a tree listed by `paths`; `names()` (the project's names,
        `thirdparty.project_names`) asked only when a folder holds a licence file."""
        licensed = licensed_folders(paths)
        return cls(licensed, names()) if licensed else NO_COPIES

    def holds(self, path: str) -> bool:
        """Whether the file `path` lies in another project's copy."""
        if not self.folders:
            return False
        end = -1
        for _ in range(COPY_DEPTH):
            end = path.find("/", end + 1)
            if end < 0:
                return False
            if path[:end] in self.folders:
                return True
        return False


NO_COPIES = Copies()
