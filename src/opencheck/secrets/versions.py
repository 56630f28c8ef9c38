# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which detectors may match a new version of a large file, from the version before.

A history holds every version of its files, and most of a web project's history bytes
are versions of a few large ones that change a little each time: a semantic-release
CHANGELOG gains a few lines at its top per release (SocialGouv/ozensemble: 2,000
versions of 570 KB, 1.1 GB of its 1.4 GB of blobs), a lockfile a few packages. Git
stores them as deltas, so `git cat-file` writes them fast, while Hyperscan read each
whole: 3.7x the floor on that history.

The prefilter's answer (each detector that may match, and an offset none of its
matches ends before) is worked out from the previous version of the same path, kept
with its answer, and the bytes that differ:

- the two versions share a prefix and a suffix; the rest of the new one is its change;
- a detector whose matches have a bound (one line, or a width) and that found nothing
  in the previous version can only match near the change (a match away from it, its
  look-arounds included, is one of the previous version's): Hyperscan reads a window
  around the change, its lines and a bound on either side;
- one that found something there keeps that end when it lies in the shared prefix (no
  earlier match can have appeared), else may match from the change's start on;
- the detectors whose matches have no bound (a `\\s*` between a key's name and its
  value can span any number of lines) are searched in the whole new version by a
  database of their own, which their rare literals make fast.

The answer is the prefilter's superset property kept: every detector that matches is
named, with an end no match of it ends before. The hits then come from the detectors
as before, so a report does not change (benchmarks/same_findings.py on the histories
measured). Only large versions are kept, within a budget: memory stays bounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from opencheck.secrets import multimatch

SMALLEST = 64 * 1024  # a smaller version is read whole: the work saved would be small
BUDGET = 16 * 1024 * 1024  # the previous versions kept, all paths together
SLACK = 256  # bytes read past a window's bound: more than any look-around of a bounded detector
WIDEST = 4096  # a detector whose matches may be wider than this is searched whole

Ends = dict[int, int]
Scan = Callable[[bytes], Ends]


@dataclass(frozen=True)
class Bounds:
    """The detectors searched whole (`unbounded`) and the widest match of the others
    that may span lines (`width`); the rest lie in one line each."""

    unbounded: frozenset[int]
    width: int


def bounds(patterns: list[re.Pattern[bytes]], in_one_line: Callable[[re.Pattern[bytes]], bool],
           widest: Callable[[re.Pattern[bytes]], int]) -> Bounds:
    unbounded: set[int] = set()
    width = 0
    for index, pattern in enumerate(patterns):
        if look_around(pattern) > SLACK:
            unbounded.add(index)
        elif not in_one_line(pattern):
            wide = widest(pattern)
            if wide > WIDEST:
                unbounded.add(index)
            else:
                width = max(width, wide)
    return Bounds(frozenset(unbounded), width)


def look_around(pattern: re.Pattern[bytes]) -> int:
    """The most bytes a look-ahead or look-behind of `pattern` reads (huge: unknown)."""
    try:
        return _widest_assertion(list(multimatch.parsed(pattern)))
    except (re.error, OverflowError, TypeError, ValueError):
        return 1 << 62


def _widest_assertion(items: list[tuple[Any, Any]]) -> int:
    widest = 0
    for op, av in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT"):
            widest = max(widest, int(av[1].getwidth()[1]),
                         _widest_assertion(list(av[1])))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            widest = max(widest, _widest_assertion(list(av[2])))
        elif name == "SUBPATTERN":
            widest = max(widest, _widest_assertion(list(av[-1])))
        elif name == "ATOMIC_GROUP":
            widest = max(widest, _widest_assertion(list(av)))
        elif name == "BRANCH":
            for branch in av[1]:
                widest = max(widest, _widest_assertion(list(branch)))
        elif name in ("GROUPREF_EXISTS", "GROUPREF"):
            raise ValueError(name)
    return widest


def shared_prefix(old: bytes, new: bytes, old_at: int = 0, new_at: int = 0,
                  limit: int | None = None) -> int:
    """How many bytes from `old[old_at]` and `new[new_at]` on the two have in common,
    at most `limit` (memcmp through `startswith`, doubling then halving: a few passes
    over the shared part, no copy)."""
    if limit is None:
        limit = min(len(old) - old_at, len(new) - new_at)
    view = memoryview(old)
    low, step = 0, 4096
    while low < limit:  # the shared part is at least `low` long
        high = min(limit, low + step)
        if not new.startswith(view[old_at + low:old_at + high], new_at + low):
            break
        low, step = high, step * 2
    else:
        return limit
    high = min(limit, low + step)
    while high - low > 1:  # the bytes from `low` to `high` differ somewhere
        middle = (low + high) // 2
        if new.startswith(view[old_at + low:old_at + middle], new_at + low):
            low = middle
        else:
            high = middle
    return low + 1 if low < limit and new[new_at + low] == old[old_at + low] else low


def shared_suffix(old: bytes, new: bytes, limit: int, old_end: int | None = None,
                  new_end: int | None = None) -> int:
    """How many bytes just before `old[old_end]` and `new[new_end]` (by default, their
    ends) the two have in common, at most `limit`."""
    view = memoryview(old)
    end_old = len(old) if old_end is None else old_end
    end_new = len(new) if new_end is None else new_end
    low, step = 0, 4096
    while low < limit:
        high = min(limit, low + step)
        if not new.endswith(view[end_old - high:end_old - low], 0, end_new - low):
            break
        low, step = high, step * 2
    else:
        return limit
    high = min(limit, low + step)
    while high - low > 1:
        middle = (low + high) // 2
        if new.endswith(view[end_old - middle:end_old - low], 0, end_new - low):
            low = middle
        else:
            high = middle
    if low < limit and new[end_new - low - 1] == old[end_old - low - 1]:
        return low + 1
    return low


def window(data: bytes, start: int, end: int, width: int) -> tuple[int, int]:
    """Where the matches of bounded detectors touching `data[start:end]` can lie, with
    the bytes their look-arounds and boundaries read: `width` plus SLACK bytes on each
    side, out to whole lines, SLACK bytes more, and out to whole lines again."""
    low = max(0, start - width - SLACK)
    low = max(0, data.rfind(b"\n", 0, low) + 1 - SLACK)
    first = data.rfind(b"\n", 0, low) + 1
    high = min(len(data), end + width + SLACK)
    newline = data.find(b"\n", high)
    high = len(data) if newline < 0 else min(len(data), newline + 1 + SLACK)
    newline = data.find(b"\n", high)
    return first, len(data) if newline < 0 else newline + 1


class Versions:
    """The last large version of each path, with its prefilter's answer, within BUDGET;
    and, in `judged`, the last versions of each path with their hits (`carried`)."""

    def __init__(self) -> None:
        from opencheck.secrets.carried import Judgements  # it reads this module

        self.kept: dict[tuple[str, bool], tuple[bytes, Ends]] = {}
        self.held = 0
        # the hits of the versions of each path, carried over to the next where the
        # lines are the same (`carried`)
        self.judged = Judgements()

    def first_ends(self, key: tuple[str, bool], data: bytes, whole: Scan, part: Scan,
                   unbounded_scan: Scan, bounded: Bounds, always: frozenset[int]) -> Ends:
        """`whole(data)`'s answer, read from the path's previous version where it can.
        `part` is the same search on a window, `unbounded_scan` that of the unbounded
        detectors alone; `always` the detectors named wherever they are searched."""
        if len(data) < SMALLEST:
            return whole(data)
        before = self.kept.pop(key, None)
        if before is not None:
            self.held -= len(before[0])
        found = None if before is None else self._from(before, data, part, unbounded_scan,
                                                       bounded, always)
        if found is None:
            found = whole(data)
        self._keep(key, data, dict(found))  # the caller may take entries out of its own
        return found

    def _from(self, before: tuple[bytes, Ends], data: bytes, part: Scan,
              unbounded_scan: Scan, bounded: Bounds, always: frozenset[int]) -> Ends | None:
        old, old_ends = before
        prefix = shared_prefix(old, data)
        suffix = shared_suffix(old, data, min(len(old), len(data)) - prefix)
        first, last = window(data, prefix, len(data) - suffix, bounded.width)
        if (last - first) * 2 > len(data):
            return None  # most of it changed: read whole
        unbounded = bounded.unbounded
        found: Ends = {}
        # found before: still there when it ended in the shared prefix (an earlier match
        # would have been the previous version's too), else from the change on
        since = max(0, prefix - 2)
        for index, end in old_ends.items():
            if index not in unbounded:
                found[index] = end if end < since else since
        for index, end in part(data[first:last]).items():
            if index not in unbounded:
                found[index] = min(found.get(index, end + first), end + first)
        found.update(unbounded_scan(data))
        for index in always:
            found[index] = 0
        return found

    def _keep(self, key: tuple[str, bool], data: bytes, found: Ends) -> None:
        if len(data) > BUDGET // 4:
            return
        while self.kept and self.held + len(data) > BUDGET:
            oldest = next(iter(self.kept))
            self.held -= len(self.kept.pop(oldest)[0])
        self.kept[key] = (data, found)
        self.held += len(data)
