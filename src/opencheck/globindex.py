# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The last of many path globs that matches a path, without trying every glob.

REUSE.toml and `.reuse/dep5` say that the last annotation (or `Files:` paragraph)
matching a file wins, and reuse and python-debian find it by trying each one in turn:
a file of 5,000 annotations tried 5,000 globs on each of 5,000 files, and both files
are the scanned repository's. Here each glob (one path of an annotation) is filed
under what it must literally hold: its whole text when it has no wildcard, else the
folders its literal start names, else the end of the file name its literal end
names; a path then tries only the globs filed under its own text, folders and name
ending (and those with no literal part at all), from the last annotation back, and
stops at the first that matches. Each try is charged to a budget shared by the whole
analysis: a configuration whose globs still make too many tries (thousands with no
literal part) stops with `TooMuchWork`, which names the file.

The globs are the libraries' own expressions, read back into tokens by `linearglob`;
the answer of each try is the library's (or linearglob's, where the library's
expression could backtrack).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

Test = Callable[[str], bool]
Parts = list[str | tuple[str]]


class TooMuchWork(Exception):
    """The globs of `source` would take more tries than the budget allows."""

    def __init__(self, source: str, allowed: int) -> None:
        super().__init__(source)
        self.source, self.allowed = source, allowed


# The budget, in units of about 0.4 us of CPU (measured in benchmarks/hostile.md): a
# try that a literal part of the glob rules out costs 1, and 1 per literal part; a full
# try 4, and 1 per character of the path (linearglob's pace; the library's expression
# is faster). Each file may take eight full tries, and the whole analysis a second
# more: real configurations stay far below, thousands of globs that the index cannot
# narrow stop the analysis within a few seconds.
BASE = 2_500_000
TRIES_PER_FILE = 8
FULL_TRY = 4


@dataclass
class Budget:
    left: int = BASE
    allowed: int = BASE

    @classmethod
    def for_paths(cls, paths: Iterable[str]) -> Budget:
        allowed = BASE + TRIES_PER_FILE * sum(FULL_TRY + len(path) + 1 for path in paths)
        return cls(allowed, allowed)

    def charge(self, cost: int, source: str) -> None:
        self.left -= cost
        if self.left < 0:
            raise TooMuchWork(source, self.allowed)


@dataclass
class _Folder:
    children: dict[str, _Folder] = field(default_factory=dict)
    globs: list[tuple[int, int]] = field(default_factory=list)  # (ordinal, glob number)


@dataclass
class GlobIndex:
    """The globs of one configuration file (`source`, named when the budget runs out).

    `final_newline`: the library's expression ends with `$`, which also matches before
    a last newline (reuse's); python-debian's uses `fullmatch`.
    """

    source: str
    final_newline: bool
    budget: Budget
    _exact: dict[str, int] = field(default_factory=dict)
    _folders: _Folder = field(default_factory=_Folder)  # by the folders a glob starts with
    _components: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _endings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _ending_lengths: list[int] = field(default_factory=list)  # ascending
    _rest: list[tuple[int, int]] = field(default_factory=list)
    _makers: list[Callable[[], Test]] = field(default_factory=list)
    _chunks: list[tuple[str, ...]] = field(default_factory=list)
    _weights: list[int] = field(default_factory=list)
    _tests: dict[int, Test] = field(default_factory=dict)

    def add(self, ordinal: int, parts: Parts | None, make_test: Callable[[], Test]) -> None:
        """File one glob of the `ordinal`-th item (items added in order): `parts` are
        its tokens (None when unknown: tried on every path), `make_test` builds the
        library's test of that glob alone, on its first try."""
        chunks = _chunks(parts) if parts is not None else []
        if parts is not None and len(chunks) == 1 and len(chunks[0]) == len(parts):
            self._exact[chunks[0]] = ordinal  # no wildcard: the later item wins
            return
        entry = (ordinal, len(self._makers))
        self._makers.append(make_test)
        self._chunks.append(tuple(chunks))
        # a try's work grows with the path and, in linearglob, with the glob's tokens
        self._weights.append(1 + len(parts or ()) // 64)
        if parts is None:
            self._rest.append(entry)
            return
        folders = chunks[0].split("/")[:-1] if isinstance(parts[0], str) else []
        inner = [name for chunk in chunks for name in chunk.split("/")[1:-1]]
        ending = chunks[-1].rsplit("/", 1)[-1] if isinstance(parts[-1], str) else ""
        if folders:
            node = self._folders
            for name in folders:
                node = node.children.setdefault(name, _Folder())
            node.globs.append(entry)
        elif inner:
            self._components.setdefault(max(inner, key=len), []).append(entry)
        elif ending:
            if ending not in self._endings:
                self._endings[ending] = []
                at = bisect.bisect_left(self._ending_lengths, len(ending))
                if self._ending_lengths[at:at + 1] != [len(ending)]:
                    self._ending_lengths.insert(at, len(ending))
            self._endings[ending].append(entry)
        else:
            self._rest.append(entry)

    def last(self, path: str) -> int | None:
        """The ordinal of the last item with a glob matching `path`, or None."""
        texts = [path]
        if self.final_newline and path.endswith("\n"):
            texts.append(path[:-1])  # what `$` lets the glob match
        best = max(self._exact.get(text, -1) for text in texts)
        lists = [self._rest]
        names = path.split("/")
        node: _Folder | None = self._folders
        for name in names[:-1]:
            node = node.children.get(name) if node is not None else None
            if node is None:
                break
            lists.append(node.globs)
        lists.extend(self._components[name] for name in set(names[:-1])
                     if name in self._components)
        last_names = {text.rsplit("/", 1)[-1] for text in texts}
        longest = max(len(name) for name in last_names)
        endings: set[str] = set()
        for length in self._ending_lengths:
            if length > longest:
                break
            endings.update(name[-length:] for name in last_names)
        lists.extend(self._endings[ending] for ending in endings if ending in self._endings)
        cost = len(path) + 1  # per unit of a glob's weight
        for ordinal, number in heapq.merge(*(reversed(globs) for globs in lists if globs),
                                           reverse=True):
            if ordinal <= best:
                break
            chunks = self._chunks[number]
            self.budget.charge(1 + len(chunks), self.source)
            if not all(chunk in path for chunk in chunks):
                continue  # a literal part of the glob is not in the path: no match
            self.budget.charge(FULL_TRY + cost * self._weights[number], self.source)
            if self._test(number)(path):
                return ordinal
        return best if best >= 0 else None

    def _test(self, number: int) -> Test:
        test = self._tests.get(number)
        if test is None:
            test = self._tests[number] = self._makers[number]()
        return test


def _chunks(parts: Parts) -> list[str]:
    """The literal texts between a glob's wildcards, in order (`src/**/x*.md`:
    `src/`, `/x`, `.md`); a glob without wildcard is one chunk."""
    found: list[str] = []
    current: list[str] = []
    for part in parts:
        if isinstance(part, str):
            current.append(part)
        elif current:
            found.append("".join(current))
            current = []
    if current or not found:
        found.append("".join(current))
    return found
