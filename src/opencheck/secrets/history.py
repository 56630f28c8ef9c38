# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every unique blob of every ref, read once, streamed; and where each hit came in.

One `git log --all --raw` pass (tree diffs only, no content) lists every blob that any
commit adds, with its path and the commits that add it: each reachable blob is added by
some commit (a root commit adds its whole tree; a merge's combined diff names what
differs from every parent), so the list is the set `git rev-list --objects --all`
would walk, and the oldest commit adding a blob is where it came in. `git cat-file
--batch` streams the blobs' bytes, each once, as the log names them: a thread reads
the log into cat-file's input while the blobs already named are read and scanned.
Python reads that stream one blob at a time and keeps only the hits, so memory does
not grow with the history: a blob is dropped as soon as it is scanned, and blobs above
the size limit are never held whole.

Blobs whose name already says all the history reports of them (images, fonts, video,
archives: `files.NAMED_BINARY_SUFFIXES`) are not streamed: their sizes come from one
`cat-file --batch-check`, unless the same bytes also come under a text name.

`git log --all` walks commits only: when a ref names a tree or a blob, or the log stops
on an absent object, the blobs are listed by `git rev-list --objects --all
--missing=print` instead, piped to `cat-file` (what the log read still gives origins).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
import os
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from opencheck.gitcmd import (
    PIPE,
    ErrorTail,
    GitError,
    GitProcess,
    Watched,
    batch_check,
    failure,
    popen_git,
    stream_git,
)
from opencheck.readahead import PipeReader, usable_cores
from opencheck.secrets import blobcache
from opencheck.secrets.confidence import HIGH, confidence
from opencheck.secrets.copies import KEY_KINDS
from opencheck.secrets.detectors import Hit, Reader, scan_stream
from opencheck.secrets.files import (
    NAME_ONLY_KINDS,
    SECRET_FILE_KINDS,
    SECRET_NAME_START,
    head_matters,
    judged_by_name,
)
from opencheck.secrets.gitlog import (
    StartedLog,
    log_lists_all,
)
from opencheck.secrets.parallel import BlobScanner
from opencheck.secrets.textview import text_reader, text_view

HEAD_SIZE = 8000
CHUNK = 1 << 20
FEED_BUFFER = 1 << 14
MAX_BLOBS_PER_VALUE = 256
MAX_VALUES = 20_000  # distinct values kept; past it, new ones are only counted
# Files kept, secret files and artefacts each; past it, new ones are only counted by
# kind: one blob under 900,000 `.env` names fits in the log's budget of a tiny history.
# Counted apart, so that a legacy history of compiled files never leaves a key file
# without its path.
MAX_FILES = 20_000


class Blob:
    """One blob of cat-file's output. A plain class with slots, not a dataclass: one is
    made per blob (not frozen for that), and a `dataclass(slots=True)` is made twice at
    import (0.6 ms of a history run's start)."""

    __slots__ = ("data", "head", "hits", "oid", "path", "size")

    def __init__(self, oid: str, path: str, size: int, data: bytes | None, head: bytes,
                 hits: list[Hit] | None = None) -> None:
        self.oid = oid
        self.path = path
        self.size = size
        self.data = data  # None above the size limit
        self.head = head  # the first HEAD_SIZE bytes, or more (the whole data when held)
        self.hits = hits  # above the size limit: what the windowed scan found


@dataclass(frozen=True)
class Introduction:
    """A commit that adds a blob under a path: where a value or a file came in. (A
    docstring of its own: a dataclass without one has its signature worked out, by
    `inspect`, as it is made at import.)"""

    commit: str
    timestamp: int
    date: str
    author: str
    path: str
    # from the commits `dating` names (merge-request mode: HEAD and the base), when the
    # run names some: preferred to any older one that only another ref reaches
    reachable: bool = True

    def before(self, other: Introduction | None) -> bool:
        """Whether this one dates a value rather than `other`: reachable from the
        commits that date first, then older."""
        return other is None or (not self.reachable, self.timestamp) < (
            not other.reachable, other.timestamp)


@dataclass
class Occurrence:
    """A value found in history: every blob that holds it (up to a bound)."""

    hit: Hit
    path: str
    blobs: dict[str, tuple[str, int]] = field(default_factory=dict)  # oid -> (path, line)
    # some version held it in code (no comment) where a keyword's value blocks: an
    # example the tree only quotes in comments was once used (`Grouped.example`)
    blocks_in_code: bool = False


@dataclass
class PathItem:
    """A file that is a problem by its path or size (secret file, artefact)."""

    path: str
    size: int
    kind: str
    blobs: list[tuple[str, str]] = field(default_factory=list)  # (blob id, its path)


CleanBlob = tuple[bytes, bytes, int]  # blob id, path as the log writes it, size


@dataclass
class HistoryScan:
    """What the history scan found: the values, the file items, where each came in."""

    occurrences: dict[tuple[str, str], Occurrence] = field(default_factory=dict)
    files: dict[str, PathItem] = field(default_factory=dict)
    introductions: dict[str, Introduction] = field(default_factory=dict)
    # (blob id, path) of a file item -> the oldest commit adding the blob under that
    # path: a `.env` is dated by its own arrival, not by an older `.env.sample` of the
    # same content.
    arrivals: dict[tuple[str, str], Introduction] = field(default_factory=dict)
    blobs: int = 0
    bytes: int = 0
    skipped_large: int = 0
    dropped_values: int = 0
    dropped_files: Counter[str] = field(default_factory=Counter)  # by kind
    kept_files: Counter[bool] = field(default_factory=Counter)  # by "is a secret file"
    absent: int = 0  # objects the history names but the clone does not hold
    log_error: str | None = None  # the commit walk stopped early: some origins unknown
    # With `keep_clean`: the blobs in which the scan found nothing and whose bytes and
    # path make no file item, as (id, path as the log writes it, size): `blobcache`.
    clean: list[CleanBlob] = field(default_factory=list)
    from_cache: int = 0  # blobs not read: an earlier run found them clean
    with_hits: set[str] = field(default_factory=set)  # the blobs any hit was found in
    # A private key's blobs -> every path the log added each under (a test key copied
    # byte for byte into a deployment folder is one blob under two names)
    names: dict[str, set[str]] = field(default_factory=dict)

    def introduction(self, occurrence: Occurrence) -> tuple[Introduction | None, str, int]:
        """The oldest introduction of any blob holding the value, with its line."""
        return self.oldest(occurrence.blobs.items(), occurrence.path, occurrence.hit.line)

    def oldest(
        self, blobs: Iterable[tuple[str, tuple[str, int]]], path: str, line: int
    ) -> tuple[Introduction | None, str, int]:
        best: tuple[Introduction | None, str, int] = (None, path, line)
        for oid, (_path, blob_line) in blobs:
            found = self.introductions.get(oid)
            if found is not None and found.before(best[0]):
                best = (found, found.path, blob_line)
        return best

    def arrival(self, item: PathItem) -> Introduction | None:
        """The oldest commit adding any of the item's blobs under the item's paths."""
        best: Introduction | None = None
        for blob in item.blobs:
            found = self.arrivals.get(blob)
            if found is not None and found.before(best):
                best = found
        return best


