# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Lists of globs from a configuration, each list matched as one.

`.opencheck.yml` (or `[tool.opencheck]`) is the repository's own, and its lists are
matched against every path, finding or identity: asked one glob at a time, a list of
10,000 (the YAML value cap) against a tree of 3,000 files took 135 s of CPU in the
snapshot alone (`fnmatch`, then a `PurePosixPath` per glob). Here a list is one
regular expression (what `fnmatch.translate` makes of each glob, joined) and, for the
folders it names, a tree of path parts; and a list is at most `MAX_GLOBS` long.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Sequence

from opencheck.model import Text

# Far above any real configuration (a handful), low enough that a hostile list stays
# cheap: each glob still costs a pass over the string in the worst case.
MAX_GLOBS = 500
_END = None  # where a folder named in the list ends, in the tree of their parts


def any_glob(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Whether a string matches one of `patterns` (`fnmatch.fnmatchcase`)."""
    unique = list(dict.fromkeys(patterns))
    if not unique:
        return lambda value: False
    joined = re.compile("|".join(fnmatch.translate(pattern) for pattern in unique))
    return lambda value: joined.match(value) is not None


class Under:
    """Whether a path lies in one of some folders (or is one), by its parts: a walk of
    its parts down a tree of the folders' parts, whatever their number."""

    def __init__(self, folders: Iterable[Sequence[str]]) -> None:
        self._tree: dict[str | None, dict] = {}  # type: ignore[type-arg]
        for parts in folders:
            node = self._tree
            for part in parts:
                node = node.setdefault(part, {})
            node[_END] = {}

    def holds(self, parts: Iterable[str]) -> bool:
        node = self._tree
        if _END in node:
            return True
        for part in parts:
            found = node.get(part)
            if found is None:
                return False
            if _END in found:
                return True
            node = found
        return False


def too_many(name: str, patterns: object) -> Text | None:
    """The error for a list longer than `MAX_GLOBS`, or None."""
    if not isinstance(patterns, list) or len(patterns) <= MAX_GLOBS:
        return None
    return Text(f"{name} : {len(patterns)} motifs, plus que les {MAX_GLOBS} qu'une liste "
                "peut contenir",
                f"{name}: {len(patterns)} globs, more than the {MAX_GLOBS} a list may hold")
