# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A pattern's matches, searched only where they can be: in the runs of the bytes they
are made of.

Hyperscan says which detectors may match a blob and where each can first end; the
detector's Python pattern then runs from there to the blob's end. Most patterns start
with a keyword and Python skips to it fast, but some start with any digit: the NIR's
`[12]` tried at every 1 and 2 of a notebook's or a data file's numbers (8 MB of them
took 0.13 s on etalab-ia/albert-api's history, for 20 matches). Such a pattern's matches
are made of few kinds of bytes (digits, a space or a dot, the letters of `2A`): one C
pass maps each byte to whether it may belong to a match, a substring search finds the
runs long enough to hold the shortest match, and the pattern runs on those runs alone.
The matches are those `pattern.finditer` gives, in the same order (a test compares them
on every detector): a match can hold no byte outside the set, and the search sees as
many bytes after a run as the pattern's look-aheads read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from opencheck.secrets.multimatch import ALL_BYTES, CATEGORIES, Unsupported, members, parsed

try:  # Python 3.11 names the constants re._constants; older ones sre_constants
    from re import _constants as sre_constants  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]

SHORTEST = 8  # a pattern whose matches may be shorter is searched as it is
WIDEST_SET = 96  # a pattern made of more kinds of bytes than this is searched as it is
FROM_BYTES = 32 << 10  # below this, one search from the start costs less than the runs
DENSE = 8  # runs long enough over more than 1/DENSE of the bytes: searched as it is

_FREE_POSITIONS = {"AT_BOUNDARY", "AT_NON_BOUNDARY"}  # they read one byte on each side


class _Unplanned(ValueError):
    """Something that makes the runs no shortcut (an anchor, a back-reference)."""


@dataclass(frozen=True)
class Plan:
    table: bytes  # translate table: 1 for a byte a match may hold, 0 otherwise
    shortest: int  # the fewest bytes a match holds
    reach: int  # how many bytes past a match the pattern may read (look-aheads)


def plan(pattern: re.Pattern[bytes]) -> Plan | None:
    """How to search `pattern` by runs, or None when that is no shortcut or not sure."""
    try:
        tree = parsed(pattern)
        shortest = tree.getwidth()[0]
        found: set[int] = set()
        reach = _walk(list(tree), found)
    except (_Unplanned, Unsupported, re.error, OverflowError, KeyError):
        return None
    if pattern.flags & re.IGNORECASE:
        found |= {byte ^ 0x20 for byte in found if chr(byte).isascii() and chr(byte).isalpha()}
    if shortest < SHORTEST or len(found) > WIDEST_SET or 0x0A in found:
        return None
    table = bytes(1 if byte in found else 0 for byte in range(256))
    return Plan(table, shortest, max(reach, 1))


def within_a_line(pattern: re.Pattern[bytes]) -> bool:
    """Whether no match of `pattern` can hold a newline (False when not sure): its
    matches then lie in one line each."""
    try:
        found: set[int] = set()
        _walk(list(parsed(pattern)), found, anchors=True)
    except (_Unplanned, Unsupported, re.error, OverflowError, KeyError):
        return False
    return 0x0A not in found


def _walk(items: list[tuple[Any, Any]], found: set[int], anchors: bool = False) -> int:
    """Add to `found` every byte the items may match; the widest look-ahead met."""
    reach = 0
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            found.add(av)
        elif name == "IN":
            found |= members(av)
        elif name == "CATEGORY":
            found |= CATEGORIES[str(av)]
        elif name in ("NOT_LITERAL", "ANY"):
            found |= ALL_BYTES - ({av} if name == "NOT_LITERAL" else set())
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            reach = max(reach, _walk(list(av[2]), found, anchors))
        elif name == "SUBPATTERN":
            reach = max(reach, _walk(list(av[-1]), found, anchors))
        elif name == "ATOMIC_GROUP":
            reach = max(reach, _walk(list(av), found, anchors))
        elif name == "BRANCH":
            for branch in av[1]:
                reach = max(reach, _walk(list(branch), found, anchors))
        elif name in ("ASSERT", "ASSERT_NOT"):
            if av[0] == 1:  # a look-ahead: read past the match, never part of it
                widest = av[1].getwidth()[1]
                if widest >= sre_constants.MAXREPEAT:
                    raise _Unplanned("an open-ended look-ahead")
                reach = max(reach, widest)
        elif name == "AT" and str(av) in _FREE_POSITIONS:
            reach = max(reach, 1)
        elif name == "AT" and anchors:
            continue  # a position, no byte of the match (asked by `within_a_line`)
        else:
            raise _Unplanned(name)
    return reach


def finditer(pattern: re.Pattern[bytes], haystack: bytes, start: int,
             runs: Plan | None, end: int | None = None) -> Iterator[re.Match[bytes]]:
    """`pattern.finditer(haystack, start, end)`, searched by runs when `runs` is given
    and the bytes left are many."""
    end = len(haystack) if end is None else end
    if runs is None or end - start < FROM_BYTES:
        yield from pattern.finditer(haystack, start, end)
        return
    shape = haystack.translate(runs.table)
    enough = b"\x01" * runs.shortest
    if shape.count(enough, start, end) * runs.shortest * DENSE > end - start:
        # long runs everywhere (columns of long numbers): a search per run costs more
        # than the pattern's own skipping
        yield from pattern.finditer(haystack, start, end)
        return
    position = start
    while (first := shape.find(enough, position, end)) >= 0:
        run_end = shape.find(b"\x00", first, end)
        if run_end < 0:
            run_end = end
        search_end = min(end, run_end + runs.reach)
        at = first
        while at < run_end:
            match = pattern.search(haystack, at, search_end)
            if match is None:
                break
            yield match
            at = match.end() if match.end() > match.start() else match.start() + 1
        position = run_end