class Absent:
    """Counts the objects the history names but the clone does not hold."""

    def __init__(self) -> None:
        self.count = 0


# Called for a blob above the size limit with its path, its first bytes and a reader of
# its whole content: the hits of a windowed scan, or None when it is not to be scanned.
LargeScan = Callable[[str, bytes, Reader], list[Hit] | None]


class _BlobReader:
    """The content of one blob of `cat-file --batch`: its head, then the rest from the
    stream, never past the blob's end."""

    def __init__(self, stream: IO[bytes] | Watched, head: bytes, remaining: int) -> None:
        self.stream, self.pending, self.remaining = stream, head, remaining

    def read(self, size: int = -1) -> bytes:
        if self.pending:
            chunk, self.pending = self.pending[:size], self.pending[size:]
            return chunk
        if self.remaining <= 0:
            return b""
        chunk = self.stream.read(min(size, self.remaining))
        self.remaining -= len(chunk)
        return chunk

    def drain(self) -> None:
        self.pending = b""
        while self.remaining > 0:
            chunk = self.stream.read(min(self.remaining, CHUNK))
            if not chunk:
                return
            self.remaining -= len(chunk)


GITLINK = b"160000"  # a submodule's commit, not a blob of this repository
# The log read stops past a floor and so many bytes per commit and blob it names (see
# `gitlog.LOG_MEMORY_FLOOR`): real logs write 110-460 per commit and blob.
# A line of the log is read up to this length, never to its end: a longer one (a folder
# name of megabytes, which a few kilobytes of zlib hold; git's data cap is the only
# bound on it) stops the log, and rev-list lists the blobs. No file system takes a path
# of more than a few kilobytes.
LINE_LIMIT = 64 << 10
LOG_FLOOR = 64 << 20
LOG_PER_OBJECT = 4096
SHARED_TREES = ("trees shared between commits or folders repeat the same files; the "
                "blobs were listed by rev-list instead")
OVERSIZED_LOG = "git log stopped after {megabytes} MB for {commits} commit(s) and {blobs} " \
    "blob(s): " + SHARED_TREES
LONG_LINE = "a line of git log is longer than {kilobytes} KB (a path or an author of " \
    "that length): the blobs were listed by rev-list instead"
LOG_OUT_OF_MEMORY = "git log needed more than {megabytes} MB: " + SHARED_TREES
UNSIZED = -1  # a blob judged by its name, not read: its size is asked of git after the log
REREAD = -2  # a blob first judged by name, then met under a text name: read after all


def _packed(written: int, oid: bytes, path: bytes, size: int) -> bytes:
    """An entry of `Listing.skipped`, in one bytes object: as a tuple of two numbers and
    two strings, the 59,349 unread files of a 64,077-file tree, listed by the log at
    once, were 22 MB."""
    return b"%d %d %s %s" % (written, size, oid, path)


def _unpacked(entry: bytes) -> tuple[int, str, str, int]:
    """The blobs written to cat-file before it, its id, its path, its size."""
    written, size, oid, path = entry.split(b" ", 3)
    return int(written), oid.decode("ascii"), path.decode("utf-8", "replace"), int(size)


def _written_before(entry: bytes) -> int:
    return int(entry[:entry.index(b" ")])


# An entry of `Listing.skipped` the scan has counted: nothing of it is kept (a tree of
# 60,000 files: 17 MB of ids and paths held until the end of the history scan).
COUNTED = _packed(-1, b"", b"", -3)


