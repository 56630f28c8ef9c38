# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode's history scan: only the blobs the change's commits add are read.

The whole scan dates a value by the oldest commit adding any blob that holds it (over
every ref), and a secret file or artefact by the oldest commit adding one of its blobs
under its path; merge-request mode then keeps the findings dated by a commit of the
change. So a finding the change brings comes through a blob one of its commits adds.
The log pass still reads every commit of every ref (tree diffs, a second on the
largest corpus history): each of those blobs is read under the path the whole scan
reads it under, and dated by the same commits. Only cat-file's reading and the scan
are narrowed to them.

What the narrowed scan cannot tell is whether an older blob outside the change holds the
same value (a password copied from another file): the value would then be dated before
the change. So when the change's blobs hold a value the working tree's findings do not
already report (each is reported there, by the tree rules, whatever its date), or a
secret file or artefact no longer in the tree, `brings` says so and the caller scans the
whole history: the findings are those of the whole scan, always.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from opencheck.gitcmd import scratch_file
from opencheck.secrets.detectors import Hit
from opencheck.secrets.gitlog import StartedLog, log_lists_all
from opencheck.secrets.history import (
    MAX_BLOBS_PER_VALUE,
    Dating,
    HistoryScan,
    Introduction,
    Listing,
    PathKind,
    dated,
    log_listing,
    log_pass,
    scan_blobs,
)


def scan_change(
    root: Path,
    size_limit: int,
    path_kind: PathKind,
    content_wanted: Callable[[str], bool],
    commits: frozenset[str],
    categories: frozenset[str] | None = None,
    known: Mapping[tuple[str, str], list[Hit]] | None = None,
    unread: dict[tuple[bytes, bytes], int] | None = None,
    standalone_only: Callable[[str], bool] | None = None,
    head_on_branch: bool = False,
    paths_filtered: bool = True,
    stored: int | None = None,
    started: StartedLog | None = None,
    cached: dict[tuple[bytes, bytes], int] | None = None,
    dating: Dating | None = None,
) -> HistoryScan | None:
    """The blobs that the commits of `commits` add (by any ref's log), scanned and
    dated as `history.scan_history` does; None when the log does not list every blob (a
    ref to a tree or a blob, a log stopped early): only the whole scan then says what
    the history holds. The arguments are `scan_history`'s; `unread` and `cached` are
    taken from as met, as there."""
    if not (log_lists_all(root, head_on_branch) if started is None else started.lists_all()):
        if started is not None:
            started.discard()
        return None
    listing = log_listing(content_wanted, known, unread, paths_filtered, cached, stored,
                          started)
    try:
        log_pass(root, listing=listing)
    finally:
        if started is not None:
            started.discard()
    if not listing.complete:
        return None
    _narrow(listing, _added_by(listing, {commit.encode("ascii") for commit in commits}))
    result = scan_blobs(root, size_limit, path_kind, content_wanted, categories, None,
                        known, standalone_only, False, listing)
    return dated(root, listing, result, path_kind, dating)


def _commit(header: bytes) -> bytes:
    """The commit id of a log header (`\\x01id\\0time\\0date\\0author`)."""
    end = header.find(b"\0")
    return header[1:end] if end > 0 else header[1:].rstrip(b"\n")


def _added_by(listing: Listing, commits: set[bytes]) -> set[bytes]:
    """The blobs a commit of `commits` adds, under any path."""
    added = {oid for oid, header in listing.origins.items() if _commit(header) in commits}
    again = listing.again
    for index in range(0, len(again), 3):
        if _commit(again[index + 2]) in commits:
            added.add(again[index])
    return added


def _narrow(listing: Listing, added: set[bytes]) -> None:
    """Keep only the blobs of `added` in what the complete `listing` hands to cat-file
    (its input, in the log's order), in the blobs it leaves unread (each with the number
    of blobs read before it, counted again) and in the log's further lines. Read line by
    line: the input names every blob of the history, and is not copied whole again."""
    batch = listing.batch
    assert isinstance(batch, io.BytesIO)
    kept = scratch_file()
    unread = listing.skipped  # in the log's order: by blobs read before each
    skipped: list[bytes] = []
    place = count = 0  # the unread blobs placed; the input's lines kept

    def place_unread(before: int) -> None:
        """The unread blobs named before the input's line `before`, placed among the
        lines kept so far."""
        nonlocal place
        while place < len(unread):
            written, size, oid, rest = unread[place].split(b" ", 3)
            if int(written) > before:
                return
            place += 1
            if oid in added:
                skipped.append(b"%d %s %s %s" % (count, size, oid, rest))

    batch.seek(0)
    # one line per blob, `id path`: a path holds no newline (cut at it when written),
    # though it may hold any other byte (`\r` too); a binary file splits at `\n` only
    for index, line in enumerate(batch):
        place_unread(index)
        if line[:line.find(b" ")] in added:
            kept.write(line)
            count += 1
    place_unread(sys.maxsize)
    batch.close()
    kept.seek(0)
    listing.batch = kept
    listing.written = count
    listing.skipped = skipped
    listing.by_name.clear()  # places in the old list; the log is over
    again = listing.again
    listing.again = [part for index in range(0, len(again), 3) if again[index] in added
                     for part in again[index:index + 3]]


def brings(scan: HistoryScan, commits: frozenset[str],
           settled: Callable[[Hit, str | None], bool], in_tree: Callable[[str], bool]) -> bool:
    """Whether the narrowed `scan` may hold a finding that the whole scan dates by one
    of `commits` (or by no commit). A value: one of its blobs came in with the change,
    unless the finding, dated there, would not be written (`settled`, asked with each
    such blob's path of introduction as the history names it, or with None: whatever the
    path). The whole scan's date of the value, when it is the change's, is one of those
    blobs' (the oldest blob holding it came in with the change): so, when each is
    settled, the whole scan has no finding of it in the change either. A secret file or
    artefact: no longer in the tree (`in_tree`, by the item's path), and came in under
    its path with the change. Past a bound (values, files, blobs per value or file) the
    answer is yes."""
    if scan.dropped_values or scan.dropped_files or scan.log_error:
        return True
    for occurrence in scan.occurrences.values():
        hit = occurrence.hit
        if settled(hit, None):
            continue
        if len(occurrence.blobs) >= MAX_BLOBS_PER_VALUE:
            return True
        for oid in occurrence.blobs:
            intro = scan.introductions.get(oid)
            if intro is None or (intro.commit in commits and not settled(hit, intro.path)):
                return True
    return any(not in_tree(item.path) and _dated_by(item.blobs, scan.arrivals, commits)
               for item in scan.files.values())


def _dated_by(blobs: list[tuple[str, str]], dates: Mapping[tuple[str, str], Introduction],
              commits: frozenset[str]) -> bool:
    """Whether one of a file item's `blobs` came in under its path with one of `commits`
    (or with no commit found), or too many are held to tell (the whole scan holds the
    first ones of the whole history, perhaps not these)."""
    if len(blobs) >= MAX_BLOBS_PER_VALUE:
        return True
    for blob in blobs:
        date = dates.get(blob)
        if date is None or date.commit in commits:
            return True
    return False
