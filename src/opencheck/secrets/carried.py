# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A history's new version of a file judged only where it changed: the hits of the
lines it shares with the version before are carried over.

A configuration file edited a thousand times repeats its assignments in every version:
alphagov/govuk-puppet's two `common.yaml` files (50 KB each, 2,000 versions) made three
quarters of the 94,000 keyword candidates its history's scan judged one by one in
Python, for the same lines each time. Below `versions.SMALLEST` they were read whole;
above it the prefilter's answer is worked out from the change, but a detector that
matched before still runs from its first match on.

A keyword assignment's judgement reads its own line and bounded windows around it (at
most `nonsecret.CONTEXT`, 400 bytes, on either side), the file's path, and the
file-wide facts `Surroundings` keeps (a `kind: Secret` head, a sealed secret, a word
anywhere); a detector says so with `Detector.judged_near` (no other does: a JWK's
member looks 16 KB away for its key type, a private address 4 KB back for an SVG).
So for such a detector, when its matches lie in one line each (no match holds a
newline; `runs.within_a_line`) with look-arounds of at most `versions.SLACK` bytes, and
its candidates are judged one at a time (no rate of valid keys over the file, no
file-wide gate or word), the candidates of the lines further than REACH bytes from any
byte that changed are those of the older version, judged the same when the file-wide
facts agree: their hits are carried over (moved by the bytes and lines added or removed
before them) and the detector runs on the lines around each change alone. The shared
bytes are found as blocks (the common prefix and suffix, then blocks found from an
anchor line in the changed middle): a commit often edits a configuration file in
several places. When the per-detector caps on candidates or hits could be reached, the
detector runs on the whole version, as before. tests/test_secrets_carried.py compares
the hits with those of whole reads over random edits of files holding every planted
secret.
"""

from __future__ import annotations

import bisect
import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opencheck.secrets.nonsecret import Surroundings
from opencheck.secrets.versions import shared_prefix, shared_suffix

if TYPE_CHECKING:
    from opencheck.secrets.detectors import Hit

REACH = 1024  # bytes around a change judged again: more than any judgement's window
SMALLEST = 16 * 1024  # a smaller version is judged whole: little would be carried
BUDGET = 8 * 1024 * 1024  # the previous versions kept with their hits, all paths together
PER_PATH = 4  # versions kept per path
MANY = 8  # fewer candidates in the newest version kept: the new one is judged whole
GOOD = 4  # a version carried from when at most 1/GOOD of the new one is judged again

Key = tuple[str, bool]  # a path, and whether only the standalone detectors ran


@dataclass(slots=True)
class Found:
    """One detector's hits in a version, each with the offset of its match, in order,
    and at least as many candidates as it judged there."""

    hits: list[tuple[int, Hit]]
    candidates: int


@dataclass(slots=True)
class Judged:
    """A version, the file-wide facts its candidates were judged with, and the hits of
    the detectors that can be carried over."""

    data: bytes
    around: Surroundings
    found: dict[int, Found]


Block = tuple[int, int, int]  # the same bytes: where in the new version, in the old, how many


@dataclass(slots=True)
class Carry:
    """What a new version takes from an older one: the detectors run again on the
    `fresh` ranges (whole lines around each change), and the older version's hits
    elsewhere move with the `blocks` of bytes both share."""

    old: Judged
    fresh: list[tuple[int, int]]  # [start, stop) in the new version, in order, apart
    blocks: list[Block]  # in order in both versions, apart
    lines: list[int]  # per block: how many lines further it lies in the new version

    def found(self, index: int, start: int,
              fresh: Callable[[int, int], Found], most_hits: int,
              most_candidates: int) -> Found | None:
        """The detector's hits in the new version, or None when it must run on all of
        it: the older version did not run it, or a cap could have cut its run.
        `fresh(start, stop)` runs it on the matches starting in [start, stop); `start`
        is where the prefilter says its first match can start."""
        before = self.old.found.get(index)
        if before is None:
            return None
        hits: list[tuple[int, Hit]] = []
        candidates = before.candidates  # those carried are at most the older version's
        for low, high in self.fresh:
            if high > start:
                around = fresh(max(start, low), high)
                hits += around.hits
                candidates += around.candidates
        if candidates >= most_candidates or len(before.hits) + len(hits) >= most_hits:
            return None
        olds = [block[1] for block in self.blocks]
        for offset, hit in before.hits:
            which = bisect.bisect_right(olds, offset) - 1
            if which < 0:
                continue
            new, old, length = self.blocks[which]
            if offset >= old + length:
                continue  # in bytes the new version does not hold
            moved = offset - old + new
            if self._is_fresh(moved):
                continue  # judged again there
            lines = self.lines[which]
            hits.append((moved, dataclasses.replace(hit, line=hit.line + lines) if lines
                         else hit))
        hits.sort(key=lambda pair: pair[0])
        return Found(hits, candidates)

    def _is_fresh(self, offset: int) -> bool:
        which = bisect.bisect_right(self.fresh, (offset, sys.maxsize)) - 1
        return which >= 0 and offset < self.fresh[which][1]


class Judgements:
    """The last judged versions of each path of at least SMALLEST bytes (PER_PATH of
    them: a history's log interleaves its branches, so the version scanned just before
    may be another branch's), within BUDGET."""

    def __init__(self) -> None:
        self.kept: dict[Key, list[Judged]] = {}  # oldest path first, its newest last
        self.held = 0

    def carry(self, key: Key, data: bytes, around: Surroundings) -> Carry | None:
        """How `data` takes the hits of the kept version of its path it differs least
        from, or None (judged whole): none kept, other file-wide facts, or most of it
        changed."""
        kept = self.kept.get(key)
        if len(data) < SMALLEST or not kept or sum(
                found.candidates for found in kept[-1].found.values()) < MANY:
            return None  # judged whole for less than it takes to compare
        best: Carry | None = None
        best_fresh = len(data) // 2  # judged whole past this
        for old in reversed(kept):
            if not around.agrees_with(old.around):
                continue
            found = _carry(old, data)
            fresh = sum(high - low for low, high in found.fresh)
            if fresh < best_fresh:
                best, best_fresh = found, fresh
            if fresh * GOOD < len(data):
                break  # the newest that is good enough: each comparison costs too
        return best

    def keep(self, key: Key, judged: Judged) -> None:
        if len(judged.data) < SMALLEST or len(judged.data) > BUDGET // 4:
            return
        versions = self.kept.pop(key, [])
        versions.append(judged)
        self.held += len(judged.data)
        if len(versions) > PER_PATH:
            self.held -= len(versions.pop(0).data)
        self.kept[key] = versions  # now the newest path
        while self.held > BUDGET:
            oldest = next(iter(self.kept))
            self.held -= len(self.kept[oldest].pop(0).data)
            if not self.kept[oldest]:
                del self.kept[oldest]


def _carry(old: Judged, data: bytes) -> Carry:
    """The blocks `data` shares with `old`, and the lines within REACH bytes of a
    change (bytes of one version only, or a place where the blocks join)."""
    blocks = same_blocks(old.data, data)
    changes: list[tuple[int, int]] = []  # [start, stop) in the new version, maybe empty
    lines: list[int] = []
    new_end = old_end = 0  # where the last block ended
    new_lines = old_lines = 0  # the lines before it
    for new, old_start, length in blocks:
        if (new, old_start) != (new_end, old_end):
            changes.append((new_end, new))
        new_lines += data.count(b"\n", new_end, new)
        old_lines += old.data.count(b"\n", old_end, old_start)
        lines.append(new_lines - old_lines)
        new_end, old_end = new + length, old_start + length
    if (new_end, old_end) != (len(data), len(old.data)):
        changes.append((new_end, len(data)))
    fresh: list[tuple[int, int]] = []
    for start, stop in changes:
        low = data.rfind(b"\n", 0, start - REACH) + 1 if start > REACH else 0
        newline = data.find(b"\n", min(len(data), stop + REACH))
        high = len(data) if newline < 0 else newline + 1
        if fresh and low <= fresh[-1][1]:
            fresh[-1] = (fresh[-1][0], max(fresh[-1][1], high))
        else:
            fresh.append((low, high))
    return Carry(old, fresh, blocks, lines)


ANCHOR = 64  # bytes of the new version looked for in the old one, to find a shared block
DEPTH = 6  # halvings of the changed middle looked into


def same_blocks(old: bytes, new: bytes) -> list[Block]:
    """Blocks of bytes `new` shares with `old`, in order in both: the shared prefix,
    blocks found in the middle from anchors, the shared suffix. Any shared bytes
    will do (the hits depend only on the bytes): no smallest diff is looked for."""
    prefix = shared_prefix(old, new)
    suffix = shared_suffix(old, new, min(len(old), len(new)) - prefix)
    blocks = [(0, 0, prefix)] if prefix else []
    _middle(old, prefix, len(old) - suffix, new, prefix, len(new) - suffix, blocks, DEPTH)
    if suffix:
        blocks.append((len(new) - suffix, len(old) - suffix, suffix))
    return blocks


def _middle(old: bytes, old_low: int, old_high: int, new: bytes, new_low: int,
            new_high: int, blocks: list[Block], depth: int) -> None:
    """Blocks shared by `old[old_low:old_high]` and `new[new_low:new_high]`, appended
    in order: one from the line in the middle of the new part, then on each side."""
    if depth == 0 or new_high - new_low < 2 * REACH + ANCHOR or old_high - old_low < ANCHOR:
        return
    middle = new.rfind(b"\n", new_low, (new_low + new_high) // 2) + 1 or new_low
    middle = max(middle, new_low)
    if middle + ANCHOR > new_high:
        return
    at = old.find(new[middle:middle + ANCHOR], old_low, old_high)
    if at < 0:
        return
    behind = shared_suffix(old, new, min(at - old_low, middle - new_low), at, middle)
    ahead = shared_prefix(old, new, at, middle, min(old_high - at, new_high - middle))
    _middle(old, old_low, at - behind, new, new_low, middle - behind, blocks, depth - 1)
    blocks.append((middle - behind, at - behind, behind + ahead))
    _middle(old, at + ahead, old_high, new, middle + ahead, new_high, blocks, depth - 1)