class Listing:
    """What the log pass says of each blob. Its first line (the newest commit adding
    it) gives the path it is scanned under, written at once to cat-file's input; its
    last line, the oldest commit adding it: where it came in.

    Memory is one commit header reference per blob, that of its first line (and its
    path, when git quoted it); each further line of a blob added more than once is
    appended to a flat list (id, path, header: cheaper than a dictionary on a history
    of many repeats), read once at the end for the few blobs with findings: where each
    came in (its last line) and where it came in under each of its names.
    """

    def __init__(self, batch: IO[bytes],
                 unread: dict[tuple[bytes, bytes], int] | None = None,
                 wanted: Callable[[str], bool] | None = None,
                 cached: dict[tuple[bytes, bytes], int] | None = None) -> None:
        self.batch = batch  # cat-file's input: `id path` per blob, in the log's order
        # Whether a path's content is scanned at all (`allow_paths`): a blob first met
        # under a path that is not waits in `allowed` for an older name that is, and
        # is read under it; met only under such paths, it is never read.
        self.wanted = wanted
        self.allowed: set[bytes] = set()
        # Blobs (id, path) not to be read, with their sizes; each one met is kept in
        # `skipped` with the number of blobs written to cat-file before it (packed);
        # those judged by name, once sized after the log, in `sized`.
        self.unread = unread or {}
        # Blobs an earlier run found clean (`blobcache`), not read either; those met
        # are named in `from_cache`, so that the next run keeps them too.
        self.cached = cached or {}
        self.from_cache: set[bytes] = set()
        self.skipped: list[bytes] = []
        self.sized: list[tuple[int, str, str, int]] = []
        self.written = 0
        self.origins: dict[bytes, bytes] = {}  # blob id -> header of its first line
        self.paths: dict[bytes, bytes] = {}  # blob id -> its path there, when git quoted it
        self.again: list[bytes] = []  # every further line: id, path, header
        self.complete = False
        self.error: str | None = None  # the log stopped: some blobs and origins unknown
        self.absent = 0  # blobs judged by name that the clone does not hold
        self.by_name: dict[bytes, int] = {}  # blob id judged by name -> its place in skipped
        self.named: set[str] = set()  # the blobs of `skipped` judged by name, once sized
        self.log: GitProcess[bytes] | None = None  # the git log being read
        self.stored: int | None = None  # the object store's bytes, when the caller knows
        self.started: StartedLog | None = None  # the log's git, when started already

        self.stopped = False

    def stop_log(self) -> None:
        """End the log early (the scan stopped): its thread then reads the end."""
        self.stopped = True
        if self.log is not None and self.log.poll() is None:
            self.log.kill()

    def lines_taken(self) -> int:
        """How many of the log's blob lines were taken so far (read by another thread
        while the log goes on: each line grows `origins` or `again`)."""
        return len(self.origins) + len(self.again)

    def add(self, oid: bytes, header: bytes, path: bytes) -> None:
        if oid in self.origins:  # an older addition (the log goes newest first)
            self.again += (oid, path, header)
            if oid in self.by_name and not judged_by_name(path) and self._wanted(path):
                # the same bytes under a text name too: read them after all, under it
                # (one whose content is scanned: not in an allowed folder)
                position = self.by_name.pop(oid)
                written, _size, rest = self.skipped[position].split(b" ", 2)
                self.skipped[position] = b"%s %d %s" % (written, REREAD, rest)
                self._read(oid, path)
            elif oid in self.allowed and self._wanted(path):
                # a key copied into an allowed folder, and once committed elsewhere:
                # scanned under that older name
                self.allowed.discard(oid)
                self._read(oid, path)
            return
        self.origins[oid] = header
        if self.wanted is not None and not self._wanted(path):
            self.allowed.add(oid)
            return
        if path[:1] in (b'"', b" "):  # C-quoted by git (scanned unquoted, reported as
            # written), or a leading space cat-file would not hand back
            self.paths[oid] = path
            self._read(oid, path)
            return
        # taken out as met: the tree's 60,000 entries are not held until the end
        size = self.unread.pop((oid, path), None) if self.unread else None
        if size is None and judged_by_name(path):
            self.by_name[oid] = len(self.skipped)
            size = UNSIZED
        elif size is None and self.cached:
            # not under an image's name: such a blob is read under an older text name
            # (REREAD), which a run listing by rev-list did not do before keeping it
            size = self.cached.pop((oid, path), None)
            if size is not None:
                self.from_cache.add(oid)
        if size is None:
            self._read(oid, path)
        else:  # a name that is not UTF-8 (the repository chose it) is shown as read ones are
            self.skipped.append(_packed(self.written, oid, path, size))

    def _wanted(self, path: bytes) -> bool:
        """Whether a path as git's log writes it is to be scanned (as cat-file will
        hand it back: unquoted, its first line)."""
        name = _unquoted(path).split(b"\n", 1)[0].decode("utf-8", "replace")
        return self.wanted is None or self.wanted(name)

    def _read(self, oid: bytes, path: bytes) -> None:
        """Put the blob on cat-file's input, under its path unquoted."""
        self.batch.write(b"%s %s\n" % (oid, _unquoted(path).split(b"\n", 1)[0]))
        self.written += 1

    def size_unread(self, root: Path) -> None:
        """Give the unread blobs judged by name their sizes, from one `cat-file
        --batch-check` (headers only); drop those the clone does not hold, counted,
        and those read after all."""
        self.by_name.clear()
        entries = [_unpacked(entry) for entry in self.skipped if entry is not COUNTED]
        self.skipped = []
        unsized = [item[1] for item in entries if item[3] == UNSIZED]
        sizes = _sizes(root, unsized) if unsized else {}
        kept: list[tuple[int, str, str, int]] = []
        for position, oid, path, size in entries:
            if size == UNSIZED:
                size = sizes.get(oid, UNSIZED)
                if size == UNSIZED:
                    self.absent += 1
                    continue
                self.named.add(oid)
            if size >= 0:  # not read after all (REREAD), nor counted already
                kept.append((position, oid, path, size))
        self.sized = kept

    def names_of(self, oids: Iterable[str]) -> dict[str, set[str]]:
        """Every further path the log added each of these blobs under (the first one is
        the path it was scanned under)."""
        keys = {oid.encode("ascii"): oid for oid in oids}
        found: dict[str, set[str]] = {}
        again = self.again if keys else []
        for index in range(0, len(again), 3):
            oid = keys.get(again[index])
            if oid is not None:
                found.setdefault(oid, set()).add(
                    _unquoted(again[index + 1]).decode("utf-8", "replace"))
        return found

    def origins_of(self, wanted: Mapping[str, str], items: Iterable[tuple[str, str]],
                   dating: Dating | None = None,
                   ) -> tuple[dict[str, Introduction], dict[tuple[str, str], Introduction]]:
        """For each wanted blob (id -> the path it was scanned under), its oldest
        addition, under whatever name (with that name, as git wrote it); for each
        (blob id, path) of `items`, its oldest addition under that path. With `dating`,
        the oldest of those its commits reach when there is one: another ref's commit
        that added the same bytes before does not date a value a change brings."""
        items = list(items)
        keys = {oid.encode("ascii") for oid in wanted}
        keys.update(oid.encode("ascii") for oid, _path in items)
        later: dict[bytes, list[tuple[bytes, bytes]]] = {}  # newest first
        again = self.again if keys else []
        for index in range(0, len(again), 3):
            if again[index] in keys:
                later.setdefault(again[index], []).append((again[index + 1], again[index + 2]))
        reached = dating.reached(
            [self.origins[key] for key in keys if key in self.origins]
            + [header for lines in later.values() for _name, header in lines]
        ) if dating is not None else None

        def oldest(lines: list[tuple[bytes, bytes]]) -> tuple[int, bool]:
            """The place of the oldest line (they go newest first), of those `dating`
            reaches if any, and whether it does."""
            if reached is not None:
                for place in range(len(lines) - 1, -1, -1):
                    if _commit_of(lines[place][1]) in reached:
                        return place, True
            return len(lines) - 1, reached is None

        found: dict[str, Introduction] = {}
        for oid, scanned in wanted.items():
            key = oid.encode("ascii")
            if key not in self.origins:
                continue
            lines = [(b"", self.origins[key]), *later.get(key, ())]
            place, reachable = oldest(lines)
            if place:
                path = lines[place][0].decode("utf-8", "replace")
            else:  # the first line: scanned under its path, as git wrote it if quoted
                kept = self.paths.get(key)
                path = scanned if kept is None else kept.decode("utf-8", "replace")
            found[oid] = _introduction(lines[place][1], path, reachable)
        # each blob's names, each with its additions (the lines go newest first), read
        # once per blob: a blob under 20,000 names, each a file item, was 20,000 x
        # 20,000 comparisons
        names: dict[bytes, dict[bytes, list[tuple[bytes, bytes]]]] = {}
        arrivals: dict[tuple[str, str], Introduction] = {}
        for oid, path in items:
            key = oid.encode("ascii")
            by_name = names.get(key)
            if by_name is None:
                by_name = names[key] = {}
                for named, older in later.get(key, ()):
                    by_name.setdefault(_unquoted(named), []).append((named, older))
            if key not in self.origins:
                continue
            # the first line, newest, may be under the path too (only a path with no
            # later line is known to be its)
            lines = [(b"", self.origins[key]),
                     *by_name.get(path.encode("utf-8", "replace"), ())]
            place, reachable = oldest(lines)
            arrivals[(oid, path)] = _introduction(lines[place][1], path, reachable)
        return found, arrivals


