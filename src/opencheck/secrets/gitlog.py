# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The history scan's log pass: which git log it runs, and starting it early.

Kept apart from `history` (which imports the detectors and their engine) so that a run
can start git's commit walk before it imports them: git then walks on a core that the
imports and the working tree's scan leave idle.
"""

from __future__ import annotations

import re
from pathlib import Path

from opencheck.gitcmd import (
    GitError,
    StartedStream,
    batch_check,
    run_git,
)

# The log pass: every commit's tree diff, newest first, whatever the repository's
# configuration says (root commits shown, paths from the top, git's own order).
LOG_ARGS = ("log", "--all", "--raw", "--root", "--no-relative", "-O/dev/null", "--no-abbrev",
            "--no-renames", "--full-history", "-c",
            "--format=%x01%H%x00%at%x00%aI%x00%an <%ae>")

# A log out of all proportion to the objects: git writes one line per file each commit
# adds, and a tree is stored once however many commits or folders name it. One tree
# nested in itself eight times is 10**9 files from a few kilobytes of objects; git
# gathers a commit's whole diff before writing it, so it took the machine's memory,
# and thousands of commits toggling one large tree made gigabytes of lines, each held
# in `Listing.again`. So git's data is capped (a real history's log needs tens of MB:
# benchmarks/hostile.md), and the log read stops past a floor and so many bytes per
# commit and blob it names (real ones write 110-460); rev-list, which reads each object
# once, then lists the blobs, and the origins are in part unknown.
LOG_MEMORY_FLOOR = 256 << 20
LOG_MEMORY_PER_STORED_BYTE = 4


REFS_FORMAT = "--format=%(objecttype) %(*objecttype) %(*objectname)"


def log_lists_all(root: Path, head_on_branch: bool = False) -> bool:
    """Whether every ref and HEAD name a commit (or nothing yet), so that the log of
    commits lists every blob. A HEAD `head_on_branch` names what its branch names,
    which the refs say: only a detached one is asked of git (a git start less). A tag
    of a tag (`git tag -a v2 v1`) is followed to what it finally names, as the log
    follows it."""
    try:
        refs = run_git(root, "for-each-ref", REFS_FORMAT)
    except GitError:
        return False
    return _lists_all(root, refs, head_on_branch)


def _lists_all(root: Path, refs: bytes, head_on_branch: bool) -> bool:
    """`log_lists_all`, the refs' lines given (`REFS_FORMAT`)."""
    try:
        head = b"commit" if head_on_branch else \
            run_git(root, "cat-file", "-t", "HEAD", check=False).strip()
    except GitError:
        return False
    if head not in (b"commit", b""):
        return False
    chained: set[bytes] = set()
    for line in refs.splitlines():
        kind, peeled, target = [*line.split(b" "), b"", b""][:3]
        if (kind, peeled) in ((b"commit", b""), (b"tag", b"commit")):
            continue
        if (kind, peeled) != (b"tag", b"tag") or not _OID.fullmatch(target):
            return False
        chained.add(target)
    return not chained or _all_commits(root, chained)


_OID = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def _all_commits(root: Path, tags: set[bytes]) -> bool:
    """Whether each of these tag objects names a commit at the end of its chain (one
    `cat-file --batch-check`, whatever their number)."""
    try:
        kinds = batch_check(root, (tag + b"^{}" for tag in sorted(tags)),
                            "%(objecttype)").split()
    except GitError:
        return False
    return len(kinds) == len(tags) and \
        all(kind == b"commit" for kind in kinds)


def log_memory(root: Path, stored: int | None = None) -> int:
    """What git's data may take for the log: a floor, and more for a larger store
    (`stored` bytes, else as `git count-objects -v` counts them)."""
    if stored is None:
        try:
            out = run_git(root, "count-objects", "-v")
        except GitError:
            return LOG_MEMORY_FLOOR
        stored = 0
        for line in out.splitlines():
            name, _, value = line.partition(b": ")
            if name in (b"size", b"size-pack") and value.isdigit():
                stored += int(value) << 10
    return LOG_MEMORY_FLOOR + LOG_MEMORY_PER_STORED_BYTE * stored


class StartedLog(StartedStream):
    """The log pass's git, started before the scan needs it (while the working tree is
    scanned): its output is read ahead into memory, up to `LOG_AHEAD` chunks of 1 MB,
    so that git walks the commits on a core the tree scan leaves idle. Hand it to
    `scan_history`, or `discard` it.

    With `head_on_branch` given, the refs are asked at once too, beside the log, and
    `lists_all` says from them whether the log lists every blob (`log_lists_all`)."""

    def __init__(self, root: Path, stored: int | None,
                 head_on_branch: bool | None = None) -> None:
        self.memory = log_memory(root, stored)
        super().__init__(root, "-c", "core.quotePath=false", *LOG_ARGS, depth=LOG_AHEAD,
                         memory=self.memory)
        self.taken = False
        self._root, self._head_on_branch = root, head_on_branch
        self._refs: StartedStream | None = None
        self._lists_all: bool | None = None
        if head_on_branch is not None:
            try:
                self._refs = StartedStream(root, "for-each-ref", REFS_FORMAT, timeout=120.0)
            except BaseException:
                super().close()
                raise

    def lists_all(self) -> bool:
        """Whether every ref and HEAD name a commit (`log_lists_all`): else the log does
        not list every blob, and rev-list must. Asked once, when the scan starts."""
        if self._lists_all is None:
            if self._refs is None:
                self._lists_all = log_lists_all(self._root, bool(self._head_on_branch))
            else:
                try:
                    refs = b"\n".join(self._refs.records(b"\n"))
                except GitError:
                    self._lists_all = False
                else:
                    self._lists_all = _lists_all(self._root, refs, bool(self._head_on_branch))
        return self._lists_all

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._refs is not None:
                self._refs.close()

    def discard(self) -> None:
        """Stop git and the reading thread, unless a log pass took them over."""
        if not self.taken:
            self.taken = True
            self.close()


LOG_AHEAD = 16  # chunks of the log read ahead before the scan reads them


def start_log(root: Path, stored: int | None = None,
              head_on_branch: bool = False) -> StartedLog | None:
    """The log pass's git, started now for a `scan_history` to come, or None when git
    could not start. The refs are asked beside it, not before: whether the log lists
    every blob (`StartedLog.lists_all`) is read when the scan starts. With thousands of
    tags, peeling them took 0.1 s, and git's log, which sorts them all before its first
    line, as long again (alphagov/govuk-puppet, 13,806 refs), one after the other."""
    try:
        return StartedLog(root, stored, head_on_branch)
    except GitError:
        return None
