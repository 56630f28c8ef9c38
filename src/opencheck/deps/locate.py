# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The line of a manifest or lockfile where a dependency is declared.

One `Locator` per file and run: the file is decoded once, its line starts indexed once
(a line is then a binary search, not a count from the top), and the searches for
names share a budget of bytes read. A lockfile of 40,000 packages that all get a
finding cost one full scan per package before (minutes for 5 MB); past the budget a
finding keeps its file but has no line.
"""

from __future__ import annotations

from bisect import bisect_left

# Bytes the name searches may read in one file: fifty times a 5 MB file. Real
# lockfiles with a few dozen findings use a small part of it.
SEARCH_BUDGET = 256 * 1024 * 1024
ENTRY = 400  # an entry: up to its closing brace (JSON) or blank line (yarn.lock)
MENTIONS = 64  # mentions of a name tried for the one that holds the version


class Locator:
    def __init__(self, text: str) -> None:
        self.text = text
        self.budget = SEARCH_BUDGET
        self._newlines: list[int] | None = None

    def line(self, name: str, version: str | None) -> int | None:
        """The line of the entry of `name` at `version`, else of its first mention."""
        for needle in (f'node_modules/{name}"', f'"{name}"', f"{name}@", f'name = "{name}"',
                       f"{name} (", name):
            index = self._find(needle, 0)
            if index is None:
                return None  # the budget is spent
            if index >= 0:
                return self._line_at(self._entry_of_version(needle, index, version))
        return None

    def _find(self, needle: str, start: int) -> int | None:
        """`text.find`, counted against the budget; None once it is spent."""
        if self.budget <= 0:
            return None
        index = self.text.find(needle, start)
        self.budget -= (len(self.text) if index < 0 else index + len(needle)) - start
        return index

    def _entry_of_version(self, needle: str, first: int, version: str | None) -> int:
        """Where the entry of this version starts: two versions of one package in a
        lockfile are two places (the first mention otherwise)."""
        if not version:
            return first
        index: int | None = first
        for _ in range(MENTIONS):
            assert index is not None
            window = self.text[index:index + ENTRY]
            ends = [end for end in (window.find("}"), window.find("\n\n")) if end >= 0]
            if version in window[:min(ends, default=len(window))]:
                return index
            index = self._find(needle, index + 1)
            if index is None or index < 0:
                break
        return first

    def _line_at(self, index: int) -> int:
        if self._newlines is None:
            self._newlines = _newlines(self.text)
        return bisect_left(self._newlines, index) + 1


def _newlines(text: str) -> list[int]:
    found = []
    index = text.find("\n")
    while index >= 0:
        found.append(index)
        index = text.find("\n", index + 1)
    return found