def _sizes(root: Path, oids: list[str]) -> dict[str, int]:
    """The size of each blob the clone holds, by id (absent ones are left out)."""
    sizes: dict[str, int] = {}
    out = batch_check(root, (oid.encode("ascii") for oid in oids),
                      "%(objectname) %(objectsize)")
    for line in out.decode("ascii", "replace").splitlines():
        oid, _, size = line.partition(" ")
        if size.isdigit():
            sizes[oid] = int(size)
    return sizes


def log_listing(content_wanted: Callable[[str], bool],
                known: Mapping[tuple[str, str], list[Hit]] | None,
                unread: dict[tuple[bytes, bytes], int] | None, paths_filtered: bool,
                cached: dict[tuple[bytes, bytes], int] | None, stored: int | None,
                started: StartedLog | None) -> Listing:
    """The listing a scan's log pass fills (`scan_history`'s arguments): blobs of
    `unread` are left unread only when the tree's hits are `known`, and paths are
    filtered only when some are allowed."""
    listing = Listing(io.BytesIO(), unread if known is not None else None,
                      content_wanted if paths_filtered else None, cached)
    listing.stored, listing.started = stored, started
    return listing


def list_blobs(root: Path,
               unread: dict[tuple[bytes, bytes], int] | None = None) -> Listing | None:
    """The blobs of every commit, from one `git log --raw` pass; None when a ref names
    no commit (a tag of a blob or tree: the log would not see what it holds). The
    blobs of `unread` ((id, path) as the log names them -> size) met under that path
    are listed in `skipped`, not written to cat-file's input (and taken out of `unread`)."""
    if not log_lists_all(root):
        return None
    return log_pass(root, unread)


