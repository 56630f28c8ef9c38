# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""One read of the tree for every family that reads it whole.

The secrets scan, REUSE and the licence headers each want most files of the snapshot.
Read in turn, each in its own loop, a file read by one was read again by the next
(or held in the snapshot's cache until then: 32 MB on a 64,000-file tree). Here each
family gives a `TreeReader`, and one loop over the listing reads each file once and
hands its bytes to every reader that wants them, a batch of files at a time (at most
`BATCH_FILES` files or about `BATCH_BYTES` held, never the tree).

A reader that fails is dropped and its error kept for its own rules only: the others
go on (`registry.Context.read_tree`).
"""

from __future__ import annotations

import time
from typing import Protocol

from opencheck.repository import FileEntry, Repository

# Files read before the readers take them, one reader after the other: a reader's own
# code and data stay warm over a run of files (one file at a time, each reader in turn,
# cost Orekit's check 6% more CPU), and memory stays bounded by the batch.
BATCH_FILES = 256
BATCH_BYTES = 2 << 20


class TreeReader(Protocol):
    """A family's side of the one read. `wants` is asked of every entry, in the
    listing's order, and ahead of `take` (by a batch): it must not count on the files
    before having been taken. `take` is called for each entry `wants` said yes to, in
    the listing's order, with the file's bytes or None when the snapshot could not or
    would not read it (`unreadable`, above the size limit): the reader then opens what
    it needs itself (`read_head`, `open`)."""

    def wants(self, entry: FileEntry) -> bool: ...

    def take(self, entry: FileEntry, data: bytes | None) -> None: ...

    def result(self) -> object:
        """What the reader made of the files it took (called once, after them)."""


class Pass:
    """The readers of one read, by name, with each one's error and the seconds its
    `take` calls spent; `read_seconds`, the rest of the read."""

    def __init__(self, readers: dict[str, TreeReader]) -> None:
        self.readers = dict(readers)
        self.errors: dict[str, Exception] = {}
        self.seconds: dict[str, float] = dict.fromkeys(readers, 0.0)
        self.read_seconds = 0.0

    def run(self, repo: Repository) -> None:
        readers = list(self.readers.items())
        clock = time.perf_counter
        started = clock()
        batch: list[tuple[FileEntry, bytes | None, list[str]]] = []
        held = 0
        for entry in repo.files:
            takers = [name for name, reader in readers if reader.wants(entry)]
            if not takers:
                continue
            data = repo.read_bytes(entry.path, keep=False)
            batch.append((entry, data, takers))
            held += len(data) if data is not None else 0
            if len(batch) >= BATCH_FILES or held >= BATCH_BYTES:
                readers = self._hand(batch, readers)
                batch, held = [], 0
        self._hand(batch, readers)
        # reading the files and asking who wants them
        self.read_seconds = clock() - started - sum(self.seconds.values())

    def _hand(self, batch: list[tuple[FileEntry, bytes | None, list[str]]],
              readers: list[tuple[str, TreeReader]]) -> list[tuple[str, TreeReader]]:
        """Each reader takes the batch's files it wanted, in their order, one reader
        after the other (each runs its own code on many files in a row); the readers
        left, without those that failed."""
        clock = time.perf_counter
        for name, reader in readers:
            started = clock()
            try:
                for entry, data, takers in batch:
                    if name in takers:
                        reader.take(entry, data)
            except Exception as error:  # that family's rules say so; the rest go on
                self.errors[name] = error
            self.seconds[name] += clock() - started
        return [(name, reader) for name, reader in readers if name not in self.errors]

