# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which folders hold a file, asked of a list of paths without listing every folder.

Listing each path's parent folders costs the square of its depth: a repository of
2,000 files under `a/a/a/…` 900 levels deep took 26 s in `readme-links` alone (900
files 2,000 deep: 17 s to build the set), where git clones it in 2 s. A sorted list
and one binary search per question cost a path's length, whatever its depth.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class Folders:
    def __init__(self, paths: Iterable[str]) -> None:
        self._sorted = sorted(paths)

    def __contains__(self, folder: object) -> bool:
        """Whether some path lies inside `folder` (given with or without a final `/`)."""
        if not isinstance(folder, str) or not folder.strip("/"):
            return False
        prefix = folder.rstrip("/") + "/"
        index = bisect_left(self._sorted, prefix)
        return index < len(self._sorted) and self._sorted[index].startswith(prefix)