def log_pass(root: Path, unread: dict[tuple[bytes, bytes], int] | None = None,
              listing: Listing | None = None) -> Listing:
    """Read the log into `listing` (a new one writing to a temporary file by default)."""
    if listing is None:
        import tempfile  # a list of every blob: on disk

        listing = Listing(tempfile.TemporaryFile(), unread)  # noqa: SIM115 (closed by its reader)
    started, listing.started = listing.started, None
    if started is None:
        started = StartedLog(root, listing.stored)
    started.taken = True
    memory, errors, process = started.memory, started.errors, started.process
    listing.log = process
    try:
        if listing.stopped:  # the scan stopped before the log started
            process.kill()
        header = b""
        add = listing.add
        read = commits = 0
        watched = Watched(started.reader.stream, process.kill, waiting=started.reader.waiting)
        try:
            for raw in iter(functools.partial(started.reader.stream.readline, LINE_LIMIT),
                            b""):
                read += len(raw)
                if read > LOG_FLOOR and \
                        read > LOG_FLOOR + LOG_PER_OBJECT * (commits + len(listing.origins)):
                    listing.error = OVERSIZED_LOG.format(
                        megabytes=read >> 20, commits=commits, blobs=len(listing.origins))
                    process.kill()
                    break
                if len(raw) == LINE_LIMIT and raw[-1:] != b"\n":
                    listing.error = LONG_LINE.format(kilobytes=LINE_LIMIT >> 10)
                    process.kill()
                    break
                first = raw[:1]
                if first == b"\x01":
                    header = raw
                    commits += 1
                elif first == b":":
                    # `:old new old-id new-id S\tpath`; a merge has one more mode and id
                    # per parent (`::`): the new mode and id are those before the status.
                    tab = raw.find(b"\t")
                    words = raw[:tab].split(b" ")
                    oid = words[-2]
                    if words[(len(words) - 1) // 2 - 1] == GITLINK or not oid.strip(b"0"):
                        continue  # a submodule, or a deletion
                    add(oid, header, raw[tab + 1:].rstrip(b"\n"))
        except BaseException:
            process.kill()  # the parse stopped (cat-file gone): no one reads the log
            raise
        finally:
            watched.close()
            process.wait()
        if watched.stalled:
            listing.error = str(watched.error("log"))
        if listing.error is None and process.returncode != 0:
            listing.error = str(failure(errors, "log"))
            if "out of memory" in listing.error.lower():
                listing.error = LOG_OUT_OF_MEMORY.format(megabytes=memory >> 20)
        if listing.error is not None:
            listing.batch.close()
        else:
            listing.complete = True
    finally:
        started.close()
    return listing


def _feed(root: Path, listing: Listing, stdin: IO[bytes]) -> None:
    """Run the log pass into cat-file's input as it goes (in a thread), then close it:
    cat-file reads the first blobs while git still walks the commits."""
    try:
        # a small buffer of its own: cat-file starts on the first blobs named, not
        # once the pipe's 1 MB buffer is full
        with open(stdin.fileno(), "wb", buffering=FEED_BUFFER, closefd=False) as batch:
            listing.batch = batch
            log_pass(root, listing=listing)
    except Exception as error:  # cat-file gone, or the log failed: the caller sees it
        listing.complete = False
        listing.error = listing.error or f"git log: {error}"
    finally:
        with contextlib.suppress(OSError):
            stdin.close()


_ESCAPES = {ord("a"): 7, ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("v"): 11, ord("f"): 12,
            ord("r"): 13, ord("\\"): 92, ord('"'): 34}


def _unquoted(path: bytes) -> bytes:
    """A path as git C-quotes it in its output (`"a\\tb"`) back to its bytes."""
    if len(path) < 2 or path[:1] != b'"' or path[-1:] != b'"':
        return path
    out = bytearray()
    body, index = path[1:-1], 0
    while index < len(body):
        byte = body[index]
        if byte == 92 and index + 1 < len(body):
            following = body[index + 1]
            if following in _ESCAPES:
                out.append(_ESCAPES[following])
                index += 2
                continue
            digits = body[index + 1:index + 4]
            if len(digits) == 3 and all(48 <= d <= 55 for d in digits):
                out.append(int(digits, 8) & 0xFF)
                index += 4
                continue
        out.append(byte)
        index += 1
    return bytes(out)


def iter_blobs(root: Path, size_limit: int, absent: Absent | None = None,
               large_scan: LargeScan | None = None,
               listing: Listing | None = None, log_alongside: bool = False,
               read_ahead: bool | None = None) -> Iterator[Blob]:
    """Each blob reachable from any ref, once, with one of its paths.

    With a complete `listing` (the log's), cat-file reads the blobs it names; without
    one, `rev-list --objects --all` lists them. With `log_alongside`, `listing` is a
    new one that the log pass fills, in a thread, while cat-file reads the blobs it
    has named so far: on two cores git's commit walk no longer comes before the
    reading (when the log stops, `listing.complete` is false at the end and some
    blobs were not read). A damaged clone (objects absent, e.g. large blobs a mirror
    did not keep) is read for what it holds: `--missing=print` makes rev-list name an
    absent object instead of dying, cat-file answers `missing` for it, and `absent`
    counts them. With `read_ahead` (by default, on two cores or more), a thread reads
    cat-file's output ahead while the caller scans what came before.
    """
    absent = absent if absent is not None else Absent()
    with ErrorTail() as rev_err, ErrorTail() as cat_err:
        rev_list = None
        if log_alongside:
            source: IO[bytes] | int = PIPE
        elif listing is not None and listing.complete:
            listing.batch.seek(0)
            source = listing.batch
        else:
            rev_list = popen_git(
                root, "rev-list", "--objects", "--all", "--filter=object:type=blob",
                "--missing=print", stdout=PIPE, stderr=rev_err,
            )
            assert rev_list.stdout is not None
            source = rev_list.stdout
        # Each header starts with a word drawn for this run: see _read_batch
        nonce = os.urandom(8).hex().encode()
        cat_file = popen_git(
            root, "cat-file", "--buffer",
            f"--batch={nonce.decode()} %(objectname) %(objecttype) %(objectsize) %(rest)",
            stdin=source, stdout=PIPE, stderr=cat_err, bufsize=CHUNK,
        )
        assert cat_file.stdout is not None
        if rev_list is not None and rev_list.stdout is not None:
            rev_list.stdout.close()  # cat-file owns the read end now
        feeder = None
        if log_alongside and listing is not None and cat_file.stdin is not None:
            # in the run's context (`gitcmd.one_configuration`): a thread starts without
            context = contextvars.copy_context()
            feeder = threading.Thread(target=context.run,
                                      args=(_feed, root, listing, cat_file.stdin),
                                      name="git-log", daemon=True)
            feeder.start()
        processes = [(cat_file, cat_err, "cat-file")]
        if rev_list is not None:
            processes.append((rev_list, rev_err, "rev-list"))
        reader = None
        stream: IO[bytes] = cat_file.stdout
        if read_ahead if read_ahead is not None else default_read_ahead():
            reader = PipeReader(cat_file.stdout)
            stream = reader.stream

        def stop() -> None:  # cat-file (and what feeds it) wrote nothing for too long
            for process, _errors, _name in processes:
                process.kill()
            if listing is not None and listing.log is not None:
                listing.log.kill()

        # the log's lines taken while it feeds cat-file: a wait on them is no stall;
        # read ahead, the reader says since when a read waits: its reads are not wrapped
        watched = Watched(stream, stop, progress=None if feeder is None or listing is None
                          else listing.lines_taken,
                          waiting=None if reader is None else reader.waiting)
        try:
            try:
                yield from _read_batch(watched if reader is None else stream, size_limit,
                                       absent, large_scan, nonce,
                                       listing.from_cache if listing is not None else None)
            except GitError:  # an output cut short by the watch: its reason, not the cut
                if not watched.stalled:
                    raise
            stalled = watched.error("cat-file")
            if stalled is not None:
                raise stalled
        finally:
            watched.close()
            if reader is not None:  # its thread may wait on cat-file: git ends first
                for process, _errors, _name in processes:
                    if process.poll() is None:
                        process.kill()
                reader.close()
            cat_file.stdout.close()
            if listing is not None and feeder is None:
                listing.batch.close()
            for process, _errors, _name in processes:
                if process.poll() is None:
                    process.kill()
                process.wait()
            if feeder is not None and listing is not None:
                listing.stop_log()  # a log that writes no more blobs would run on
                feeder.join()
        for process, errors, name in processes:
            if process.returncode not in (0, -9):
                raise failure(errors, name)


def default_read_ahead() -> bool:
    """Whether cat-file's output is read ahead by a thread: with two cores or more."""
    return usable_cores() >= 2


# cat-file writes a loose object's header size and then its content, whatever its
# length: a forged object (a folder handed over as it is) whose header says 5 bytes and
# whose content goes on puts bytes of the repository's choosing where the next header is
# read, and one saying `tree 99999999` made the blobs after it (a committed key) pass
# unread: READY. So each header starts with a word drawn for the run, which no content
# can foresee, the byte after each content must be its newline, and a `missing` answer
# is an object id alone; anything else stops the scan (the history is not judged).
_MISSING = re.compile(rb"\??[0-9a-f]{40}(?:[0-9a-f]{24})? missing\n")
CORRUPT = ("git cat-file's output does not match the objects asked for: an object "
           "whose stated size is not its content's (damaged or forged)")
# A header is read up to its longest possible length, never to the next newline: a
# forged loose blob's content goes on past its stated size as far as it unfolds (200 KB
# of zlib, 192 MB without a newline), and was read whole as the next header before it
# was found not to be one. What cat-file echoes after the header's fixed words is the
# path the log gave, a line of at most LINE_LIMIT.
HEADER_LIMIT = LINE_LIMIT + 256
LONG_PATH = "a path of the history is longer than {kilobytes} KB"
# The headers, paths included, have the log's budget: rev-list names each blob with its
# path whatever the log could read, and a folder named with 60 KB over 20,000 files
# (1.4 MB of objects) made 1.2 GB of headers, each path kept: 41 s and 1.2 GB.
LONG_PATHS = "the paths of the history take {megabytes} MB for {blobs} blob(s), more " \
    "than a history's: a folder name of kilobytes over thousands of files"


def _read_batch(stream: IO[bytes] | Watched, size_limit: int, absent: Absent,
                large_scan: LargeScan | None = None,
                nonce: bytes | None = None, cached: Sized | None = None) -> Iterator[Blob]:
    """The blobs of cat-file's output. `cached`: the blobs the log named that the cache
    left unread (growing as the log goes on), counted in the paths' budget as if read,
    so that a run with the cache is judged whenever the same run without it is."""
    readline, read = stream.readline, stream.read  # tens of thousands of blobs
    start = nonce + b" " if nonce is not None else b""
    headers = blobs = 0
    while True:
        header = readline(HEADER_LIMIT)
        if not header:
            return
        if nonce is not None and not header.startswith(start):
            if not _MISSING.fullmatch(header):
                raise GitError(CORRUPT)
            absent.count += 1
            continue
        if len(header) == HEADER_LIMIT and header[-1:] != b"\n":
            raise GitError(LONG_PATH.format(kilobytes=LINE_LIMIT >> 10))
        headers += len(header)
        blobs += 1
        if headers > LOG_FLOOR and headers > LOG_FLOOR + LOG_PER_OBJECT * (
                blobs + (len(cached) if cached is not None else 0)):
            raise GitError(LONG_PATHS.format(megabytes=headers >> 20, blobs=blobs))
        fields = header[len(start):].rstrip(b"\n").split(b" ", 3)
        if len(fields) < 4:
            if len(fields) >= 2 and fields[1] == b"missing":
                absent.count += 1
                continue
            if len(fields) < 3:
                continue
            fields.append(b"")
        if not fields[2].isdigit():
            raise GitError(CORRUPT)
        oid, kind, size = fields[0].decode("ascii", "replace"), fields[1], int(fields[2])
        path = fields[3].decode("utf-8", "replace")
        if size <= size_limit:
            data = read(size)
            if read(1) != b"\n":
                raise GitError(CORRUPT)
            if kind == b"blob":  # its head is the data itself: no copy of 8 KB per blob
                yield Blob(oid, path, size, data, data)
            continue
        head = stream.read(min(size, HEAD_SIZE))
        reader = _BlobReader(stream, head, size - len(head))
        hits = large_scan(path, head, reader) if large_scan and kind == b"blob" else None
        reader.drain()
        if stream.read(1) != b"\n":
            raise GitError(CORRUPT)
        if kind == b"blob":
            yield Blob(oid, path, size, None, head, hits)


PathKind = Callable[[str, int, bytes], tuple[str, str] | None]


def scan_history(
    root: Path,
    size_limit: int,
    path_kind: PathKind,
    content_wanted: Callable[[str], bool],
    categories: frozenset[str] | None = None,
    workers: int | None = None,
    known: Mapping[tuple[str, str], list[Hit]] | None = None,
    unread: dict[tuple[bytes, bytes], int] | None = None,
    standalone_only: Callable[[str], bool] | None = None,
    head_on_branch: bool = False,
    paths_filtered: bool = True,
    stored: int | None = None,
    started: StartedLog | None = None,
    keep_clean: bool = False,
    cached: dict[tuple[bytes, bytes], int] | None = None,
    dating: Dating | None = None,
) -> HistoryScan:
    """Scan every blob once; then trace the blobs with hits to their commits.

    `path_kind` classifies a blob by its path, size and bytes (whole when held, else
    the first ones: secret files, artefacts); `content_wanted` says whether its content
    is to be scanned at all.
    `known` holds the hits (of `categories`) already found in blobs, by blob id and
    path: the working tree's files, scanned just before, are not scanned twice (a blob
    of `unread` that it lacks has none).
    `unread` names blobs of `known` (with their sizes), by id and path as git's log
    writes them (bytes), that `path_kind` judges by path and size alone: met under that
    path, they are not read from git again (`path_kind` gets no bytes for them); each
    is taken out of `unread` when met, so that the tree's entries are not all held.
    A blob whose path `standalone_only` names is searched for the detectors of
    `detectors.STANDALONE` only (a lockfile's old versions).
    Unless `paths_filtered` is false (`content_wanted` takes every path), a blob first
    met under a path `content_wanted` refuses is read under an older name it takes.
    `head_on_branch`: HEAD is known to be a branch's (symbolic), not detached.
    `stored`: the object store's bytes (`gitlayout.stored_bytes`), which set the log's
    memory; else git is asked (`count-objects`).
    `started`: the log's git, started by `start_log` for this scan (which stops it).
    `keep_clean`: list in `clean` the blobs a next run need not read (`blobcache`), when
    the log listed them (rev-list reads a blob under another of its paths than the log
    does, and never leaves one unread for its image name: none is kept from its pass);
    `cached`: those an earlier run listed so, keyed as `unread` (taken out as met).
    `dating`: the commits whose ancestry dates a value first (merge-request mode).
    """
    scan = functools.partial(scan_blobs, root, size_limit, path_kind, content_wanted,
                             categories, workers, known, standalone_only)
    listing = None
    try:
        if started is not None and not started.lists_all():
            started.discard()  # a ref names a tree or a blob: rev-list lists the blobs
            started = None
            result = scan(False, None)
        elif started is not None or log_lists_all(root, head_on_branch):
            # its input is cat-file's, given when cat-file starts
            listing = log_listing(content_wanted, known, unread, paths_filtered, cached,
                                  stored, started)
            result = scan(keep_clean, listing)
            if not listing.complete:  # the log stopped: rev-list lists the blobs, read again
                result = scan(False, None)
        else:
            result = scan(False, None)
    finally:
        if started is not None:
            started.discard()  # the scan stopped before its log pass took it
    return dated(root, listing, result, path_kind, dating)


def dated(root: Path, listing: Listing | None, result: HistoryScan,
          path_kind: PathKind, dating: Dating | None = None) -> HistoryScan:
    """`result` with the older names of its blobs classified and each hit and file
    item traced to its commits, from the log's `listing` (None: the log did not run)."""
    if listing is not None:
        result.absent += listing.absent
        _older_names(root, listing, result, path_kind)
    wanted: dict[str, str] = {}
    for occurrence in result.occurrences.values():
        for oid, (path, _line) in occurrence.blobs.items():
            wanted[oid] = path
    items = [blob for item in result.files.values() for blob in item.blobs]
    if listing is None:  # a ref names no commit: the log did not run
        try:
            result.introductions, result.arrivals = find_introductions(root, wanted, items,
                                                                       dating)
        except PartialLog as stopped:  # a commit or tree absent: keep the origins found
            result.introductions, result.arrivals = stopped.found, stopped.arrivals
            result.log_error = str(stopped)
    else:
        result.introductions, result.arrivals = listing.origins_of(wanted, items, dating)
        if listing.error is not None and (wanted or items):
            result.log_error = listing.error
        result.names = listing.names_of(
            oid for occurrence in result.occurrences.values()
            if occurrence.hit.kind in KEY_KINDS for oid in occurrence.blobs)
    return result


def scan_blobs(root: Path, size_limit: int, path_kind: PathKind,
               content_wanted: Callable[[str], bool], categories: frozenset[str] | None,
               workers: int | None, known: Mapping[tuple[str, str], list[Hit]] | None,
               standalone_only: Callable[[str], bool] | None, keep_clean: bool,
               listing: Listing | None) -> HistoryScan:
    """One pass over the blobs: those the log names as it goes (a new `listing`), those
    a complete one names (read by a log pass before), or all those rev-list walks (None)."""
    result = HistoryScan()
    scanner = BlobScanner(categories, workers)
    absent = Absent()
    # The blobs the log names but cat-file does not read, each with its place among
    # those it does; the log's thread appends to this list while blobs are read.
    skipped: list[bytes] = listing.skipped if listing is not None else []
    taken = 0

    def classify(oid: str, path: str, size: int, data: bytes) -> bool:
        """Whether the blob is a file item (a secret file, an artefact)."""
        classified = path_kind(path, size, data)
        if classified is not None:
            _file_item(result, oid, path, size, classified)
        return classified is not None

    def count_unread(oid: str, path: str, size: int) -> bool:
        result.blobs += 1
        result.bytes += size
        return classify(oid, path, size, b"")

    def keep(oid: str, path: str, size: int, data: bytes) -> None:
        """A blob the next run may count unread (`clean`), if its first bytes do not
        matter either: its path alone then says all it is."""
        if not head_matters(data[:HEAD_SIZE]) and path_kind(path, size, b"") is None:
            with contextlib.suppress(UnicodeError):
                kept(oid, path.encode("utf-8"), size)

    clean = result.clean
    path_bytes = 0

    def kept(oid: str, path: bytes, size: int) -> None:
        """Into `clean`, within what the cache's file holds: past it, the rest is read
        again next time, never held."""
        nonlocal path_bytes
        if len(clean) < blobcache.MAX_ENTRIES and \
                path_bytes + len(path) <= blobcache.MAX_PATH_BYTES:
            path_bytes += len(path)
            clean.append((oid.encode("ascii"), path, size))

    def take_skipped(before: int) -> None:
        """The unread blobs the log named before cat-file's blob number `before`, in
        the log's order: counted, classified and their known hits kept. Those judged
        by name wait for their sizes, asked once the log is over."""
        nonlocal taken
        while taken < len(skipped) and _written_before(skipped[taken]) <= before:
            _position, oid, path, size = _unpacked(skipped[taken])
            taken += 1
            if size < 0:
                continue
            # counted here once and for all: let it go (the log's thread only ever
            # rewrites the entries judged by name, whose size is not known yet)
            skipped[taken - 1] = COUNTED
            item = count_unread(oid, path, size)
            already = known.get((oid, path)) if known is not None else None
            if already and content_wanted(path):  # a tree file: its hits, if any
                _record(result, oid, path, already)
            elif keep_clean and not item and listing is not None and \
                    oid.encode("ascii") in listing.from_cache:
                kept(oid, path.encode("utf-8"), size)

    try:
        def large_scan(path: str, head: bytes, reader: Reader) -> list[Hit] | None:
            # Text too big to hold is read in windows, as in the tree: a 6 MB .env of
            # passwords in an old commit must not read "ready".
            text = text_reader(head, reader) if content_wanted(path) else None
            if text is None:
                return None
            return [hit for hit in scan_stream(text, path)
                    if categories is None or hit.category in categories]

        for index, blob in enumerate(iter_blobs(root, size_limit, absent, large_scan,
                                                listing, log_alongside=listing is not None
                                                and not listing.complete)):
            if taken < len(skipped) and _written_before(skipped[taken]) <= index:
                take_skipped(index)
            result.blobs += 1
            result.bytes += blob.size
            # the whole blob when it is held: a key store is judged on all its bytes
            item = classify(blob.oid, blob.path, blob.size,
                            blob.head if blob.data is None else blob.data)
            if blob.data is None:
                if blob.hits is None:
                    result.skipped_large += 1
                elif blob.hits:
                    _record(result, blob.oid, blob.path, blob.hits)
                continue
            text = text_view(blob.data) if content_wanted(blob.path) else None
            if text is None:  # binary, or not read for its content
                if keep_clean and not item:  # nothing to find in it
                    keep(blob.oid, blob.path, blob.size, blob.data)
                continue
            already = known.get((blob.oid, blob.path)) if known is not None else None
            if already is not None:  # the tree's (not what this scan would say of it)
                if already:
                    _record(result, blob.oid, blob.path, already)
                continue
            if keep_clean and not item:  # unless the scan finds a hit in it
                keep(blob.oid, blob.path, blob.size, blob.data)
            standalone = standalone_only is not None and standalone_only(blob.path)
            for found in scanner.add(blob.oid, blob.path, text, standalone):
                _record(result, *found)
        for found in scanner.finish():
            _record(result, *found)
        take_skipped(sys.maxsize)
    finally:
        scanner.close()
    result.absent = absent.count
    if listing is not None:
        result.from_cache = len(listing.from_cache)
    if clean:  # the blobs whose hits came after they were listed (a pool's) left out
        result.clean = [entry for entry in clean
                        if entry[0].decode("ascii") not in result.with_hits]
    if listing is not None and listing.complete:
        listing.size_unread(root)
        for _position, oid, path, size in listing.sized:
            if oid in listing.named:  # judged by name: never scanned, as a binary read is not
                count_unread(oid, path, size)
                result.skipped_large += size > size_limit
    return result


def _file_item(result: HistoryScan, oid: str, path: str, size: int,
               classified: tuple[str, str]) -> None:
    kind, where = classified
    item = result.files.get(where)
    if item is None:
        secret = kind in SECRET_FILE_KINDS
        if result.kept_files[secret] >= MAX_FILES:
            result.dropped_files[kind] += 1
            return
        result.kept_files[secret] += 1
        item = result.files[where] = PathItem(where, size, kind)
    item.size = max(item.size, size)
    if len(item.blobs) < MAX_BLOBS_PER_VALUE:
        item.blobs.append((oid, path))


def _older_names(root: Path, listing: Listing, result: HistoryScan,
                 path_kind: PathKind) -> None:
    """A blob is classified under the one name it is read under, its newest: a secret
    file by its name alone renamed since (a `.env` become `.env.example`, the usual
    clean-up) would be no file item at all. The older names of the blobs no item holds
    are searched at once for such names; the few found are classified too."""
    again = listing.again
    if not again:
        return
    # one line per name, each name behind a `/`: one pass in C over all of them
    joined = (b"\n/" + b"\n/".join(again[1::3])).lower()
    held = {oid for item in result.files.values() for oid, _path in item.blobs}
    found: dict[tuple[str, str], None] = {}
    line, position = -1, 0  # the text opens with a newline
    for match in SECRET_NAME_START.finditer(joined):
        start = match.start()
        line += joined.count(b"\n", position, start)
        position = start
        oid = again[3 * line].decode("ascii")
        if oid not in held:
            name = _unquoted(again[3 * line + 1]).decode("utf-8", "replace")
            found[(oid, name)] = None
    if not found:
        return
    sizes = _sizes(root, sorted({oid for oid, _name in found}))
    for oid, name in found:
        size = sizes.get(oid)
        classified = path_kind(name, size, b"") if size is not None else None
        if classified is not None and classified[0] in NAME_ONLY_KINDS:
            _file_item(result, oid, name, size or 0, classified)


class PartialLog(GitError):
    """`git log` stopped on an absent object; `found` and `arrivals` hold what it read
    before."""

    def __init__(self, message: str, found: dict[str, Introduction],
                 arrivals: dict[tuple[str, str], Introduction]) -> None:
        super().__init__(message)
        self.found, self.arrivals = found, arrivals


def _record(result: HistoryScan, oid: str, path: str, hits: list[Hit]) -> None:
    if hits:
        result.with_hits.add(oid)
    for hit in hits:
        key = (hit.kind, hit.digest)
        occurrence = result.occurrences.get(key)
        if occurrence is None:
            if len(result.occurrences) >= MAX_VALUES:
                result.dropped_values += 1
                continue
            occurrence = result.occurrences[key] = Occurrence(hit, path)
        if not occurrence.blocks_in_code and not hit.in_comment and \
                confidence(hit.kind, path) == HIGH:
            occurrence.blocks_in_code = True
        if len(occurrence.blobs) < MAX_BLOBS_PER_VALUE:
            occurrence.blobs.setdefault(oid, (path, hit.line))


def find_introductions(root: Path, wanted: dict[str, str],
                       items: Iterable[tuple[str, str]] = (), dating: Dating | None = None,
                       ) -> tuple[dict[str, Introduction], dict[tuple[str, str], Introduction]]:
    """For each blob id, the oldest commit whose tree diff adds it; for each (blob id,
    path) of `items`, the oldest adding it under that path (PartialLog when the log
    stops on an absent object). The first is not limited to the blobs' paths on
    purpose: a file renamed since keeps its blob, and only the whole log shows the
    commit that first added it under its old name."""
    items = list(items)
    if not wanted and not items:
        return {}, {}
    listing = log_pass(root)
    listing.batch.close()  # no cat-file reads it
    found, arrivals = listing.origins_of(wanted, items, dating)
    if listing.error is not None:
        raise PartialLog(listing.error, found, arrivals)
    return found, arrivals


def _introduction(header: bytes, path: str, reachable: bool = True) -> Introduction:
    parts = header[1:].rstrip(b"\n").decode("utf-8", "replace").split("\0")
    commit, stamp, date, author = [*parts, "", "", "", ""][:4]
    return Introduction(commit, int(stamp) if stamp.isdigit() else 0, date, author, path,
                        reachable)


def _commit_of(header: bytes) -> bytes:
    """The commit id of a log header (`\\x01id\\0time\\0date\\0author`)."""
    end = header.find(b"\0")
    return header[1:end] if end > 0 else header[1:].rstrip(b"\n")


class Dating:
    """The commits whose ancestry dates a value first (merge-request mode: HEAD and
    the base's commit). Every ref's log lists the blobs, and the oldest commit adding
    one is where it came in; but a branch anyone may push can hold an older commit
    adding the bytes a change brings (and removes again), which then dated them
    outside the change: the change's report hid them. Among the commits adding a
    blob, those these reach come first."""

    def __init__(self, root: Path, tips: tuple[str, ...]) -> None:
        self.root = root
        self.tips = tips

    def reached(self, headers: Iterable[bytes]) -> set[bytes] | None:
        """Of the commits these log headers name, those the tips reach; None when git
        cannot tell (every commit then counts, as without `dating`)."""
        wanted = {_commit_of(header) for header in headers}
        if not wanted:
            return set()
        reached: set[bytes] = set()
        try:
            for line in stream_git(self.root, "rev-list", "--end-of-options", *self.tips,
                                   "--"):
                if line in wanted:
                    reached.add(line)
                    if len(reached) == len(wanted):
                        break
        except GitError:
            return None
        return reached
