# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a revision's files would take on disk once checked out, asked of git before
they are written, and whether the disk has room for them.

git stores a blob once however many paths name it, and compresses it: one blob of
300 MB of a repeated byte is 300 KB of pack, and a tree naming it a thousand times
is a few kilobytes more. A clone of a few hundred kilobytes then writes hundreds of
gigabytes into the batch's workspace, where the store, the reports and the other
repositories' clones live. `git ls-tree -r -t -l` lists each path with its blob's
size, read from the object's header (no blob is unpacked), and the count stops as
soon as the files no longer fit.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from opencheck.gitcmd import stream_git

BLOCK = 4096  # what a file or a folder takes at least on common file systems
RESERVE = 1 << 30  # bytes a checkout leaves free: the store, the reports, other clones
RESERVED_INODES = 10_000


@dataclass(frozen=True)
class Room:
    """Free space of a folder's file system: bytes, and inodes (None: not counted)."""

    free: int
    inodes: int | None


@dataclass(frozen=True)
class Footprint:
    """What a checkout would take: bytes on disk (blocks), and entries (files, links,
    folders); `fits` is False when the count stopped past the room given."""

    size: int
    entries: int
    fits: bool


def room(folder: Path, keep_free: int = RESERVE) -> Room:
    """The room a checkout may take in `folder`'s file system, `keep_free` bytes kept."""
    free = max(0, shutil.disk_usage(folder).free - keep_free)
    if not hasattr(os, "statvfs"):  # Windows: no inode count
        return Room(free, None)
    info = os.statvfs(folder)
    # a file system that does not count inodes (btrfs) says it has none
    inodes = max(0, info.f_favail - RESERVED_INODES) if info.f_files else None
    return Room(free, inodes)


def footprint(repository: Path, revision: str, limit: Room, timeout: float) -> Footprint:
    """The disk `revision`'s files would take in a checkout of `repository`, counted
    until they pass `limit`."""
    size = entries = 0
    records = stream_git(repository, "ls-tree", "-r", "-t", "-l", "-z", "--full-tree",
                         revision, "--", separator=b"\0", timeout=timeout)
    try:
        for record in records:
            header = record.partition(b"\t")[0].split()
            if len(header) < 4:
                continue
            entries += 1
            length = int(header[3]) if header[3].isdigit() else 0  # `-`: a folder or gitlink
            size += -(-length // BLOCK) * BLOCK + BLOCK
            if size > limit.free or (limit.inodes is not None and entries > limit.inodes):
                return Footprint(size, entries, fits=False)
    finally:
        records.close()
    return Footprint(size, entries, fits=True)


def shown_size(size: int) -> str:
    """`1.5 GB`, `300 MB`: a size as people read it."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"
